import { discoverWebSub, parseFeed, webSubLinksOfLinkHeader } from '@inkstream/feeds';
import type { BenchArticle } from './corpus';
import { escapeXml, FeedState, isNotModified, malformedFeed, renderArticlePage } from './simulated-web-feed';
import type { FeedPlan } from './simulated-web-plan';

const plan: FeedPlan = {
  index: 7,
  origin: 0,
  behaviour: 'healthy',
  intervalSeconds: 60,
  format: 'rss',
  validators: 'etag+last-modified',
  fullText: false,
  delayMs: 0,
  websub: false,
};

function article(n: number): BenchArticle {
  return {
    key: `a${n}`,
    sourceId: 'bench-src-0',
    title: `Headline ${n} & more`,
    text: `Headline ${n}\n\nFirst sentence ${n}. Second sentence.\n\nThird <sentence> ${n}.`,
    copyOf: null,
  };
}

const ORIGIN = 'http://127.0.0.1:8080';
const T0 = Date.parse('2026-12-06T08:00:00Z');

describe('a simulated feed', () => {
  it('keeps the newest items up to its capacity, and links each to its page', () => {
    const feed = new FeedState(plan, ORIGIN, 2);
    for (let n = 0; n < 3; n += 1) feed.add(article(n), T0 + n * 1000);
    expect(feed.items.map((item) => item.n)).toEqual([2, 1]);
    expect(feed.item(2)?.link).toBe(`${ORIGIN}/news/7/2`);
    expect(feed.item(0)).toBeUndefined();
    expect(feed.path).toBe('/feeds/7.xml');
  });

  it('answers 304 to its current validators, and 200 again once an item is added', () => {
    const feed = new FeedState(plan, ORIGIN, 20);
    feed.add(article(0), T0);
    const first = feed.respond({});
    expect(first.status).toBe(200);
    expect(first.headers.etag).toBe('"f7-v1"');
    expect(feed.respond({ 'if-none-match': first.headers.etag }).status).toBe(304);
    expect(feed.respond({ 'if-modified-since': first.headers['last-modified'] }).status).toBe(304);
    // Two items in the same second still move Last-Modified.
    feed.add(article(1), T0 + 10);
    expect(feed.respond({ 'if-none-match': first.headers.etag }).status).toBe(200);
    expect(feed.respond({ 'if-modified-since': first.headers['last-modified'] }).status).toBe(200);
  });

  it('serves only the validators its plan gives it, and never 304 without them', () => {
    const none = new FeedState({ ...plan, validators: 'none' }, ORIGIN, 20);
    none.add(article(0), T0);
    expect(none.respond({}).headers).not.toHaveProperty('etag');
    expect(none.respond({ 'if-modified-since': new Date(T0 + 60_000).toUTCString() }).status).toBe(200);
    const dated = new FeedState({ ...plan, validators: 'last-modified' }, ORIGIN, 20);
    dated.add(article(0), T0);
    expect(dated.respond({}).headers).toEqual(expect.objectContaining({ 'last-modified': new Date(T0).toUTCString() }));
    expect(dated.respond({}).headers).not.toHaveProperty('etag');
  });

  it('decides conditional requests as RFC 9110 says: If-None-Match alone when sent, weak comparison, *', () => {
    const current = { etag: '"x1"', lastModified: new Date(T0).toUTCString() };
    expect(isNotModified({ 'if-none-match': 'W/"x1"' }, current)).toBe(true);
    expect(isNotModified({ 'if-none-match': '"a", "x1"' }, current)).toBe(true);
    expect(isNotModified({ 'if-none-match': '*' }, current)).toBe(true);
    expect(isNotModified({ 'if-none-match': '"x0"', 'if-modified-since': current.lastModified }, current)).toBe(false);
    expect(isNotModified({ 'if-modified-since': new Date(T0 - 1000).toUTCString() }, current)).toBe(false);
    expect(isNotModified({ 'if-modified-since': 'not a date' }, current)).toBe(false);
    expect(isNotModified({}, current)).toBe(false);
  });

  it('renders RSS and Atom the fetcher reads item by item, with the article or (full text) a teaser', () => {
    for (const format of ['rss', 'atom'] as const) {
      const feed = new FeedState({ ...plan, format }, ORIGIN, 20);
      feed.add(article(0), T0);
      feed.add(article(1), T0 + 60_000);
      const parsed = parseFeed(feed.respond({}).body, { baseUrl: `${ORIGIN}/feeds/7.xml` });
      expect(parsed.items.map((item) => item.url)).toEqual([`${ORIGIN}/news/7/1`, `${ORIGIN}/news/7/0`]);
      expect(parsed.items[0].title).toBe('Headline 1 & more');
      expect(parsed.items[0].content ?? parsed.items[0].summary).toContain('Third &lt;sentence&gt; 1.');
    }
    const fullText = new FeedState({ ...plan, fullText: true }, ORIGIN, 20);
    fullText.add(article(0), T0);
    const teaser = parseFeed(fullText.respond({}).body).items[0];
    expect(teaser.content ?? teaser.summary).not.toContain('Third');
  });

  it('has article pages with the whole text, and a malformed feed the parser refuses', () => {
    const feed = new FeedState(plan, ORIGIN, 20);
    const page = renderArticlePage(feed.add(article(3), T0));
    expect(page).toContain('<h1>Headline 3 &amp; more</h1>');
    expect(page).toContain('<p>Third &lt;sentence&gt; 3.</p>');
    expect(page).toContain(`<link rel="canonical" href="${ORIGIN}/news/7/0">`);
    expect(() => parseFeed(malformedFeed(1))).toThrow();
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
  });

  it('advertises its WebSub hub and itself as the topic, in the document and the Link header, as the fetcher reads them', () => {
    const hub = 'http://127.0.0.1:9090/hub';
    for (const format of ['rss', 'atom'] as const) {
      const feed = new FeedState({ ...plan, format, websub: true }, ORIGIN, 20, hub);
      feed.add(article(0), T0);
      const answer = feed.respond({});
      const parsed = parseFeed(answer.body, { baseUrl: feed.url });
      expect(parsed.websub).toEqual({ hubs: [hub], self: `${ORIGIN}/feeds/7.xml` });
      expect(parsed.items).toHaveLength(1);
      const header = webSubLinksOfLinkHeader(answer.headers.link, feed.url);
      expect(discoverWebSub({ header, document: null, fetchedUrl: feed.url })).toEqual({ hub, topic: feed.url });
      expect(feed.respond({ 'if-none-match': answer.headers.etag }).headers.link).toBe(answer.headers.link);
    }
    const plain = new FeedState(plan, ORIGIN, 20);
    plain.add(article(0), T0);
    expect(plain.respond({}).headers).not.toHaveProperty('link');
    expect(parseFeed(plain.respond({}).body).websub).toEqual({ hubs: [], self: null });
  });
});
