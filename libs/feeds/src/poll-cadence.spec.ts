import {
  adaptiveIntervalSeconds,
  cadenceAfterPoll,
  pollIntervalSeconds,
  publishGapSeconds,
  QUIET_GROWTH,
  UNKNOWN_CADENCE,
  type PollCadence,
} from './poll-cadence';
import { DEFAULT_POLL_INTERVAL_SECONDS } from './schedule';

const now = new Date('2026-06-01T12:00:00.000Z');
const bounds = { minSeconds: 60, maxSeconds: 3600 };
const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000).toISOString();
const cadence = (overrides: Partial<PollCadence> = {}): PollCadence => ({ ...UNKNOWN_CADENCE, ...overrides });

describe('adaptiveIntervalSeconds', () => {
  it('polls a dated feed about twice per usual gap between its items', () => {
    const busy = cadence({ publishGapSeconds: 240, newestItemAt: minutesAgo(1) });
    expect(adaptiveIntervalSeconds('feed', busy, now, bounds)).toBe(120);
  });

  it('polls a feed silent for longer than its usual gap less, up to the operator maximum', () => {
    const slowed = cadence({ publishGapSeconds: 240, newestItemAt: minutesAgo(30) });
    expect(adaptiveIntervalSeconds('feed', slowed, now, bounds)).toBe(900);
    const dead = cadence({ publishGapSeconds: 240, newestItemAt: minutesAgo(60 * 24 * 30) });
    expect(adaptiveIntervalSeconds('feed', dead, now, bounds)).toBe(3600);
  });

  it('stretches an undated source from its kind default by QUIET_GROWTH per quiet poll', () => {
    const feed = DEFAULT_POLL_INTERVAL_SECONDS.feed;
    expect(adaptiveIntervalSeconds('feed', cadence(), now, bounds)).toBe(feed);
    expect(adaptiveIntervalSeconds('feed', cadence({ unchangedPolls: 2 }), now, bounds)).toBe(
      Math.round(feed * QUIET_GROWTH ** 2),
    );
    expect(adaptiveIntervalSeconds('feed', cadence({ unchangedPolls: 500 }), now, bounds)).toBe(3600);
  });

  it("takes the publisher's ttl, sy:updatePeriod and Cache-Control as a floor, within the operator's bounds", () => {
    const busy = { publishGapSeconds: 60, newestItemAt: minutesAgo(0) };
    expect(adaptiveIntervalSeconds('feed', cadence({ ...busy, ttlSeconds: 600 }), now, bounds)).toBe(600);
    expect(adaptiveIntervalSeconds('feed', cadence({ ...busy, updatePeriodSeconds: 900 }), now, bounds)).toBe(900);
    expect(adaptiveIntervalSeconds('feed', cadence({ ...busy, cacheMaxAgeSeconds: 300 }), now, bounds)).toBe(300);
    expect(adaptiveIntervalSeconds('feed', cadence({ ...busy, ttlSeconds: 86_400 }), now, bounds)).toBe(3600);
  });

  it('never polls faster than the operator minimum', () => {
    const frantic = cadence({ publishGapSeconds: 5, newestItemAt: minutesAgo(0) });
    expect(adaptiveIntervalSeconds('feed', frantic, now, bounds)).toBe(60);
  });
});

describe('publishGapSeconds', () => {
  it('is the median gap of the newest items, so one backdated item does not make a busy feed look quiet', () => {
    const dates = [minutesAgo(0), minutesAgo(2), minutesAgo(4), minutesAgo(6), minutesAgo(60 * 24 * 7)];
    expect(publishGapSeconds(dates)).toBe(120);
  });

  it('is null with fewer than two distinct usable dates', () => {
    expect(publishGapSeconds([minutesAgo(1), null, 'not a date', minutesAgo(1)])).toBeNull();
    expect(publishGapSeconds([])).toBeNull();
  });
});

describe('cadenceAfterPoll', () => {
  it('takes the feed hints and item dates of a fetched feed, and counts quiet polls in a row', () => {
    const fetched = cadenceAfterPoll(null, {
      unchanged: false,
      cacheMaxAgeSeconds: 120,
      feed: { hints: { ttlSeconds: 600, updatePeriodSeconds: null }, itemDates: [minutesAgo(0), minutesAgo(3)] },
    });
    expect(fetched).toEqual({
      ttlSeconds: 600,
      updatePeriodSeconds: null,
      cacheMaxAgeSeconds: 120,
      publishGapSeconds: 180,
      newestItemAt: minutesAgo(0),
      unchangedPolls: 0,
    });
    const notModified = cadenceAfterPoll(fetched, { unchanged: true, cacheMaxAgeSeconds: null });
    expect(notModified).toEqual({ ...fetched, cacheMaxAgeSeconds: null, unchangedPolls: 1 });
    expect(cadenceAfterPoll(notModified, { unchanged: true, cacheMaxAgeSeconds: null }).unchangedPolls).toBe(2);
  });
});

describe('pollIntervalSeconds', () => {
  const quiet = cadence({ unchangedPolls: 30 });
  it("keeps a source's own interval fixed, whatever its cadence", () => {
    expect(pollIntervalSeconds({ kind: 'feed', pollIntervalSeconds: 90 }, quiet, now, bounds)).toBe(90);
  });

  it('adapts HTTP sources without an interval, and leaves drop folders at their default', () => {
    expect(pollIntervalSeconds({ kind: 'feed', pollIntervalSeconds: null }, quiet, now, bounds)).toBe(3600);
    expect(pollIntervalSeconds({ kind: 'sitemap' }, undefined, now, bounds)).toBe(
      DEFAULT_POLL_INTERVAL_SECONDS.sitemap,
    );
    expect(pollIntervalSeconds({ kind: 'drop' }, quiet, now, bounds)).toBe(DEFAULT_POLL_INTERVAL_SECONDS.drop);
  });
});
