// Concurrent callers' writes as one command, on the real server: what each caller is told (its own duplicate keys,
// its own failure), and that a batch of callers costs one command, which is the point of coalescing.
import { exampleEnrichedArticle } from '@inkstream/contracts';
import { claimGenerationsAt } from '@inkstream/dedup';
import { claimCollectionOf, FingerprintStore } from '@inkstream/dedup-mongo';
import {
  ArticleRepository,
  articleModels,
  CoalescedFindByIds,
  CoalescedInsert,
  CoalescedLookup,
  CoalescedUpsert,
  collectionOf,
  connectMongo,
  ensureArticleIndexes,
  observeMongoCommands,
  type ObservedCommand,
} from '@inkstream/persistence';
import { mongoUriFor, uniqueName } from '@inkstream/testing';
import { Schema, type Connection } from 'mongoose';

interface Note {
  _id: string;
  owner: string;
  version?: number;
  body?: string;
}

describe('coalesced commands (real MongoDB-protocol server)', () => {
  let mongo: Connection;
  const sent: ObservedCommand[] = [];
  let stopObserving: () => void = () => undefined;

  beforeAll(async () => {
    mongo = await connectMongo(mongoUriFor(uniqueName('coalesced')), { appName: 'coalesced-test' });
    stopObserving = observeMongoCommands((observed) => {
      if (observed.database === mongo.db?.databaseName) sent.push(observed);
    });
  });

  afterAll(async () => {
    stopObserving();
    await mongo?.close();
  });

  const notes = (name: string) =>
    collectionOf(mongo.model<Note>(name, new Schema<Note>({ _id: String }, { collection: uniqueName(name) })));
  const commandsOn = (name: string, collection: string) =>
    sent.filter((observed) => observed.command[name] === collection).length;
  const commandsNamed = (name: string) => sent.filter((observed) => Object.keys(observed.command)[0] === name).length;

  it('inserts concurrent callers in one command after the first, and tells each caller its own taken ids', async () => {
    const collection = notes('inserts');
    await collection.insertOne({ _id: 'held', owner: 'earlier' });
    const inserts = new CoalescedInsert(collection);
    const before = commandsNamed('insert');
    const answers = await Promise.all([
      inserts.insert([{ _id: 'a1', owner: 'a' }]),
      inserts.insert([
        { _id: 'b1', owner: 'b' },
        { _id: 'held', owner: 'b' },
      ]),
      inserts.insert([
        { _id: 'c1', owner: 'c' },
        { _id: 'b1', owner: 'c' },
      ]),
      inserts.insert([{ _id: 'd1', owner: 'd' }]),
    ]);
    expect(answers).toEqual([[], ['held'], ['b1'], []]);
    expect(commandsNamed('insert') - before).toBe(2);
    const stored = await collection.find({}).sort({ _id: 1 }).toArray();
    expect(stored.map(({ _id, owner }) => `${_id}:${owner}`)).toEqual(['a1:a', 'b1:b', 'c1:c', 'd1:d', 'held:earlier']);
  });

  it('fails only the caller whose document the server cannot take', async () => {
    const collection = notes('oversized');
    const inserts = new CoalescedInsert(collection);
    const oversized = { _id: 'big', owner: 'x', body: 'x'.repeat(17 * 1024 * 1024) };
    const settled = await Promise.allSettled([
      inserts.insert([{ _id: 'first', owner: 'x' }]),
      inserts.insert([{ _id: 'small', owner: 'x' }]),
      inserts.insert([oversized]),
      inserts.insert([{ _id: 'other', owner: 'x' }]),
    ]);
    expect(settled.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect((await collection.find({}).sort({ _id: 1 }).toArray()).map(({ _id }) => _id)).toEqual([
      'first',
      'other',
      'small',
    ]);
  });

  it('upserts concurrent callers as one bulk write, a condition that no longer holds coming back as a duplicate key', async () => {
    const collection = notes('upserts');
    await collection.insertOne({ _id: 'p', owner: 'x', version: 5 });
    const upserts = new CoalescedUpsert(collection);
    const note = (id: string, version: number) =>
      upserts.upsert({ filter: { _id: id, version: { $lt: version } }, update: { $set: { owner: 'x', version } } });
    const before = commandsNamed('update');
    const answers = await Promise.all([note('q', 1), note('p', 3), note('p', 7), note('r', 2)]);
    expect(answers).toEqual(['written', 'duplicate-key', 'written', 'written']);
    expect(commandsNamed('update') - before).toBe(2);
    expect(
      (await collection.find({}).sort({ _id: 1 }).toArray()).map(({ _id, version }) => `${_id}@${version}`),
    ).toEqual(['p@7', 'q@1', 'r@2']);
  });

  it('reads concurrent lookups with one $in and gives each caller the documents of its value', async () => {
    const collection = notes('lookups');
    await collection.insertMany([
      { _id: 'n1', owner: 'a' },
      { _id: 'n2', owner: 'b' },
      { _id: 'n3', owner: 'a' },
    ]);
    const lookups = new CoalescedLookup(collection, 'owner');
    const before = commandsNamed('find');
    const [first, a, b, none] = await Promise.all(['a', 'a', 'b', 'z'].map((owner) => lookups.lookup(owner)));
    expect(commandsNamed('find') - before).toBe(2);
    expect(first.map(({ _id }) => _id).sort()).toEqual(['n1', 'n3']);
    expect(a.map(({ _id }) => _id).sort()).toEqual(['n1', 'n3']);
    expect(b.map(({ _id }) => _id)).toEqual(['n2']);
    expect(none).toEqual([]);
  });

  it("reads concurrent callers' ids with one $in and gives each caller the documents of its own ids", async () => {
    const collection = notes('by-ids');
    await collection.insertMany([
      { _id: 'm1', owner: 'a', body: 'long' },
      { _id: 'm2', owner: 'b', body: 'long' },
      { _id: 'm3', owner: 'c', body: 'long' },
    ]);
    const reads = new CoalescedFindByIds<Note, Omit<Note, 'body'>>(collection, { body: 0 });
    const before = commandsNamed('find');
    const [first, both, again, missing, none] = await Promise.all([
      reads.find(['m1']),
      reads.find(['m2', 'm3']),
      reads.find(['m3', 'm3']),
      reads.find(['m9']),
      reads.find([]),
    ]);
    // The first alone, the three that came while it was in flight together; none asked, none sent.
    expect(commandsNamed('find') - before).toBe(2);
    expect(first).toEqual([{ _id: 'm1', owner: 'a' }]);
    expect(both.map(({ _id }) => _id).sort()).toEqual(['m2', 'm3']);
    expect(again).toEqual([{ _id: 'm3', owner: 'c' }]);
    expect(missing).toEqual([]);
    expect(none).toEqual([]);
  });

  it('the store writes the articles of concurrent messages in one insert, and notes their publication in one write', async () => {
    const models = articleModels(mongo);
    await ensureArticleIndexes(models);
    const repository = new ArticleRepository(models);
    const articles = Array.from({ length: 8 }, (_, i) => exampleEnrichedArticle({ id: `art_coalesced_${i}` }));
    const before = {
      inserts: commandsOn('insert', 'articles'),
      notes: commandsOn('insert', 'article_publications'),
      upserts: commandsOn('update', 'article_publications'),
    };
    const results = await Promise.all(
      articles.map((article) => repository.upsertEnriched(article, new Date().toISOString())),
    );
    await Promise.all(results.map(({ record }) => repository.markPublished(record)));
    expect(results.map(({ outcome }) => outcome)).toEqual(articles.map(() => 'inserted'));
    // The first goes alone, the seven that arrived while it was in flight together.
    expect(commandsOn('insert', 'articles') - before.inserts).toBe(2);
    // First notes are plain inserts, no upserts.
    expect(commandsOn('insert', 'article_publications') - before.notes).toBe(2);
    expect(commandsOn('update', 'article_publications') - before.upserts).toBe(0);
    expect(await Promise.all(results.map(({ record }) => repository.publishedVersion(record)))).toEqual(
      articles.map(() => 1),
    );
  });

  it('a first publication note never overwrites a later version noted meanwhile, and a stored-again article is noted anew', async () => {
    const models = articleModels(mongo);
    await ensureArticleIndexes(models);
    const repository = new ArticleRepository(models);
    const { record } = await repository.upsertEnriched(
      exampleEnrichedArticle({ id: 'art_noted_late' }),
      new Date().toISOString(),
    );
    await repository.markPublished({ ...record, version: 2 });
    await repository.markPublished(record);
    expect(await repository.publishedVersion(record)).toBe(2);
    // The same id stored again (deleted, then re-ingested): its version 1 is a new incarnation's, noted over the old.
    const again = { ...record, storedAt: new Date(Date.now() + 1_000).toISOString() };
    expect(await repository.publishedVersion(again)).toBe(0);
    await repository.markPublished(again);
    expect(await repository.publishedVersion(again)).toBe(1);
  });

  it("the deduplicator's new fingerprints are plain inserts, a rewritten one (a redelivery) replaces the record", async () => {
    const store = new FingerprintStore(mongo, { retentionMs: 3_600_000 });
    await store.ensureIndexes();
    const fingerprint = (contentHash: string, postingKeys: string[]) => ({
      _id: 'fp-rewrite',
      clusterId: 'fp-rewrite',
      sourceId: 'src',
      seenAt: new Date(),
      urlKey: null,
      contentHash,
      fingerprint: { v: 1 } as never,
      postingKeys,
    });
    const before = commandsOn('update', 'dedup_fingerprints');
    await store.saveFingerprint(fingerprint('rewrite-1', ['b:rewrite-1']));
    expect(commandsOn('update', 'dedup_fingerprints') - before).toBe(0);
    await store.saveFingerprint(fingerprint('rewrite-2', ['b:rewrite-2']));
    expect(await store.findFingerprint('fp-rewrite')).toMatchObject({
      contentHash: 'rewrite-2',
      postingKeys: ['b:rewrite-2'],
    });
  });

  it("the deduplicator's concurrent claims go out as one insert per generation, each told the keys it lost", async () => {
    // Mid-generation: one generation each. Near its end: the next one too, each generation's claims in one insert.
    for (const at of ['2026-12-07T09:12:00.000Z', '2026-12-07T09:19:00.000Z'].map(Date.parse)) {
      const store = new FingerprintStore(mongo, { retentionMs: 3_600_000 }, () => at);
      await store.ensureIndexes();
      const generations = claimGenerationsAt(at);
      const inserts = () => generations.reduce((sum, g) => sum + commandsOn('insert', claimCollectionOf(g)), 0);
      const before = inserts();
      const made = await Promise.all([
        store.claim('a', ['k1', 'k2']),
        store.claim('b', ['k3', 'k4']),
        store.claim('c', ['k2', 'k5']),
        store.claim('d', ['k4', 'k6']),
      ]);
      const lostIn = (keys: string[]) => new Map(keys.length === 0 ? [] : generations.map((g) => [g, keys]));
      expect(made).toEqual([[], [], ['k2'], ['k4']].map((keys) => ({ generations, held: lostIn(keys) })));
      expect(inserts() - before).toBe(2 * generations.length);
      const alsoIn = (g: number) => generations.find((other) => other !== g);
      expect(await store.claimHolders('c', made[2])).toEqual(
        generations.map((g) => ({
          key: 'k2',
          generation: g,
          holder: 'a',
          ...(alsoIn(g) ? { alsoIn: alsoIn(g) } : {}),
        })),
      );
      await Promise.all(generations.map((g) => mongo.collection(claimCollectionOf(g)).drop()));
    }
    expect(claimGenerationsAt(Date.parse('2026-12-07T09:19:00.000Z'))).toHaveLength(2);
  });

  it("the deduplicator's concurrent reads of fingerprints by id go out as one, without their lookup keys", async () => {
    const store = new FingerprintStore(mongo, { retentionMs: 3_600_000 });
    await store.ensureIndexes();
    for (const id of ['f1', 'f2', 'f3']) {
      await store.saveFingerprint({
        _id: id,
        clusterId: id,
        sourceId: 'src',
        seenAt: new Date(),
        urlKey: null,
        contentHash: `hash-${id}`,
        fingerprint: { v: 1 } as never,
        postingKeys: [`b:by-id-${id}`],
      });
    }
    const reads = commandsOn('find', 'dedup_fingerprints');
    const [first, records, cluster] = await Promise.all([
      store.findFingerprints(['f2']),
      store.findFingerprints(['f1', 'f2', 'f0']),
      store.clusterOf('f3'),
    ]);
    // The first alone, the two that came while it was in flight together.
    expect(first.map(({ _id }) => _id)).toEqual(['f2']);
    expect(records.map(({ _id }) => _id).sort()).toEqual(['f1', 'f2']);
    expect(records.every((found) => !('postingKeys' in found))).toBe(true);
    expect(cluster).toBe('f3');
    expect(commandsOn('find', 'dedup_fingerprints') - reads).toBe(2);
  });
});
