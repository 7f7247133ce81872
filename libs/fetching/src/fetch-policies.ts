/**
 * The decisions the HTTP client enforces but does not own. They live in the domain lib (@inkstream/feeds:
 * checkFetchTarget, parseRobots, …) and a platform lib may not import domain code, so the service plugs them in.
 */
export type TargetCheck = (
  url: string,
  resolvedIps: string[],
  allowList: string[],
) => { ok: true } | { ok: false; reason: string };

/** robots.txt rules over an opaque parsed policy `P`. */
export interface RobotsRules<P = unknown> {
  parse(text: string, url: string): P;
  /** the policy for a 4xx robots.txt (RFC 9309: no rules) */
  allowAll(url: string): P;
  /** the policy for a 5xx / unreachable robots.txt (RFC 9309: complete disallow) */
  disallowAll(url: string): P;
  isAllowed(policy: P, url: string, userAgent: string): boolean;
  crawlDelaySeconds(policy: P, userAgent: string): number | null;
}

export interface FetchPolicies<P = unknown> {
  checkTarget: TargetCheck;
  robots: RobotsRules<P>;
}
