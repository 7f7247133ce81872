import {
  cadenceAfterPoll,
  nextRunAt,
  pollIntervalSeconds,
  shouldPark,
  sourceIntervalBounds,
  sourceSchedulePolicy,
  type FeedPollHints,
  type IntervalBounds,
  type SchedulePolicy,
} from '@inkstream/feeds';
import {
  sourceLimitsOf,
  type SourceLimits,
  type SourceRecord,
  type SourceRunUpdate,
  type SourceStatus,
} from '@inkstream/persistence';

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
      /** what this poll left out on purpose (a bound), for the status; not an error */
      notice?: string | null;
      /** the source's URL answered with a permanent redirect (301/308) to this one */
      movedTo?: string | null;
      /** no poll is needed before this (a WebSub lease holds: pushes bring the items); null or absent: none */
      pollNotBefore?: Date | null;
      /** the response's freshness lifetime (Cache-Control max-age / Expires), a floor for the adaptive interval */
      cacheMaxAgeSeconds?: number | null;
      /** what a fetched feed said of its pace (absent on a 304 and for other kinds) */
      feedPace?: { hints: FeedPollHints; itemDates: Array<string | null> } | null;
    }
  | {
      ok: false;
      error: string;
      httpStatus: number | null;
      retryAfterSeconds: number | null;
      /** raw documents acknowledged before the failure (a feed whose 3rd item page failed published 2) */
      published: number;
      crawlDelaySeconds: number | null;
      notice?: string | null;
    };

export interface StatusPolicy {
  schedule: SchedulePolicy;
  /** bounds of the adaptive interval of sources without their own pollIntervalSeconds (a source's limits win) */
  intervalBounds: IntervalBounds;
  /** consecutive errors after which a source is parked; 0 never parks */
  parkAfterErrors: number;
  /** how long a source may keep failing (at least MIN_ERRORS_TO_PARK_BY_TIME times) before it is parked; 0: no limit */
  parkAfterFailingMs: number;
}

/** A single long Retry-After between two failures is not yet "keeps failing". */
export const MIN_ERRORS_TO_PARK_BY_TIME = 3;

/**
 * The source's status after a run and when it runs next: the interval (the source's own, else adaptive within the
 * source's bounds or the fetcher's: see libs/feeds pollIntervalSeconds and sourceIntervalBounds; with jitter, never
 * under Crawl-delay or Retry-After) when healthy; exponential backoff after errors, up to the source's ceiling or the
 * fetcher's; parked once errors reach the threshold or have gone on for `parkAfterFailingMs` (with backoff doubling,
 * a count alone parked a source only after most of a day).
 */
export function statusAfterRun(
  source: Pick<SourceRecord, 'kind' | 'pollIntervalSeconds' | 'status'> &
    Partial<Pick<SourceRecord, 'nextRunAt' | keyof SourceLimits>>,
  outcome: RunOutcome,
  now: Date,
  random: () => number,
  policy: StatusPolicy,
): SourceRunUpdate {
  const previous = source.status;
  const cadence = outcome.ok
    ? cadenceAfterPoll(previous.cadence, {
        unchanged: outcome.notModified || (outcome.newItemsSeen === 0 && outcome.published === 0),
        cacheMaxAgeSeconds: outcome.cacheMaxAgeSeconds ?? null,
        feed: outcome.feedPace,
      })
    : (previous.cadence ?? null);
  const limits = sourceLimitsOf(source);
  const intervalSeconds = pollIntervalSeconds(
    source,
    cadence,
    now,
    sourceIntervalBounds(limits, policy.intervalBounds),
  );
  const crawlDelaySeconds = outcome.crawlDelaySeconds ?? previous.crawlDelaySeconds;
  const base = {
    ...previous,
    lastFetchAt: now,
    itemsPublished: previous.itemsPublished + outcome.published,
    crawlDelaySeconds,
    lastNotice: outcome.notice ?? null,
    cadence,
    intervalSeconds,
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
        failingSince: null,
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
        // Records from before failingSince was kept: the last error is the earliest failure known.
        failingSince: previous.failingSince ?? (previous.consecutiveErrors > 0 ? previous.lastErrorAt : null) ?? now,
      };
  const scheduled = nextRunAt(
    {
      kind: source.kind,
      pollIntervalSeconds: intervalSeconds,
      consecutiveErrors: status.consecutiveErrors,
      crawlDelaySeconds,
      retryAfterSeconds: outcome.ok ? null : outcome.retryAfterSeconds,
    },
    now,
    random,
    sourceSchedulePolicy(limits, policy.schedule),
  );
  const restUntil = outcome.ok ? (outcome.pollNotBefore ?? null) : null;
  const next = restUntil && restUntil > scheduled ? restUntil : scheduled;
  return {
    status,
    nextRunAt: next,
    parked: shouldPark(status.consecutiveErrors, policy.parkAfterErrors) || failedTooLong(status, now, policy),
    poll: {
      at: now,
      outcome: outcome.ok ? (outcome.notModified ? 'not-modified' : 'ok') : 'error',
      httpStatus: outcome.httpStatus,
      latenessMs: source.nextRunAt ? Math.max(0, now.getTime() - new Date(source.nextRunAt).getTime()) : 0,
      published: outcome.published,
      error: outcome.ok ? null : outcome.error,
    },
  };
}

function failedTooLong(status: SourceStatus, now: Date, policy: StatusPolicy): boolean {
  if (policy.parkAfterFailingMs <= 0 || status.consecutiveErrors < MIN_ERRORS_TO_PARK_BY_TIME) return false;
  return status.failingSince != null && now.getTime() - status.failingSince.getTime() >= policy.parkAfterFailingMs;
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

/**
 * The source's new URL after a permanent redirect (301/308), or null to keep its URL. An allow-listed source is not
 * moved to another origin: its allow-list entry is its own origin, and a redirect must not widen it.
 */
export function movedSourceUrl(source: Pick<SourceRecord, 'url' | 'allowListed'>, outcome: RunOutcome): string | null {
  if (!outcome.ok || !outcome.movedTo || outcome.movedTo === source.url) return null;
  if (source.allowListed && new URL(outcome.movedTo).origin !== new URL(source.url).origin) return null;
  return outcome.movedTo;
}
