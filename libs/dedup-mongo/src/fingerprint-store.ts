import { Schema, type Collection, type Connection, type Model, type mongo } from 'mongoose';
import { claimGenerationOf, isSpentClaimGeneration } from '@inkstream/dedup';
import {
  CoalescedFindByIds,
  CoalescedInsert,
  CoalescedUpsert,
  collectionNamed,
  collectionOf,
} from '@inkstream/persistence';
import { claimCollectionOf, claimGenerationOfCollection, LEGACY_CLAIMS_COLLECTION } from './claim-collections';
import type { HeldClaim } from './claim-outcome';
import { expireAfterSecondsOf, retentionIndexStep } from './retention-index';
import { claimPlacementsAt, claimRecordOf } from './fingerprint-records';
import type {
  ClaimRecord,
  DecisionRecord,
  FingerprintRecord,
  FingerprintStamp,
  IndexedRecord,
  StampQuery,
  StoredDecision,
} from './fingerprint-records';

export { claimPlacementsAt, claimRecordOf, type ClaimPlacement } from './fingerprint-records';
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
const decisionSchema = schemaOf<DecisionRecord>('dedup_decisions');
// Retention is a TTL index per collection (`ensureIndexes`), on the date each document is aged by; claims live in
// generations instead (`sweepClaims`).

/**
 * How long the index remembers: fingerprints and decisions expire this long after their date (`seenAt`,
 * `createdAt`). Claims are kept by generation, minutes (libs/dedup's claim-generations.ts).
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

/** What `claim` did: the generations it claimed in, and the keys it found held already in each. */
export interface ClaimsMade {
  generations: readonly number[];
  held: ReadonlyMap<number, readonly string[]>;
}

/** A claim generation's collection, with its concurrent claims and reads going out as one command each. */
interface ClaimGeneration {
  writes: CoalescedInsert<ClaimRecord>;
  reads: CoalescedFindByIds<ClaimRecord>;
}

/**
 * Storage primitives of the deduplicator's fingerprint index on MongoDB and FerretDB 2, without transactions. What
 * replicas race on is insert-only on a unique `_id` (claims, decisions): the first insert wins, on every server. A
 * fingerprint, with the keys it is posted under, is written only by its own article's processing. Each method is
 * one round trip (a batch), so deciding an article costs a handful, whatever its number of keys.
 */
export class FingerprintStore {
  private readonly fingerprints: Model<FingerprintRecord>;
  private readonly decisions: Model<DecisionRecord>;
  // The same collections, typed with their records for the driver calls (see collectionOf).
  private readonly fingerprintDocs: Collection<FingerprintRecord>;
  private readonly decisionDocs: Collection<DecisionRecord>;
  // Concurrent decisions' writes of one kind go out as one command (a command costs more than what it carries).
  private readonly fingerprintWrites: CoalescedUpsert<FingerprintRecord>;
  private readonly fingerprintInserts: CoalescedInsert<FingerprintRecord>;
  private readonly decisionWrites: CoalescedInsert<DecisionRecord>;
  // Reads by id too (candidates' records, claims' holders, the decisions waited for): concurrent decisions read the
  // same collections. A lookup's first read is not combined: one for several lookups returned more articles as the
  // store grew, and PostgreSQL's CPU per article with it (docs/benchmarks.md, 2026-12-07).
  private readonly fingerprintReads: CoalescedFindByIds<FingerprintRecord, IndexedRecord>;
  private readonly claimGenerations = new Map<number, ClaimGeneration>();
  private readonly decisionReads: CoalescedFindByIds<DecisionRecord>;

  constructor(
    private readonly connection: Connection,
    private readonly retention: FingerprintRetention,
    /** the time claims are made at (epoch ms): it picks their generation */
    private readonly clock: () => number = Date.now,
  ) {
    const model = <T>(name: string, schema: Schema<T>): Model<T> =>
      (connection.models[name] as Model<T> | undefined) ?? connection.model<T>(name, schema);
    this.fingerprints = model('DedupFingerprint', fingerprintSchema);
    this.decisions = model('DedupDecision', decisionSchema);
    this.fingerprintDocs = collectionOf(this.fingerprints);
    this.decisionDocs = collectionOf(this.decisions);
    this.fingerprintWrites = new CoalescedUpsert(this.fingerprintDocs);
    this.fingerprintInserts = new CoalescedInsert(this.fingerprintDocs);
    this.decisionWrites = new CoalescedInsert(this.decisionDocs);
    this.fingerprintReads = new CoalescedFindByIds(this.fingerprintDocs, { postingKeys: 0 });
    this.decisionReads = new CoalescedFindByIds(this.decisionDocs);
  }

