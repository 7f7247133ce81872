import {
  claimKeys,
  decodeFingerprint,
  DEFAULT_INDEX_SHAPE,
  encodeFingerprint,
  isSettledHolder,
  paragraphKeyId,
  postingKeyIds,
  rankCandidates,
  SaturatedKeys,
  sentenceKeyId,
  unknownParagraphKeys,
  type ArticleFingerprint,
  type ClaimOutcome,
  type FingerprintIndex,
  type FingerprintLookup,
  type IndexedArticle,
  type IndexShape,
} from '@inkstream/dedup';
import { beatenRivals } from './claim-outcome';
import type { FingerprintStamp, IndexedRecord } from './fingerprint-records';
import type { FingerprintStore } from './fingerprint-store';
import {
  byId,
  pickSameUrlAndContent,
  postedUnder,
  postingKeysFor,
  saturatedPostingKeys,
  stampPostings,
  storiesHolding,
  type PostedUnder,
} from './stamp-postings';

/** The delivery of an article an index view decides. */
export interface IndexDelivery {
  articleId: string;
  /** the raw document its decision is recorded for (`planDelivery`): written with its fingerprint */
  rawDocumentId: string;
  /** it repeats a crashed attempt whose fingerprint is indexed: lookups leave that article out */
  repeatsPrior: boolean;
}

/** What an article's lookup saw, for its insert. */
interface LookupMemo {
  /** who was posted under each key: the insert respects the caps without reading again */
  posted: PostedUnder;
  /** every article found, by id: when it was indexed (epoch ms) */
  foundAt: ReadonlyMap<string, number>;
  /** stock sentence keys not read (`LookupRead`): full, so the insert posts nothing under them */
  unread: ReadonlySet<string>;
}

/** What a lookup's first read found, and the keys it left out. */
interface LookupRead {
  stamps: FingerprintStamp[];
  /**
   * Sentence keys lately found full (stock text): they find no candidates and take no posting, so their holders,
   * a few stories' worth per key and several such keys per article in real news, are not read at all.
   */
  unread: ReadonlySet<string>;
}

export function indexedArticleFrom(record: IndexedRecord): IndexedArticle {
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
  return articlesIn(new Map((await store.findFingerprints(ids)).map((record) => [record._id, record])), ids);
}

function articlesIn(records: ReadonlyMap<string, IndexedRecord>, ids: readonly string[]): IndexedArticle[] {
  return ids
    .map((id) => records.get(id))
    .filter((record): record is IndexedRecord => record !== undefined)
    .map(indexedArticleFrom);
}

/** A lookup's reads done ahead (`readAhead`), for the lookup of the same fingerprint to use once. */
interface ReadAhead extends LookupRead {
  /** the records of the lookup's candidates and of its URL and text matches */
  records: ReadonlyMap<string, IndexedRecord>;
}

/**
 * libs/dedup's `FingerprintIndex` on MongoDB / FerretDB 2, with the in-memory index's semantics (sameUrl = the
 * latest with the URL, sameContent = the first with the text) and libs/dedup's index rules (candidate ranking,
 * caps, paragraph story counts, settled holders), and its concurrency contract: the fingerprint is written first, with the lookup keys it
 * is posted under (from then on a lookup finds it), then every claim key is inserted in one unordered batch where
 * the unique `_id` lets exactly one article win each key; a lost key names its holder, whose fingerprint is
 * returned in `lostTo` for the engine to settle the race. No transactions.
 *
 * `forDelivery` gives the view one delivery of an article decides through: its fingerprint is tagged with the raw
 * document it is decided for, and a delivery that repeats a crashed attempt (fingerprint written, decision not
 * recorded) looks up the others, never itself.
 */
export class MongoFingerprintIndex implements FingerprintIndex {
  // What each article's lookup saw, kept for its insert (the engine inserts the very fingerprint it looked up).
  private readonly seen = new WeakMap<ArticleFingerprint, LookupMemo>();

  /** the article a lookup leaves out: a redelivered one is never judged against itself */
  private readonly self: string | null;

