// The dedup index's retention on the real database: TTL indexes on the date each collection is aged by, which the
// server itself uses to delete what is older than the retention period. A store from before TTL retention (plain
// indexes on those dates) and a changed retention period both get their indexes replaced at startup.
import { CLAIM_GENERATION_MS, claimGenerationOf } from '@inkstream/dedup';
import {
  claimCollectionOf,
  claimGenerationOfCollection,
  FingerprintStore,
  LEGACY_CLAIMS_COLLECTION,
  type FingerprintRecord,
} from '@inkstream/dedup-mongo';
import { connectMongo } from '@inkstream/persistence';
import { mongoUriFor, uniqueName } from '@inkstream/testing';
import type { Connection } from 'mongoose';

const HOUR_MS = 3_600_000;

const fingerprint = (id: string, seenAt: Date): FingerprintRecord => ({
  _id: id,
  clusterId: id,
  sourceId: 'src',
  seenAt,
  urlKey: null,
  contentHash: `hash-${id}`,
  fingerprint: {
    bandKeys: '',
    paragraphKeys: '',
    numberKeys: '',
    sampleValues: '',
    sampleParagraphs: '',
    sampleShift: 0,
    shingleCount: 0,
  },
  postingKeys: [`b:${id}`, `s:${id}`],
});

const decision = {
  verdict: 'unique',
  duplicateOf: null,
  updates: null,
  similarity: 0,
  method: 'none',
  clusterId: 'x',
  checkedAt: '2026-01-01T00:00:00.000Z',
};

/** The expiry of each collection's index on its date, by collection. */
async function expiries(mongo: Connection): Promise<Record<string, number | undefined>> {
  const expiryOf = async (collection: string, field: string) =>
    (await mongo.collection(collection).indexes()).find(
      (index) => index.key[field] === 1 && index.name === `${field}_1`,
    )?.expireAfterSeconds;
  return {
    dedup_fingerprints: await expiryOf('dedup_fingerprints', 'seenAt'),
    dedup_decisions: await expiryOf('dedup_decisions', 'createdAt'),
  };
}

