import { Schema, type Collection, type Connection, type Model, type mongo } from 'mongoose';
import { CLAIM_RETENTION_MS } from '@inkstream/dedup';
import { CoalescedFindByIds, CoalescedInsert, CoalescedUpsert, collectionOf } from '@inkstream/persistence';
import { expireAfterSecondsOf, retentionIndexStep } from './retention-index';
import type {
  ClaimRecord,
  DecisionRecord,
  FingerprintRecord,
  FingerprintStamp,
  IndexedRecord,
  StampQuery,
  StoredDecision,
} from './fingerprint-records';

export type {
  ClaimRecord,
  DecisionRecord,
  FingerprintRecord,
  FingerprintStamp,
  IndexedRecord,
  StampQuery,
  StoredDecision,
} from './fingerprint-records';

const schemaOf = <T extends { _id: string }>(collection: string) =>
  new Schema<T>(
    { _id: { type: String, required: true } },
    {
      collection,
      strict: false,
      versionKey: false,
      _id: false,
    },
  );

const fingerprintSchema = schemaOf<FingerprintRecord>('dedup_fingerprints');
// sameUrl is the latest with a URL, sameContent the first with a text: both a single index seek.
fingerprintSchema.index({ urlKey: 1, seenAt: -1 });
fingerprintSchema.index({ contentHash: 1, seenAt: 1 });
// Multikey: an article's lookup keys live in its own document, one index entry per key. One document per key
// (the former `dedup_postings`) cost ~20 rows and ~60 index entries per article, PostgreSQL's largest share.
fingerprintSchema.index({ postingKeys: 1 });
const claimSchema = schemaOf<ClaimRecord>('dedup_claims');
const decisionSchema = schemaOf<DecisionRecord>('dedup_decisions');
// Retention is a TTL index per collection (`ensureIndexes`), on the date each document is aged by.

/**
 * How long the index remembers: fingerprints and decisions expire this long after their date (`seenAt`,
 * `createdAt`); claims after ten minutes at most (`CLAIM_RETENTION_MS`).
 */
export interface FingerprintRetention {
  retentionMs: number;
}

/** Where lookup keys lived before they moved into the fingerprints: dropped at startup, nothing expires it now. */
export const LEGACY_POSTINGS_COLLECTION = 'dedup_postings';
/**
 * A decision record's `_id`. `key`: the raw document the decision was taken for (a content hash for decisions
 * recorded before, `planDelivery`).
 */
export const decisionId = (articleId: string, key: string): string => `${articleId}:${key}`;

/**
 * Storage primitives of the deduplicator's fingerprint index on MongoDB and FerretDB 2, without transactions. What
 * replicas race on is insert-only on a unique `_id` (claims, decisions): the first insert wins, on every server. A
 * fingerprint, with the keys it is posted under, is written only by its own article's processing. Each method is
 * one round trip (a batch), so deciding an article costs a handful, whatever its number of keys.
 */
export class FingerprintStore {
  private readonly fingerprints: Model<FingerprintRecord>;
  private readonly claims: Model<ClaimRecord>;
  private readonly decisions: Model<DecisionRecord>;
  // The same collections, typed with their records for the driver calls (see collectionOf).
  private readonly fingerprintDocs: Collection<FingerprintRecord>;
  private readonly claimDocs: Collection<ClaimRecord>;
  private readonly decisionDocs: Collection<DecisionRecord>;
  // Concurrent decisions' writes of one kind go out as one command (a command costs more than what it carries).
  private readonly fingerprintWrites: CoalescedUpsert<FingerprintRecord>;
  private readonly fingerprintInserts: CoalescedInsert<FingerprintRecord>;
  private readonly claimWrites: CoalescedInsert<ClaimRecord>;
  private readonly decisionWrites: CoalescedInsert<DecisionRecord>;
  // Reads by id too (candidates' records, claims' holders, the decisions waited for): concurrent decisions read the
  // same collections. A lookup's first read is not combined: one for several lookups returned more articles as the
  // store grew, and PostgreSQL's CPU per article with it (docs/benchmarks.md, 2026-12-07).
  private readonly fingerprintReads: CoalescedFindByIds<FingerprintRecord, IndexedRecord>;
  private readonly claimReads: CoalescedFindByIds<ClaimRecord>;
  private readonly decisionReads: CoalescedFindByIds<DecisionRecord>;

