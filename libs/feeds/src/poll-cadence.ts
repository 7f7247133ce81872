import type { FeedPollHints } from './feed-types';
import { DEFAULT_POLL_INTERVAL_SECONDS, type SourceKind } from './schedule';

/** What is known of a source's pace, kept on its status between polls (every field null when unknown). */
export interface PollCadence {
  /** RSS `<ttl>`, seconds */
  ttlSeconds: number | null;
  /** `sy:updatePeriod` / `sy:updateFrequency`, seconds */
  updatePeriodSeconds: number | null;
  /** the response's freshness lifetime (`Cache-Control: max-age`, else `Expires`), seconds */
  cacheMaxAgeSeconds: number | null;
  /** the typical gap between the feed's items, from their dates, seconds */
  publishGapSeconds: number | null;
  /** the newest item date the feed listed (ISO-8601) */
  newestItemAt: string | null;
  /** polls in a row that found nothing new (a 304 counts) */
  unchangedPolls: number;
}

/** The operator's bounds on an adaptive interval (FETCH_MIN_INTERVAL_SECONDS, FETCH_MAX_INTERVAL_SECONDS). */
export interface IntervalBounds {
  minSeconds: number;
  maxSeconds: number;
}

export const UNKNOWN_CADENCE: Readonly<PollCadence> = {
  ttlSeconds: null,
  updatePeriodSeconds: null,
  cacheMaxAgeSeconds: null,
  publishGapSeconds: null,
  newestItemAt: null,
  unchangedPolls: 0,
};

/** Each poll that finds nothing new stretches an undated source's interval by this factor (up to the bound). */
export const QUIET_GROWTH = 1.5;
/** Item gaps looked at: the newest ones say how the feed publishes now. */
const RECENT_ITEMS = 10;

/**
 * The interval in seconds for a source the operator gave no fixed interval. A dated feed is polled about twice per
 * usual gap between its items, and less once it has been silent for longer than that gap; an undated source starts
 * at its kind's default and stretches by QUIET_GROWTH per poll that found nothing new. The publisher's own hints
 * (ttl, sy:updatePeriod, Cache-Control/Expires) say it will not change sooner, so they are a floor. The operator's
 * bounds hold over everything, hints included.
 */
export function adaptiveIntervalSeconds(
  kind: SourceKind,
  cadence: PollCadence,
  now: Date,
  bounds: IntervalBounds,
): number {
  let interval: number;
  if (cadence.publishGapSeconds !== null) {
    const newest = cadence.newestItemAt === null ? Number.NaN : Date.parse(cadence.newestItemAt);
    const silentSeconds = Number.isFinite(newest) ? Math.max(0, (now.getTime() - newest) / 1000) : 0;
    interval = Math.max(cadence.publishGapSeconds, silentSeconds) / 2;
  } else {
    interval = DEFAULT_POLL_INTERVAL_SECONDS[kind] * QUIET_GROWTH ** Math.min(cadence.unchangedPolls, 20);
  }
  const publisherFloor = Math.max(
    cadence.ttlSeconds ?? 0,
    cadence.updatePeriodSeconds ?? 0,
    cadence.cacheMaxAgeSeconds ?? 0,
  );
  const bounded = Math.min(bounds.maxSeconds, Math.max(bounds.minSeconds, interval, publisherFloor));
  return Math.round(bounded);
}

/**
 * The interval before the next poll (before backoff and jitter): a source's own pollIntervalSeconds is a fixed
 * override the operator chose, never adapted; without one, HTTP sources adapt (adaptiveIntervalSeconds) and drop
 * folders (local, cheap, without hints) keep their kind's default.
 */
export function pollIntervalSeconds(
  source: { kind: SourceKind; pollIntervalSeconds?: number | null },
  cadence: PollCadence | null | undefined,
  now: Date,
  bounds: IntervalBounds,
): number {
  if (typeof source.pollIntervalSeconds === 'number' && source.pollIntervalSeconds > 0) {
    return source.pollIntervalSeconds;
  }
  if (source.kind === 'drop') return DEFAULT_POLL_INTERVAL_SECONDS.drop;
  return adaptiveIntervalSeconds(source.kind, cadence ?? UNKNOWN_CADENCE, now, bounds);
}

/**
 * The median gap in seconds between the newest RECENT_ITEMS distinct item dates (ISO-8601), or null with fewer than
 * two usable dates. The median, not the mean: one item backdated by a week must not make a busy feed look quiet.
 */
export function publishGapSeconds(dates: ReadonlyArray<string | null>): number | null {
  const times = [...new Set(dates.map((date) => (date === null ? Number.NaN : Date.parse(date))))]
    .filter((time) => Number.isFinite(time))
    .sort((a, b) => b - a)
    .slice(0, RECENT_ITEMS);
  if (times.length < 2) return null;
  const gaps = times
    .slice(1)
    .map((time, index) => (times[index] - time) / 1000)
    .sort((a, b) => a - b);
  return gaps[Math.floor((gaps.length - 1) / 2)];
}

/** The newest of the item dates (ISO-8601), or null when none is usable. */
export function newestDate(dates: ReadonlyArray<string | null>): string | null {
  let newest: number | null = null;
  for (const date of dates) {
    const time = date === null ? Number.NaN : Date.parse(date);
    if (Number.isFinite(time) && (newest === null || time > newest)) newest = time;
  }
  return newest === null ? null : new Date(newest).toISOString();
}

/** What one successful poll showed of the source's pace. */
export interface PollObservation {
  /** nothing new or changed (a 304 included) */
  unchanged: boolean;
  /** the response's freshness lifetime; null when it gave none */
  cacheMaxAgeSeconds: number | null;
  /** what the feed document said; absent on a 304 or for other kinds, and then the last known values stay */
  feed?: { hints: FeedPollHints; itemDates: ReadonlyArray<string | null> } | null;
}

/** The cadence after a successful poll: the newest hints, and the count of quiet polls in a row. */
export function cadenceAfterPoll(previous: PollCadence | null | undefined, observation: PollObservation): PollCadence {
  const before = previous ?? UNKNOWN_CADENCE;
  const feed = observation.feed;
  return {
    ttlSeconds: feed ? feed.hints.ttlSeconds : before.ttlSeconds,
    updatePeriodSeconds: feed ? feed.hints.updatePeriodSeconds : before.updatePeriodSeconds,
    cacheMaxAgeSeconds: observation.cacheMaxAgeSeconds,
    publishGapSeconds: feed ? publishGapSeconds(feed.itemDates) : before.publishGapSeconds,
    newestItemAt: feed ? (newestDate(feed.itemDates) ?? before.newestItemAt) : before.newestItemAt,
    unchangedPolls: observation.unchanged ? before.unchangedPolls + 1 : 0,
  };
}
