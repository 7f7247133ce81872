import { exampleEnrichedArticle, uniqueArticleSchema } from '@inkstream/contracts';
import {
  articleContentHash,
  articleRecordFrom,
  cleanArticleFrom,
  publishedVersionFrom,
  revisedAtOf,
  uniqueArticleFromRecord,
} from './article-record';

const state = {
  version: 3,
  storedAt: '2026-11-28T10:00:00.000Z',
  now: '2026-11-28T11:00:00.000Z',
  duplicates: [],
};

describe('article records', () => {
  it('ignores what a redelivery changes (trace id, enrichment time) and sees what an edit changes', () => {
    const article = exampleEnrichedArticle();
    const redelivered = {
      ...article,
      traceId: 'another-trace',
      enrichment: { ...article.enrichment, enrichedAt: '2026-11-29T00:00:00.000Z' },
    };
    expect(articleContentHash(redelivered)).toBe(articleContentHash(article));
    expect(articleContentHash({ ...article, title: 'Edited' })).not.toBe(articleContentHash(article));
  });

  it('orders revisions by modification, then publication, then fetch time', () => {
    const article = exampleEnrichedArticle({ modifiedAt: null, publishedAt: null });
    expect(revisedAtOf(article)).toBe(article.fetchedAt);
    expect(revisedAtOf({ ...article, modifiedAt: '2026-12-01T00:00:00.000Z' })).toBe('2026-12-01T00:00:00.000Z');
  });

  it('publishes the record without its bookkeeping fields', () => {
    const clean = cleanArticleFrom(articleRecordFrom(exampleEnrichedArticle(), state));
    expect(clean).toMatchObject({
      id: exampleEnrichedArticle().id,
      version: 3,
      updatedAt: state.now,
      storedAt: state.storedAt,
    });
    expect(clean).not.toHaveProperty('_id');
    expect(clean).not.toHaveProperty('contentHash');
    expect(clean).not.toHaveProperty('filterKeys');
    expect(clean).not.toHaveProperty('searchText');
  });

  it('stores the text a story-scope search reads', () => {
    expect(articleRecordFrom(exampleEnrichedArticle(), state).searchText).toContain('Jens Stoltenberg');
  });

  it('never shows the publish bookkeeping that records stored before the publication ledger carry', () => {
    const legacy = { ...articleRecordFrom(exampleEnrichedArticle(), state), publishedVersion: 2 };
    expect(cleanArticleFrom(legacy)).not.toHaveProperty('publishedVersion');
  });

  it('counts a publication entry only for the incarnation of the article it was noted for', () => {
    expect(publishedVersionFrom({ _id: 'a', version: 3, storedAt: state.storedAt }, state.storedAt)).toBe(3);
    // Left by an article that was deleted and stored anew: the new one has published nothing yet.
    expect(publishedVersionFrom({ _id: 'a', version: 3, storedAt: '2026-01-01T00:00:00.000Z' }, state.storedAt)).toBe(
      0,
    );
    expect(publishedVersionFrom(null, state.storedAt)).toBe(0);
  });

  it('rebuilds a valid unique article from a record for re-enrichment', () => {
    const record = articleRecordFrom(exampleEnrichedArticle(), state);
    const unique = uniqueArticleFromRecord(record, 'reenrich-trace');
    expect(uniqueArticleSchema.parse(unique)).toMatchObject({
      id: record._id,
      traceId: 'reenrich-trace',
      body: record.body,
    });
  });
});

describe('new sources', () => {
  it('refuses a poll interval that would leave the next run date far off or not a date (1e308)', () => {
    const { sourceRecordFrom } = jest.requireActual('./source-record') as typeof import('./source-record');
    const add = (pollIntervalSeconds: number) =>
      sourceRecordFrom({ kind: 'feed', url: 'https://x.example/feed', name: 'x', pollIntervalSeconds }, new Date());
    expect(() => add(1e308)).toThrow(/at most 2592000 seconds/);
    expect(() => add(1.5)).toThrow(/whole number of seconds/);
    expect(add(3600).nextRunAt).toBeInstanceOf(Date);
  });
});