  constructor(
    private readonly connection: Connection,
    private readonly retention: FingerprintRetention,
  ) {
    const model = <T>(name: string, schema: Schema<T>): Model<T> =>
      (connection.models[name] as Model<T> | undefined) ?? connection.model<T>(name, schema);
    this.fingerprints = model('DedupFingerprint', fingerprintSchema);
    this.claims = model('DedupClaim', claimSchema);
    this.decisions = model('DedupDecision', decisionSchema);
    this.fingerprintDocs = collectionOf(this.fingerprints);
    this.claimDocs = collectionOf(this.claims);
    this.decisionDocs = collectionOf(this.decisions);
    this.fingerprintWrites = new CoalescedUpsert(this.fingerprintDocs);
    this.fingerprintInserts = new CoalescedInsert(this.fingerprintDocs);
    this.claimWrites = new CoalescedInsert(this.claimDocs);
    this.decisionWrites = new CoalescedInsert(this.decisionDocs);
    this.fingerprintReads = new CoalescedFindByIds(this.fingerprintDocs, { postingKeys: 0 });
    this.claimReads = new CoalescedFindByIds(this.claimDocs);
    this.decisionReads = new CoalescedFindByIds(this.decisionDocs);
  }

  /** The lookup indexes, and the TTL indexes that bound the index by the retention period. */
  async ensureIndexes(): Promise<void> {
    await this.fingerprints.createIndexes();
    await this.claims.createIndexes();
    await this.decisions.createIndexes();
    const expireAfterSeconds = expireAfterSecondsOf(this.retention.retentionMs);
    await ensureTtlIndex(this.fingerprintDocs, 'seenAt', expireAfterSeconds);
    await ensureTtlIndex(this.decisionDocs, 'createdAt', expireAfterSeconds);
    // Claims only settle races between overlapping decisions: kept minutes (`CLAIM_RETENTION_MS`), not a period.
    const claimSeconds = expireAfterSecondsOf(Math.min(this.retention.retentionMs, CLAIM_RETENTION_MS));
    await ensureTtlIndex(this.claimDocs, 'createdAt', claimSeconds);
  }

  /**
   * Drops the per-key postings collection of stores written before lookup keys moved into the fingerprints: no code
   * reads it and no TTL index expires it. Articles indexed before the upgrade keep their URL and text rules;
   * near-copies of them are found again once they are re-indexed or aged out by retention. Returns whether there was one.
   */
  async dropLegacyPostings(): Promise<boolean> {
    const db = this.connection.db;
    if (!db) throw new Error('fingerprint store: the connection has no database');
    const found = await db.listCollections({ name: LEGACY_POSTINGS_COLLECTION }, { nameOnly: true }).toArray();
    if (found.length === 0) return false;
    await db.dropCollection(LEGACY_POSTINGS_COLLECTION);
    return true;
  }

  /** An article's whole record, its lookup keys included, or null when it is not indexed. */
  async findFingerprint(id: string): Promise<FingerprintRecord | null> {
    return this.fingerprintDocs.findOne({ _id: id });
  }

  /** In no particular order, without their lookup keys (`IndexedRecord`); ids without a record are left out. */
  async findFingerprints(ids: readonly string[]): Promise<IndexedRecord[]> {
    return this.fingerprintReads.find(ids);
  }

  /**
   * Every indexed article posted under one of the keys, or with this URL, or with this text, without its
   * fingerprint: one read (a bitmap OR of three index scans) for all a lookup needs to rank candidates and pick the
   * URL and text matches. Unsorted on purpose: on DocumentDB a sorted or limited find is a persisted cursor, which
   * measured ~10 ms per query (most of it FerretDB dropping the PostgreSQL connection after such a cursor; the
   * embedded stack now keeps cursor state in files, see libs/embedded-stack/src/postgres/cluster.ts) against ~1 ms unsorted.
   * Nothing else goes in the `$or`: with an `_id` clause added (to tell a redelivery in the same read) DocumentDB
   * scanned the whole collection, and PostgreSQL's CPU per article went from 5.5 to 33 ms at 2,000 stored and
   * from 7.4 to 54 ms at 4,000 (`npm run bench:dedup`); a redelivery is told by a read of its own.
   */
  async findStamps(query: StampQuery): Promise<FingerprintStamp[]> {
    const clauses: mongo.Filter<FingerprintRecord>[] = [];
    if (query.postingKeys.length > 0) clauses.push({ postingKeys: { $in: [...query.postingKeys] } });
    if (query.urlKey) clauses.push({ urlKey: query.urlKey });
    if (query.contentHash !== undefined) clauses.push({ contentHash: query.contentHash });
    if (clauses.length === 0) return [];
    return this.fingerprintDocs
      .find<FingerprintStamp>(clauses.length === 1 ? clauses[0] : { $or: clauses }, {
        projection: {
          _id: 1,
          clusterId: 1,
          seenAt: 1,
          urlKey: 1,
          contentHash: 1,
          // Only the asked keys an article is posted under, of its ~50, which were most of what a lookup read. A
          // $setIntersection: a $filter with $in doubled PostgreSQL's CPU per read (1.0 to 2.2 ms at 10,000 stored),
          // this one 0.1 ms more there and 0.6 ms less in the client (400 lookups each, store of bench:dedup, 2026-12-06).
          postingKeys: { $setIntersection: ['$postingKeys', [...query.postingKeys]] },
        },
      })
      .toArray();
  }

