import { request } from 'undici';
import { FetchError, findFetchError, isTransientStatus, parseRetryAfter } from './fetch-error';
import type { FetchPolicies } from './fetch-policies';
import { allowListFor } from './allow-list';
import { checkUrlTarget, GuardedAgentPool, systemResolver, type Resolver } from './guarded-agent';
import { cacheLifetimeSeconds } from './cache-lifetime';
import { Deadline, sleepUnless, unlessAborted, withDeadline } from './deadline';
import { OriginLimiter, systemClock, type Clock, type OriginLimits } from './origin-limiter';
import { ACCEPT_ENCODING, decodeContent, readCapped } from './read-body';
import { RobotsCache } from './robots-cache';

export const DEFAULT_USER_AGENT = 'Inkstream/0.1 (+https://github.com/inkstream)';

export interface HttpClientOptions {
  userAgent: string;
  /** global SSRF allow-list (hostnames, CIDRs, IPs, `file:` prefixes); see checkFetchTarget */
  allowList: string[];
  connectTimeoutMs: number;
  /** one exchange (one redirect hop: connect, headers and body), counted once the host slot is ours */
  totalTimeoutMs: number;
  /** the whole request: every attempt, hop, body and retry wait; past it the request fails, no more retries */
  deadlineMs: number;
  maxBodyBytes: number;
  maxDecompressedBytes: number;
  maxRedirects: number;
  /** extra attempts after a transient failure (network, timeout, 408/429/5xx) */
  retries: number;
  retryDelayMs: number;
  /** longest wait (retry backoff, Retry-After) slept inside a request; a longer one fails it with the wait attached */
  maxRetryWaitMs: number;
  perOriginConcurrency: number;
  perOriginIntervalMs: number;
  /** per-origin (`https://host:port`) or per-host (`host`) politeness limits, overriding the two above */
  originLimits?: ReadonlyMap<string, OriginLimits>;
  respectRobots: boolean;
  robotsTtlMs: number;
  robotsErrorTtlMs: number;
  /** Crawl-delay above this is applied as this (one source must not stall a replica for minutes) */
  maxCrawlDelayMs: number;
  /** the SSRF and robots.txt rules (the service passes @inkstream/feeds') */
  policies: FetchPolicies;
  resolve?: Resolver;
  clock?: Clock;
}

export interface FetchRequest {
  url: string;
  etag?: string | null;
  lastModified?: string | null;
  accept?: string;
  /** extra allow-list entries for this request (a source marked allow-listed adds its own host) */
  allowList?: string[];
  signal?: AbortSignal;
}

export interface FetchResponse {
  /** the URL asked for */
  url: string;
  /** the URL that answered, after redirects */
  finalUrl: string;
  status: number;
  notModified: boolean;
  contentType: string | null;
  etag: string | null;
  lastModified: string | null;
  /** decompressed bytes; empty for 304 */
  body: Buffer;
  /** robots.txt Crawl-delay of the final origin, for scheduling */
  crawlDelaySeconds: number | null;
  /** how long the response says it stays fresh (Cache-Control max-age / Expires), a hint for the poll interval */
  cacheMaxAgeSeconds: number | null;
  /**
   * Where the URL asked for moved for good: the URL reached by the leading 301/308 hops (a 302 or 307 after them
   * does not count, being temporary); null when the first answer was no permanent redirect.
   */
  movedPermanentlyTo: string | null;
  /** every `Link` header of the final response, joined with commas (WebSub hub discovery); null when none */
  link?: string | null;
}

/** Attempt outcomes, for the fetch metrics. */
export interface HttpClientObserver {
  onResponse?(host: string, status: number, seconds: number): void;
  onRetry?(host: string, error: FetchError): void;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const PERMANENT_REDIRECTS = new Set([301, 308]);

/**
 * The fetcher's HTTP: conditional GET, compression, bounded redirects with every hop re-checked (SSRF guard,
 * robots.txt, per-origin limits), connect/total timeouts, capped bodies and retries for transient failures only.
 * undici is asked for one hop at a time (it follows no redirects by itself) so no hop escapes the checks.
 */
export class HttpClient {
  private readonly agents: GuardedAgentPool;
  private readonly limiter: OriginLimiter;
  private readonly robots: RobotsCache;
  private readonly clock: Clock;
  /** aborted by close(): requests no run waits for (robots.txt loads) end with the client, not after their timeout */
  private readonly closing = new AbortController();