  constructor(
    private readonly store: FingerprintStore,
    private readonly shape: IndexShape = DEFAULT_INDEX_SHAPE,
    private readonly delivery: IndexDelivery | null = null,
    // Shared with the views: `readAhead` is asked of the index, the lookup of a delivery's view.
    private readonly ahead = new WeakMap<ArticleFingerprint, ReadAhead>(),
    private readonly saturated = new SaturatedKeys(),
  ) {
    this.self = delivery?.repeatsPrior ? delivery.articleId : null;
  }

  forDelivery(delivery: IndexDelivery): MongoFingerprintIndex {
    return new MongoFingerprintIndex(this.store, this.shape, delivery, this.ahead, this.saturated);
  }

  /** Whether a lookup lately found this posting key full (`SaturatedKeys`): no two new articles meet through it. */
  isSaturated(key: string): boolean {
    return this.saturated.has(key, Date.now());
  }

  /**
   * The record indexed under `articleId` (an earlier delivery of the article), or null, read together with what
   * the lookup of `fingerprint` reads. A new article, most of them, then costs no read of its own to tell that it
   * is no redelivery; the next lookup of `fingerprint` that leaves no article out (a new article, an edit) uses these
   * reads, one that leaves out a crashed attempt (`repeatsPrior`) reads again.
   */
  async readAhead(fingerprint: ArticleFingerprint, articleId: string): Promise<IndexedRecord | null> {
    const read = await this.findStamps(fingerprint);
    const { wanted } = this.rank(fingerprint, read.stamps, null);
    const records = new Map((await this.store.findFingerprints([...wanted, articleId])).map((r) => [r._id, r]));
    this.ahead.set(fingerprint, { ...read, records });
    return records.get(articleId) ?? null;
  }

  /** One read for the articles sharing a key, the URL or the text, without their fingerprints. */
  private async findStamps(fingerprint: ArticleFingerprint): Promise<LookupRead> {
    const now = Date.now();
    const unread = new Set(
      Array.from(fingerprint.sentenceKeys, sentenceKeyId).filter((key) => this.saturated.has(key, now)),
    );
    const stamps = await this.store.findStamps({
      postingKeys: postingKeyIds(fingerprint).filter((key) => !unread.has(key)),
      urlKey: fingerprint.urlKey,
      contentHash: fingerprint.contentHash,
    });
    return { stamps, unread };
  }

  /** Candidates ranked from what the lookup's first read found; `wanted`: the articles whose records it needs. */
  private rank(fingerprint: ArticleFingerprint, stamps: readonly FingerprintStamp[], self: string | null) {
    const posted = postedUnder(stamps, postingKeyIds(fingerprint), self);
    this.saturated.note(saturatedPostingKeys(fingerprint, posted, this.shape), Date.now());
    const ranked = rankCandidates(fingerprint, stampPostings(posted), this.shape, byId);
    const candidateIds = ranked.candidates.map((stamp) => stamp._id);
    const same = pickSameUrlAndContent(stamps, fingerprint.urlKey, fingerprint.contentHash, self);
    // The fingerprints of the candidates and of the two articles the URL and text rules look at.
    const wanted = [...new Set([...candidateIds, same.sameUrl, same.sameContent])].filter((id) => id !== null);
    return { posted, ranked, candidateIds, same, wanted };
  }

  async lookup(fingerprint: ArticleFingerprint): Promise<FingerprintLookup> {
    // What was read ahead left no article out: of use only to a lookup that leaves none out either.
    const ahead = this.self === null ? this.ahead.get(fingerprint) : undefined;
    this.ahead.delete(fingerprint);
    const { stamps, unread } = ahead ?? (await this.findStamps(fingerprint));
    const { posted, ranked, candidateIds, same, wanted } = this.rank(fingerprint, stamps, this.self);
    const { paragraphStories } = ranked;
    const articles = ahead ? articlesIn(ahead.records, wanted) : await articlesById(this.store, wanted);
    const read = new Map(articles.map((article) => [article.id, article]));
    this.seen.set(fingerprint, {
      posted,
      foundAt: new Map(stamps.map((stamp) => [stamp._id, new Date(stamp.seenAt).getTime()])),
      unread,
    });
    const candidates = candidateIds.flatMap((id) => read.get(id) ?? []);
    // The boilerplate test looks at both sides' paragraphs: the candidates' need their story counts too.
    const unknown = unknownParagraphKeys(
      candidates.map((candidate) => candidate.fingerprint),
      paragraphStories,
    );
    if (unknown.length > 0) {
      const ids = unknown.map(paragraphKeyId);
      const holders = postedUnder(await this.store.findStamps({ postingKeys: ids }), ids, this.self);
      for (const key of unknown) paragraphStories.set(key, storiesHolding(holders.get(paragraphKeyId(key))));
    }
    return {
      sameUrl: read.get(same.sameUrl ?? '') ?? null,
      sameContent: read.get(same.sameContent ?? '') ?? null,
      candidates,
      paragraphStories,
    };
  }

