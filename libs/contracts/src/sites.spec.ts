import { isOwnUrl, registrableDomain, sourceSites } from './sites';

describe('source sites', () => {
  it('a source owns its URL’s registrable domain (public suffix list) and its configured domains', () => {
    expect(registrableDomain('feeds.bbc.co.uk')).toBe('bbc.co.uk');
    expect(registrableDomain('127.0.0.1')).toBe('127.0.0.1');
    expect(sourceSites('https://feeds.bbci.co.uk/news/rss.xml', ['www.BBC.co.uk'])).toEqual([
      'bbc.co.uk',
      'bbci.co.uk',
    ]);
    expect(sourceSites('file:///srv/drop')).toEqual([]);
    expect(sourceSites(null)).toEqual([]);
  });

  it('a URL is the source’s own only over http(s) under one of its sites', () => {
    const sites = ['arabnews.com'];
    expect(isOwnUrl('https://www.arabnews.com/node/1', sites)).toBe(true);
    expect(isOwnUrl('https://arabnews.com.evil.example/node/1', sites)).toBe(false);
    expect(isOwnUrl('https://www.bbc.co.uk/news/1', sites)).toBe(false);
    expect(isOwnUrl('file:///srv/drop/a.html', sites)).toBe(false);
  });
});
