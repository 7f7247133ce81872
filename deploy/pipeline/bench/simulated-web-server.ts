// The fetcher benchmark's simulated web: one HTTP server per origin on 127.0.0.1, serving the planned feeds (with
// their faults), robots.txt, redirect hops and article pages, and counting what the fetcher did to it: requests in
// flight per origin, when each feed was asked for, conditional requests and 304s, 429s sent, how long every
// trickling connection stayed open, and when each item first went out in a feed. Feeds the plan gives WebSub advertise
// the hub of simulated-web-hub.ts, which the web pings with every new item.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateArticles } from './corpus';
import { OriginLoad } from './fetcher-figures';
import {
  FeedState,
  hasConditionalHeaders,
  malformedFeed,
  renderArticlePage,
  renderFeed,
  type FeedItem,
} from './simulated-web-feed';
import type { WebPlan } from './simulated-web-plan';
import { SimulatedHub, type HubOptions } from './simulated-web-hub';

const HOST = '127.0.0.1';
const REDIRECT_HOPS = 3;
/** How large the oversized feed is: above FETCH_MAX_BODY_BYTES (10 MiB), as in issue 26. */
export const HUGE_FEED_BYTES = 15 * 2 ** 20;

export interface SimulatedWebOptions {
  /** items each feed lists at the start */
  itemsPerFeed: number;
  /** items a feed keeps listing (the oldest drop out) */
  capacity: number;
  retryAfterSeconds: number;
  /** a trickling feed sends one small chunk this often, forever */
  trickleEveryMs: number;
  /** sentences the items are made of (corpus.ts loadPool) */
  pool: readonly string[][];
  /** the WebSub hub the plan's `websub` feeds advertise */
  hub: HubOptions;
}

export interface TrickleConnection {
  feed: number;
  openedAt: number;
  closedAt: number | null;
}

/** What the web saw, for the report and the checks. */
export class WebObservations {
  readonly load = new OriginLoad();
  /** arrival times of requests to each feed's own URL (not redirect hops), by feed index */
  readonly feedRequests = new Map<number, number[]>();
  /** requests for a feed document that had served validators before: could have been conditional */
  eligibleForConditional = 0;
  conditional = 0;
  notModified = 0;
  feedDocuments = 0;
  articlePages = 0;
  robots = 0;
  readonly throttles: Array<{ at: number; retryAfterMs: number }> = [];
  readonly throttledOriginRequests: number[] = [];
  readonly trickles: TrickleConnection[] = [];
  /** item link → when a feed document first listed it */
  readonly firstListedAt = new Map<string, number>();
  readonly statusCounts = new Map<number, number>();
}

export class SimulatedWeb {
  readonly observed = new WebObservations();
  readonly feeds: FeedState[] = [];
  private readonly servers: Server[] = [];
  private readonly trickleTimers = new Set<NodeJS.Timeout>();
  private readonly servedValidators = new Set<number>();
  private articlesMade = 0;
  private hugeBody: Buffer | null = null;
  private readonly topics = new Set<string>();
  origins: string[] = [];
  /** null when no feed advertises it */
  hub: SimulatedHub | null = null;

  constructor(
    readonly plan: WebPlan,
    private readonly options: SimulatedWebOptions,
  ) {}

