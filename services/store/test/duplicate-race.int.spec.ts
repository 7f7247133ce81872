// A duplicate notice handled before its original is stored (a copy decided while its original was still being
// enriched): the notice writes its record and finds no article to attach to. The insert reads the duplicates after
// writing the article, so it finds the notice's record whatever the interleaving, and attaches it.
import { exampleEnrichedArticle, type DuplicateNotice } from '@inkstream/contracts';
import {
  ArticleRepository,
  articleModels,
  connectMongo,
  duplicateRecordFrom,
  ensureArticleIndexes,
} from '@inkstream/persistence';
import { mongoUriFor, uniqueName } from '@inkstream/testing';
import type { Connection } from 'mongoose';

describe('a duplicate notice racing the insert of its original (real MongoDB-protocol server)', () => {
  let mongo: Connection;

  beforeAll(async () => {
    mongo = await connectMongo(mongoUriFor(uniqueName('dup-race')), { appName: 'dup-race-test' });
  });

  afterAll(async () => {
    await mongo?.db?.dropDatabase();
    await mongo?.close();
  });

  it('attaches the duplicate to the article even when the notice found no article to attach to', async () => {
    const models = articleModels(mongo);
    await ensureArticleIndexes(models);
    const repository = new ArticleRepository(models);
    const original = exampleEnrichedArticle({ id: 'art_raced' });
    const notice: DuplicateNotice = {
      schemaVersion: 1,
      id: 'art_copy',
      traceId: 'trace-copy',
      sourceId: 'src-wire',
      url: 'https://wire.example/copy',
      title: 'A copy',
      source: { id: 'src-wire', name: 'Wire', domain: 'wire.example' },
      rawDocumentId: 'raw_copy',
      duplicateOf: 'art_raced',
      clusterId: 'art_raced',
      similarity: 0.9,
      method: 'near-duplicate',
      detectedAt: '2026-12-01T00:00:00.000Z',
    };

    expect(await repository.recordDuplicate(notice, '2026-12-01T00:00:01.000Z')).toBeNull(); // no article yet

    const result = await repository.upsertEnriched(original, '2026-12-01T00:00:02.000Z');
    expect(result.outcome).toBe('inserted');
    expect(result.record.duplicates.map((ref) => ref.id)).toEqual(['art_copy']);
    expect(result.record.version).toBe(2);
    const stored = await repository.findById('art_raced');
    expect(stored?.duplicates.map((ref) => ref.id)).toEqual(['art_copy']);
  });

  it('attaches such a duplicate on redelivery when the store died between the insert and the attachment', async () => {
    const models = articleModels(mongo);
    await ensureArticleIndexes(models);
    const repository = new ArticleRepository(models);
    const original = exampleEnrichedArticle({ id: 'art_crashed' });
    // What a store killed between its insert and its read of the duplicates leaves: the article with none attached,
    // and the record of a notice handled just before the insert (it found no article, and was done with).
    expect((await repository.upsertEnriched(original, '2026-12-01T00:00:00.000Z')).outcome).toBe('inserted');
    const notice: DuplicateNotice = {
      schemaVersion: 1,
      id: 'art_late',
      traceId: 'trace-late',
      sourceId: 'src-wire',
      url: 'https://wire.example/late',
      title: 'A late copy',
      source: { id: 'src-wire', name: 'Wire', domain: 'wire.example' },
      rawDocumentId: 'raw_late',
      duplicateOf: 'art_crashed',
      clusterId: 'art_crashed',
      similarity: 0.9,
      method: 'near-duplicate',
      detectedAt: '2026-12-01T00:00:00.500Z',
    };
    await mongo.collection('duplicates').insertOne(duplicateRecordFrom(notice) as never);

    const redelivered = await repository.upsertEnriched(original, '2026-12-01T00:00:03.000Z');
    expect(redelivered.outcome).toBe('duplicate');
    expect(redelivered.record.duplicates.map((ref) => ref.id)).toEqual(['art_late']);
    expect((await repository.findById('art_crashed'))?.duplicates.map((ref) => ref.id)).toEqual(['art_late']);
    // Another redelivery finds it attached: nothing more to write.
    expect((await repository.upsertEnriched(original, '2026-12-01T00:00:04.000Z')).outcome).toBe('unchanged');
  });
});
