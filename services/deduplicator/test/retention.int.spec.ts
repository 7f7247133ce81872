// The dedup index's retention on the real database: a pass deletes what was learned before the cutoff (every
// collection of the index), keeps what came after, and its deletes are index seeks.
import { createLogger } from '@inkstream/observability';
import { FingerprintStore, type FingerprintRecord } from '@inkstream/dedup-mongo';
import { connectMongo, summarisePlan } from '@inkstream/persistence';
import { mongoUriFor, uniqueName } from '@inkstream/testing';
import type { Connection } from 'mongoose';
import { RetentionSchedule } from '../src/retention-schedule';

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

async function learn(store: FingerprintStore, id: string, seenAt: Date): Promise<void> {
  await store.saveFingerprint(fingerprint(id, seenAt));
  await store.claim(id, [`c:${id}`, `b:${id}`]);
  await store.recordDecision(id, `hash-${id}`, { ...decision, clusterId: id });
}

describe('dedup index retention (real MongoDB-protocol server)', () => {
  let mongo: Connection;
  let store: FingerprintStore;

  beforeAll(async () => {
    mongo = await connectMongo(mongoUriFor(uniqueName('dedup-retention')), { appName: 'dedup-retention-test' });
    store = new FingerprintStore(mongo);
    await store.ensureIndexes();
  });

  afterAll(async () => {
    await mongo?.db?.dropDatabase();
    await mongo?.close();
  });

  it('deletes what the index learned before the cutoff and keeps the rest', async () => {
    for (let i = 0; i < 20; i += 1) await learn(store, `old-${i}`, new Date(Date.now() - 60_000));
    await new Promise((done) => setTimeout(done, 50));
    const cutoff = new Date();
    await new Promise((done) => setTimeout(done, 50));
    for (let i = 0; i < 5; i += 1) await learn(store, `new-${i}`, new Date());

    // Run through the schedule, as the deduplicator does, with a clock that puts the cutoff where we want it.
    const schedule = new RetentionSchedule(store, createLogger('retention-test', 'silent'), {
      retentionMs: 1_000,
      intervalMs: 3_600_000,
      clock: () => cutoff.getTime() + 1_000,
    });
    await schedule.runOnce();

    const count = (name: string) => mongo.collection(name).countDocuments({});
    expect(await count('dedup_fingerprints')).toBe(5);
    expect(await count('dedup_claims')).toBe(10);
    // The lookup keys go with their fingerprints.
    expect(await store.findStamps({ postingKeys: ['b:old-0', 's:old-19'] })).toEqual([]);
    expect((await store.findStamps({ postingKeys: ['b:new-0', 's:new-4'] })).map((stamp) => stamp._id).sort()).toEqual([
      'new-0',
      'new-4',
    ]);
    expect(await count('dedup_decisions')).toBe(5);
    expect(await store.findFingerprint('new-0')).not.toBeNull();
    expect(await store.findFingerprint('old-0')).toBeNull();
    // A second pass finds nothing more to delete.
    expect(await store.prune(cutoff)).toEqual({ fingerprints: 0, claims: 0, decisions: 0 });
  });

  it('finds what to delete through an index, not by reading every document', async () => {
    for (let i = 0; i < 300; i += 1) await store.claim(`bulk-${i}`, [`p:${i}`]);
    const plan = summarisePlan(
      await mongo.db?.command({
        explain: { find: 'dedup_claims', filter: { createdAt: { $lt: new Date(0) } } },
        verbosity: 'queryPlanner',
      }),
    );
    expect(plan.scans).toEqual([]);
    expect(plan.indexes).toContain('createdAt_1');
  });
});
