import {
  claimKeys,
  type ArticleFingerprint,
  type ClaimOutcome,
  type FingerprintIndex,
  type FingerprintLookup,
  type IndexedArticle,
} from '@inkstream/dedup';
import type { FingerprintRecord, FingerprintStore } from '@inkstream/persistence';
import { decodeFingerprint, encodeFingerprint } from './fingerprint-codec';
import {
  addParagraphStories,
  DEFAULT_INDEX_SHAPE,
  indexedParagraphKeys,
  paragraphKeyId,
  pickSameUrlAndContent,
  postingCounts,
  postingKeyIds,
  postingsFor,
  rankCandidates,
  unknownParagraphKeys,
  type IndexShape,
} from './index-keys';

export function indexedArticleFrom(record: FingerprintRecord): IndexedArticle {
  return {
    id: record._id,
    clusterId: record.clusterId,
    sourceId: record.sourceId,
    seenAt: new Date(record.seenAt).getTime(),
    fingerprint: decodeFingerprint(record.fingerprint, record.urlKey, record.contentHash),
  };
}

/** Records for `ids`, in the order of `ids`, missing ones left out. */
async function articlesById(store: FingerprintStore, ids: readonly string[]): Promise<IndexedArticle[]> {
  const records = new Map((await store.findFingerprints(ids)).map((record) => [record._id, record]));
  return ids
    .map((id) => records.get(id))
    .filter((record): record is FingerprintRecord => record !== undefined)
    .map(indexedArticleFrom);
}

/**
 * libs/dedup's `FingerprintIndex` on MongoDB / FerretDB v1, with the in-memory index's semantics (sameUrl = the
 * latest with the URL, sameContent = the first with the text, candidates ranked by shared keys, paragraph story
 * counts, capped postings) and its concurrency contract: the fingerprint is written first, then every claim key
 * is inserted in one unordered batch where the unique `_id` lets exactly one article win each key; a lost key
 * names its holder, whose fingerprint is returned in `lostTo` for the engine to settle the race. No transactions.
 *
 * `forArticle(id)` gives a view whose lookups never return that article: an article redelivered after a crash
 * (fingerprint written, decision not recorded) is judged against the others, never against itself.
 */
export class MongoFingerprintIndex implements FingerprintIndex {
  // How full each key was when the article was looked up, so its insert respects the caps without reading again
  // (the engine inserts the very fingerprint object it looked up).
  private readonly countsSeen = new WeakMap<ArticleFingerprint, Map<string, number>>();

  constructor(
    private readonly store: FingerprintStore,
    private readonly shape: IndexShape = DEFAULT_INDEX_SHAPE,
    private readonly self: string | null = null,
  ) {}

  forArticle(id: string): MongoFingerprintIndex {
    return new MongoFingerprintIndex(this.store, this.shape, id);
  }

  async lookup(fingerprint: ArticleFingerprint): Promise<FingerprintLookup> {
    const [postings, stamps] = await Promise.all([
      this.store.findPostings(postingKeyIds(fingerprint)),
      this.store.sharingUrlOrContent(fingerprint.urlKey, fingerprint.contentHash),
    ]);
    this.countsSeen.set(fingerprint, postingCounts(postings));
    const { candidateIds, paragraphStories } = rankCandidates(fingerprint, postings, this.shape, this.self);
    const same = pickSameUrlAndContent(stamps, fingerprint.urlKey, fingerprint.contentHash, this.self);
    // One read for the candidates and the two articles the URL and text rules look at.
    const wanted = [...new Set([...candidateIds, same.sameUrl, same.sameContent])].filter((id) => id !== null);
    const byId = new Map((await articlesById(this.store, wanted)).map((article) => [article.id, article]));
    const candidates = candidateIds.flatMap((id) => byId.get(id) ?? []);
    // The boilerplate test looks at both sides' paragraphs: the candidates' need their story counts too.
    const unknown = unknownParagraphKeys(
      candidates.map((candidate) => candidate.fingerprint),
      paragraphStories,
    );
    if (unknown.length > 0) {
      addParagraphStories(paragraphStories, unknown, await this.store.findPostings(unknown.map(paragraphKeyId)));
    }
    return {
      sameUrl: byId.get(same.sameUrl ?? '') ?? null,
      sameContent: byId.get(same.sameContent ?? '') ?? null,
      candidates,
      paragraphStories,
    };
  }

  async insert(article: IndexedArticle): Promise<ClaimOutcome> {
    const { fingerprint } = article;
    // Join the story the cluster's original is in now (it may have been moved by a settled race), as in memory.
    const cluster =
      article.clusterId === article.id
        ? article.id
        : ((await this.store.clusterOf(article.clusterId)) ?? article.clusterId);
    const [counts] = await Promise.all([
      this.countsSeen.get(fingerprint) ?? this.store.findPostings(postingKeyIds(fingerprint)).then(postingCounts),
      // The fingerprint before any claim: whoever loses a claim to this article must be able to read it.
      this.store.saveFingerprint({
        _id: article.id,
        clusterId: cluster,
        sourceId: article.sourceId,
        seenAt: new Date(article.seenAt),
        urlKey: fingerprint.urlKey,
        contentHash: fingerprint.contentHash,
        fingerprint: encodeFingerprint(fingerprint),
      }),
    ]);
    const keys = claimKeys(fingerprint);
    const [holders] = await Promise.all([
      this.store.claim(article.id, keys),
      this.store.addPostings(postingsFor(fingerprint, article.id, cluster, counts, this.shape)),
    ]);
    // A key held by this very article (a redelivery) is won, as in memory.
    const won = keys.filter((key) => (holders.get(key) ?? article.id) === article.id);
    const rivals = [...new Set(holders.values())].filter((holder) => holder !== article.id);
    return { lostTo: await articlesById(this.store, rivals), won };
  }

  async moveToCluster(id: string, clusterId: string): Promise<void> {
    const [record, target] = await Promise.all([this.store.findFingerprint(id), this.store.clusterOf(clusterId)]);
    if (!record || target === null || record.clusterId === target) return;
    await this.store.setCluster(id, target);
    const paragraphs = indexedParagraphKeys(indexedArticleFrom(record).fingerprint).map(paragraphKeyId);
    await this.store.mergeStories(paragraphs, record.clusterId, target, id);
  }
}
