import { DEFAULT_SCHEDULE_POLICY, UNKNOWN_CADENCE } from '@inkstream/feeds';
import { emptySourceStatus } from '@inkstream/persistence';
import { movedSourceUrl, statusAfterDeferral, statusAfterRun, type RunOutcome } from './source-status';

const now = new Date('2026-11-28T12:00:00Z');
const policy = {
  schedule: { ...DEFAULT_SCHEDULE_POLICY, jitterRatio: 0 },
  intervalBounds: { minSeconds: 60, maxSeconds: 3600 },
  parkAfterErrors: 3,
  parkAfterFailingMs: 0,
};
const source = (consecutiveErrors = 0) => ({
  kind: 'feed' as const,
  pollIntervalSeconds: 300,
  status: { ...emptySourceStatus(), etag: '"old"', lastModified: 'Mon', consecutiveErrors, itemsSeen: 5 },
});
const ok = (overrides: Partial<Extract<RunOutcome, { ok: true }>> = {}): RunOutcome => ({
  ok: true,
  httpStatus: 200,
  notModified: false,
  etag: '"new"',
  lastModified: 'Tue',
  newItemsSeen: 2,
  published: 3,
  crawlDelaySeconds: null,
  ...overrides,
});
const failed = (overrides: Partial<Extract<RunOutcome, { ok: false }>> = {}): RunOutcome => ({
  ok: false,
  error: 'HTTP 500 from x',
  httpStatus: 500,
  retryAfterSeconds: null,
  published: 0,
  crawlDelaySeconds: null,
  ...overrides,
});
const noHints = { ttlSeconds: null, updatePeriodSeconds: null };
const delaySeconds = (next: Date) => (next.getTime() - now.getTime()) / 1000;

describe('statusAfterRun', () => {
  it('after a success: new validators, counts added, errors reset, next run one interval on', () => {
    const failing = { ...source(2), status: { ...source(2).status, lastError: 'HTTP 500 from x', lastErrorAt: now } };
    const update = statusAfterRun(failing, ok(), now, () => 0.5, policy);
    expect(update.status).toMatchObject({
      lastError: null,
      lastErrorAt: now,
      etag: '"new"',
      lastModified: 'Tue',
      itemsSeen: 7,
      itemsPublished: 3,
      consecutiveErrors: 0,
      lastFetchAt: now,
      lastSuccessAt: now,
      lastHttpStatus: 200,
    });
    expect(delaySeconds(update.nextRunAt)).toBe(300);
    expect(update.parked).toBe(false);
  });

  it("adds the poll to the source's history: outcome, HTTP status, how late it started, what it published", () => {
    const due = { ...source(), nextRunAt: new Date(now.getTime() - 4_500) };
    expect(statusAfterRun(due, ok(), now, () => 0.5, policy).poll).toEqual({
      at: now,
      outcome: 'ok',
      httpStatus: 200,
      latenessMs: 4_500,
      published: 3,
      error: null,
    });
    expect(statusAfterRun(due, ok({ notModified: true, httpStatus: 304 }), now, () => 0.5, policy).poll).toMatchObject({
      outcome: 'not-modified',
      httpStatus: 304,
    });
    expect(statusAfterRun(due, failed(), now, () => 0.5, policy).poll).toMatchObject({
      outcome: 'error',
      httpStatus: 500,
      error: 'HTTP 500 from x',
    });
    const early = { ...source(), nextRunAt: new Date(now.getTime() + 1_000) };
    expect(statusAfterRun(early, ok(), now, () => 0.5, policy).poll?.latenessMs).toBe(0);
  });

  it('keeps the stored validators after a 304', () => {
    const update = statusAfterRun(
      source(),
      ok({ notModified: true, httpStatus: 304, etag: null }),
      now,
      () => 0.5,
      policy,
    );
    expect(update.status).toMatchObject({ etag: '"old"', lastModified: 'Mon', lastHttpStatus: 304 });
  });

  it('backs off exponentially on errors, honours Retry-After, and parks at the threshold', () => {
    const first = statusAfterRun(source(0), failed(), now, () => 0.5, policy);
    expect(first.status).toMatchObject({ consecutiveErrors: 1, lastError: 'HTTP 500 from x', lastErrorAt: now });
    expect(first.status.etag).toBe('"old"');
    expect(delaySeconds(first.nextRunAt)).toBe(300); // 60 s backoff, but never faster than the interval
    expect(delaySeconds(statusAfterRun(source(4), failed(), now, () => 0.5, policy).nextRunAt)).toBe(960);
    expect(
      delaySeconds(statusAfterRun(source(0), failed({ retryAfterSeconds: 7200 }), now, () => 0.5, policy).nextRunAt),
    ).toBe(7200);
    expect(statusAfterRun(source(1), failed(), now, () => 0.5, policy).parked).toBe(false);
    expect(statusAfterRun(source(2), failed(), now, () => 0.5, policy).parked).toBe(true);
  });

  it('parks a source that keeps failing for parkAfterFailingMs, counting from the first failure of the run', () => {
    const hourly = { ...policy, parkAfterErrors: 10, parkAfterFailingMs: 3_600_000 };
    const hour = (hours: number) => new Date(now.getTime() + hours * 3_600_000);
    let state: Parameters<typeof statusAfterRun>[0] = source(0);
    const fail = (at: Date) => {
      const update = statusAfterRun(state, failed(), at, () => 0.5, hourly);
      state = { ...state, status: update.status };
      return update;
    };
    expect(fail(now).status.failingSince).toEqual(now);
    expect(fail(hour(0.5)).parked).toBe(false);
    expect(fail(hour(0.9)).parked).toBe(false); // three failures, but not yet an hour
    const parked = fail(hour(1));
    expect(parked).toMatchObject({ parked: true, status: { consecutiveErrors: 4, failingSince: now } });

    const recovered = statusAfterRun(state, ok(), hour(2), () => 0.5, hourly);
    expect(recovered.status.failingSince).toBeNull();
    // Two failures hours apart (one long Retry-After) are not yet a source that keeps failing.
    state = { ...state, status: recovered.status };
    fail(hour(3));
    expect(fail(hour(9)).parked).toBe(false);
  });

  it('remembers the Crawl-delay as a lower bound on the interval', () => {
    const update = statusAfterRun(source(), ok({ crawlDelaySeconds: 900 }), now, () => 0.5, policy);
    expect(update.status.crawlDelaySeconds).toBe(900);
    expect(delaySeconds(update.nextRunAt)).toBe(900);
  });

  it('keeps what a run left out as a notice on a healthy status, cleared by a run that cut nothing', () => {
    const notice = 'feed lists 100000 entries, more than one poll reads: …';
    const cut = statusAfterRun(source(), ok({ notice }), now, () => 0.5, policy);
    expect(cut.status).toMatchObject({ lastNotice: notice, lastError: null, consecutiveErrors: 0 });
    expect(cut.parked).toBe(false);
    const next = statusAfterRun({ ...source(), status: cut.status }, ok(), now, () => 0.5, policy);
    expect(next.status.lastNotice).toBeNull();
  });
});

