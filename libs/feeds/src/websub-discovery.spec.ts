import { parseFeed } from './parse-feed';
import { discoverWebSub, parseLinkHeader, webSubLinksOfLinkHeader, NO_WEBSUB_LINKS } from './websub-discovery';

const BASE = 'https://news.example/feeds/world.xml';

describe('parseLinkHeader', () => {
  it('reads several links with quoted and bare rel values, commas inside quotes included', () => {
    expect(
      parseLinkHeader(
        '<https://hub.example/>; rel="hub", <https://news.example/w.xml>; rel=self; title="a, b; c", </x>; rel="next hub"',
      ),
    ).toEqual([
      { href: 'https://hub.example/', rels: ['hub'] },
      { href: 'https://news.example/w.xml', rels: ['self'] },
      { href: '/x', rels: ['next', 'hub'] },
    ]);
  });

  it('skips junk and links without rel instead of failing', () => {
    expect(parseLinkHeader('garbage, <https://a.example/>; type="text/html", <https://b.example/>; REL="Hub"')).toEqual(
      [
        { href: 'https://a.example/', rels: [] },
        { href: 'https://b.example/', rels: ['hub'] },
      ],
    );
    expect(parseLinkHeader('<https://a.example/')).toEqual([]);
  });
});

describe('webSubLinksOfLinkHeader', () => {
  it('resolves relative targets against the response URL and keeps http(s) hubs only', () => {
    expect(webSubLinksOfLinkHeader('</hub>; rel="hub", <ftp://x/>; rel=hub, <w.xml>; rel="self"', BASE)).toEqual({
      hubs: ['https://news.example/hub'],
      self: 'https://news.example/feeds/w.xml',
    });
    expect(webSubLinksOfLinkHeader(null, BASE)).toEqual(NO_WEBSUB_LINKS);
  });
});

describe('hub links in documents (parseFeed)', () => {
  it('reads atom:link rel=hub and rel=self in an RSS channel', () => {
    const rss =
      '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>T</title>' +
      '<atom:link rel="hub" href="https://pubsubhubbub.appspot.com/"/>' +
      '<atom:link rel="self" type="application/rss+xml" href="https://news.example/rss"/>' +
      '<item><title>x</title></item></channel></rss>';
    expect(parseFeed(rss, { baseUrl: BASE }).websub).toEqual({
      hubs: ['https://pubsubhubbub.appspot.com/'],
      self: 'https://news.example/rss',
    });
  });

  it('reads link rel=hub and rel=self in an Atom feed, relative to the fetched URL', () => {
    const atom =
      '<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><id>urn:a</id>' +
      '<link rel="hub" href="/hub"/><link rel="hub" href="https://hub2.example/"/>' +
      '<link rel="self" href="https://news.example/atom"/><link rel="alternate" href="https://news.example/"/></feed>';
    expect(parseFeed(atom, { baseUrl: BASE }).websub).toEqual({
      hubs: ['https://news.example/hub', 'https://hub2.example/'],
      self: 'https://news.example/atom',
    });
  });

  it('reads JSON Feed hubs of type WebSub and feed_url as the self link', () => {
    const json = JSON.stringify({
      version: 'https://jsonfeed.org/version/1.1',
      title: 'J',
      feed_url: 'https://news.example/feed.json',
      hubs: [
        { type: 'rssCloud', url: 'https://cloud.example/' },
        { type: 'WebSub', url: 'https://hub.example/' },
      ],
      items: [],
    });
    expect(parseFeed(json, { baseUrl: BASE }).websub).toEqual({
      hubs: ['https://hub.example/'],
      self: 'https://news.example/feed.json',
    });
  });

  it('is empty for a feed that advertises no hub', () => {
    const rss = '<rss version="2.0"><channel><title>T</title><link>https://news.example/</link></channel></rss>';
    expect(parseFeed(rss, { baseUrl: BASE }).websub).toEqual(NO_WEBSUB_LINKS);
  });
});

describe('discoverWebSub', () => {
  const document = { hubs: ['https://doc-hub.example/'], self: 'https://news.example/doc-self' };

  it('prefers the Link headers, and takes the topic from rel=self', () => {
    const header = { hubs: ['https://header-hub.example/'], self: 'https://news.example/header-self' };
    expect(discoverWebSub({ header, document, fetchedUrl: BASE })).toEqual({
      hub: 'https://header-hub.example/',
      topic: 'https://news.example/header-self',
    });
  });

  it('falls back to the document, and to the fetched URL as topic when no self link is given', () => {
    expect(discoverWebSub({ header: NO_WEBSUB_LINKS, document, fetchedUrl: BASE })).toEqual({
      hub: 'https://doc-hub.example/',
      topic: 'https://news.example/doc-self',
    });
    expect(
      discoverWebSub({ header: NO_WEBSUB_LINKS, document: { ...document, self: null }, fetchedUrl: BASE })?.topic,
    ).toBe(BASE);
  });

  it('is null without a hub', () => {
    expect(discoverWebSub({ header: NO_WEBSUB_LINKS, document: null, fetchedUrl: BASE })).toBeNull();
    expect(discoverWebSub({ header: NO_WEBSUB_LINKS, document: NO_WEBSUB_LINKS, fetchedUrl: BASE })).toBeNull();
  });
});
