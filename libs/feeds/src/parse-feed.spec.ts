import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { FeedParseError } from './feed-parse-error';
import { MAX_XML_CHARS } from './xml-prolog';
import { looksLikeFeed, parseFeed } from './parse-feed';

const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', name), 'utf8');

function parseError(run: () => unknown): FeedParseError {
  try {
    run();
  } catch (error) {
    if (error instanceof FeedParseError) return error;
    throw error;
  }
  throw new Error('expected a FeedParseError');
}

const rss = (items: string, channelExtra = '') =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>${channelExtra}${items}</channel></rss>`;

describe('parseFeed security', () => {
  it('never expands entities declared in a DOCTYPE: external entities (XXE) stay literal text', () => {
    const parsed = parseFeed(fixture('rss2-xxe.xml'));
    expect(parsed.feed.title).toBe('Totally Legit News &xxe;');
    expect(parsed.feed.description).toBe('&remote;');
    expect(parsed.items[0].summary).toBe('&xxe;');
    expect(JSON.stringify(parsed)).not.toContain('root:');
  });

  it('never expands nested entity definitions (billion laughs): the reference stays one short token', () => {
    const parsed = parseFeed(fixture('rss2-xxe.xml'));
    expect(parsed.items[0].title).toBe('Laughs: &lol9;');
    expect(JSON.stringify(parsed).length).toBeLessThan(2000);
  });

  it('treats a DOCTYPE in an Atom feed the same way', () => {
    const atom = `<?xml version="1.0"?><!DOCTYPE feed [<!ENTITY e SYSTEM "file:///etc/hostname">]>
      <feed xmlns="http://www.w3.org/2005/Atom"><title>&e;</title><entry><id>1</id><title>x</title></entry></feed>`;
    expect(parseFeed(atom).feed.title).toBe('&e;');
  });

  it('refuses an unterminated DOCTYPE with a FeedParseError', () => {
    const error = parseError(() => parseFeed('<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "b">'));
    expect(error.message).toMatch(/not a feed: no well-formed root element/);
  });

  it('refuses documents above the size limit before parsing', () => {
    const error = parseError(() => parseFeed(' '.repeat(MAX_XML_CHARS + 1)));
    expect(error.message).toMatch(/feed too large/);
  });
});

describe('parseFeed errors', () => {
  it('names the root element and its line when the document is HTML', () => {
    const error = parseError(() => parseFeed(fixture('not-a-feed.html')));
    expect(error.message).toBe('not a feed: root element <html> at line 2 is not <rss>, <rdf:RDF> or <feed>');
  });

  it('explains plain text', () => {
    expect(parseError(() => parseFeed('just some words')).message).toMatch(/does not start with markup/);
    expect(parseError(() => parseFeed('')).message).toMatch(/not a feed/);
  });

  it('explains invalid JSON and JSON that is not a JSON Feed', () => {
    expect(parseError(() => parseFeed('{"version": ')).message).toMatch(/not a feed: invalid JSON/);
    expect(parseError(() => parseFeed('{"title": "x", "items": []}')).message).toMatch(/JSON Feed 1\.x "version"/);
  });

  it('throws only FeedParseError, never crashes, on every truncation of every fixture', () => {
    const files = readdirSync(join(__dirname, 'fixtures')).filter((name) => /\.(xml|json)$/.test(name));
    for (const name of files) {
      const text = fixture(name);
      for (let cut = 0; cut < text.length; cut += Math.max(1, Math.floor(text.length / 40))) {
        try {
          parseFeed(text.slice(0, cut));
        } catch (error) {
          expect(error).toBeInstanceOf(FeedParseError);
        }
      }
    }
  });
});

describe('parseFeed leniency', () => {
  it('accepts whitespace and a BOM before the XML declaration', () => {
    const parsed = parseFeed(`\uFEFF\n\n  ${rss('<item><title>x</title></item>')}`);
    expect(parsed.items.map((item) => item.title)).toEqual(['x']);
  });

  it('decodes HTML entities that XML does not define', () => {
    const parsed = parseFeed(rss('<item><title>Caf&eacute;&nbsp;&ndash; open</title></item>'));
    expect(parsed.items[0].title).toBe('Café – open');
  });

  it('takes RSS titles as markup: tags stripped, double-escaped entities decoded', () => {
    const parsed = parseFeed(rss('<item><title>AT&amp;amp;T &lt;b&gt;wins&lt;/b&gt;</title></item>'));
    expect(parsed.items[0].title).toBe('AT&T wins');
  });

  it('reads namespaces by URI, whatever prefix the feed chose', () => {
    const xml = `<rss version="2.0" xmlns:c="http://purl.org/rss/1.0/modules/content/" xmlns:d="http://purl.org/dc/elements/1.1/">
      <channel><title>t</title><item><title>x</title><c:encoded>FULL</c:encoded><d:creator>Zoe</d:creator></item></channel></rss>`;
    expect(parseFeed(xml).items[0]).toMatchObject({ content: 'FULL', author: 'Zoe' });
  });

  it('reads an Atom feed written with a prefix', () => {
    const xml = `<atom:feed xmlns:atom="http://www.w3.org/2005/Atom"><atom:title>P</atom:title>
      <atom:entry><atom:id>1</atom:id><atom:title>E</atom:title><atom:link href="https://a.example/e"/></atom:entry></atom:feed>`;
    const parsed = parseFeed(xml);
    expect(parsed.format).toBe('atom1');
    expect(parsed.items.map((item) => [item.title, item.url])).toEqual([['E', 'https://a.example/e']]);
  });

  it('survives mismatched tags inside an element', () => {
    const xml = rss('<item><title>x</title><link>https://a.example/</link></item>').replace(
      '<title>T</title>',
      '<title>T</b></title>',
    );
    expect(parseFeed(xml).items.map((item) => item.url)).toEqual(['https://a.example/']);
  });

  it('keeps an Atom type="text" title literal', () => {
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
      <entry><id>1</id><title type="text">a &amp;lt; b</title></entry></feed>`;
    expect(parseFeed(atom).items[0].title).toBe('a &lt; b');
  });
});

