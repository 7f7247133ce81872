import { parseHtml } from './dom';
import { readMetadata, urlDate } from './metadata';

const page = (head: string, body = ''): ReturnType<typeof readMetadata> =>
  readMetadata(parseHtml(`<html><head>${head}</head><body>${body}</body></html>`), 'https://news.example/x');

describe('page metadata: dates and authors', () => {
  it('reads a day from the URL path when the page states none', () => {
    expect(urlDate('https://news.example/2023/04/28/story')).toBe('2023-04-28T00:00:00.000Z');
    expect(urlDate('https://news.example/cnt/dmf20250202_96887132')).toBe(null);
    expect(page('', '<p>Text.</p>').publishedAt).toBe(null);
  });

  it('skips a date source that does not parse for the next one that does', () => {
    const meta = page(
      '<meta name="date" content="vor 3 Stunden">',
      '<time datetime="2024-05-03T15:47:42+02:00">3.5.</time>',
    );
    expect(meta.publishedAt).toBe('2024-05-03T13:47:42.000Z');
  });

  it('tells published from modified', () => {
    const meta = page(
      '<meta property="article:published_time" content="2024-05-03T10:00:00Z"><meta property="article:modified_time" content="2024-05-04T10:00:00Z">',
    );
    expect([meta.publishedAt, meta.modifiedAt]).toEqual(['2024-05-03T10:00:00.000Z', '2024-05-04T10:00:00.000Z']);
  });

  it('gives persons as authors and the full credit as byline; the site alone only when nothing else is credited', () => {
    const ld = JSON.stringify({
      '@type': 'NewsArticle',
      author: [
        { '@type': 'Person', name: 'Jane Roe' },
        { '@type': 'Organization', name: 'dpa' },
      ],
      publisher: { '@type': 'Organization', name: 'Example News' },
    });
    const meta = page(`<script type="application/ld+json">${ld}</script>`);
    expect(meta.authors).toEqual(['Jane Roe']);
    expect(meta.byline).toBe('Jane Roe, dpa');
    const siteOnly = page(
      '<meta name="author" content="Example News"><meta property="og:site_name" content="Example News">',
    );
    expect([siteOnly.authors, siteOnly.byline]).toEqual([['Example News'], 'Example News']);
  });
});

describe('publication date from <time>', () => {
  it('takes the first <time> that names a date, not a relative one in a sidebar', () => {
    const meta = page(
      '',
      '<aside><time>Today 7:30AM</time></aside><time datetime="2013-09-11T10:00:00-04:00">Sept 11</time>',
    );
    expect(meta.publishedAt).toBe('2013-09-11T14:00:00.000Z');
  });

  it('keeps every title source it read, JSON-LD name and the headings after the first <h1> too', () => {
    const meta = page(
      '<title>Bridge reopens | Example Times</title><script type="application/ld+json">{"@type":"NewsArticle","headline":"Bridge reopens","name":"Bridge reopens today"}</script>',
      '<h1>Bridge reopens</h1><h2>What changed</h2><h1>Most read</h1>',
    );
    expect(meta.titleSources).toMatchObject({
      titleTag: 'Bridge reopens | Example Times',
      headline: 'Bridge reopens',
      ldName: 'Bridge reopens today',
      h1: 'Bridge reopens',
      headings: ['What changed', 'Most read'],
    });
    expect(meta.title).toBe('Bridge reopens');
  });
});