  /** The lookup indexes, and the TTL indexes that bound the index by the retention period. */
  async ensureIndexes(): Promise<void> {
    await this.fingerprints.createIndexes();
    await this.decisions.createIndexes();
    const expireAfterSeconds = expireAfterSecondsOf(this.retention.retentionMs);
    await ensureTtlIndex(this.fingerprintDocs, 'seenAt', expireAfterSeconds);
    await ensureTtlIndex(this.decisionDocs, 'createdAt', expireAfterSeconds);
  }

  /**
   * Drops the claim generations no race can need any more (`isSpentClaimGeneration`) and the single claims
   * collection of older versions, and creates the current and next generations ahead of their first claims, so
   * replicas do not create one at the same instant. Returns the collections dropped. Run at startup and then on a
   * timer (`ClaimGenerationSweep`); claims stay correct without it, only kept longer.
   */
  async sweepClaims(): Promise<string[]> {
    const db = this.connection.db;
    if (!db) throw new Error('fingerprint store: the connection has no database');
    const now = this.clock();
    const names = (await db.listCollections({}, { nameOnly: true }).toArray()).map((collection) => collection.name);
    const spent = names.filter((name) => {
      const generation = claimGenerationOfCollection(name);
      return name === LEGACY_CLAIMS_COLLECTION || (generation !== null && isSpentClaimGeneration(generation, now));
    });
    for (const name of spent) {
      // Another replica may be sweeping at the same time.
      await db.dropCollection(name).catch((error: unknown) => {
        if ((error as { codeName?: string }).codeName !== 'NamespaceNotFound') throw error;
      });
    }
    const current = claimGenerationOf(now);
    for (const name of [claimCollectionOf(current), claimCollectionOf(current + 1)]) {
      if (names.includes(name)) continue;
      await db.createCollection(name).catch((error: unknown) => {
        if ((error as { codeName?: string }).codeName !== 'NamespaceExists') throw error;
      });
    }
    return spent;
  }

  private claimsIn(generation: number): ClaimGeneration {
    let claims = this.claimGenerations.get(generation);
    if (!claims) {
      for (const kept of this.claimGenerations.keys()) {
        if (isSpentClaimGeneration(kept, this.clock())) this.claimGenerations.delete(kept);
      }
      const collection = collectionNamed<ClaimRecord>(this.connection, claimCollectionOf(generation));
      claims = { writes: new CoalescedInsert(collection), reads: new CoalescedFindByIds(collection) };
      this.claimGenerations.set(generation, claims);
    }
    return claims;
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
   * Claims every key for `holder` in one unordered insert into each generation the clock puts the claim in (two
   * near a generation's end): a key nobody held is won; a duplicate-key error means an article holds it already.
   * Returns the keys that were held (by another article, or by `holder` itself on redelivery), by generation: the
   * error does not name the holder, `claimHolders` reads it.
   */
  async claim(holder: string, keys: readonly string[]): Promise<ClaimsMade> {
    const placements = claimPlacementsAt(this.clock());
    const generations = placements.map(({ generation }) => generation);
    const held = await Promise.all(
      placements.map(({ generation, alsoIn }) =>
        this.claimsIn(generation).writes.insert(keys.map((key) => claimRecordOf(holder, key, alsoIn))),
      ),
    );
    return {
      generations,
      held: new Map(
        generations.map((generation, i) => [generation, held[i]] as const).filter(([, lost]) => lost.length > 0),
      ),
    };
  }

  /**
   * Who holds each key `claim` found held, other than `holder` (a key held by `holder` itself, a redelivery, is its
   * own), in each generation: a key claimed in two generations can have a holder in each.
   */
  async claimHolders(holder: string, { held }: ClaimsMade): Promise<HeldClaim[]> {
    // Most claims win every key: no read at all.
    const found = await Promise.all(
      [...held].map(async ([generation, keys]) =>
        (await this.claimsIn(generation).reads.find(keys)).map((record) => ({ generation, ...record })),
      ),
    );
    return found
      .flat()
      .filter((record) => record.holder !== holder)
      .map(({ _id, generation, holder: other, alsoIn }) => ({
        key: _id,
        generation,
        holder: other,
        ...(alsoIn === undefined ? {} : { alsoIn }),
      }));
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
  // A collection nothing was written to yet does not exist (decisions have no other index): no index.
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
