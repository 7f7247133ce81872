import type { FetchError } from './fetch-error';

export interface PageRetryPolicy {
  /** failed fetches of one page before the feed's own text is published instead */
  maxAttempts: number;
  /** wait after the first failure, doubling per further failure */
  baseDelayMs: number;
}

export const DEFAULT_PAGE_RETRY_POLICY: Readonly<PageRetryPolicy> = { maxAttempts: 3, baseDelayMs: 30_000 };

/** What to do with a queued page whose fetch failed. */
export type PageRetryDecision =
  { action: 'retry'; delayMs: number; /** counts against maxAttempts */ failed: boolean } | { action: 'fallback' };

/**
 * A page the origin told us to wait for (deferred: not contacted) runs when the wait ends and is not counted; a
 * transient failure (network, timeout, 429, 5xx) is tried again later with a doubling wait, never sooner than a
 * Retry-After, up to `maxAttempts` failures; anything else (404, robots.txt, too large) will not get better, so the
 * feed's own text of the item is published at once.
 */
export function afterPageFailure(
  error: Pick<FetchError, 'kind' | 'transient' | 'retryAfterSeconds'>,
  attemptsBefore: number,
  policy: PageRetryPolicy = DEFAULT_PAGE_RETRY_POLICY,
): PageRetryDecision {
  const retryAfterMs = (error.retryAfterSeconds ?? 0) * 1000;
  if (error.kind === 'deferred') return { action: 'retry', delayMs: Math.max(1000, retryAfterMs), failed: false };
  if (!error.transient || attemptsBefore + 1 >= policy.maxAttempts) return { action: 'fallback' };
  return { action: 'retry', delayMs: Math.max(policy.baseDelayMs * 2 ** attemptsBefore, retryAfterMs), failed: true };
}
