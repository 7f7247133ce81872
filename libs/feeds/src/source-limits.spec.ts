import { pollIntervalSeconds, UNKNOWN_CADENCE } from './poll-cadence';
import { baseDelaySeconds, DEFAULT_SCHEDULE_POLICY } from './schedule';
import { itemsPerRun, NO_SOURCE_LIMITS, sourceIntervalBounds, sourceSchedulePolicy } from './source-limits';

const defaults = { minSeconds: 60, maxSeconds: 3600 };
const now = new Date('2026-06-01T12:00:00.000Z');
const limits = (overrides: Partial<typeof NO_SOURCE_LIMITS>) => ({ ...NO_SOURCE_LIMITS, ...overrides });

describe('sourceIntervalBounds', () => {
  it("keeps the fetcher's bounds for a source without its own", () => {
    expect(sourceIntervalBounds(NO_SOURCE_LIMITS, defaults)).toEqual(defaults);
  });

  it("replaces each side the source sets, keeping the fetcher's other side", () => {
    expect(sourceIntervalBounds(limits({ minIntervalSeconds: 600 }), defaults)).toEqual({
      minSeconds: 600,
      maxSeconds: 3600,
    });
    expect(sourceIntervalBounds(limits({ maxIntervalSeconds: 120 }), defaults)).toEqual({
      minSeconds: 60,
      maxSeconds: 120,
    });
    expect(sourceIntervalBounds(limits({ minIntervalSeconds: 30, maxIntervalSeconds: 90 }), defaults)).toEqual({
      minSeconds: 30,
      maxSeconds: 90,
    });
  });

  it("lets the source's own bound win over a default that contradicts it", () => {
    // A quiet feed polled every 2 h at most although the fetcher's maximum is 1 h.
    expect(sourceIntervalBounds(limits({ minIntervalSeconds: 7200 }), defaults)).toEqual({
      minSeconds: 7200,
      maxSeconds: 7200,
    });
    // A hot feed polled every 30 s at least although the fetcher's minimum is 1 min.
    expect(sourceIntervalBounds(limits({ maxIntervalSeconds: 30 }), defaults)).toEqual({
      minSeconds: 30,
      maxSeconds: 30,
    });
  });

  it('bounds the adaptive interval, while an explicit pollIntervalSeconds is not bounded', () => {
    const quiet = { ...UNKNOWN_CADENCE, unchangedPolls: 50 };
    const hot = { ...UNKNOWN_CADENCE, publishGapSeconds: 10, newestItemAt: now.toISOString() };
    const bounds = sourceIntervalBounds(limits({ minIntervalSeconds: 120, maxIntervalSeconds: 900 }), defaults);
    expect(pollIntervalSeconds({ kind: 'feed', pollIntervalSeconds: null }, quiet, now, bounds)).toBe(900);
    expect(pollIntervalSeconds({ kind: 'feed', pollIntervalSeconds: null }, hot, now, bounds)).toBe(120);
    // The operator's fixed interval wins over the bounds (they apply again once it is cleared).
    expect(pollIntervalSeconds({ kind: 'feed', pollIntervalSeconds: 30 }, hot, now, bounds)).toBe(30);
    expect(pollIntervalSeconds({ kind: 'feed', pollIntervalSeconds: 86_400 }, quiet, now, bounds)).toBe(86_400);
  });
});

describe('itemsPerRun', () => {
  const fetcherDefault = { limit: 1000, setting: 'FETCH_FEED_MAX_ITEMS' };

  it("is the fetcher's setting without a source limit, and the source's own, named as such, with one", () => {
    expect(itemsPerRun(NO_SOURCE_LIMITS, fetcherDefault)).toEqual(fetcherDefault);
    expect(itemsPerRun(limits({ maxItemsPerRun: 5000 }), fetcherDefault)).toEqual({
      limit: 5000,
      setting: 'maxItemsPerRun',
    });
  });
});

describe('sourceSchedulePolicy', () => {
  it("caps a failing source's backoff at its own ceiling, never under its interval", () => {
    const policy = { ...DEFAULT_SCHEDULE_POLICY, backoffBaseSeconds: 60, backoffMaxSeconds: 21_600 };
    expect(sourceSchedulePolicy(NO_SOURCE_LIMITS, policy)).toBe(policy);
    const own = sourceSchedulePolicy(limits({ backoffMaxSeconds: 600 }), policy);
    expect(own).toEqual({ ...policy, backoffMaxSeconds: 600 });
    const failing = { kind: 'feed' as const, pollIntervalSeconds: 300, consecutiveErrors: 9 };
    expect(baseDelaySeconds(failing, policy)).toBe(15_360);
    expect(baseDelaySeconds(failing, own)).toBe(600);
    // Failing is no reason to poll faster than the interval, whatever the ceiling.
    expect(baseDelaySeconds({ ...failing, pollIntervalSeconds: 1800 }, own)).toBe(1800);
  });
});
