import type { DeadLetterKind } from '@inkstream/contracts';
import type { FailureClass } from './errors';
import { backoffDelay, type RetryPolicy } from './retry-policy';

/** Where a message stands after a handler failure: its handler attempts so far, and the outage waits so far. */
export interface FailureState {
  /** Handler attempts that failed for reasons of their own (outage waits are not attempts), this one included. */
  attempt: number;
  /** Outage waits before this failure. */
  holds: number;
}

export type ConsumeDecision =
  /** Try the handler again after the delay; the message keeps its place in the partition. */
  | { action: 'retry'; delayMs: number }
  /** A dependency is down: hold the partition and try again after the delay, without limit. */
  | { action: 'hold'; delayMs: number }
  /** The message can never succeed here (or kept failing): write it to the dead-letter topic and move on. */
  | { action: 'dead-letter'; kind: DeadLetterKind };

/** Holds back off like retries, but the ceiling stops growing after this many waits (a long outage polls evenly). */
const HOLD_BACKOFF_STEPS = 10;

/**
 * The consume loop's whole policy, as a table:
 *
 * | failure                  | decision                                                    |
 * | ------------------------ | ----------------------------------------------------------- |
 * | `invalid-message`        | dead-letter `invalid-message` at once                       |
 * | `invalid-output`         | dead-letter `invalid-output` at once (a bug of the stage)   |
 * | `permanent-error`        | dead-letter `permanent-error` at once                       |
 * | `dependency-unavailable` | hold, backing off, without limit                            |
 * | `transient`              | retry with backoff; dead-letter `retries-exhausted` after   |
 * |                          | `maxAttempts` attempts                                      |
 *
 * Pure: `random` is the jitter source (see backoffDelay).
 */
export function decideOnFailure(
  failure: FailureClass,
  state: FailureState,
  retry: RetryPolicy,
  random: () => number = Math.random,
): ConsumeDecision {
  switch (failure) {
    case 'invalid-message':
    case 'invalid-output':
    case 'permanent-error':
      return { action: 'dead-letter', kind: failure };
    case 'dependency-unavailable':
      return { action: 'hold', delayMs: backoffDelay(Math.min(state.holds + 1, HOLD_BACKOFF_STEPS), retry, random) };
    case 'transient':
      return state.attempt >= retry.maxAttempts
        ? { action: 'dead-letter', kind: 'retries-exhausted' }
        : { action: 'retry', delayMs: backoffDelay(state.attempt, retry, random) };
  }
}
