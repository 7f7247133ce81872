import { canonicalizeUrl, urlKey } from './canonical-url';

describe('canonicalizeUrl', () => {
  it.each([
    ['HTTP://WWW.Example.COM:80/News/Story', 'https://example.com/News/Story'],
    ['https://example.com:443/a', 'https://example.com/a'],
    ['https://example.com:8080/a', 'https://example.com:8080/a'],
    ['https://example.com/a/?b=2&a=1', 'https://example.com/a?a=1&b=2'],
    ['https://example.com/a#comments', 'https://example.com/a'],
    ['https://example.com/a/', 'https://example.com/a'],
    ['https://example.com/', 'https://example.com/'],
    ['https://example.com/a/index.html', 'https://example.com/a'],
    ['https://bücher.de/artikel', 'https://xn--bcher-kva.de/artikel'],
  ])('normalises %s', (input, expected) => {
    expect(canonicalizeUrl(input)).toBe(expected);
  });

  it('removes tracking parameters and keeps the others', () => {
    const url =
      'https://example.com/a?utm_source=x&utm_medium=y&fbclid=1&gclid=2&mc_cid=3&mc_eid=4&igshid=5&ref_src=6&_ga=7&id=42';
    expect(canonicalizeUrl(url)).toBe('https://example.com/a?id=42');
  });

  it.each([
    'https://example.com/news/story/amp',
    'https://example.com/news/story/amp/',
    'https://example.com/amp/news/story',
    'https://example.com/news/story?amp=1',
    'https://example.com/news/story?amp',
    'https://amp.example.com/news/story',
    'https://m.example.com/news/story',
    'https://mobile.example.com/news/story',
    'https://www.example.com/news/story',
  ])('folds the AMP or mobile variant %s to the canonical page', (variant) => {
    expect(canonicalizeUrl(variant)).toBe('https://example.com/news/story');
  });

  it('folds an .amp.html page to its .html page', () => {
    expect(canonicalizeUrl('https://example.com/news/story.amp.html')).toBe('https://example.com/news/story.html');
  });

  it('keeps an amp parameter that is not an AMP flag, and a host that is only "m." plus a TLD', () => {
    expect(canonicalizeUrl('https://example.com/a?amp=volts')).toBe('https://example.com/a?amp=volts');
    expect(canonicalizeUrl('https://m.com/a')).toBe('https://m.com/a');
  });

  it('returns null for what is not an http(s) URL', () => {
    expect(canonicalizeUrl('ftp://example.com/a')).toBeNull();
    expect(canonicalizeUrl('not a url')).toBeNull();
    expect(urlKey(null)).toBeNull();
    expect(urlKey('')).toBeNull();
  });
});
