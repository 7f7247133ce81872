export interface RetryPolicy {
  /** Handler attempts for a transient failure before the message is dead-lettered (1 = no retry). */
  maxAttempts: number;
  initialDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 5, initialDelayMs: 200, maxDelayMs: 10_000 };

/**
 * Exponential backoff with "full jitter": a random delay in [0, min(max, initial·2^(attempt-1))]. Jitter spreads the
 * retries of many replicas that failed together, so a recovering dependency is not hit by a synchronized wave.
 */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling * random());
}