  constructor(
    private readonly options: HttpClientOptions,
    private readonly observer: HttpClientObserver = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.agents = new GuardedAgentPool({
      connectTimeoutMs: options.connectTimeoutMs,
      resolve: options.resolve ?? systemResolver,
      checkTarget: options.policies.checkTarget,
    });
    this.limiter = new OriginLimiter(
      {
        maxConcurrent: options.perOriginConcurrency,
        minIntervalMs: options.perOriginIntervalMs,
        overrides: options.originLimits,
      },
      this.clock,
    );
    this.robots = new RobotsCache(
      options.policies.robots,
      (robotsUrl, allowList) => this.fetchRobots(robotsUrl, allowList),
      { ttlMs: options.robotsTtlMs, errorTtlMs: options.robotsErrorTtlMs },
      this.clock,
    );
  }

  async fetch(req: FetchRequest): Promise<FetchResponse> {
    const deadline = new Deadline(this.options.deadlineMs, `${req.url} (all attempts)`, req.signal, {
      transient: false,
    });
    try {
      for (let attempt = 0; ; attempt += 1) {
        try {
          deadline.throwIfAborted();
          return await this.attempt({ ...req, signal: deadline.signal }, true);
        } catch (error) {
          const known = asFetchError(error, req.url);
          // Past the deadline its own timeout says what happened, unless the server was never contacted.
          const failure =
            deadline.signal.aborted && known.kind !== 'deferred'
              ? asFetchError(deadline.signal.reason, req.url)
              : known;
          if (!failure.transient || attempt >= this.options.retries || deadline.signal.aborted) throw failure;
          const wait = Math.max(this.options.retryDelayMs * 2 ** attempt, (failure.retryAfterSeconds ?? 0) * 1000);
          // A long wait is not slept here (it would hold a run slot): the failure carries it and the source is
          // scheduled again at its end.
          if (wait > this.options.maxRetryWaitMs) throw failure;
          this.observer.onRetry?.(hostOf(req.url), failure);
          await sleepUnless(wait, deadline.signal).catch(() => {
            throw failure;
          });
        }
      }
    } finally {
      deadline.dispose();
    }
  }

  /** Requests waiting for their origin's politeness (a slot or the spacing): what more run slots would lengthen. */
  queuedRequests(): number {
    return this.limiter.waiting();
  }

  async close(): Promise<void> {
    // undici's close() waits for requests in flight; a shared robots.txt load has no run signal to end it.
    this.closing.abort(new FetchError('network', 'HTTP client closed'));
    await this.agents.close();
  }

  private async fetchRobots(robotsUrl: string, allowList: string[]): Promise<{ status: number; text: string }> {
    try {
      const response = await this.attempt(
        { url: robotsUrl, accept: 'text/plain', allowList, signal: this.closing.signal },
        false,
      );
      return { status: response.status, text: response.body.toString('utf8') };
    } catch (error) {
      throw asFetchError(error, robotsUrl);
    }
  }

