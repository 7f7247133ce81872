import { exampleEnrichedArticle } from '@inkstream/contracts';
import {
  articleMatchesFilter,
  buildArticleQuery,
  decodeArticleCursor,
  encodeArticleCursor,
  InvalidCursorError,
  placeKey,
} from './article-query';
import { articleRecordFrom, cleanArticleFrom } from './article-record';

const article = cleanArticleFrom(
  articleRecordFrom(exampleEnrichedArticle(), {
    version: 1,
    storedAt: '2026-11-28T10:00:00.000Z',
    now: '2026-11-28T10:00:00.000Z',
    duplicates: [],
  }),
);

describe('buildArticleQuery', () => {
  it('sorts newest first with the id as tie-breaker and matches everything without filters', () => {
    expect(buildArticleQuery({})).toEqual({ filter: {}, sort: { storedAt: -1, _id: -1 } });
  });

  it('maps each filter to an indexed field, entity, place and topic through their normalised keys', () => {
    const { filter } = buildArticleQuery({
      sourceId: 'src-a',
      language: 'en',
      clusterId: 'cl_1',
      entity: 'Jens Stoltenberg',
      place: 'be',
      topic: 'politics',
      keyword: 'NATO Leaders',
      from: '2026-01-01T00:00:00.000Z',
      to: '2026-12-31T00:00:00.000Z',
    });
    expect(filter).toEqual({
      $and: [
        { sourceId: 'src-a' },
        { language: 'en' },
        { clusterId: 'cl_1' },
        { filterKeys: 'entity:jens stoltenberg' },
        { filterKeys: 'country:BE' },
        { filterKeys: 'topic:politics' },
        { 'keywords.value': 'nato leaders' },
        { storedAt: { $gte: '2026-01-01T00:00:00.000Z', $lte: '2026-12-31T00:00:00.000Z' } },
      ],
    });
  });

  it('resumes strictly after the cursor position', () => {
    const { filter } = buildArticleQuery({ language: 'en' }, 'storedAt', {
      field: 'storedAt',
      time: '2026-11-28T10:00:00.000Z',
      id: 'art_b',
    });
    expect(filter).toEqual({
      $and: [
        { language: 'en' },
        {
          $or: [
            { storedAt: { $lt: '2026-11-28T10:00:00.000Z' } },
            { storedAt: '2026-11-28T10:00:00.000Z', _id: { $lt: 'art_b' } },
          ],
        },
      ],
    });
  });

  it('leaves undated articles out of a publishedAt listing (nulls cannot be paged by range)', () => {
    expect(buildArticleQuery({}, 'publishedAt')).toEqual({
      filter: { publishedAt: { $type: 'string' } },
      sort: { publishedAt: -1, _id: -1 },
    });
  });

  it('refuses a cursor issued for another sort field', () => {
    expect(() => buildArticleQuery({}, 'publishedAt', { field: 'storedAt', time: 't', id: 'a' })).toThrow(
      InvalidCursorError,
    );
  });
});

describe('placeKey', () => {
  it('reads two letters as a country code and anything else as a place name, any case and accents', () => {
    expect(placeKey('de')).toBe('country:DE');
    expect(placeKey('Brussels')).toBe('place:brussels');
    expect(placeKey('KÖLN')).toBe('place:koln');
  });
});

describe('article cursors', () => {
  it('round-trip', () => {
    const cursor = { field: 'publishedAt' as const, time: '2024-07-06T09:00:00.000Z', id: 'art_x' };
    expect(decodeArticleCursor(encodeArticleCursor(cursor))).toEqual(cursor);
  });

  it('reject anything not issued by encodeArticleCursor, including operator objects', () => {
    const forged = Buffer.from(JSON.stringify(['storedAt', { $gt: '' }, 'a'])).toString('base64url');
    for (const text of ['', 'not-base64!', forged, Buffer.from('[1,2]').toString('base64url')]) {
      expect(() => decodeArticleCursor(text)).toThrow(InvalidCursorError);
    }
  });
});

describe('articleMatchesFilter', () => {
  it('agrees with the query on every filter', () => {
    expect(articleMatchesFilter(article, {})).toBe(true);
    expect(articleMatchesFilter(article, { sourceId: 'src-arabnews', language: 'en' })).toBe(true);
    expect(articleMatchesFilter(article, { sourceId: 'other' })).toBe(false);
    expect(articleMatchesFilter(article, { entity: 'Jens Stoltenberg' })).toBe(true);
    expect(articleMatchesFilter(article, { entity: 'jens STOLTENBERG' })).toBe(true);
    expect(articleMatchesFilter(article, { entity: 'Stoltenberg' })).toBe(false);
    expect(articleMatchesFilter(article, { place: 'be' })).toBe(true);
    expect(articleMatchesFilter(article, { place: 'Brussels' })).toBe(true);
    expect(articleMatchesFilter(article, { place: 'brussels' })).toBe(true);
    expect(articleMatchesFilter(article, { place: 'FR' })).toBe(false);
    expect(articleMatchesFilter(article, { topic: 'politics', keyword: 'NATO leaders' })).toBe(true);
    expect(articleMatchesFilter(article, { topic: 'Politics' })).toBe(true);
    expect(articleMatchesFilter(article, { clusterId: 'cl_other' })).toBe(false);
    expect(articleMatchesFilter(article, { from: '2026-11-28T10:00:00.000Z', to: '2026-11-28T10:00:00.000Z' })).toBe(
      true,
    );
    expect(articleMatchesFilter(article, { from: '2026-11-28T10:00:00.001Z' })).toBe(false);
    expect(articleMatchesFilter(article, { to: '2024-01-01T00:00:00.000Z' }, 'publishedAt')).toBe(false);
  });
});