describe('statusAfterRun adaptive interval', () => {
  const adaptive = { ...source(), pollIntervalSeconds: null };
  const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000).toISOString();

  it("follows a feed's item dates and hints when the source has no interval of its own", () => {
    const itemDates = [minutesAgo(1), minutesAgo(5), minutesAgo(9)];
    const busy = statusAfterRun(adaptive, ok({ feedPace: { hints: noHints, itemDates } }), now, () => 0.5, policy);
    expect(busy.status).toMatchObject({ intervalSeconds: 120, cadence: { publishGapSeconds: 240 } });
    expect(delaySeconds(busy.nextRunAt)).toBe(120);
    const hinted = ok({ feedPace: { hints: { ttlSeconds: 600, updatePeriodSeconds: null }, itemDates } });
    expect(delaySeconds(statusAfterRun(adaptive, hinted, now, () => 0.5, policy).nextRunAt)).toBe(600);
    const cached = ok({ cacheMaxAgeSeconds: 900, feedPace: { hints: noHints, itemDates } });
    expect(delaySeconds(statusAfterRun(adaptive, cached, now, () => 0.5, policy).nextRunAt)).toBe(900);
  });

  it('polls a quiet feed less with every poll that finds nothing new, and keeps the cadence through a failure', () => {
    let state: Parameters<typeof statusAfterRun>[0] = adaptive;
    const delays: number[] = [];
    for (let poll = 0; poll < 4; poll += 1) {
      const update = statusAfterRun(state, ok({ notModified: true, httpStatus: 304 }), now, () => 0.5, policy);
      state = { ...state, status: update.status };
      delays.push(delaySeconds(update.nextRunAt));
    }
    expect(delays).toEqual([450, 675, 1013, 1519]);
    const failure = statusAfterRun(state, failed(), now, () => 0.5, policy);
    expect(failure.status.cadence).toEqual(state.status.cadence);
    const fresh = statusAfterRun(state, ok({ newItemsSeen: 1 }), now, () => 0.5, policy);
    expect(delaySeconds(fresh.nextRunAt)).toBe(300);
  });

  it("keeps a source's own interval whatever the feed says", () => {
    const hinted = ok({ feedPace: { hints: { ttlSeconds: 3000, updatePeriodSeconds: null }, itemDates: [] } });
    expect(delaySeconds(statusAfterRun(source(), hinted, now, () => 0.5, policy).nextRunAt)).toBe(300);
  });
});

