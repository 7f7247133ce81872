import type { FeedItem } from './feed-types';
import { classifyItems, itemContentHash, itemKey, normaliseLink } from './item-identity';

const item = (overrides: Partial<FeedItem> = {}): FeedItem => ({
  guid: null,
  url: null,
  title: 'Title',
  author: null,
  publishedAt: '2024-06-01T10:00:00.000Z',
  updatedAt: null,
  summary: 'Summary',
  content: null,
  categories: [],
  enclosures: [],
  ...overrides,
});

describe('itemKey', () => {
  it('uses the guid first', () => {
    expect(itemKey(item({ guid: ' g-1 ', url: 'https://a.example/x' }))).toBe('guid:g-1');
  });

  it('falls back to the normalised link: no fragment, no tracking parameters', () => {
    const key = itemKey(item({ url: 'HTTPS://A.example:443/x?utm_source=rss&b=2&a=1#top' }));
    expect(key).toBe('url:https://a.example/x?a=1&b=2');
    expect(itemKey(item({ url: 'https://a.example/x?a=1&b=2' }))).toBe(key);
  });

  it('falls back to a hash of title and date, stable across calls and sensitive to both', () => {
    const key = itemKey(item());
    expect(key).toMatch(/^hash:[0-9a-f]{64}$/);
    expect(itemKey(item())).toBe(key);
    expect(itemKey(item({ title: 'Other' }))).not.toBe(key);
    expect(itemKey(item({ publishedAt: null }))).not.toBe(key);
  });

  it('keeps a guid and a link of the same text apart', () => {
    expect(itemKey(item({ guid: 'https://a.example/x' }))).not.toBe(itemKey(item({ url: 'https://a.example/x' })));
  });
});

describe('itemContentHash', () => {
  it('changes when what a reader sees changes', () => {
    const base = itemContentHash(item());
    expect(itemContentHash(item({ title: 'Title (updated)' }))).not.toBe(base);
    expect(itemContentHash(item({ content: '<p>more</p>' }))).not.toBe(base);
    expect(
      itemContentHash(item({ enclosures: [{ url: 'https://a.example/a.mp3', type: null, length: null }] })),
    ).not.toBe(base);
  });

  it('ignores dates, which many feeds rewrite on every build', () => {
    expect(
      itemContentHash(item({ publishedAt: '2030-01-01T00:00:00.000Z', updatedAt: '2030-01-01T00:00:00.000Z' })),
    ).toBe(itemContentHash(item()));
  });
});

describe('classifyItems', () => {
  it('marks unseen items new, changed ones updated and the rest unchanged, in input order', () => {
    const kept = item({ guid: 'a' });
    const edited = item({ guid: 'b', title: 'New headline' });
    const fresh = item({ guid: 'c' });
    const seen = new Map([
      [itemKey(kept), itemContentHash(kept)],
      [itemKey(edited), itemContentHash(item({ guid: 'b', title: 'Old headline' }))],
    ]);
    const result = classifyItems([kept, edited, fresh], seen);
    expect(result.map((entry) => [entry.key, entry.change])).toEqual([
      ['guid:a', 'unchanged'],
      ['guid:b', 'updated'],
      ['guid:c', 'new'],
    ]);
    expect(result[1].contentHash).toBe(itemContentHash(edited));
  });

  it('counts an item repeated within one document once, and leaves the seen map untouched', () => {
    const seen = new Map<string, string>();
    const result = classifyItems([item({ guid: 'x' }), item({ guid: 'x' })], seen);
    expect(result.map((entry) => entry.change)).toEqual(['new', 'unchanged']);
    expect(seen.size).toBe(0);
  });
});

describe('normaliseLink', () => {
  it('returns null for something that is not a URL', () => {
    expect(normaliseLink('not a url')).toBeNull();
  });
});
