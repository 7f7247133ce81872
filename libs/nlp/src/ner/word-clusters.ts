// Word clusters of GloVe vectors (libs/nlp/scripts/cluster-words.ts): words used alike share a cluster, so a name
// never seen in training ("Rosneft") can borrow what the tagger learnt of its cluster-mates ("Gazprom"). They
// reach the features through the lexicon (`FeatureLexicon.clusters`).

export interface WordClusterModel {
  readonly source: string;
  readonly licence: string;
  /** Cluster key (`clusterKey`) → cluster id. */
  readonly clusters: Readonly<Record<string, number>>;
}

/** The form clusters are learnt and looked up by: lower case, digits as 0 ("1999" and "2024" share one). */
export function clusterKey(word: string): string {
  return word.toLowerCase().replace(/\d/gu, '0');
}

export function decodeWordClusters(model: WordClusterModel): ReadonlyMap<string, number> {
  return new Map(Object.entries(model.clusters));
}

/** The word's cluster id as a feature value, or "" for a word too rare in the unlabelled text to be clustered. */
export function wordCluster(word: string, clusters: ReadonlyMap<string, number> | undefined): string {
  const id = clusters?.get(clusterKey(word));
  return id === undefined ? '' : String(id);
}

let committed: ReadonlyMap<string, number> | undefined;

/** The committed clusters (`model/word-clusters.model.json`, 300,000 words), decoded once per process. */
export function committedWordClusters(): ReadonlyMap<string, number> {
  committed ??= decodeWordClusters(require('../model/word-clusters.model.json') as WordClusterModel);
  return committed;
}
