import { nextRunAt, shouldPark, type SchedulePolicy } from '@inkstream/feeds';
import type { SourceRecord, SourceRunUpdate } from '@inkstream/persistence';

/** What one poll of a source came to. */
export type RunOutcome =
  | {
      ok: true;
      /** null for drops (no HTTP) */
      httpStatus: number | null;
      notModified: boolean;
      /** validators of the fetched document (ignored when notModified: the stored ones still hold) */
      etag: string | null;
      lastModified: string | null;
      /** items listed for the first time by this poll */
      newItemsSeen: number;
      published: number;
      crawlDelaySeconds: number | null;
    }
  | {
      ok: false;
      error: string;
      httpStatus: number | null;
      retryAfterSeconds: number | null;
      /** raw documents acknowledged before the failure (a feed whose 3rd item page failed published 2) */
      published: number;
      crawlDelaySeconds: number | null;
    };

export interface StatusPolicy {
  schedule: SchedulePolicy;
  /** consecutive errors after which a source is parked; 0 never parks */
  parkAfterErrors: number;
}

/**
 * The source's status after a run and when it runs next: the interval (with jitter, never under Crawl-delay or
 * Retry-After) when healthy; exponential backoff after errors; parked once errors reach the threshold.
 */
export function statusAfterRun(
  source: Pick<SourceRecord, 'kind' | 'pollIntervalSeconds' | 'status'>,
  outcome: RunOutcome,
  now: Date,
  random: () => number,
  policy: StatusPolicy,
): SourceRunUpdate {
  const previous = source.status;
  const crawlDelaySeconds = outcome.crawlDelaySeconds ?? previous.crawlDelaySeconds;
  const base = {
    ...previous,
    lastFetchAt: now,
    itemsPublished: previous.itemsPublished + outcome.published,
    crawlDelaySeconds,
  };
  const status = outcome.ok
    ? {
        ...base,
        lastSuccessAt: now,
        lastHttpStatus: outcome.httpStatus,
        etag: outcome.notModified ? previous.etag : outcome.etag,
        lastModified: outcome.notModified ? previous.lastModified : outcome.lastModified,
        itemsSeen: previous.itemsSeen + outcome.newItemsSeen,
        consecutiveErrors: 0,
        // A success clears the error: a healthy source must not show an old failure as its state. When the last
        // error happened stays in lastErrorAt.
        lastError: null,
      }
    : {
        ...base,
        lastHttpStatus: outcome.httpStatus,
        consecutiveErrors: previous.consecutiveErrors + 1,
        lastError: outcome.error,
        lastErrorAt: now,
      };
  const next = nextRunAt(
    {
      kind: source.kind,
      pollIntervalSeconds: source.pollIntervalSeconds,
      consecutiveErrors: status.consecutiveErrors,
      crawlDelaySeconds,
      retryAfterSeconds: outcome.ok ? null : outcome.retryAfterSeconds,
    },
    now,
    random,
    policy.schedule,
  );
  return { status, nextRunAt: next, parked: shouldPark(status.consecutiveErrors, policy.parkAfterErrors) };
}

/**
 * A run that never contacted its source because the origin's Retry-After (sent to another request) still runs: the
 * source is not to blame, so its status stands, and it runs again when the wait ends instead of holding a run slot
 * through it.
 */
export function statusAfterDeferral(
  source: Pick<SourceRecord, 'status' | 'parked'>,
  waitSeconds: number,
  now: Date,
): SourceRunUpdate {
  return {
    status: source.status,
    nextRunAt: new Date(now.getTime() + Math.max(1, waitSeconds) * 1000),
    parked: source.parked,
  };
}
