import { articleId, normaliseUrl } from './article-id';

describe('normaliseUrl', () => {
  it('folds scheme and host case, default port, fragment, tracking parameters and trailing slash', () => {
    expect(normaliseUrl('HTTPS://Example.COM:443/News/Story/?utm_source=x&b=2&fbclid=y&a=1&gclid=z#comments')).toBe(
      'https://example.com/News/Story?a=1&b=2',
    );
    // The canonical URL is https: sites serve one article on both schemes, so both get one id.
    expect(normaliseUrl('http://example.com:80/')).toBe('https://example.com/');
  });

  it('keeps non-default ports and rejects non-http URLs', () => {
    expect(normaliseUrl('https://example.com:8443/a')).toBe('https://example.com:8443/a');
    expect(normaliseUrl('mailto:someone@example.com')).toBeNull();
    expect(normaliseUrl('not a url')).toBeNull();
  });
});

describe('articleId', () => {
  it('is the same for equivalent URLs and prefers the canonical URL', () => {
    const a = articleId({ canonicalUrl: 'https://example.com/story/', url: 'https://m.example.com/x' });
    const b = articleId({ canonicalUrl: 'https://EXAMPLE.com/story?utm_medium=email#top', title: 'Other' });
    expect(a).toBe(b);
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(articleId({ url: 'https://example.com/story' })).toBe(a);
  });

  it('falls back to the case- and whitespace-folded content', () => {
    const a = articleId({ title: 'A  Title', body: 'Body text.\nMore.' });
    const b = articleId({ title: 'a title', body: 'BODY   text. more.' });
    expect(a).toBe(b);
    expect(articleId({ title: 'a title', body: 'different' })).not.toBe(a);
    expect(articleId({ url: 'javascript:void(0)', title: 'a title', body: 'body text. more.' })).toBe(a);
  });
});
