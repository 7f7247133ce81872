// What the simulated web serves for one feed: its items as they are added over time, the RSS or Atom text, the
// validators (ETag, Last-Modified) that change only when an item is added, the conditional-GET answer, and the
// article page an item links to. Pure: the server (simulated-web-server.ts) owns sockets and clocks.
import type { BenchArticle } from './corpus';
import type { FeedPlan } from './simulated-web-plan';

export interface FeedItem {
  /** item number within its feed, from 0 */
  n: number;
  link: string;
  article: BenchArticle;
  publishedAt: number;
}

/** The conditional-request headers of a GET, as node lower-cases them. */
export interface ConditionalHeaders {
  'if-none-match'?: string;
  'if-modified-since'?: string;
}

export interface FeedResponse {
  status: 200 | 304;
  headers: Record<string, string>;
  body: string;
}

/** The last `capacity` items of one feed, newest first, and validators that move only when an item is added. */
export class FeedState {
  readonly items: FeedItem[] = [];
  private version = 0;
  private modifiedAt = 0;

  constructor(
    readonly plan: FeedPlan,
    /** origin URL, no trailing slash */
    readonly origin: string,
    private readonly capacity: number,
    /** the WebSub hub the feed advertises (in its document and its Link header); null: none */
    readonly hub: string | null = null,
  ) {}

  get path(): string {
    return `/feeds/${this.plan.index}.xml`;
  }

  /** The feed's own URL: the WebSub topic it names as `rel="self"`. */
  get url(): string {
    return `${this.origin}${this.path}`;
  }

  get contentType(): string {
    return `${this.plan.format === 'rss' ? 'application/rss+xml' : 'application/atom+xml'}; charset=utf-8`;
  }

  itemLink(n: number): string {
    return `${this.origin}/news/${this.plan.index}/${n}`;
  }

  add(article: BenchArticle, publishedAt: number): FeedItem {
    const n = this.version;
    const item = { n, link: this.itemLink(n), article, publishedAt };
    this.items.unshift(item);
    if (this.items.length > this.capacity) this.items.length = this.capacity;
    this.version += 1;
    // Last-Modified has second resolution: a feed changed twice in one second must still look changed.
    this.modifiedAt = Math.max(Math.floor(publishedAt / 1000) * 1000, this.modifiedAt + 1000);
    return item;
  }

  item(n: number): FeedItem | undefined {
    return this.items.find((item) => item.n === n);
  }

  validators(): { etag: string | null; lastModified: string | null } {
    const lastModified = new Date(this.modifiedAt).toUTCString();
    if (this.plan.validators === 'none') return { etag: null, lastModified: null };
    if (this.plan.validators === 'last-modified') return { etag: null, lastModified };
    return { etag: `"f${this.plan.index}-v${this.version}"`, lastModified };
  }

  respond(request: ConditionalHeaders): FeedResponse {
    const { etag, lastModified } = this.validators();
    const headers: Record<string, string> = {};
    if (etag) headers.etag = etag;
    if (lastModified) headers['last-modified'] = lastModified;
    // As WordPress's WebSub plugin does: the hub in the header as well as in the document (RFC 8288 Link).
    if (this.hub) headers.link = `<${this.hub}>; rel="hub", <${this.url}>; rel="self"`;
    if (isNotModified(request, { etag, lastModified })) return { status: 304, headers, body: '' };
    headers['content-type'] = this.contentType;
    return { status: 200, headers, body: renderFeed(this) };
  }
}

/**
 * RFC 9110 §13.1: If-None-Match, when sent, decides alone (weak comparison); otherwise If-Modified-Since against
 * Last-Modified. A validator the feed does not serve never matches.
 */
export function isNotModified(
  request: ConditionalHeaders,
  current: { etag: string | null; lastModified: string | null },
): boolean {
  const ifNoneMatch = request['if-none-match'];
  if (ifNoneMatch !== undefined) {
    if (!current.etag) return false;
    const weakless = (tag: string) => tag.trim().replace(/^W\//, '');
    return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || weakless(tag) === weakless(current.etag ?? ''));
  }
  const since = request['if-modified-since'];
  if (since === undefined || !current.lastModified) return false;
  const sinceMs = Date.parse(since);
  return Number.isFinite(sinceMs) && Date.parse(current.lastModified) <= sinceMs;
}

export function hasConditionalHeaders(request: ConditionalHeaders): boolean {
  return request['if-none-match'] !== undefined || request['if-modified-since'] !== undefined;
}

export function escapeXml(text: string): string {
  return text.replace(
    /[<>&'"]/g,
    (char) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', "'": 'apos', '"': 'quot' }[char]};`,
  );
}

/** The article's paragraphs (the generated text: headline, blank line, paragraphs) as HTML. */
function paragraphsHtml(article: BenchArticle): string {
  return article.text
    .split('\n\n')
    .slice(1)
    .map((paragraph) => `<p>${escapeXml(paragraph)}</p>`)
    .join('');
}

/** A full-text feed carries a teaser only: the article is on the linked page. */
function itemHtml(feed: FeedState, item: FeedItem): string {
  if (!feed.plan.fullText) return paragraphsHtml(item.article);
  const first = item.article.text.split('\n\n')[1] ?? '';
  return `<p>${escapeXml(first.split('. ')[0])}.</p>`;
}

export function renderFeed(feed: FeedState): string {
  const title = `Simulated feed ${feed.plan.index}`;
  const home = `${feed.origin}/`;
  const hubLinks = (element: string) =>
    feed.hub ? `<${element} rel="hub" href="${feed.hub}"/><${element} rel="self" href="${feed.url}"/>` : '';
  if (feed.plan.format === 'rss') {
    const items = feed.items.map(
      (item) =>
        `<item><title>${escapeXml(item.article.title)}</title><link>${item.link}</link>` +
        `<guid isPermaLink="true">${item.link}</guid><pubDate>${new Date(item.publishedAt).toUTCString()}</pubDate>` +
        `<description>${escapeXml(itemHtml(feed, item))}</description></item>`,
    );
    return (
      `<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">` +
      `<channel><title>${title}</title><link>${home}</link><description>${title}</description>` +
      `${hubLinks('atom:link')}${items.join('')}</channel></rss>\n`
    );
  }
  const updated = new Date(feed.items[0]?.publishedAt ?? 0).toISOString();
  const entries = feed.items.map(
    (item) =>
      `<entry><title>${escapeXml(item.article.title)}</title><link href="${item.link}"/><id>${item.link}</id>` +
      `<updated>${new Date(item.publishedAt).toISOString()}</updated>` +
      `<content type="html">${escapeXml(itemHtml(feed, item))}</content></entry>`,
  );
  return (
    `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>${title}</title>` +
    `<id>${home}feeds/${feed.plan.index}</id><updated>${updated}</updated><link href="${home}"/>` +
    `${hubLinks('link')}${entries.join('')}</feed>\n`
  );
}

export function renderArticlePage(item: FeedItem): string {
  const title = escapeXml(item.article.title);
  return (
    `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${title}</title>` +
    `<link rel="canonical" href="${item.link}"></head><body><nav><a href="/">Home</a></nav>` +
    `<article><h1>${title}</h1><time datetime="${new Date(item.publishedAt).toISOString()}"></time>` +
    `${paragraphsHtml(item.article)}</article><footer>Simulated web</footer></body></html>\n`
  );
}

/** A feed document cut off in the middle of an item: what a crashed CMS or a truncated upload serves. */
export function malformedFeed(index: number): string {
  return (
    `<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>Broken feed ${index}</title>` +
    `<item><title>Unclosed <b>markup & stray ampersands</title><link>`
  );
}