  async start(): Promise<void> {
    for (let origin = 0; origin < this.plan.origins; origin += 1) {
      const server = createServer((request, response) => this.handle(origin, request, response));
      server.keepAliveTimeout = 30_000;
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, HOST, () => resolve());
      });
      this.servers.push(server);
      this.origins.push(`http://${HOST}:${(server.address() as AddressInfo).port}`);
    }
    if (this.plan.feeds.some((feed) => feed.websub)) {
      this.hub = new SimulatedHub(this.options.hub, (topic) => this.topics.has(topic));
      await this.hub.start();
    }
    const now = Date.now();
    for (const feed of this.plan.feeds) {
      const hub = feed.websub ? (this.hub?.url ?? null) : null;
      const state = new FeedState(feed, this.origins[feed.origin], this.options.capacity, hub);
      if (hub) this.topics.add(state.url);
      // The backlog: items published over the last hours, oldest first.
      for (let k = this.options.itemsPerFeed; k > 0; k -= 1) state.add(this.nextArticle(), now - k * 600_000);
      this.feeds.push(state);
    }
  }

  feedUrl(index: number): string {
    return this.feeds[index].url;
  }

  /** Publishes a new item on a feed now, and pings the hub when the feed advertises one. */
  addItem(index: number): FeedItem {
    const feed = this.feeds[index];
    const item = feed.add(this.nextArticle(), Date.now());
    if (feed.hub) this.hub?.publish(feed.url, renderFeed(feed), feed.contentType, [item.link]);
    return item;
  }

  async stop(): Promise<void> {
    await this.hub?.stop();
    for (const timer of this.trickleTimers) clearInterval(timer);
    await Promise.all(
      this.servers.map(
        (server) =>
          new Promise<void>((resolve) => {
            server.close(() => resolve());
            server.closeAllConnections();
          }),
      ),
    );
  }

  private nextArticle() {
    const [article] = generateArticles(this.options.pool, 1, {
      offset: this.articlesMade,
      duplicateShare: 0,
      sentencesPerArticle: 8,
      sources: 1,
    });
    this.articlesMade += 1;
    return article;
  }

  private handle(origin: number, request: IncomingMessage, response: ServerResponse): void {
    const observed = this.observed;
    observed.load.begin(origin);
    response.once('close', () => {
      observed.load.end(origin);
      observed.statusCounts.set(response.statusCode, (observed.statusCounts.get(response.statusCode) ?? 0) + 1);
    });
    const path = (request.url ?? '/').split('?')[0];
    if (origin === this.plan.throttlingOrigin) observed.throttledOriginRequests.push(Date.now());
    if (path === '/robots.txt') {
      observed.robots += 1;
      response.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nDisallow: /private/\n');
      return;
    }
    const match = /^\/(feeds|hop|loop|news)\/(\d+)(?:\.xml|\/(\w+))?$/.exec(path);
    const feed = match ? this.feeds[Number(match[2])] : undefined;
    if (!match || !feed || feed.plan.origin !== origin) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const [, route, , step] = match;
    if (route === 'news') return this.serveArticle(feed, Number(step), response);
    if (route === 'hop') {
      const hop = Number(step);
      if (hop < REDIRECT_HOPS) return redirect(response, `/hop/${feed.plan.index}/${hop + 1}`);
      return this.serveFeed(feed, request, response);
    }
    if (route === 'loop') return redirect(response, `/loop/${feed.plan.index}/${step === 'a' ? 'b' : 'a'}`);
    const requests = observed.feedRequests.get(feed.plan.index) ?? [];
    requests.push(Date.now());
    observed.feedRequests.set(feed.plan.index, requests);
    this.serveFaulty(feed, request, response);
  }

  private serveFaulty(feed: FeedState, request: IncomingMessage, response: ServerResponse): void {
    const index = feed.plan.index;
    switch (feed.plan.behaviour) {
      case 'healthy':
        return this.serveFeed(feed, request, response);
      case 'slow': {
        const timer = setTimeout(() => this.serveFeed(feed, request, response), feed.plan.delayMs);
        response.once('close', () => clearTimeout(timer));
        return;
      }
      case 'rate-limited': {
        const retryAfterMs = this.options.retryAfterSeconds * 1000;
        this.observed.throttles.push({ at: Date.now(), retryAfterMs });
        response
          .writeHead(429, { 'retry-after': String(this.options.retryAfterSeconds), 'content-type': 'text/plain' })
          .end('slow down');
        return;
      }
      case 'server-error':
        response.writeHead(500, { 'content-type': 'text/plain' }).end('internal error');
        return;
      case 'redirect-chain':
        return redirect(response, `/hop/${index}/1`);
      case 'redirect-loop':
        return redirect(response, `/loop/${index}/a`);
      case 'malformed':
        response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(malformedFeed(index));
        return;
      case 'huge':
        this.hugeBody ??= hugeFeed();
        response
          .writeHead(200, { 'content-type': 'application/rss+xml', 'content-length': this.hugeBody.length })
          .end(this.hugeBody);
        return;
      case 'trickler':
        return this.trickle(feed, response);
    }
  }

  private serveFeed(feed: FeedState, request: IncomingMessage, response: ServerResponse): void {
    const observed = this.observed;
    const headers = {
      'if-none-match': header(request, 'if-none-match'),
      'if-modified-since': header(request, 'if-modified-since'),
    };
    observed.feedDocuments += 1;
    if (this.servedValidators.has(feed.plan.index)) {
      observed.eligibleForConditional += 1;
      if (hasConditionalHeaders(headers)) observed.conditional += 1;
    }
    const answer = feed.respond(headers);
    if (answer.headers.etag || answer.headers['last-modified']) this.servedValidators.add(feed.plan.index);
    if (answer.status === 304) {
      observed.notModified += 1;
      response.writeHead(304, answer.headers).end();
      return;
    }
    const now = Date.now();
    for (const item of feed.items)
      if (!observed.firstListedAt.has(item.link)) observed.firstListedAt.set(item.link, now);
    response.writeHead(200, answer.headers).end(answer.body);
  }

  private serveArticle(feed: FeedState, n: number, response: ServerResponse): void {
    const item = feed.item(n);
    if (!item) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    this.observed.articlePages += 1;
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(renderArticlePage(item));
  }

  /** Headers and the start of a feed at once, then a comment every few seconds, never the end. */
  private trickle(feed: FeedState, response: ServerResponse): void {
    const connection: TrickleConnection = { feed: feed.plan.index, openedAt: Date.now(), closedAt: null };
    this.observed.trickles.push(connection);
    response.writeHead(200, { 'content-type': 'application/rss+xml' });
    response.write('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>Trickle</title>');
    const timer = setInterval(() => response.write('<!-- still here -->'), this.options.trickleEveryMs);
    this.trickleTimers.add(timer);
    response.once('close', () => {
      clearInterval(timer);
      this.trickleTimers.delete(timer);
      connection.closedAt = Date.now();
    });
  }
}

function redirect(response: ServerResponse, location: string): void {
  response.writeHead(302, { location, 'content-type': 'text/plain' }).end('moved');
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/** A well-formed RSS document of HUGE_FEED_BYTES: only its size is wrong. */
function hugeFeed(): Buffer {
  const head = '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>Huge</title>';
  const tail = '</channel></rss>\n';
  const item = `<item><title>Filler</title><description>${'x'.repeat(4000)}</description></item>`;
  const count = Math.ceil((HUGE_FEED_BYTES - head.length - tail.length) / item.length);
  return Buffer.from(head + item.repeat(count) + tail);
}