describe('dedup index retention (real MongoDB-protocol server)', () => {
  let mongo: Connection;

  beforeAll(async () => {
    mongo = await connectMongo(mongoUriFor(uniqueName('dedup-retention')), { appName: 'dedup-retention-test' });
  });

  afterAll(async () => {
    await mongo?.db?.dropDatabase();
    await mongo?.close();
  });

  it('creates the TTL indexes on a new database, where the collections do not exist yet', async () => {
    const fresh = await connectMongo(mongoUriFor(uniqueName('dedup-retention-new')), {
      appName: 'dedup-retention-test',
    });
    try {
      await new FingerprintStore(fresh, { retentionMs: 45 * 24 * HOUR_MS }).ensureIndexes();
      const days45 = 45 * 24 * 3_600;
      expect(await expiries(fresh)).toEqual({
        dedup_fingerprints: days45,
        dedup_decisions: days45,
      });
    } finally {
      await fresh.db?.dropDatabase();
      await fresh.close();
    }
  });

  it('expires what is older than the retention period with TTL indexes, replacing older indexes on the dates', async () => {
    // A store written before TTL retention: plain indexes on the dates.
    await mongo.collection('dedup_fingerprints').createIndex({ seenAt: 1 });
    await new FingerprintStore(mongo, { retentionMs: 45 * 24 * HOUR_MS }).ensureIndexes();
    const days45 = 45 * 24 * 3_600;
    expect(await expiries(mongo)).toEqual({
      dedup_fingerprints: days45,
      dedup_decisions: days45,
    });
    // Idempotent, and a changed period replaces the indexes.
    await new FingerprintStore(mongo, { retentionMs: 45 * 24 * HOUR_MS }).ensureIndexes();
    await new FingerprintStore(mongo, { retentionMs: 12 * HOUR_MS }).ensureIndexes();
    expect(await expiries(mongo)).toEqual({
      dedup_fingerprints: 12 * 3_600,
      dedup_decisions: 12 * 3_600,
    });
  });

  it('the server deletes what the index learned before the retention period, and keeps the rest', async () => {
    const store = new FingerprintStore(mongo, { retentionMs: 48 * HOUR_MS });
    await store.ensureIndexes();
    // Decisions are dated when written: written now, they stay; an old fingerprint goes.
    await store.saveFingerprint(fingerprint('old', new Date(Date.now() - 49 * HOUR_MS)));
    await store.saveFingerprint(fingerprint('new', new Date()));
    await store.recordDecision('new', 'hash-new', { ...decision, clusterId: 'new' });
    // Decisions written before the period (as a store running for months holds them).
    await mongo
      .collection('dedup_decisions')
      .insertOne({ _id: 'old:hash-old' as never, ...decision, createdAt: new Date(0) });

    // The server's TTL task runs on its own schedule (MongoDB: every 60 s): wait for it, within the test's timeout.
    const ids = async (collection: string) =>
      (
        await mongo
          .collection(collection)
          .find({}, { projection: { _id: 1 } })
          .toArray()
      ).map((doc) => String(doc._id));
    const expired = async (collection: string, id: string) => {
      while ((await ids(collection)).includes(id)) await new Promise((done) => setTimeout(done, 1_000));
    };
    await expired('dedup_fingerprints', 'old');
    await expired('dedup_decisions', 'old:hash-old');
    expect(await ids('dedup_fingerprints')).toEqual(['new']);
    expect(await ids('dedup_decisions')).toEqual(['new:hash-new']);
    // The lookup keys go with their fingerprints.
    expect((await store.findStamps({ postingKeys: ['b:old', 'b:new'] })).map((stamp) => stamp._id)).toEqual(['new']);
  }, 240_000);

  it('keeps claims by generation: a sweep drops the spent ones and the dated claims of older versions', async () => {
    const db = mongo.db;
    if (!db) throw new Error('no database');
    const names = async () => (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
    let now = Date.parse('2026-12-07T09:12:00.000Z');
    const G = claimGenerationOf(now);
    const store = new FingerprintStore(mongo, { retentionMs: 48 * HOUR_MS }, () => now);
    // An older version's claims: one collection, each claim dated and expired by a TTL index.
    await mongo.collection(LEGACY_CLAIMS_COLLECTION).insertOne({ _id: 'b:legacy' as never, holder: 'old' });
    expect(await store.sweepClaims()).toEqual([LEGACY_CLAIMS_COLLECTION]);
    // The current generation and the next are created ahead of their first claims.
    expect(await names()).toEqual(expect.arrayContaining([claimCollectionOf(G), claimCollectionOf(G + 1)]));
    expect(await names()).not.toContain(LEGACY_CLAIMS_COLLECTION);
    expect((await store.claim('x', ['b:shared'])).held).toEqual(new Map());

    // A generation later the key is free again in the new generation; the last one is still kept.
    now += CLAIM_GENERATION_MS;
    expect(await store.sweepClaims()).toEqual([]);
    expect(await names()).toEqual(expect.arrayContaining([claimCollectionOf(G), claimCollectionOf(G + 2)]));
    expect((await store.claim('y', ['b:shared'])).held).toEqual(new Map());

    // Two generations later the first is spent. Two replicas sweeping at once both get through.
    now += CLAIM_GENERATION_MS;
    const other = new FingerprintStore(mongo, { retentionMs: 48 * HOUR_MS }, () => now);
    const swept = await Promise.all([store.sweepClaims(), other.sweepClaims()]);
    expect(new Set(swept.flat())).toEqual(new Set([claimCollectionOf(G)]));
    const left = (await names()).filter((name) => claimGenerationOfCollection(name) !== null).sort();
    expect(left).toEqual([G + 1, G + 2, G + 3].map(claimCollectionOf));
    expect(
      await mongo
        .collection(claimCollectionOf(G + 1))
        .find({})
        .toArray(),
    ).toEqual([{ _id: 'b:shared', holder: 'y' }]);
  });
});