  async insert(article: IndexedArticle, settles = true): Promise<ClaimOutcome> {
    const { fingerprint } = article;
    // Join the story the cluster's original is in now (it may have been moved by a settled race), as in memory.
    const cluster =
      article.clusterId === article.id
        ? article.id
        : ((await this.store.clusterOf(article.clusterId)) ?? article.clusterId);
    const memo = this.seen.get(fingerprint);
    const posted = memo?.posted ?? (await this.postedNow(fingerprint));
    const unread = memo?.unread ?? new Set<string>();
    // The fingerprint before any claim: whoever loses a claim to this article must be able to read it.
    await this.store.saveFingerprint({
      _id: article.id,
      clusterId: cluster,
      sourceId: article.sourceId,
      seenAt: new Date(article.seenAt),
      urlKey: fingerprint.urlKey,
      contentHash: fingerprint.contentHash,
      ...(this.delivery?.articleId === article.id ? { rawDocumentId: this.delivery.rawDocumentId } : {}),
      fingerprint: encodeFingerprint(fingerprint),
      postingKeys: postingKeysFor(fingerprint, cluster, posted, this.shape).filter((key) => !unread.has(key)),
    });
    const keys = claimKeys(fingerprint);
    const claims = await this.store.claim(article.id, keys);
    // A duplicate or an update stays one: who holds the keys it lost is not read (`FingerprintIndex.insert`).
    if (!settles) return { lostTo: [], beaten: [] };
    // A key held by this very article (a redelivery) is won, as in memory: `claimHolders` leaves it out.
    const held = await this.store.claimHolders(article.id, claims);
    const rivals = [...new Set(held.map((claim) => claim.holder))];
    const lostTo = await this.holdersOf(rivals, fingerprint, article.seenAt);
    return { lostTo, beaten: beatenRivals(keys, claims.generations, held, lostTo) };
  }

  /**
   * The holders of keys an article lost that could be racing it (libs/dedup's `isSettledHolder`). As the index
   * grows, many unique articles lose a band key to an unrelated older article (an LSH collision) their lookup found
   * already: such a settled holder is left out, not read again. Any other holder is read now: it may have been
   * recorded, or moved, since the lookup.
   */
  private async holdersOf(ids: readonly string[], fingerprint: ArticleFingerprint, seenAt: number) {
    const foundAt = this.seen.get(fingerprint)?.foundAt;
    const rivals = ids.filter((id) => {
      const found = foundAt?.get(id);
      return !isSettledHolder(found !== undefined, found ?? 0, seenAt);
    });
    return articlesById(this.store, rivals);
  }

  /** An insert without a lookup first (not the engine's way): reads who is posted under the article's keys. */
  private async postedNow(fingerprint: ArticleFingerprint): Promise<PostedUnder> {
    const keys = postingKeyIds(fingerprint);
    return postedUnder(await this.store.findStamps({ postingKeys: keys }), keys, this.self);
  }

  async moveToCluster(id: string, clusterId: string): Promise<void> {
    const [current, target] = await Promise.all([this.store.clusterOf(id), this.store.clusterOf(clusterId)]);
    // Its paragraph keys move with it: they count stories by the clusters of the articles posted under them.
    if (current === null || target === null || current === target) return;
    await this.store.setCluster(id, target);
  }
}
