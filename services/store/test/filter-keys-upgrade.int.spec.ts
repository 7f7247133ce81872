// Upgrading a store written before `filterKeys`: at startup the store (and the gateway) give every older article
// its normalised filter keys once, drop the indexes those keys replaced, and remember that it is done.
import { exampleEnrichedArticle } from '@inkstream/contracts';
import { articleModels, articleRecordFrom, connectMongo, ensureArticleIndexes } from '@inkstream/persistence';
import { mongoUriFor, uniqueName } from '@inkstream/testing';
import type { Connection } from 'mongoose';

describe('upgrade to normalised filter keys (real MongoDB-protocol server)', () => {
  let mongo: Connection;

  beforeAll(async () => {
    mongo = await connectMongo(mongoUriFor(uniqueName('filter-keys')), { appName: 'filter-keys-test' });
  });

  afterAll(async () => {
    await mongo?.db?.dropDatabase();
    await mongo?.close();
  });

  it('backfills keys on articles stored without them, drops the replaced indexes, and runs only once', async () => {
    const models = articleModels(mongo);
    const articles = mongo.collection('articles');
    // An older release's store: articles without filterKeys, and its per-field indexes.
    await articles.createIndex({ 'entities.name': 1 });
    await articles.createIndex({ 'topics.value': 1 });
    const legacy = Array.from({ length: 620 }, (_, index) => {
      const { filterKeys: _keys, ...record } = articleRecordFrom(exampleEnrichedArticle({ id: `art_old${index}` }), {
        version: 1,
        storedAt: '2026-11-01T00:00:00.000Z',
        now: '2026-11-01T00:00:00.000Z',
        duplicates: [],
      });
      return record;
    });
    await articles.insertMany(legacy as never[]);

    await ensureArticleIndexes(models);

    expect(await articles.countDocuments({ filterKeys: { $exists: false } })).toBe(0);
    expect(await articles.countDocuments({ filterKeys: 'entity:jens stoltenberg' })).toBe(620);
    const indexes = (await articles.listIndexes().toArray()).map((index) => index.name);
    expect(indexes).not.toContain('entities.name_1');
    expect(indexes).not.toContain('topics.value_1');
    expect(indexes).toEqual(expect.arrayContaining(['filterKeys_1', 'article_story_text']));

    // Done once: a record written later without keys (by an old replica still running) is not scanned for again.
    await articles.insertOne({ ...(legacy[0] as object), _id: 'art_late' } as never);
    await ensureArticleIndexes(models);
    expect(await articles.countDocuments({ filterKeys: { $exists: false } })).toBe(1);
  });
});
