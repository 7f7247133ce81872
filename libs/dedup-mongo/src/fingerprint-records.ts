import { claimGenerationsAt, type StoredFingerprint } from '@inkstream/dedup';

/** The deduplicator's fingerprint index as stored: its documents, one interface per collection. */

/** The deduplicator's decision for an article's text, kept so a redelivery reuses it. */
export interface StoredDecision {
  verdict: string;
  duplicateOf: string | null;
  updates: string | null;
  similarity: number;
  method: string;
  clusterId: string;
  /** when the article was first decided (ISO-8601): published with the decision, so a redelivery repeats it */
  checkedAt: string;
}

/** `dedup_fingerprints`: one per article seen by the deduplicator. */
export interface FingerprintRecord {
  _id: string;
  /** current story cluster; changed only when a race is settled (`setCluster`) */
  clusterId: string;
  sourceId: string | null;
  /** a BSON date so a MongoDB deployment can expire old fingerprints with a TTL index */
  seenAt: Date;
  urlKey: string | null;
  contentHash: string;
  /**
   * The raw document the article was decided for: its decision is recorded under it (`planDelivery`). Absent on
   * fingerprints indexed before decisions were keyed by document, and on those an engine wrote without a delivery.
   */
  rawDocumentId?: string;
  fingerprint: StoredFingerprint;
  /**
   * The lookup keys the article is posted under (band `b:`, sentence `s:`, paragraph `p:`), under a multikey index:
   * a lookup finds every article sharing a key in one indexed read. Keys already full when the article was indexed
   * are left out (caps: `takesPosting` and `takesStory` in libs/dedup).
   */
  postingKeys: string[];
}

/**
 * A fingerprint record without its lookup keys: what is read of a candidate, of a claim's holder and of an
 * article's own earlier delivery (`findFingerprints`). Its ~50 `postingKeys` were most of each record's bytes, and
 * only a lookup's first read (`findStamps`, the asked ones) and an insert's caps need them.
 */
export type IndexedRecord = Omit<FingerprintRecord, 'postingKeys'>;

/**
 * A fingerprint record without its fingerprint: what a lookup reads of every article it finds (`findStamps`), its
 * `postingKeys` only those the lookup asked for.
 */
export type FingerprintStamp = Pick<
  FingerprintRecord,
  '_id' | 'clusterId' | 'seenAt' | 'urlKey' | 'contentHash' | 'postingKeys'
>;

/** What a lookup asks for: articles posted under any of the keys, or with this URL, or with this text. */
export interface StampQuery {
  postingKeys: readonly string[];
  urlKey?: string | null;
  contentHash?: string;
}

/**
 * `dedup_decisions`: the final decision per article and raw document, `_id` = `<article id>:<raw document id>` (an
 * edit under the same id comes in another document, decided anew; decisions recorded before this keying are under
 * `<article id>:<content hash>`, see `planDelivery`). First insert wins: the decision that stands when two replicas decide one
 * article at once. An insert on a unique `_id`: the unique index alone picks the winner, in one write with no read
 * first, and the loser learns it from the duplicate-key error, on MongoDB and FerretDB 2 alike (claims work the same
 * way).
 */
export interface DecisionRecord extends StoredDecision {
  _id: string;
  /** when it was written: the TTL index expires the decision by it */
  createdAt: Date;
}

/**
 * A claim, in the collection of its generation (`dedup_claims_<start>`, claim-collections.ts): one per claim key
 * (`u:` `c:` `b:` `p:`); the unique `_id` makes the first insert the winner. Undated: a generation is dropped whole.
 */
export interface ClaimRecord {
  _id: string;
  /** the first article to insert this key: the claim's winner */
  holder: string;
  /** the other generation the holder claimed its keys in, when it claimed in two (near a generation's end) */
  alsoIn?: number;
}

/** A generation a claim goes into, and the other one the same claim goes into when it falls near a generation's end. */
export interface ClaimPlacement {
  generation: number;
  alsoIn: number | undefined;
}

/** Where claims made at `at` go: one generation, or two near a generation's end, each naming the other. */
export function claimPlacementsAt(at: number): ClaimPlacement[] {
  const generations = claimGenerationsAt(at);
  return generations.map((generation) => ({
    generation,
    alsoIn: generations.find((claimedIn) => claimedIn !== generation),
  }));
}

/** The record of `holder`'s claim on `key` in one generation (the deduplicator's and the bench fill's alike). */
export function claimRecordOf(holder: string, key: string, alsoIn: number | undefined): ClaimRecord {
  return alsoIn === undefined ? { _id: key, holder } : { _id: key, holder, alsoIn };
}
