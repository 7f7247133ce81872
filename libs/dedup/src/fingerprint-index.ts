import { isIndexedParagraph, type ArticleFingerprint } from './fingerprint';

export type MaybePromise<T> = T | Promise<T>;

/** An article as the index keeps it: its fingerprint and where it was placed. */
export interface IndexedArticle {
  id: string;
  /** the story cluster: the id of the cluster's original (first unique) article */
  clusterId: string;
  sourceId: string | null;
  /** epoch milliseconds when the deduplicator saw it */
  seenAt: number;
  fingerprint: ArticleFingerprint;
}

export interface FingerprintLookup {
  /** the latest article with the same canonical URL */
  sameUrl: IndexedArticle | null;
  /** the first article with the same content hash */
  sameContent: IndexedArticle | null;
  /** articles sharing at least one LSH band key or paragraph key: to be verified, never trusted as they are */
  candidates: IndexedArticle[];
  /**
   * For each paragraph key of the query and of the candidates: how many distinct story clusters hold it
   * (saturating). A paragraph held by two or more stories is site boilerplate, not content.
   */
  paragraphStories: ReadonlyMap<number, number>;
}

/** What inserting an article's fingerprint claimed: who held its keys already, and which of them it beat in turn. */
export interface ClaimOutcome {
  /**
   * earlier holders of keys this article shares (distinct, excluding itself), except the settled ones its lookup
   * found already (`isSettledHolder`: seen longer than `RACE_WINDOW_MS` before it), which cannot be racing it
   */
  lostTo: IndexedArticle[];
  /**
   * The ids of those holders that lost a claim key to this article in turn: it was first to a key both claimed
   * (where both claimed it). Each then sees the other, and both settle the race the same way.
   */
  beaten: string[];
}

/**
 * The deduplicator's port to its fingerprint store; the in-memory index implements it here, MongoDB in
 * libs/dedup-mongo, both with the rules of index-rules.ts and race-window.ts. Concurrency contract, which is what
 * lets N deduplicator replicas let one story through once:
 *
 * - `insert` writes the article's fingerprint FIRST, then claims each of its claim keys (canonical URL, content
 *   hash, band keys, paragraph keys), each claim an atomic "first holder wins" write (in MongoDB: insert into a
 *   collection with a unique index on the key; a duplicate-key error means lost, and names the holder).
 * - Two copies of one story decided at the same instant both looked up an index without the other, so both think
 *   they are unique; but they share claim keys, and for each shared key exactly one of them wins. The engine
 *   re-verifies every holder it lost to that it had not seen when it decided: a verified holder it beat to no key
 *   makes it a duplicate; when each won some (both see each other, `beaten`), the earlier `seenAt`, then the
 *   smaller id, stays the original. Both replicas compute the same answer from the same claims.
 * - `moveToCluster` then records the corrected placement.
 */
export interface FingerprintIndex {
  lookup(fingerprint: ArticleFingerprint): MaybePromise<FingerprintLookup>;
  /**
   * `settles` (default true): whether the caller settles races with the outcome. A duplicate or an update stays
   * one whatever it lost, so the engine passes false for it: its claims are still written (a later rival loses keys
   * to it), but an index may leave the outcome empty rather than read who holds the keys it lost.
   */
  insert(article: IndexedArticle, settles?: boolean): MaybePromise<ClaimOutcome>;
  moveToCluster(id: string, clusterId: string): MaybePromise<void>;
}

function hex32(value: number): string {
  return value.toString(16).padStart(8, '0');
}

export const urlClaimKey = (urlKey: string): string => `u:${urlKey}`;
export const contentClaimKey = (contentHash: string): string => `c:${contentHash}`;
export const bandClaimKey = (bandKey: number): string => `b:${hex32(bandKey)}`;
export const paragraphClaimKey = (paragraphKey: number): string => `p:${hex32(paragraphKey)}`;

/** The keys an article claims, as strings a document store can put under a unique index. */
export function claimKeys(fingerprint: ArticleFingerprint): string[] {
  const keys: string[] = [];
  if (fingerprint.urlKey) keys.push(urlClaimKey(fingerprint.urlKey));
  keys.push(contentClaimKey(fingerprint.contentHash));
  for (const key of fingerprint.bandKeys) keys.push(bandClaimKey(key));
  for (const key of new Set(fingerprint.paragraphKeys)) if (isIndexedParagraph(key)) keys.push(paragraphClaimKey(key));
  return keys;
}
