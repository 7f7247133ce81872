import {
  baseDelaySeconds,
  DEFAULT_POLL_INTERVAL_SECONDS,
  DEFAULT_SCHEDULE_POLICY,
  nextRunAt,
  shouldPark,
  type SourceScheduleState,
} from './schedule';

const now = new Date('2024-06-01T12:00:00.000Z');
const middle = () => 0.5; // no jitter
const policy = { jitterRatio: 0.2, backoffBaseSeconds: 60, backoffMaxSeconds: 3600 };
const feed = (overrides: Partial<SourceScheduleState> = {}): SourceScheduleState => ({
  kind: 'feed',
  pollIntervalSeconds: 300,
  consecutiveErrors: 0,
  ...overrides,
});
const secondsAfterNow = (date: Date) => (date.getTime() - now.getTime()) / 1000;

describe('nextRunAt', () => {
  it('waits the poll interval when healthy', () => {
    expect(secondsAfterNow(nextRunAt(feed(), now, middle, policy))).toBe(300);
  });

  it('spreads the delay by ±jitterRatio with the random source', () => {
    expect(secondsAfterNow(nextRunAt(feed(), now, () => 0, policy))).toBe(240);
    expect(secondsAfterNow(nextRunAt(feed(), now, () => 0.999999, policy))).toBeCloseTo(360, 0);
  });

  it('uses the kind default when the source sets no interval', () => {
    const drop = nextRunAt({ kind: 'drop', consecutiveErrors: 0 }, now, middle, policy);
    expect(secondsAfterNow(drop)).toBe(DEFAULT_POLL_INTERVAL_SECONDS.drop);
  });

  it('never polls faster than Crawl-delay or Retry-After, even with jitter', () => {
    const state = feed({ pollIntervalSeconds: 60, crawlDelaySeconds: 120, retryAfterSeconds: 90 });
    expect(secondsAfterNow(nextRunAt(state, now, () => 0, policy))).toBe(120);
  });

  it('uses the default policy when none is given', () => {
    const expected = 300 * (1 + DEFAULT_SCHEDULE_POLICY.jitterRatio * (2 * 0.25 - 1));
    expect(secondsAfterNow(nextRunAt(feed(), now, () => 0.25))).toBe(expected);
  });
});

describe('baseDelaySeconds', () => {
  it('backs off exponentially on consecutive errors, never below the interval, capped', () => {
    const delays = [1, 2, 3, 4, 5, 6, 7, 8, 50, 5000].map((errors) =>
      baseDelaySeconds(feed({ pollIntervalSeconds: 100, consecutiveErrors: errors }), policy),
    );
    expect(delays).toEqual([100, 120, 240, 480, 960, 1920, 3600, 3600, 3600, 3600]);
  });
});

describe('shouldPark', () => {
  it('parks once the error count reaches the threshold', () => {
    expect(shouldPark(4, 5)).toBe(false);
    expect(shouldPark(5, 5)).toBe(true);
    expect(shouldPark(9, 5)).toBe(true);
  });

  it('never parks with a threshold of zero (parking disabled)', () => {
    expect(shouldPark(100, 0)).toBe(false);
  });
});
