/** Something we poll; its kind decides the default cadence. */
export type SourceKind = 'feed' | 'page' | 'sitemap' | 'drop';

/** What scheduling needs to know about a source's recent history. */
export interface SourceScheduleState {
  kind: SourceKind;
  /** the source's configured interval; when absent, the kind's default */
  pollIntervalSeconds?: number | null;
  /** failed polls since the last success */
  consecutiveErrors: number;
  /** robots.txt Crawl-delay for our user agent: never poll faster */
  crawlDelaySeconds?: number | null;
  /** a server's Retry-After (429/503), honoured as a lower bound on the next delay */
  retryAfterSeconds?: number | null;
}

export interface SchedulePolicy {
  /** ±fraction of the delay added at random so sources configured alike do not poll in lockstep */
  jitterRatio: number;
  /** delay after the first error; doubles per further error */
  backoffBaseSeconds: number;
  /** backoff never exceeds this */
  backoffMaxSeconds: number;
}

export const DEFAULT_POLL_INTERVAL_SECONDS: Readonly<Record<SourceKind, number>> = {
  feed: 300,
  sitemap: 900,
  page: 1800,
  drop: 30,
};

export const DEFAULT_SCHEDULE_POLICY: Readonly<SchedulePolicy> = {
  jitterRatio: 0.1,
  backoffBaseSeconds: 60,
  backoffMaxSeconds: 6 * 3600,
};

/**
 * The base delay in seconds before jitter: the poll interval when healthy; after errors, exponential backoff
 * (base·2^(errors−1), capped) but never shorter than the poll interval, since failing is no reason to poll faster.
 * Crawl-delay and Retry-After are lower bounds.
 */
export function baseDelaySeconds(state: SourceScheduleState, policy: SchedulePolicy = DEFAULT_SCHEDULE_POLICY): number {
  const interval = positiveOr(state.pollIntervalSeconds, DEFAULT_POLL_INTERVAL_SECONDS[state.kind]);
  let delay = interval;
  if (state.consecutiveErrors > 0) {
    // exponent capped so 2**n stays finite for absurd error counts
    const backoff = policy.backoffBaseSeconds * 2 ** Math.min(state.consecutiveErrors - 1, 52);
    delay = Math.max(interval, Math.min(backoff, policy.backoffMaxSeconds));
  }
  return Math.max(delay, positiveOr(state.crawlDelaySeconds, 0), positiveOr(state.retryAfterSeconds, 0));
}

/**
 * When to poll the source next. `random` returns a number in [0, 1) (Math.random in production, a constant in
 * tests). Jitter spreads the delay uniformly over ±jitterRatio, but never below the Crawl-delay / Retry-After bound.
 */
export function nextRunAt(
  state: SourceScheduleState,
  now: Date,
  random: () => number,
  policy: SchedulePolicy = DEFAULT_SCHEDULE_POLICY,
): Date {
  const base = baseDelaySeconds(state, policy);
  const floor = Math.max(positiveOr(state.crawlDelaySeconds, 0), positiveOr(state.retryAfterSeconds, 0));
  const jittered = base * (1 + policy.jitterRatio * (2 * random() - 1));
  return new Date(now.getTime() + Math.round(Math.max(jittered, floor) * 1000));
}

/** A source that keeps failing is parked (no more polls) until an operator looks at it. */
export function shouldPark(consecutiveErrors: number, threshold: number): boolean {
  return threshold > 0 && consecutiveErrors >= threshold;
}

function positiveOr(value: number | null | undefined, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
}
