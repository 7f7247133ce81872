import { identityUrlOf, isOwnersText, scopedArticleId, textSourceOf } from './ownership';
import { sourceSites } from './sites';

const feedOf = (url: string, extra: string[] = []) => ({ fetchedFrom: null, sourceSites: sourceSites(url, extra) });

describe('who owns the text under a URL', () => {
  it('a feed or sitemap registered for the URL’s site delivers the owner’s text', () => {
    expect(isOwnersText('https://www.bbc.co.uk/news/1', feedOf('https://feeds.bbc.co.uk/news/rss.xml'))).toBe(true);
    expect(isOwnersText('https://www.bbc.co.uk/news/1', feedOf('https://www.bbc.co.uk/sitemap.xml'))).toBe(true);
    expect(isOwnersText('https://www.bbc.co.uk/news/1', feedOf('https://feeds.bbci.co.uk/rss', ['bbc.co.uk']))).toBe(
      true,
    );
  });

  it('a feed listing another site’s URL does not: its item text is not that site’s', () => {
    const squatter = feedOf('https://squatter.example/feed.xml');
    expect(isOwnersText('https://www.bbc.co.uk/news/1', squatter)).toBe(false);
    // a look-alike host is the look-alike's site, not the outlet's
    const bbc = feedOf('https://feeds.bbc.co.uk/news/rss.xml');
    expect(isOwnersText('https://bbc.co.uk.squatter.example/news/1', bbc)).toBe(false);
  });

  it('another port of the same host is another owner, both ways', () => {
    const onPort8001 = feedOf('http://127.0.0.1:8001/feed.xml');
    expect(isOwnersText('http://127.0.0.1:8002/story', onPort8001)).toBe(false);
    expect(isOwnersText('http://127.0.0.1:8001/story', onPort8001)).toBe(true);
    expect(isOwnersText('http://127.0.0.1/story', onPort8001)).toBe(false);
  });

  it('text fetched from the URL’s own site is the owner’s, whoever asked for it (full-text mode, sitemaps)', () => {
    const aggregator = { fetchedFrom: 'https://www.bbc.co.uk/news/1', sourceSites: ['aggregator.example'] };
    expect(isOwnersText('https://www.bbc.co.uk/news/1', aggregator)).toBe(true);
    // …but a page fetched elsewhere naming that URL as its canonical is not
    const elsewhere = { fetchedFrom: 'https://squatter.example/copy', sourceSites: ['squatter.example'] };
    expect(isOwnersText('https://www.bbc.co.uk/news/1', elsewhere)).toBe(false);
  });

  it('no URL, or a file: URL, is nobody’s: dropped files and url-less texts are never the owner’s', () => {
    const drop = { fetchedFrom: null, sourceSites: [] };
    expect(isOwnersText(null, drop)).toBe(false);
    expect(isOwnersText('file:///srv/drop/a.html', drop)).toBe(false);
    expect(isOwnersText('file:///srv/drop/a.html', { fetchedFrom: 'file:///srv/drop/a.html', sourceSites: [] })).toBe(
      false,
    );
  });

  it('a scoped id is deterministic per source and differs between sources and from the plain id', () => {
    const plain = 'a'.repeat(32);
    expect(scopedArticleId('src-a', plain)).toBe(scopedArticleId('src-a', plain));
    expect(scopedArticleId('src-a', plain)).not.toBe(scopedArticleId('src-b', plain));
    expect(scopedArticleId('src-a', plain)).not.toBe(plain);
    expect(scopedArticleId('src-a', plain)).toMatch(/^[0-9a-f]{32}$/);
  });

  it('only an article holding its URL’s identity is matched by that URL', () => {
    const url = 'https://www.bbc.co.uk/news/1';
    const origin = { fetchedFrom: null, sourceSites: ['bbc.co.uk'] };
    expect(identityUrlOf({ url, canonicalUrl: null, contentOrigin: { ...origin, urlIdentity: true } })).toBe(url);
    expect(identityUrlOf({ url: 'https://m.bbc.co.uk/x', canonicalUrl: url })).toBe(url);
    expect(identityUrlOf({ url, canonicalUrl: url, contentOrigin: { ...origin, urlIdentity: false } })).toBeNull();
  });

  it('a raw document’s text source: its fetch URL and its source’s sites, derived from the domain in older messages', () => {
    expect(
      textSourceOf({ fetchedFrom: 'https://a.example/x', source: { sites: ['a.example'], domain: 'a.example' } }),
    ).toEqual({
      fetchedFrom: 'https://a.example/x',
      sourceSites: ['a.example'],
    });
    expect(textSourceOf({ source: { domain: 'feeds.b.example' } })).toEqual({
      fetchedFrom: null,
      sourceSites: ['b.example'],
    });
    expect(textSourceOf({ source: { domain: null } })).toEqual({ fetchedFrom: null, sourceSites: [] });
  });
});
