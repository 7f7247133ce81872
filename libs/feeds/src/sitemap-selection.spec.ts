import type { SitemapUrl } from './sitemap';
import { selectChildSitemaps, selectSitemapUrls, sitemapItemKey } from './sitemap-selection';

const now = new Date('2026-11-28T12:00:00Z');
const entry = (url: string, lastModified: string | null, newsDate?: string): SitemapUrl => ({
  url,
  lastModified,
  changeFrequency: null,
  priority: null,
  news: newsDate ? { publicationName: 'W', language: 'en', title: 't', publishedAt: newsDate, keywords: [] } : null,
});
const options = { maxUrls: 2, newsMaxAgeMs: 48 * 3_600_000 };

describe('selectSitemapUrls', () => {
  it('takes new and moved entries, newest first, bounded, skipping stale news and repeats', () => {
    const urls = [
      entry('https://s.example/a', '2026-11-27T00:00:00.000Z'),
      entry('https://s.example/b', '2026-11-28T00:00:00.000Z'),
      entry('https://s.example/c', null),
      entry('https://s.example/old-news', null, '2026-11-01T00:00:00.000Z'),
      entry('https://s.example/b?utm_source=x', '2026-11-28T00:00:00.000Z'),
      entry('https://s.example/seen', '2026-11-20T00:00:00.000Z'),
    ];
    const seen = new Map([[sitemapItemKey('https://s.example/seen'), { contentHash: '2026-11-20T00:00:00.000Z' }]]);
    expect(selectSitemapUrls(urls, seen, now, options).map((selected) => selected.url)).toEqual([
      'https://s.example/b',
      'https://s.example/a',
    ]);
    expect(selectSitemapUrls(urls, seen, now, { ...options, maxUrls: 10 }).map((s) => s.url)).toEqual([
      'https://s.example/b',
      'https://s.example/a',
      'https://s.example/c',
    ]);
  });

  it('marks an entry whose lastmod moved as an update', () => {
    const seen = new Map([[sitemapItemKey('https://s.example/a'), { contentHash: '2026-11-01T00:00:00.000Z' }]]);
    expect(selectSitemapUrls([entry('https://s.example/a', '2026-11-28T00:00:00.000Z')], seen, now, options)).toEqual([
      {
        url: 'https://s.example/a',
        itemKey: 'url:https://s.example/a',
        versionMark: '2026-11-28T00:00:00.000Z',
        isUpdate: true,
      },
    ]);
  });
});

describe('selectChildSitemaps', () => {
  it('reads the most recently modified children first', () => {
    const children = [
      { url: 'https://s.example/1.xml', lastModified: '2026-01-01T00:00:00.000Z' },
      { url: 'https://s.example/2.xml', lastModified: null },
      { url: 'https://s.example/3.xml', lastModified: '2026-11-01T00:00:00.000Z' },
    ];
    expect(selectChildSitemaps(children, 2).map((child) => child.url)).toEqual([
      'https://s.example/3.xml',
      'https://s.example/1.xml',
    ]);
  });
});
