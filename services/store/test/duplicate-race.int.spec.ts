// A duplicate notice handled while its original is being inserted, in the one interleaving that used to lose it:
// the insert reads the (still empty) duplicates, the notice writes its record and finds no article yet, then the
// article is inserted. Forced deterministically on the real database by pausing the insert after its read.
import { exampleEnrichedArticle, type DuplicateNotice } from '@inkstream/contracts';
import { ArticleRepository, articleModels, connectMongo, ensureArticleIndexes } from '@inkstream/persistence';
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

    // Pause the insert right after it has read the duplicates: the notice runs to completion in that gap.
    const find = models.duplicates.find.bind(models.duplicates);
    let noticeHandled: Promise<unknown> | null = null;
    jest.spyOn(models.duplicates, 'find').mockImplementationOnce(((...args: Parameters<typeof find>) => {
      const query = find(...args);
      const exec = query.exec.bind(query);
      query.exec = (async () => {
        const result = await exec();
        noticeHandled = repository.recordDuplicate(notice, '2026-12-01T00:00:01.000Z');
        expect(await noticeHandled).toBeNull(); // no article yet: the notice could not attach itself
        return result;
      }) as typeof query.exec;
      return query;
    }) as typeof find);

    const result = await repository.upsertEnriched(original, '2026-12-01T00:00:02.000Z');
    expect(noticeHandled).not.toBeNull();
    expect(result.outcome).toBe('inserted');
    expect(result.record.duplicates.map((ref) => ref.id)).toEqual(['art_copy']);
    expect(result.record.version).toBe(2);
    const stored = await repository.findById('art_raced');
    expect(stored?.duplicates.map((ref) => ref.id)).toEqual(['art_copy']);
  });
});
