import { parseHttpUrl, registrableDomain, siteOf, sourceSites } from './sites';

describe('source sites', () => {
  it('a source is registered for its URL’s site (public suffix list) and its configured domains', () => {
    expect(registrableDomain('feeds.bbc.co.uk')).toBe('bbc.co.uk');
    expect(registrableDomain('127.0.0.1')).toBe('127.0.0.1');
    expect(sourceSites('https://feeds.bbci.co.uk/news/rss.xml', ['www.BBC.co.uk'])).toEqual([
      'bbc.co.uk',
      'bbci.co.uk',
    ]);
    expect(sourceSites('file:///srv/drop')).toEqual([]);
    expect(sourceSites(null)).toEqual([]);
  });

  it('private suffixes separate owners: two blogs on one hosting domain are two sites', () => {
    expect(registrableDomain('alice.github.io')).toBe('alice.github.io');
    expect(siteOf('https://alice.github.io/post')).not.toBe(siteOf('https://bob.github.io/post'));
  });

  it('a URL’s site keeps a non-default port: another port of one host is another site', () => {
    expect(siteOf('https://www.arabnews.com/node/1')).toBe('arabnews.com');
    expect(siteOf('https://arabnews.com:443/node/1')).toBe('arabnews.com');
    expect(siteOf('http://127.0.0.1:8001/feed.xml')).toBe('127.0.0.1:8001');
    expect(siteOf('http://127.0.0.1:8002/story')).toBe('127.0.0.1:8002');
    expect(sourceSites('http://127.0.0.1:8001/feed.xml')).toEqual(['127.0.0.1:8001']);
    expect(siteOf('file:///srv/drop/a.html')).toBeNull();
    expect(siteOf('not a url')).toBeNull();
  });
});

describe('parseHttpUrl', () => {
  it('parses http(s) URLs, ignoring surrounding space, and refuses every other scheme or text', () => {
    expect(parseHttpUrl(' https://Example.org:8443/a ')?.host).toBe('example.org:8443');
    expect(parseHttpUrl('file:///tmp/a.txt')).toBeNull();
    expect(parseHttpUrl('not a url')).toBeNull();
  });
});