describe('parseFeed links', () => {
  it('resolves relative links against baseUrl when the feed has no link', () => {
    const parsed = parseFeed(rss('<item><link>a/1.html</link></item>'), {
      baseUrl: 'https://site.example/feeds/x.xml',
    });
    expect(parsed.items[0].url).toBe('https://site.example/feeds/a/1.html');
  });

  it('prefers the channel link over baseUrl, and resolves a relative channel link against baseUrl', () => {
    const parsed = parseFeed(rss('<item><link>a/1.html</link></item>', '<link>/news/</link>'), {
      baseUrl: 'https://site.example/feeds/x.xml',
    });
    expect(parsed.feed.link).toBe('https://site.example/news/');
    expect(parsed.items[0].url).toBe('https://site.example/news/a/1.html');
  });

  it('prefers xml:base over the channel link', () => {
    const xml = `<rss version="2.0" xml:base="https://cdn.example/base/"><channel><link>https://site.example/</link>
      <item><link>p/1</link></item></channel></rss>`;
    expect(parseFeed(xml).items[0].url).toBe('https://cdn.example/base/p/1');
  });

  it('drops links that are not http(s)', () => {
    const parsed = parseFeed(rss('<item><link>javascript:alert(1)</link><guid isPermaLink="false">g</guid></item>'));
    expect(parsed.items[0].url).toBeNull();
    expect(parsed.items[0].guid).toBe('g');
  });

  it('does not take a relative permalink guid as the link', () => {
    const parsed = parseFeed(rss('<item><guid>12345</guid></item>'), { baseUrl: 'https://site.example/' });
    expect(parsed.items[0].url).toBeNull();
  });

  it('picks the HTML alternate among several Atom links', () => {
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><entry><id>1</id><title>x</title>
      <link rel="alternate" type="application/pdf" href="https://a.example/x.pdf"/>
      <link rel="related" href="https://a.example/related"/>
      <link rel="alternate" type="text/html" href="https://a.example/x"/></entry></feed>`;
    expect(parseFeed(atom).items[0].url).toBe('https://a.example/x');
  });
});

describe('format detection', () => {
  it.each([
    ['rss2-news.xml', 'rss2'],
    ['rss091-netscape.xml', 'rss09'],
    ['rss090-rdf.xml', 'rss09'],
    ['rss1-rdf.xml', 'rss1'],
    ['atom1-blog.xml', 'atom1'],
    ['atom03.xml', 'atom03'],
    ['jsonfeed-1.0.json', 'jsonfeed'],
  ])('%s is %s', (name, format) => {
    expect(parseFeed(fixture(name)).format).toBe(format);
  });

  it('treats an <rss> without version as RSS 2.0', () => {
    expect(parseFeed('<rss><channel><title>t</title></channel></rss>').format).toBe('rss2');
  });
});

describe('looksLikeFeed', () => {
  it.each(['rss2-news.xml', 'rss1-rdf.xml', 'rss090-rdf.xml', 'atom03.xml', 'jsonfeed-1.1.json', 'rss2-bom.xml'])(
    'recognises %s',
    (name) => {
      expect(looksLikeFeed(fixture(name))).toBe(true);
    },
  );

  it.each([
    ['HTML', fixture('not-a-feed.html')],
    ['a sitemap', fixture('sitemap.xml')],
    ['plain RDF/XML', '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description/></rdf:RDF>'],
    ['JSON without a JSON Feed version', '{"version": "2", "items": []}'],
    ['plain text', 'hello'],
  ])('rejects %s', (_label, text) => {
    expect(looksLikeFeed(text)).toBe(false);
  });
});

describe('parseFeed maxItems (a bounded poll of a feed that lists too much)', () => {
  const many = (n: number, item: (i: number) => string) => Array.from({ length: n }, (_, i) => item(i)).join('');

  it('keeps the first items of an RSS feed and counts them all', () => {
    const rss = `<rss version="2.0"><channel><title>Big</title>${many(5_000, (i) => `<item><title>T${i}</title><link>https://example.com/${i}</link></item>`)}</channel></rss>`;
    const feed = parseFeed(rss, { maxItems: 3 });
    expect(feed.itemsListed).toBe(5_000);
    expect(feed.items.map((item) => item.title)).toEqual(['T0', 'T1', 'T2']);
  });

  it('does the same for Atom, RSS 1.0 and JSON Feed', () => {
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>${many(4, (i) => `<entry><id>e${i}</id><title>E${i}</title></entry>`)}</feed>`;
    expect(parseFeed(atom, { maxItems: 2 })).toMatchObject({
      itemsListed: 4,
      items: [{ title: 'E0' }, { title: 'E1' }],
    });
    const rdf =
      '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">' +
      `<channel><title>R</title></channel>${many(3, (i) => `<item><title>R${i}</title><link>https://example.com/${i}</link></item>`)}</rdf:RDF>`;
    expect(parseFeed(rdf, { maxItems: 1 })).toMatchObject({ itemsListed: 3, items: [{ title: 'R0' }] });
    const json = JSON.stringify({
      version: 'https://jsonfeed.org/version/1.1',
      title: 'J',
      items: [0, 1, 2].map((i) => ({ id: `j${i}`, title: `J${i}`, content_text: 'x' })),
    });
    expect(parseFeed(json, { maxItems: 2 })).toMatchObject({
      itemsListed: 3,
      items: [{ title: 'J0' }, { title: 'J1' }],
    });
  });

  it('reads every item without a bound', () => {
    const rss = `<rss version="2.0"><channel><title>S</title>${many(3, (i) => `<item><title>T${i}</title></item>`)}</channel></rss>`;
    expect(parseFeed(rss)).toMatchObject({ itemsListed: 3, items: [{}, {}, {}] });
  });
});
