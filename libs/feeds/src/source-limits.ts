import type { IntervalBounds } from './poll-cadence';
import type { SchedulePolicy } from './schedule';

/**
 * An operator's limits for one source, each null for the fetcher's default (its FETCH_* setting). They bound what
 * the fetcher chooses by itself; an explicit pollIntervalSeconds is the operator's own choice and is not bounded.
 */
export interface SourceLimits {
  /** adaptive polling never polls this source more often (default FETCH_MIN_INTERVAL_SECONDS) */
  minIntervalSeconds: number | null;
  /** adaptive polling polls this source at least this often (default FETCH_MAX_INTERVAL_SECONDS) */
  maxIntervalSeconds: number | null;
  /** items one poll takes: feed items read, sitemap pages fetched, dropped files (default per kind) */
  maxItemsPerRun: number | null;
  /** a failing source is still retried at least this often (default FETCH_BACKOFF_MAX_SECONDS) */
  backoffMaxSeconds: number | null;
}

export const NO_SOURCE_LIMITS: Readonly<SourceLimits> = {
  minIntervalSeconds: null,
  maxIntervalSeconds: null,
  maxItemsPerRun: null,
  backoffMaxSeconds: null,
};

/**
 * The bounds of a source's adaptive interval: its own where it has them, the fetcher's otherwise. When the source
 * sets one side only and the fetcher's other side contradicts it (a source minimum of 2 h under a fetcher maximum of
 * 1 h), the source's own bound holds and the default gives way to it: the operator asked for this source.
 */
export function sourceIntervalBounds(
  limits: Pick<SourceLimits, 'minIntervalSeconds' | 'maxIntervalSeconds'>,
  defaults: IntervalBounds,
): IntervalBounds {
  const minSeconds = limits.minIntervalSeconds ?? defaults.minSeconds;
  const maxSeconds = limits.maxIntervalSeconds ?? defaults.maxSeconds;
  if (minSeconds <= maxSeconds) return { minSeconds, maxSeconds };
  // Both sides the source's own are validated min <= max, so here one side is a default: the other one wins.
  return limits.minIntervalSeconds !== null
    ? { minSeconds, maxSeconds: minSeconds }
    : { minSeconds: maxSeconds, maxSeconds };
}

/** The bound on one poll's items and the name a poll's notice gives it (so the operator knows which to raise). */
export interface ItemBound {
  limit: number;
  setting: string;
}

/** The source's maxItemsPerRun when it has one, else the fetcher's setting for its kind. */
export function itemsPerRun(limits: Pick<SourceLimits, 'maxItemsPerRun'>, fetcherDefault: ItemBound): ItemBound {
  return limits.maxItemsPerRun === null ? fetcherDefault : { limit: limits.maxItemsPerRun, setting: 'maxItemsPerRun' };
}

/** The schedule policy for one source: the fetcher's, with the source's own backoff ceiling when it has one. */
export function sourceSchedulePolicy(
  limits: Pick<SourceLimits, 'backoffMaxSeconds'>,
  policy: SchedulePolicy,
): SchedulePolicy {
  return limits.backoffMaxSeconds === null ? policy : { ...policy, backoffMaxSeconds: limits.backoffMaxSeconds };
}