  private async attempt(req: FetchRequest, checkRobots: boolean): Promise<FetchResponse> {
    const allowList = [...this.options.allowList, ...(req.allowList ?? [])];
    const visited = new Set<string>();
    let current = new URL(req.url);
    let crawlDelay: number | null = null;
    let movedPermanentlyTo: string | null = null;
    let permanentSoFar = true;
    for (let hop = 0; ; hop += 1) {
      // Origin entries apply to their own origin only, decided again for every hop (a redirect from an
      // allow-listed origin to another port of the same host is refused).
      const hopAllowList = allowListFor(current, allowList);
      checkUrlTarget(current, hopAllowList, this.options.policies.checkTarget);
      visited.add(current.href);
      if (checkRobots && this.options.respectRobots) {
        crawlDelay = await this.checkRobots(current, req.allowList ?? [], req.signal);
      }
      const url = current;
      const heldOff = this.limiter.heldOffFor(url);
      if (heldOff > this.options.maxRetryWaitMs) {
        const seconds = Math.ceil(heldOff / 1000);
        throw new FetchError(
          'deferred',
          `${url.origin} asked us to wait (Retry-After): not contacted for ${seconds} s`,
          {
            retryAfterSeconds: seconds,
          },
        );
      }
      // The whole exchange (connect, headers, body) holds the host slot, and the timeout starts once it is ours:
      // waiting politely in the queue is not the server being slow.
      let contacted = false;
      const outcome = await this.limiter
        .run(
          url,
          () => {
            contacted = true;
            return withDeadline(this.options.totalTimeoutMs, url.href, req.signal, (signal) =>
              this.exchange(url, req, hopAllowList, signal),
            );
          },
          req.signal,
          hop > 0,
        )
        .catch((error: unknown) => {
          throw contacted ? error : this.queueTimeout(url, req.signal, error);
        });
      if (outcome.redirectTo === null) {
        return { ...outcome.response, url: req.url, crawlDelaySeconds: crawlDelay, movedPermanentlyTo };
      }
      const next = new URL(outcome.redirectTo, url);
      permanentSoFar &&= outcome.permanent;
      if (permanentSoFar) movedPermanentlyTo = next.href;
      if (visited.has(next.href)) throw new FetchError('redirect', `${req.url}: redirect loop at ${next.href}`);
      if (hop + 1 > this.options.maxRedirects) {
        throw new FetchError('redirect', `${req.url}: more than ${this.options.maxRedirects} redirects`);
      }
      current = next;
    }
  }

  private async exchange(
    url: URL,
    req: FetchRequest,
    allowList: string[],
    /** this exchange's deadline (also aborted with the request's): undici destroys the body stream with it */
    signal: AbortSignal,
  ): Promise<
    { redirectTo: string; permanent: boolean; response?: undefined } | { redirectTo: null; response: FetchResponse }
  > {
    const started = this.clock.now();
    const headers: Record<string, string> = {
      'user-agent': this.options.userAgent,
      accept: req.accept ?? '*/*',
      'accept-encoding': ACCEPT_ENCODING,
    };
    if (req.etag) headers['if-none-match'] = req.etag;
    if (req.lastModified) headers['if-modified-since'] = req.lastModified;
    const {
      statusCode,
      headers: responseHeaders,
      body,
    } = await request(url, {
      method: 'GET',
      headers,
      signal,
      dispatcher: this.agents.for(allowList),
      headersTimeout: this.options.totalTimeoutMs,
      bodyTimeout: this.options.totalTimeoutMs,
    });
    this.observer.onResponse?.(url.hostname, statusCode, (this.clock.now() - started) / 1000);
    const get = (name: string) => header(responseHeaders, name);
    if (REDIRECTS.has(statusCode)) {
      await body.dump().catch(() => undefined);
      const location = get('location');
      if (!location) throw new FetchError('redirect', `${url.href}: HTTP ${statusCode} without a Location`);
      return { redirectTo: location, permanent: PERMANENT_REDIRECTS.has(statusCode) };
    }
    const response = {
      url: url.href,
      finalUrl: url.href,
      status: statusCode,
      contentType: get('content-type'),
      etag: get('etag'),
      lastModified: get('last-modified'),
      cacheMaxAgeSeconds: cacheLifetimeSeconds(
        { cacheControl: get('cache-control'), expires: get('expires'), date: get('date') },
        new Date(this.clock.now()),
      ),
      crawlDelaySeconds: null,
      movedPermanentlyTo: null,
      link: allHeaders(responseHeaders, 'link'),
    };
    if (statusCode === 304) {
      await body.dump().catch(() => undefined);
      return { redirectTo: null, response: { ...response, notModified: true, body: Buffer.alloc(0) } };
    }
    if (statusCode < 200 || statusCode >= 300) {
      await body.dump().catch(() => undefined);
      const retryAfterSeconds = parseRetryAfter(get('retry-after'), new Date(this.clock.now()));
      // The origin asked for a pause: every source on it waits, not only the one that asked.
      if (retryAfterSeconds) this.limiter.holdOff(url, this.clock.now() + retryAfterSeconds * 1000);
      throw new FetchError('http', `HTTP ${statusCode} from ${url.href}`, {
        status: statusCode,
        transient: isTransientStatus(statusCode),
        retryAfterSeconds,
      });
    }
    const declared = Number(get('content-length') ?? NaN);
    if (Number.isFinite(declared) && declared > this.options.maxBodyBytes) {
      body.destroy();
      throw new FetchError(
        'too-large',
        `${url.href}: body of ${declared} bytes exceeds the ${this.options.maxBodyBytes}-byte limit`,
      );
    }
    const wire = await readCapped(body, this.options.maxBodyBytes, url.href);
    const decoded = await decodeContent(wire, get('content-encoding'), this.options.maxDecompressedBytes, url.href);
    return { redirectTo: null, response: { ...response, notModified: false, body: decoded } };
  }

