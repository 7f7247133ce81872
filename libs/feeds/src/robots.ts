import robotsParser from 'robots-parser';

/** A parsed robots.txt, bound to the origin it was fetched from. */
export interface RobotsPolicy {
  readonly origin: string;
  readonly sitemaps: string[];
  /** @internal the robots-parser instance; use isAllowed / crawlDelaySeconds */
  readonly rules: ReturnType<typeof robotsParser>;
}

/**
 * Parses robots.txt fetched from `url` (any URL on the origin, usually `https://host/robots.txt`). robots-parser
 * implements Google's grouping, wildcard and longest-match rules, which we do not want to re-derive.
 */
export function parseRobots(text: string, url: string): RobotsPolicy {
  const rules = robotsParser(url, text);
  return { origin: new URL(url).origin, sitemaps: rules.getSitemaps(), rules };
}

/** The policy to apply when robots.txt answered 4xx (no rules: everything allowed, per RFC 9309 §2.3.1.3). */
export function allowAllRobots(url: string): RobotsPolicy {
  return parseRobots('', url);
}

/** The policy to apply when robots.txt was unreachable or answered 5xx (assume complete disallow, RFC 9309). */
export function disallowAllRobots(url: string): RobotsPolicy {
  return parseRobots('User-agent: *\nDisallow: /', url);
}

/**
 * Whether `userAgent` may fetch `url`. A URL on another origin is a caller bug (each origin has its own robots.txt)
 * and throws, rather than silently allowing or refusing.
 */
export function isAllowed(robots: RobotsPolicy, url: string, userAgent: string): boolean {
  const allowed = robots.rules.isAllowed(url, userAgent);
  if (allowed === undefined) {
    throw new RangeError(`robots.txt of ${robots.origin} does not govern ${url}`);
  }
  return allowed;
}

/** Crawl-delay for `userAgent` in seconds, or null when robots.txt sets none. */
export function crawlDelaySeconds(robots: RobotsPolicy, userAgent: string): number | null {
  const delay = robots.rules.getCrawlDelay(userAgent);
  return typeof delay === 'number' && Number.isFinite(delay) && delay >= 0 ? delay : null;
}
