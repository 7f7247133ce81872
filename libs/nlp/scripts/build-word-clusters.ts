// Builds the English word clusters (libs/nlp/src/model/word-clusters.model.json) from unlabelled text: the words
// (not the tags) of every sentence of the English NER corpora and the article bodies of the extraction set.
// Deterministic (cluster-words.ts): rebuilding gives the same file byte for byte.
//   node -r @swc-node/register libs/nlp/scripts/build-word-clusters.ts
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WordClusterModel } from '../src/ner/word-clusters';
import { CLUSTER_OPTIONS, CLUSTER_SEED, clusterWords, extractionBodies } from './cluster-words';
import { loadBtc, loadGmb, loadWikigold, loadWnut17 } from './ner-data';

function main(): void {
  const labelled = [loadGmb(), loadWikigold(), loadBtc(), loadWnut17()].flat().map((s) => s.words);
  const sentences = [...labelled, ...extractionBodies()];
  const clusters = clusterWords(sentences);
  const tokens = sentences.reduce((n, words) => n + words.length, 0);
  const model: WordClusterModel = {
    source: `k-means (${CLUSTER_OPTIONS.clusters} clusters, seed ${CLUSTER_SEED}) of neighbour counts over ${tokens} tokens: the words of GMB 1.0, wikigold, Broad Twitter Corpus, WNUT 2017 and the extraction-dev article bodies`,
    licence:
      'ODbL 1.0 (GMB-derived), with attribution to wikigold, BTC, WNUT 2017 (CC BY 4.0) and the Zyte article-extraction benchmark (MIT)',
    clusters,
  };
  writeFileSync(join(__dirname, '..', 'src', 'model', 'word-clusters.model.json'), `${JSON.stringify(model)}\n`);
  console.log(`${Object.keys(clusters).length} words in ${CLUSTER_OPTIONS.clusters} clusters from ${tokens} tokens`);
}

main();