describe("statusAfterRun with the source's own limits", () => {
  const adaptive = { ...source(), pollIntervalSeconds: null };
  const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000).toISOString();
  const busyFeed = ok({ feedPace: { hints: noHints, itemDates: [minutesAgo(1), minutesAgo(2), minutesAgo(3)] } });
  const quietFeed = ok({ notModified: true, httpStatus: 304 });

  it('keeps the adaptive interval within the source bounds instead of the fetcher ones', () => {
    // The fetcher's minimum (60 s) would poll this busy feed every 60 s; the source asks for 10 min at most.
    const busy = statusAfterRun({ ...adaptive, minIntervalSeconds: 600 }, busyFeed, now, () => 0.5, policy);
    expect(busy.status.intervalSeconds).toBe(600);
    expect(delaySeconds(busy.nextRunAt)).toBe(600);
    const quiet = { ...adaptive, status: { ...adaptive.status, cadence: { ...UNKNOWN_CADENCE, unchangedPolls: 30 } } };
    expect(statusAfterRun(quiet, quietFeed, now, () => 0.5, policy).status.intervalSeconds).toBe(3600);
    expect(
      statusAfterRun({ ...quiet, maxIntervalSeconds: 240 }, quietFeed, now, () => 0.5, policy).status.intervalSeconds,
    ).toBe(240);
    // A source minimum above the fetcher's maximum holds: the operator asked for it.
    expect(
      statusAfterRun({ ...quiet, minIntervalSeconds: 7200 }, quietFeed, now, () => 0.5, policy).status.intervalSeconds,
    ).toBe(7200);
  });

  it('lets an explicit pollIntervalSeconds win over the bounds', () => {
    const fixed = { ...source(), minIntervalSeconds: 600, maxIntervalSeconds: 900 };
    expect(statusAfterRun(fixed, busyFeed, now, () => 0.5, policy).status.intervalSeconds).toBe(300);
  });

  it("caps a failing source's backoff at its own ceiling, and reads a record without limits as the defaults", () => {
    const failing = source(7);
    expect(delaySeconds(statusAfterRun(failing, failed(), now, () => 0.5, policy).nextRunAt)).toBe(7680);
    const capped = { ...failing, backoffMaxSeconds: 900 };
    expect(delaySeconds(statusAfterRun(capped, failed(), now, () => 0.5, policy).nextRunAt)).toBe(900);
    const legacy = { ...failing, minIntervalSeconds: undefined, backoffMaxSeconds: undefined };
    expect(delaySeconds(statusAfterRun(legacy, failed(), now, () => 0.5, policy).nextRunAt)).toBe(7680);
  });
});

describe('statusAfterDeferral', () => {
  it("keeps the status (no error counted) and runs the source again when its origin's wait ends", () => {
    const waiting = { ...source(1), parked: false };
    const update = statusAfterDeferral(waiting, 90, now);
    expect(update).toEqual({ status: waiting.status, nextRunAt: new Date(now.getTime() + 90_000), parked: false });
  });
});

describe('movedSourceUrl', () => {
  const feed = { url: 'https://old.example/rss', allowListed: false };
  it('moves a source to where a permanent redirect sent it', () => {
    expect(movedSourceUrl(feed, ok({ movedTo: 'https://new.example/rss' }))).toBe('https://new.example/rss');
    expect(movedSourceUrl(feed, ok({ movedTo: null }))).toBeNull();
    expect(movedSourceUrl(feed, ok({ movedTo: feed.url }))).toBeNull();
    expect(movedSourceUrl(feed, failed())).toBeNull();
  });

  it('keeps an allow-listed source on its own origin (a redirect must not widen its allow-list)', () => {
    const internal = { url: 'http://10.0.0.5:8080/rss', allowListed: true };
    expect(movedSourceUrl(internal, ok({ movedTo: 'http://10.0.0.5:8080/feed.xml' }))).toBe(
      'http://10.0.0.5:8080/feed.xml',
    );
    expect(movedSourceUrl(internal, ok({ movedTo: 'http://10.0.0.6:8080/rss' }))).toBeNull();
  });
});
