import { encodeArticleCursor, encodeSearchCursor } from '@inkstream/persistence';
import { articleListQuery, idParam, streamQuery } from './article-params';

const issues = (input: unknown) => {
  const result = articleListQuery.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

describe('articleListQuery', () => {
  it('defaults to the newest 20 by storedAt', () => {
    expect(articleListQuery.parse({})).toEqual({
      kind: 'list',
      filter: {},
      field: 'storedAt',
      limit: 20,
      cursor: undefined,
    });
  });

  it('reads q as a full-text search in relevance order, with the same filters and a cursor of its own', () => {
    expect(articleListQuery.parse({ q: ' nato summit ', language: 'en' })).toEqual({
      kind: 'search',
      query: 'nato summit',
      filter: { language: 'en' },
      limit: 20,
      cursor: undefined,
    });
    const cursor = encodeSearchCursor({ query: 'nato', offset: 20 });
    expect(articleListQuery.parse({ q: 'nato', cursor })).toMatchObject({ cursor: { query: 'nato', offset: 20 } });
    expect(issues({ q: 'other', cursor })).toEqual(['cursor: cursor was issued for another search (q)']);
    expect(issues({ q: 'nato', sort: 'publishedAt' })).toEqual([
      'sort: cannot be combined with q (a search is ordered by relevance)',
    ]);
    expect(issues({ q: '' })).toEqual(['q: must not be empty']);
    expect(issues({ search: 'nato' })[0]).toMatch(/Unrecognized key/);
  });

  it('maps API names to the filter and normalises dates to stored ISO form', () => {
    const request = articleListQuery.parse({
      source: 'src-a',
      cluster: 'cl_1',
      place: 'BE',
      from: '2026-11-01',
      to: '2026-11-28T12:00:00+02:00',
      limit: '5',
    });
    expect(request.filter).toEqual({
      sourceId: 'src-a',
      clusterId: 'cl_1',
      place: 'BE',
      from: '2026-11-01T00:00:00.000Z',
      to: '2026-11-28T10:00:00.000Z',
    });
    expect(request.limit).toBe(5);
  });

  it('names the field of every mistake', () => {
    expect(issues({ limit: '101' })).toEqual(['limit: must be at most 100']);
    expect(issues({ limit: 'ten' })).toEqual(['limit: must be a number']);
    expect(issues({ from: 'yesterday' })[0]).toMatch(/^from: must be an ISO-8601 date/);
    expect(issues({ from: '2026-12-01', to: '2026-11-01' })).toEqual(['from: must not be after to']);
    expect(issues({ language: 'English' })[0]).toMatch(/^language:/);
    expect(issues({ cursor: 'garbage' })).toEqual(['cursor: cursor is not one this API issued']);
    expect(issues({ source: ['a', 'b'] })[0]).toMatch(/^source: Expected string, received array/);
  });

  it('refuses unknown parameters, e.g. bracket-syntax operators', () => {
    const result = articleListQuery.safeParse({ 'source[$ne]': 'x' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ code: 'unrecognized_keys', keys: ['source[$ne]'] });
  });

  it('decodes a cursor and checks it belongs to the requested sort', () => {
    const cursor = encodeArticleCursor({ field: 'storedAt', time: '2026-11-28T10:00:00.000Z', id: 'art_1' });
    expect(articleListQuery.parse({ cursor }).cursor).toEqual({
      field: 'storedAt',
      time: '2026-11-28T10:00:00.000Z',
      id: 'art_1',
    });
    expect(issues({ cursor, sort: 'publishedAt' })).toEqual([
      'cursor: was issued for sort=storedAt, not sort=publishedAt',
    ]);
  });
});

describe('streamQuery', () => {
  it('takes the same filters plus lastEventId and nothing else', () => {
    expect(streamQuery.parse({ language: 'en', lastEventId: '0:1' })).toEqual({
      filter: { language: 'en' },
      lastEventId: '0:1',
    });
    expect(streamQuery.safeParse({ limit: '5' }).success).toBe(false);
  });
});

describe('idParam', () => {
  it('accepts our ids and nothing that could be an expression', () => {
    expect(idParam.safeParse('art_5b1d0e8c').success).toBe(true);
    expect(idParam.safeParse('{"$gt":""}').success).toBe(false);
    expect(idParam.safeParse('a b').success).toBe(false);
  });
});
