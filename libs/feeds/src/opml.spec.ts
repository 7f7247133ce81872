import { OpmlParseError, parseOpmlSources, writeOpml, type OpmlSource } from './opml';

const READER_EXPORT = `<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head><title>My feeds</title></head>
  <body>
    <outline text="World">
      <outline type="rss" text="Arab News" title="Arab News" xmlUrl="https://www.arabnews.com/rss.xml" htmlUrl="https://www.arabnews.com/"/>
      <outline text="Europe">
        <outline type="rss" text="Tom &amp; Jerry" xmlUrl="https://te.example/feed?a=1&amp;b=2" category="/News/Europe,satire"/>
      </outline>
    </outline>
    <outline type="rss" text="No address"/>
    <outline type="rss" text="Bad interval" xmlUrl="https://bad.example/rss" pollIntervalSeconds="5m"/>
    <outline type="link" text="A page" url="https://page.example/news" inkstreamKind="blog"/>
    <outline type="rss" text="Bad limit" xmlUrl="https://limit.example/rss" maxItemsPerRun="lots"/>
  </body>
</opml>`;

const SOURCE: OpmlSource = {
  kind: 'feed',
  url: 'https://a.example/rss',
  name: 'A',
  tags: [],
  pollIntervalSeconds: null,
  fullText: false,
  enabled: true,
  sites: [],
  minIntervalSeconds: null,
  maxIntervalSeconds: null,
  maxItemsPerRun: null,
  backoffMaxSeconds: null,
};

describe('OPML', () => {
  it("reads a feed reader's export: folders and categories become tags, entities decoded", () => {
    const { sources } = parseOpmlSources(READER_EXPORT);
    expect(sources).toEqual([
      { ...SOURCE, url: 'https://www.arabnews.com/rss.xml', name: 'Arab News', tags: ['World'] },
      {
        ...SOURCE,
        url: 'https://te.example/feed?a=1&b=2',
        name: 'Tom & Jerry',
        tags: ['World', 'Europe', 'News/Europe', 'satire'],
      },
    ]);
  });

  it('refuses outlines without an address or with a bad attribute, saying which and why', () => {
    expect(parseOpmlSources(READER_EXPORT).refused).toEqual([
      { url: '', reason: 'outline 2 ("No address") has no xmlUrl or url' },
      {
        url: 'https://bad.example/rss',
        reason: 'outline 3: pollIntervalSeconds "5m" is not a whole number of seconds above 0',
      },
      {
        url: 'https://page.example/news',
        reason: 'outline 4: inkstreamKind "blog" is not one of feed, page, sitemap, drop',
      },
      { url: 'https://limit.example/rss', reason: 'outline 5: maxItemsPerRun "lots" is not a whole number above 0' },
    ]);
  });

  it('writes what it reads back: every kind and every setting survives a round trip', () => {
    const sources: OpmlSource[] = [
      { ...SOURCE, name: 'Quotes "&" <brackets>', tags: ['world', 'mena'], pollIntervalSeconds: 120, fullText: true },
      {
        ...SOURCE,
        kind: 'sitemap',
        url: 'https://s.example/sitemap.xml',
        name: 'S',
        enabled: false,
        maxItemsPerRun: 500,
      },
      {
        ...SOURCE,
        url: 'https://l.example/rss',
        name: 'Limited',
        minIntervalSeconds: 120,
        maxIntervalSeconds: 900,
        maxItemsPerRun: 5000,
        backoffMaxSeconds: 600,
      },
      { ...SOURCE, kind: 'page', url: 'https://p.example/', name: 'P', sites: ['p.example', 'p.co.uk'] },
      { ...SOURCE, kind: 'drop', url: 'file:///srv/drop/', name: '/srv/drop/' },
    ];
    const text = writeOpml(sources, { title: 'Inkstream sources', createdAt: new Date('2026-12-06T09:00:00Z') });
    expect(text).toContain('<opml version="2.0">');
    expect(parseOpmlSources(text)).toEqual({ sources, refused: [] });
  });

  it('names a document that is not OPML', () => {
    expect(() => parseOpmlSources('<rss><channel/></rss>')).toThrow(OpmlParseError);
    expect(() => parseOpmlSources('<opml><body><outline')).toThrow(/not an OPML document/);
  });

  it('does not expand entities a DOCTYPE declares (no entity bombs)', () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>
      <opml version="2.0"><body><outline type="rss" text="&b;" xmlUrl="https://a.example/rss"/></body></opml>`;
    expect(parseOpmlSources(bomb).sources[0].name.length).toBeLessThan(10);
  });
});
