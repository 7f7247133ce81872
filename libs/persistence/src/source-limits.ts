import type { SourceKind } from '@inkstream/contracts';
import { z } from 'zod';

/** Longest poll interval a source may have: beyond it the next run date would be far off or not a date at all. */
export const MAX_POLL_INTERVAL_SECONDS = 30 * 24 * 3600;

/** Most items one poll may take (the sitemap protocol's own per-file limit): bounds what one run holds. */
export const MAX_ITEMS_PER_RUN = 50_000;

/** A number of seconds an operator sets on a source (an interval, a bound); null for the default. */
export function secondsSchema() {
  return z
    .number({ invalid_type_error: 'must be a number of seconds or null' })
    .int('must be a whole number of seconds')
    .positive('must be a positive number of seconds')
    .max(MAX_POLL_INTERVAL_SECONDS, `must be at most ${MAX_POLL_INTERVAL_SECONDS} seconds (30 days)`)
    .nullable();
}

/**
 * An operator's limits for one source (libs/feeds SourceLimits says what each bounds), each null for the fetcher's
 * default. Records from before the fields have none of them: sourceLimitsOf reads those as null.
 */
export const sourceLimitsShape = {
  minIntervalSeconds: secondsSchema(),
  maxIntervalSeconds: secondsSchema(),
  maxItemsPerRun: z
    .number({ invalid_type_error: 'must be a number of items or null' })
    .int('must be a whole number of items')
    .positive('must be a positive number of items')
    .max(MAX_ITEMS_PER_RUN, `must be at most ${MAX_ITEMS_PER_RUN} items`)
    .nullable(),
  backoffMaxSeconds: secondsSchema(),
};

export type SourceLimits = { [K in keyof typeof sourceLimitsShape]: z.infer<(typeof sourceLimitsShape)[K]> };

export const SOURCE_LIMIT_FIELDS = Object.keys(sourceLimitsShape) as Array<keyof SourceLimits>;

/** A source's limits, null where the record has none (also every limit of a record from before them). */
export function sourceLimitsOf(source: Partial<Record<keyof SourceLimits, number | null>>): SourceLimits {
  return {
    minIntervalSeconds: source.minIntervalSeconds ?? null,
    maxIntervalSeconds: source.maxIntervalSeconds ?? null,
    maxItemsPerRun: source.maxItemsPerRun ?? null,
    backoffMaxSeconds: source.backoffMaxSeconds ?? null,
  };
}

/** A limit that does not fit the source as a whole (each value alone is checked by sourceLimitsShape). */
export interface SourceLimitProblem {
  field: keyof SourceLimits;
  message: string;
}

/**
 * What is wrong with a source's limits together: a minimum over the maximum, interval bounds on a drop folder (it
 * is not polled adaptively), an item limit on a page (one item per poll).
 */
export function sourceLimitProblems(kind: SourceKind, limits: SourceLimits): SourceLimitProblem[] {
  const problems: SourceLimitProblem[] = [];
  const { minIntervalSeconds: min, maxIntervalSeconds: max } = limits;
  if (min !== null && max !== null && min > max) {
    problems.push({ field: 'maxIntervalSeconds', message: `must be at least minIntervalSeconds (${min}), got ${max}` });
  }
  if (kind === 'drop') {
    for (const field of ['minIntervalSeconds', 'maxIntervalSeconds'] as const) {
      if (limits[field] !== null) {
        problems.push({
          field,
          message: 'bounds the adaptive interval, which drop folders do not have (set pollIntervalSeconds)',
        });
      }
    }
  }
  if (kind === 'page' && limits.maxItemsPerRun !== null) {
    problems.push({
      field: 'maxItemsPerRun',
      message: 'applies to feed, sitemap and drop sources (a page is one item)',
    });
  }
  return problems;
}

/**
 * How soon a source must run after an edit, in seconds from now, or null when the edit does not shorten its wait:
 * a new fixed interval, or, for a source polled adaptively, a new maximum (a lower bound waits for the next run).
 */
export function editShortensWaitTo(
  edited: { pollIntervalSeconds: number | null } & SourceLimits,
  edit: Partial<{ pollIntervalSeconds: number | null } & SourceLimits>,
): number | null {
  if (edited.pollIntervalSeconds !== null) {
    return edit.pollIntervalSeconds !== undefined ? edited.pollIntervalSeconds : null;
  }
  const touched = edit.pollIntervalSeconds !== undefined || edit.maxIntervalSeconds !== undefined;
  return touched ? edited.maxIntervalSeconds : null;
}