  /**
   * A request whose deadline passed while it waited for its origin's politeness slot never reached the server: not
   * the source's failure but a backlog, so it is deferred until the origin's queue has room (a shutdown abort stays
   * what it is).
   */
  private queueTimeout(url: URL, signal: AbortSignal | undefined, error: unknown): unknown {
    const reason: unknown = signal?.aborted ? signal.reason : null;
    if (!(reason instanceof FetchError) || reason.kind !== 'timeout') return error;
    const seconds = Math.max(1, Math.ceil(this.limiter.backlogFor(url) / 1000));
    return new FetchError(
      'deferred',
      `${url.origin}: no request slot within ${this.options.deadlineMs} ms (politeness queue); not contacted`,
      { retryAfterSeconds: seconds },
    );
  }

  /** Returns the Crawl-delay; throws when robots.txt disallows the URL. */
  private async checkRobots(url: URL, allowList: string[], signal: AbortSignal | undefined): Promise<number | null> {
    const rules = this.options.policies.robots;
    // A run that stops (shutdown, its deadline) stops waiting; the shared load goes on for the origin's other sources.
    const policy = await unlessAborted(this.robots.policyFor(url.href, allowList), signal);
    if (!rules.isAllowed(policy, url.href, this.options.userAgent)) {
      const unreachable = this.robots.unreachableReason(url.href);
      if (unreachable !== null) {
        // RFC 9309: an unreachable robots.txt means "disallow all" for now, but the site said nothing of the kind.
        throw new FetchError(
          'robots',
          `robots.txt of ${url.origin} could not be fetched (${unreachable}); not fetching ${url.href} until it ` +
            'answers (RFC 9309: unreachable robots.txt means disallow all)',
        );
      }
      throw new FetchError('robots', `robots.txt of ${url.origin} disallows ${url.href} for our user agent`);
    }
    const delay = rules.crawlDelaySeconds(policy, this.options.userAgent);
    if (delay !== null) this.limiter.setMinInterval(url, Math.min(delay * 1000, this.options.maxCrawlDelayMs));
    return delay;
  }
}

function header(headers: Record<string, string | string[] | undefined>, name: string): string | null {
  const value = headers[name];
  if (Array.isArray(value)) return value[0] ?? null;
  return value ?? null;
}

function allHeaders(headers: Record<string, string | string[] | undefined>, name: string): string | null {
  const value = headers[name];
  if (Array.isArray(value)) return value.length > 0 ? value.join(', ') : null;
  return value ?? null;
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}

const TIMEOUT_CODES = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ETIMEDOUT',
  'ABORT_ERR',
]);

/** Every failure as a FetchError with a message naming the URL and what happened. */
export function asFetchError(error: unknown, url: string): FetchError {
  const known = findFetchError(error);
  if (known) return known;
  const err = error as { name?: string; code?: string; message?: string; cause?: { code?: string } };
  if (err?.name === 'TimeoutError' || TIMEOUT_CODES.has(err?.code ?? '') || err?.cause?.code === 'ETIMEDOUT') {
    return new FetchError('timeout', `${url}: timed out (${err.message})`, {
      transient: true,
    });
  }
  if (err?.name === 'AbortError') return new FetchError('timeout', `${url}: aborted (${err.message})`);
  const code = err?.code ?? err?.cause?.code;
  return new FetchError('network', `${url}: ${code ? `${code} ` : ''}${err?.message ?? String(error)}`, {
    transient: true,
  });
}
