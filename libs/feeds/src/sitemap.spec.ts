import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { looksLikeSitemap, parseSitemap, SitemapParseError } from './sitemap';

const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', name), 'utf8');

describe('parseSitemap', () => {
  it('sitemap.xml: urls in document order with lastmod, changefreq and priority; non-http locs skipped', () => {
    expect(parseSitemap(fixture('sitemap.xml'))).toEqual({
      kind: 'urlset',
      urlsListed: 3,
      urls: [
        {
          url: 'https://www.dailyledger.example/',
          lastModified: '2024-06-10T08:00:00.000Z',
          changeFrequency: 'always',
          priority: 1,
          news: null,
        },
        {
          // image:loc inside image:image must not overwrite the page's loc
          url: 'https://www.dailyledger.example/world/2024/06/03/nato-ministers-brussels',
          lastModified: '2024-06-03T00:00:00.000Z',
          changeFrequency: 'weekly',
          priority: 0.8,
          news: null,
        },
        {
          url: 'https://www.dailyledger.example/search?q=brazil&page=2',
          lastModified: null,
          changeFrequency: null,
          priority: null,
          news: null,
        },
      ],
    });
  });

  it('sitemap-news.xml: Google News publication name, language, title, date and keywords', () => {
    const sitemap = parseSitemap(fixture('sitemap-news.xml'));
    expect(sitemap.kind).toBe('urlset');
    if (sitemap.kind !== 'urlset') return;
    expect(sitemap.urls.map((entry) => [entry.url, entry.lastModified, entry.news])).toEqual([
      [
        'https://wire.example/a/7781',
        null,
        {
          publicationName: 'Wire Desk',
          language: 'en',
          title: 'Election turnout hits record high',
          publishedAt: '2024-07-05T02:15:00.000Z',
          keywords: ['election', 'turnout', 'politics'],
        },
      ],
      [
        'https://wire.example/a/7779',
        '2024-07-04T21:00:00.000Z',
        {
          publicationName: 'Wire Desk',
          language: 'en',
          title: 'Heatwave warning extended & widened',
          publishedAt: '2024-07-04T00:00:00.000Z',
          keywords: [],
        },
      ],
    ]);
  });

  it('sitemap-index.xml: child sitemap URLs, relative ones resolved against baseUrl', () => {
    expect(
      parseSitemap(fixture('sitemap-index.xml'), { baseUrl: 'https://www.dailyledger.example/sitemap.xml' }),
    ).toEqual({
      kind: 'index',
      sitemaps: [
        { url: 'https://www.dailyledger.example/sitemaps/news.xml', lastModified: '2024-06-10T08:00:00.000Z' },
        { url: 'https://www.dailyledger.example/sitemaps/archive-2024-05.xml.gz', lastModified: null },
      ],
    });
  });

  it('reads a plain-text sitemap, one URL per line', () => {
    const sitemap = parseSitemap('https://a.example/1\r\n\nhttps://a.example/2\n');
    expect(sitemap.kind === 'urlset' && sitemap.urls.map((entry) => entry.url)).toEqual([
      'https://a.example/1',
      'https://a.example/2',
    ]);
  });

  it('never expands DOCTYPE entities', () => {
    const xml = `<?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY x SYSTEM "file:///etc/passwd"><!ENTITY a "aaaa">
      <!ENTITY b "&a;&a;&a;&a;&a;&a;">]><urlset><url><loc>https://a.example/&x;&b;</loc></url></urlset>`;
    const sitemap = parseSitemap(xml);
    expect(sitemap.kind === 'urlset' && sitemap.urls.map((entry) => entry.url)).toEqual(['https://a.example/&x;&b;']);
  });

  it('rejects a feed or HTML with a SitemapParseError naming the root element', () => {
    expect(() => parseSitemap(fixture('rss2-news.xml'))).toThrow(SitemapParseError);
    expect(() => parseSitemap(fixture('not-a-feed.html'))).toThrow(
      'not a sitemap: root element <html> at line 2 is not <urlset> or <sitemapindex>',
    );
    expect(() => parseSitemap('hello there')).toThrow(/not one URL per line/);
  });

  it('looksLikeSitemap recognises urlset and sitemapindex roots only', () => {
    expect(looksLikeSitemap(fixture('sitemap-news.xml'))).toBe(true);
    expect(looksLikeSitemap(fixture('sitemap-index.xml'))).toBe(true);
    expect(looksLikeSitemap(fixture('rss2-news.xml'))).toBe(false);
  });
});

describe('parseSitemap maxUrls', () => {
  it('keeps the first URLs of a large urlset and counts them all', () => {
    const entries = Array.from({ length: 1_000 }, (_, i) => `<url><loc>https://example.com/${i}</loc></url>`).join('');
    const parsed = parseSitemap(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${entries}</urlset>`, {
      maxUrls: 2,
    });
    expect(parsed).toMatchObject({
      kind: 'urlset',
      urlsListed: 1_000,
      urls: [{ url: 'https://example.com/0' }, { url: 'https://example.com/1' }],
    });
    expect(parsed.kind === 'urlset' && parsed.urls).toHaveLength(2);
  });

  it('bounds a plain-text sitemap the same way', () => {
    const parsed = parseSitemap('https://example.com/a\nhttps://example.com/b\nhttps://example.com/c\n', {
      maxUrls: 1,
    });
    expect(parsed).toEqual({
      kind: 'urlset',
      urlsListed: 3,
      urls: [expect.objectContaining({ url: 'https://example.com/a' })],
    });
  });
});
