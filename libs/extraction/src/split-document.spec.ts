import { UnprocessableDocumentError } from './errors';
import { estimateNestingDepth, MAX_DOCUMENT_CHARS } from './sniff';
import { splitDocument } from './split-document';

const prose = (n: number): string =>
  `Paragraph ${n} of the story carries enough words, commas, and detail to be read as article prose by anyone.`;

const page = (body: string, head = ''): string =>
  `<!doctype html><html lang="en"><head><title>Page</title>${head}</head><body>${body}</body></html>`;

describe('splitDocument dispatch', () => {
  it('sniffs HTML without a content type and extracts its article', () => {
    const html = page(
      `<article><h1>Title here</h1>${[1, 2, 3, 4].map((n) => `<p>${prose(n)}</p>`).join('')}</article>`,
    );
    const result = splitDocument({ content: html });
    expect(result.kind).toBe('html');
    expect(result.articles[0].paragraphs).toEqual([1, 2, 3, 4].map(prose));
    expect(result.emptyReason).toBeUndefined();
  });

  it('sniffs plain text even when labelled text/html is absent', () => {
    const result = splitDocument({ content: `Headline of the only story here\n${prose(1)}\n${prose(2)}` });
    expect(result.kind).toBe('text');
    expect(result.articles[0].title).toBe('Headline of the only story here');
  });

  it('turns every feed item into an article candidate', () => {
    const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>Example Feed</title><link>https://example.com/</link>
      <item><title>Full story</title><link>https://example.com/full</link>
        <description>Short teaser.</description>
        <content:encoded xmlns:content="http://purl.org/rss/1.0/modules/content/"><![CDATA[${[1, 2, 3, 4, 5, 6, 7]
          .map((n) => `<p>${prose(n)}</p>`)
          .join('')}]]></content:encoded></item>
      <item><title>Teaser only</title><link>https://example.com/teaser?utm_source=rss</link>
        <description>&lt;p&gt;Just the summary of the piece.&lt;/p&gt;</description></item>
    </channel></rss>`;
    const result = splitDocument({ content: rss, contentType: 'application/rss+xml' });
    expect(result.kind).toBe('feed');
    expect(result.publisher).toEqual({ name: 'Example Feed', domain: 'example.com', copyright: null });
    const [full, teaser] = result.articles;
    expect(full).toMatchObject({ title: 'Full story', partial: false, url: 'https://example.com/full' });
    expect(full.paragraphs).toHaveLength(7);
    expect(teaser).toMatchObject({ title: 'Teaser only', partial: true, body: 'Just the summary of the piece.' });
    expect(teaser.id).toBe(splitDocument({ content: rss }).articles[1].id);
  });

  it('gives the same ids when the same document is processed again', () => {
    const html = page(`<main>${[1, 2, 3].map((n) => `<p>${prose(n)}</p>`).join('')}</main>`);
    expect(splitDocument({ content: html }).articles[0].id).toBe(splitDocument({ content: html }).articles[0].id);
  });
});

describe('splitDocument on hostile input', () => {
  it('returns an empty result with a reason for empty and whitespace-only documents', () => {
    for (const content of ['', '   \n\t ']) {
      const result = splitDocument({ content });
      expect(result.articles).toEqual([]);
      expect(result.emptyReason).toBe('the document is empty');
    }
  });

  it('returns a reason for pages with no article text', () => {
    const result = splitDocument({ content: page('<nav><a href="/">Home</a> <a href="/x">News</a></nav>') });
    expect(result.articles).toEqual([]);
    expect(result.emptyReason).toMatch(/no visible text|no article text/);
  });

  it('rejects binary content (NUL bytes) with a typed error', () => {
    const binary = 'PK\u0003\u0004\u0000\u0000' + 'x'.repeat(100);
    expect(() => splitDocument({ content: binary })).toThrow(UnprocessableDocumentError);
    try {
      splitDocument({ content: binary });
    } catch (error) {
      expect((error as UnprocessableDocumentError).reason).toBe('binary');
    }
  });

  it('keeps a real page that carries a few stray NUL characters', () => {
    const prose = Array.from(
      { length: 400 },
      (_, i) =>
        `<p>The council voted ${i} times on Tuesday to keep the library open for another year, officials said.</p>`,
    ).join('');
    const html = page(`${prose}${'\u0000'.repeat(22)}`);
    expect(splitDocument({ content: html }).articles[0]?.body).toContain('The council voted');
  });

  it('rejects text that is mostly invalid UTF-8 (replacement characters)', () => {
    const garbage = Buffer.from(Array.from({ length: 2000 }, (_, i) => 0x80 + (i % 60))).toString('utf8');
    expect(() => splitDocument({ content: garbage })).toThrow(/binary/);
  });

  it('rejects documents over the size cap quickly, without parsing them', () => {
    const huge = '<html><body>' + '<p>word </p>'.repeat(Math.ceil(20_000_000 / 12)) + '</body></html>';
    expect(huge.length).toBeGreaterThan(MAX_DOCUMENT_CHARS);
    const started = Date.now();
    expect(() => splitDocument({ content: huge })).toThrow(expect.objectContaining({ reason: 'too-large' }));
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('survives malformed HTML: unclosed tags, stray closers, broken attributes and JSON-LD', () => {
    const html = `<html><body><div class="story"><p>${prose(1)}<p>${prose(2)}</b></i><p class=">${prose(3)}
      <script type="application/ld+json">{"@type": "NewsArticle", "headline": </script><div><p>${prose(4)}`;
    const result = splitDocument({ content: html });
    expect(result.articles.length).toBeGreaterThan(0);
    expect(result.articles[0].body).toContain('Paragraph 1');
  });

  it('refuses pathological nesting quickly with a typed error', () => {
    const depth = 50_000;
    const html = `<html><body>${'<div>'.repeat(depth)}<p>${prose(1)}</p>${'</div>'.repeat(depth)}</body></html>`;
    const started = Date.now();
    expect(() => splitDocument({ content: html })).toThrow(expect.objectContaining({ reason: 'too-deep' }));
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('walks deep but accepted nesting without overflowing the stack', () => {
    const depth = 4000;
    const html = `<html><body>${'<section>'.repeat(depth)}<p>${prose(1)}</p>${'</section>'.repeat(depth)}${[2, 3, 4]
      .map((n) => `<p>${prose(n)}</p>`)
      .join('')}</body></html>`;
    const result = splitDocument({ content: html });
    expect(result.articles[0].paragraphs).toEqual([2, 3, 4].map(prose));
  });

  it('estimates depth without counting void or implied-end elements', () => {
    expect(estimateNestingDepth('<div><p>a<p>b<br><img src=x><div/></div>')).toBe(1);
    expect(estimateNestingDepth('<div><div><span>x</span></div></div>')).toBe(3);
  });

  it('still yields the items of a truncated feed', () => {
    const result = splitDocument({ content: '<rss version="2.0"><channel><item><title>Cut off story</title>' });
    expect(result.kind).toBe('feed');
    expect(result.articles[0]).toMatchObject({ title: 'Cut off story', partial: true });
  });
});
