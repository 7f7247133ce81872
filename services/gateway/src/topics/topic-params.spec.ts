import { browseQuery, startOffset, topicParam } from './topic-params';

describe('browseQuery', () => {
  it('starts at the last page by default, at an offset, or at a time', () => {
    expect(browseQuery.parse({})).toEqual({ start: { kind: 'latest' }, limit: 20, filter: {} });
    expect(browseQuery.parse({ offset: '42', limit: '5' })).toEqual({
      start: { kind: 'offset', offset: 42n },
      limit: 5,
      filter: {},
    });
    expect(browseQuery.parse({ timestamp: '2026-11-28T10:00:00Z' }).start).toEqual({
      kind: 'timestamp',
      at: Date.parse('2026-11-28T10:00:00Z'),
    });
  });

  it('filters by key, trace id and one header given as name=value (the value may hold =)', () => {
    expect(browseQuery.parse({ key: 'art_1', traceId: 't-1', header: 'source-id=a=b' }).filter).toEqual({
      key: 'art_1',
      traceId: 't-1',
      header: { name: 'source-id', value: 'a=b' },
    });
  });

  it('refuses unknown parameters, both starts at once, bad offsets, times and page sizes, naming the field', () => {
    const issues = (query: Record<string, string>) =>
      browseQuery.safeParse(query).error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    expect(issues({ partition: '1' })?.[0]).toMatch(/Unrecognized key.*partition/);
    expect(issues({ offset: '1', timestamp: '2026-11-28' })).toEqual([
      'offset: cannot be combined with timestamp (start at one or the other)',
    ]);
    expect(issues({ offset: '-1' })?.[0]).toMatch(/^offset: must be a whole number/);
    expect(issues({ timestamp: 'yesterday' })?.[0]).toMatch(/^timestamp: must be an ISO-8601/);
    expect(issues({ limit: '101' })).toEqual(['limit: must be at most 100']);
    expect(issues({ header: 'no-value' })?.[0]).toMatch(/^header: must be name=value/);
  });
});

describe('topicParam', () => {
  it('knows the pipeline and dead-letter topics and nothing else', () => {
    expect(topicParam.safeParse('news.clean.v1').success).toBe(true);
    expect(topicParam.safeParse('news.enriched.v1.inkstream.store.dlq').success).toBe(true);
    expect(topicParam.safeParse('__consumer_offsets').success).toBe(false);
  });
});

describe('startOffset', () => {
  const bounds = { low: 10n, high: 50n };

  it('clamps an asked offset into what the log holds', () => {
    expect(startOffset({ kind: 'offset', offset: 3n }, bounds, 20)).toBe(10n);
    expect(startOffset({ kind: 'offset', offset: 30n }, bounds, 20)).toBe(30n);
    expect(startOffset({ kind: 'offset', offset: 99n }, bounds, 20)).toBe(50n);
  });

  it('reads the last page by default and the first message at a time, or the end when none is that late', () => {
    expect(startOffset({ kind: 'latest' }, bounds, 20)).toBe(30n);
    expect(startOffset({ kind: 'latest' }, bounds, 100)).toBe(10n);
    expect(startOffset({ kind: 'timestamp', at: 0 }, bounds, 20, 25n)).toBe(25n);
    expect(startOffset({ kind: 'timestamp', at: 0 }, bounds, 20)).toBe(50n);
  });
});
