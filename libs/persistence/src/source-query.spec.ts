import {
  buildSourceQuery,
  decodeSourceCursor,
  encodeSourceCursor,
  InvalidSourceCursorError,
  sourceCursorAfter,
} from './source-query';
import { sourceRecordFrom, sourceTerms } from './source-record';

const now = new Date('2026-12-06T09:00:00Z');

describe('sources listing query', () => {
  it('filters by state, host, words, tag and kind, sorted by the order asked with the id as tie-break', () => {
    expect(buildSourceQuery({ state: 'failing', host: 'Feeds.Example', q: 'Arab News' }, 'name', now)).toEqual({
      filter: {
        $and: [
          { name: { $type: 'string' } },
          { enabled: true, parked: false, 'status.consecutiveErrors': { $gt: 0 } },
          { terms: 'feeds.example' },
          { host: 'feeds.example' },
          { terms: { $regex: '^arab' } },
          { terms: { $regex: '^news' } },
        ],
      },
      sort: { name: 1, _id: 1 },
    });
    expect(buildSourceQuery({ state: 'due' }, 'lateness', now)).toEqual({
      filter: { $and: [{ nextRunAt: { $type: 'date' } }, { enabled: true, parked: false, nextRunAt: { $lte: now } }] },
      sort: { nextRunAt: 1, _id: 1 },
    });
    expect(buildSourceQuery({ state: 'paused', q: 'reut' }, 'lastFetch', now)).toEqual({
      filter: {
        $and: [
          { 'status.lastFetchAt': { $type: ['date', 'null'] } },
          { enabled: false },
          { terms: { $regex: '^reut' } },
        ],
      },
      sort: { 'status.lastFetchAt': -1, _id: 1 },
    });
  });

  it('resumes strictly after the cursor, never-fetched sources last when newest fetch comes first', () => {
    const at = '2026-12-06T08:00:00.000Z';
    const cursorOf = (query: { filter: Record<string, unknown> }) => (query.filter.$and as unknown[]).at(-1);
    expect(cursorOf(buildSourceQuery({}, 'lateness', now, { sort: 'lateness', value: at, id: 'src_b' }))).toEqual({
      $or: [{ nextRunAt: { $gt: new Date(at) } }, { nextRunAt: new Date(at), _id: { $gt: 'src_b' } }],
    });
    expect(cursorOf(buildSourceQuery({}, 'lastFetch', now, { sort: 'lastFetch', value: at, id: 'src_b' }))).toEqual({
      $or: [
        { 'status.lastFetchAt': { $lt: new Date(at) } },
        { 'status.lastFetchAt': new Date(at), _id: { $gt: 'src_b' } },
        { 'status.lastFetchAt': null },
      ],
    });
    expect(cursorOf(buildSourceQuery({}, 'lastFetch', now, { sort: 'lastFetch', value: null, id: 'src_b' }))).toEqual({
      'status.lastFetchAt': null,
      _id: { $gt: 'src_b' },
    });
    expect(() => buildSourceQuery({}, 'name', now, { sort: 'lateness', value: at, id: 'x' })).toThrow(
      'cursor was issued for sort=lateness, not sort=name',
    );
  });

  it('issues cursors it reads back and refuses forged ones', () => {
    const source = sourceRecordFrom({ kind: 'feed', url: 'https://a.example/rss', name: 'A' }, now);
    for (const sort of ['lateness', 'name', 'lastFetch'] as const) {
      const cursor = decodeSourceCursor(sourceCursorAfter(source, sort));
      expect(cursor).toEqual({
        sort,
        value: sort === 'name' ? 'A' : sort === 'lateness' ? now.toISOString() : null,
        id: source._id,
      });
    }
    const forged = (parts: unknown) => Buffer.from(JSON.stringify(parts)).toString('base64url');
    for (const text of [
      'not-base64-json',
      forged(['name', { $gt: '' }, 'x']),
      forged(['lateness', 'yesterday', 'x']),
      forged(['lateness', null, 'x']),
      forged(['size', 'a', 'x']),
      forged(['name', 'a', '']),
    ]) {
      expect(() => decodeSourceCursor(text)).toThrow(InvalidSourceCursorError);
    }
    expect(decodeSourceCursor(encodeSourceCursor({ sort: 'name', value: 'Ä', id: 'y' }))).toEqual({
      sort: 'name',
      value: 'Ä',
      id: 'y',
    });
  });

  it('finds a source by the words of its name, its host and its labels, and its tags', () => {
    expect(
      sourceTerms({ name: 'Arab News — World', url: 'https://www.arabnews.com:8443/rss.xml', tags: ['MENA'] }),
    ).toEqual(['arab', 'news', 'world', 'www.arabnews.com', 'www', 'arabnews', 'com', 'mena']);
    expect(sourceTerms({ name: '/srv/drop/', url: 'file:///srv/drop/', tags: [] })).toEqual(['srv', 'drop']);
  });
});
