import type { FeedPollHints } from './feed-types';

/** sy:updatePeriod values (RSS 1.0 Syndication module) in seconds. */
const UPDATE_PERIOD_SECONDS: Readonly<Record<string, number>> = {
  hourly: 3600,
  daily: 86_400,
  weekly: 7 * 86_400,
  monthly: 30 * 86_400,
  yearly: 365 * 86_400,
};

export const NO_POLL_HINTS: Readonly<FeedPollHints> = { ttlSeconds: null, updatePeriodSeconds: null };

/**
 * How often the publisher says its feed changes: RSS `<ttl>` (minutes a reader may cache the channel) and
 * `sy:updatePeriod` / `sy:updateFrequency` (updates per period, 1 when absent). Values that are not positive
 * numbers or known periods are no hint at all rather than an error: a feed is not wrong for saying it badly.
 */
export function feedPollHints(raw: {
  ttl?: number | string | null;
  sy?: { updatePeriod?: string | null; updateFrequency?: number | string | null } | null;
}): FeedPollHints {
  const ttlMinutes = positiveNumber(raw.ttl);
  const period = UPDATE_PERIOD_SECONDS[(raw.sy?.updatePeriod ?? '').trim().toLowerCase()] ?? null;
  const frequency = positiveNumber(raw.sy?.updateFrequency) ?? 1;
  return {
    ttlSeconds: ttlMinutes === null ? null : Math.round(ttlMinutes * 60),
    updatePeriodSeconds: period === null ? null : Math.round(period / frequency),
  };
}

function positiveNumber(value: number | string | null | undefined): number | null {
  const number = typeof value === 'string' ? Number(value.trim()) : value;
  return typeof number === 'number' && Number.isFinite(number) && number > 0 ? number : null;
}