  /** The cluster an article is in now, or null when it is not indexed. */
  async clusterOf(id: string): Promise<string | null> {
    const [record] = await this.fingerprintReads.find([id]);
    return record?.clusterId ?? null;
  }

  /**
   * Writes (or rewrites, on redelivery or edit) an article's fingerprint: only the article's own processing writes
   * it. A concurrent upsert of one id can fail with a duplicate key; the second attempt then updates.
   */
  async saveFingerprint(record: FingerprintRecord): Promise<void> {
    // Most fingerprints are new: a plain insert, the cheaper command on the server (an upsert is an update that
    // found nothing, then an insert). Taken (a redelivery, an edit), the record is rewritten.
    if ((await this.fingerprintInserts.insert([record])).length === 0) return;
    const { _id, ...fields } = record;
    const write = () => this.fingerprintWrites.upsert({ filter: { _id }, update: { $set: fields } });
    if ((await write()) === 'written' || (await write()) === 'written') return;
    throw new Error(`fingerprint ${_id}: the upsert met a duplicate key twice`);
  }

  /** Moves an article to another story, with the paragraph keys it is posted under (they count stories). */
  async setCluster(id: string, clusterId: string): Promise<void> {
    await this.fingerprintDocs.updateOne({ _id: id }, { $set: { clusterId } });
  }

  /**
   * Claims every key for `holder` in one unordered insert: a key nobody held is won; a duplicate-key error means
   * an article holds it already. Returns the keys that were held (by another article, or by `holder` itself on
   * redelivery): the error does not name the holder, `claimHolders` reads it.
   */
  async claim(holder: string, keys: readonly string[]): Promise<string[]> {
    return this.claimWrites.insert(keys.map((key) => ({ _id: key, holder, createdAt: new Date() })));
  }

  /** The holder of each of `keys` other than `holder` (a key held by `holder` itself, a redelivery, is its own). */
  async claimHolders(holder: string, keys: readonly string[]): Promise<Map<string, string>> {
    // Most claims win every key: no read at all.
    if (keys.length === 0) return new Map();
    const records = await this.claimReads.find(keys);
    return new Map(records.filter((record) => record.holder !== holder).map((record) => [record._id, record.holder]));
  }

  async findDecision(articleId: string, key: string): Promise<StoredDecision | null> {
    const [record] = await this.decisionReads.find([decisionId(articleId, key)]);
    if (!record) return null;
    const { _id: _ignored, createdAt: _written, ...decision } = record;
    return decision;
  }

  /**
   * Records the decision on an article's document (`key`) unless one is recorded already, and returns the one that
   * stands: when two replicas decide one article at once (a partition handed over mid-message), both publish the
   * first.
   */
  async recordDecision(articleId: string, key: string, decision: StoredDecision): Promise<StoredDecision> {
    const lost = await this.decisionWrites.insert([
      { _id: decisionId(articleId, key), ...decision, createdAt: new Date() },
    ]);
    if (lost.length === 0) return decision;
    const recorded = await this.findDecision(articleId, key);
    if (!recorded) throw new Error(`article ${articleId}: decision both present and absent`);
    return recorded;
  }
}

/**
 * Retention: the server deletes each document once its date is older than the retention period (MongoDB's TTL
 * monitor runs every 60 s; FerretDB 2 on DocumentDB runs the same deletes from its own background task), so the
 * index stays bounded by what can still match, on any number of replicas, with no timer of ours.
 */
async function ensureTtlIndex<T extends { _id: string }>(
  collection: Collection<T>,
  field: string,
  expireAfterSeconds: number,
): Promise<void> {
  // A collection nothing was written to yet does not exist (claims and decisions have no other index): no index.
  const existing = await collection.indexes().catch((error: unknown) => {
    if ((error as { codeName?: string }).codeName === 'NamespaceNotFound') return [];
    throw error;
  });
  const step = retentionIndexStep(existing, field, expireAfterSeconds);
  if (step.kind === 'keep') return;
  if (step.kind === 'replace') {
    // Another replica starting at the same time may have dropped it already.
    await collection.dropIndex(step.drop).catch((error: unknown) => {
      if ((error as { codeName?: string }).codeName !== 'IndexNotFound') throw error;
    });
  }
  await collection.createIndex({ [field]: 1 } as mongo.IndexSpecification, { expireAfterSeconds });
}
