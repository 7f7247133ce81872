import { findFetchError } from './fetch-error';
import type { RobotsRules } from './fetch-policies';
import { systemClock, type Clock } from './origin-limiter';

/** What the cache needs from HTTP: robots.txt's status and text (a FetchError when there is no answer). */
export type RobotsLoader = (robotsUrl: string, allowList: string[]) => Promise<{ status: number; text: string }>;

export interface RobotsCacheOptions {
  /** how long a fetched robots.txt is trusted */
  ttlMs: number;
  /** how long "unreachable → disallow all" is kept before asking again (short: outages end) */
  errorTtlMs: number;
}

const MAX_ORIGINS = 10_000;

interface Entry<P> {
  policy: Promise<P>;
  expiresAt: number;
  /** set when the policy is "disallow all" because robots.txt did not answer (5xx, network, timeout): why */
  unreachable: string | null;
}

/**
 * robots.txt per origin, fetched once and shared by every source on it. RFC 9309: 2xx → its rules, 4xx → allow
 * everything, 5xx or unreachable → disallow everything (for a short while). Concurrent lookups of one origin share
 * one request. A refused origin (SSRF guard) is not "unreachable": that error goes to the caller unchanged, so the
 * source shows why it was refused rather than a robots message.
 */
export class RobotsCache<P = unknown> {
  private readonly entries = new Map<string, Entry<P>>();

  constructor(
    private readonly rules: RobotsRules<P>,
    private readonly load: RobotsLoader,
    private readonly options: RobotsCacheOptions,
    private readonly clock: Clock = systemClock,
  ) {}

  /** `allowList`: extra entries of the request asking (an allow-listed source's robots.txt is on its own host). */
  async policyFor(url: string, allowList: string[] = []): Promise<P> {
    const origin = new URL(url).origin;
    const now = this.clock.now();
    const cached = this.entries.get(origin);
    if (cached && cached.expiresAt > now) return cached.policy;
    if (this.entries.size >= MAX_ORIGINS) this.evictExpired(now);
    const entry: Entry<P> = {
      policy: this.fetchPolicy(origin, allowList),
      expiresAt: now + this.options.ttlMs,
      unreachable: null,
    };
    this.entries.set(origin, entry);
    entry.policy.catch(() => this.entries.delete(origin));
    return entry.policy;
  }

  private async fetchPolicy(origin: string, allowList: string[]): Promise<P> {
    const robotsUrl = `${origin}/robots.txt`;
    try {
      const { status, text } = await this.load(robotsUrl, allowList);
      if (status >= 200 && status < 300) return this.rules.parse(text, robotsUrl);
      if (status >= 400 && status < 500) return this.rules.allowAll(robotsUrl);
      this.shorten(origin, `HTTP ${status}`);
      return this.rules.disallowAll(robotsUrl);
    } catch (error) {
      const fetchError = findFetchError(error);
      if (fetchError?.kind === 'refused') throw fetchError;
      if (fetchError?.kind === 'http' && fetchError.status !== null && fetchError.status < 500) {
        return this.rules.allowAll(robotsUrl);
      }
      this.shorten(origin, fetchError?.message ?? (error instanceof Error ? error.message : String(error)));
      return this.rules.disallowAll(robotsUrl);
    }
  }

  /** Full-text and sitemap pages reach many origins: expired entries go once the map is large. */
  private evictExpired(now: number): void {
    for (const [origin, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(origin);
  }

  private shorten(origin: string, unreachable: string): void {
    const entry = this.entries.get(origin);
    if (!entry) return;
    entry.expiresAt = Math.min(entry.expiresAt, this.clock.now() + this.options.errorTtlMs);
    entry.unreachable = unreachable;
  }

  /**
   * Why the origin's robots.txt could not be read, when its current policy is "disallow all" for that reason (not
   * because the site's rules say so); null otherwise. Lets a refusal say which of the two it is.
   */
  unreachableReason(url: string): string | null {
    return this.entries.get(new URL(url).origin)?.unreachable ?? null;
  }
}
