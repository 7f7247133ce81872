import { emptySourceStatus } from '@inkstream/persistence';
import { parseFetchBenchArgs } from './bench-fetcher-options';
import { checkBehaviour, renderFetcherReport, type FetcherRunFigures } from './fetcher-report';
import { HubObservations } from './simulated-web-hub';
import { WebObservations } from './simulated-web-server';
import { planWeb } from './simulated-web-plan';

const AT = new Date('2026-12-06T09:00:00Z');

/** A run where everything held: each failing feed finished a run with an error on its status. */
function healthyRun(): FetcherRunFigures {
  const options = parseFetchBenchArgs([
    '--feeds',
    '300',
    '--origins',
    '5',
    '--minutes',
    '2',
    '--interval-min',
    '20',
    '--interval-max',
    '40',
  ]);
  const plan = planWeb(options);
  const observed = new WebObservations();
  observed.load.begin(0);
  observed.load.begin(0);
  const hub = new HubObservations();
  hub.subscribeRequests = 120;
  hub.verified = 118;
  hub.notVerified = 2;
  hub.pushesAccepted = 25;
  hub.pushesDropped = 3;
  hub.pushesRejected.set(503, 1);
  hub.pushRetries = 2;
  hub.notVerifiedReasons.set('no answer', 2);
  return {
    options,
    plan,
    observed,
    registerSeconds: 0.5,
    windowSeconds: 80,
    scheduledPerSecond: 10.6,
    achievedPerSecond: 10.3,
    neverFetched: 0,
    lateness: { scheduled: 2, polled: 2, withoutRequest: 0, missed: 0, latenessMs: [500, 1000] },
    retryAfterViolations: 0,
    trickles: [{ feed: 1, heldMs: 30_100, stillOpen: false }],
    tracked: [
      { link: 'http://127.0.0.1:1/news/1/3', publishedAt: 0, listedAt: 10_000, pushedAt: null, cleanAt: 10_200 },
      { link: 'http://127.0.0.1:1/news/2/3', publishedAt: 0, listedAt: 30_000, pushedAt: 1_100, cleanAt: 2_500 },
    ],
    deadLetters: 0,
    statuses: plan.feeds.map((feed) => ({
      index: feed.index,
      status: { ...emptySourceStatus(), lastFetchAt: AT, lastError: feed.behaviour === 'healthy' ? null : 'failed' },
    })),
    minutes: [{ minute: 1, cpuPercent: 12, rssMiB: 290, busySlots: 6.5 }],
    cpuMsPerPoll: 4.25,
    runsByOutcome: { ok: 10, 'not-modified': 20 },
    stop: { outcome: 'stopped', seconds: 3.2, timedOut: false },
    websub: {
      feeds: plan.feeds.filter((feed) => feed.websub).length,
      hub,
      activeAtEnd: 118,
      callbackPushes: { accepted: 25, unavailable: 1 },
      callbackVerifications: { confirmed: 118 },
      subscriptionEvents: { requested: 120 },
      pushedItems: 24,
      pushedItemsClean: 23,
    },
  };
}

describe('bench:fetcher report and checks', () => {
  it('pass a run that kept every behaviour', () => {
    expect(checkBehaviour(healthyRun())).toEqual([]);
  });

  it('name each broken behaviour: over the origin limit, a trickler held past its deadline, a Retry-After ignored, dead letters', () => {
    const run = healthyRun();
    for (let i = 0; i < 5; i += 1) run.observed.load.begin(2);
    run.trickles.push({ feed: 9, heldMs: 600_000, stillOpen: true });
    run.retryAfterViolations = 3;
    run.deadLetters = 2;
    expect(checkBehaviour(run)).toEqual([
      'origin 2 had 5 requests in flight at once; the limit is 4',
      'trickling feed 9 was held 600.0 s (still open); FETCH_DEADLINE_MS is 30000 ms',
      '3 requests reached the throttling origin inside its Retry-After',
      '2 dead letters (the items are all valid)',
    ]);
  });

  it('fail a failing feed whose status shows no error, and a fault class none of whose feeds finished a run', () => {
    const run = healthyRun();
    const loop = run.plan.feeds.filter((feed) => feed.behaviour === 'redirect-loop');
    const malformed = run.plan.feeds.filter((feed) => feed.behaviour === 'malformed');
    run.statuses = run.statuses.map((entry) =>
      entry.index === loop[0].index
        ? { ...entry, status: { ...entry.status, lastError: null } }
        : malformed.some((feed) => feed.index === entry.index)
          ? { ...entry, status: emptySourceStatus() }
          : entry,
    );
    expect(checkBehaviour(run)).toEqual([
      `redirect-loop feed ${loop[0].index} finished a run but its source status shows no error`,
      'no malformed feed finished a run: its status could not be checked',
    ]);
  });

  it('fail a run in which no trickling feed was polled', () => {
    const run = healthyRun();
    run.trickles = [];
    expect(checkBehaviour(run)).toEqual(['no trickling feed was polled: the deadline was not exercised']);
  });

  it('report the figures with the options that reproduce them', () => {
    const report = renderFetcherReport(healthyRun(), 'Measured now.', 'Load average 9.');
    expect(report).toContain('Measured now. Load average 9. `npm run bench:fetcher');
    expect(report).toContain('## Fetcher at volume (300 feeds)');
    expect(report).toContain('`npm run bench:fetcher -- --feeds 300 --origins 5 --minutes 2');
    expect(report).toContain('| polls/s scheduled (Σ 1/interval) → achieved (feed requests/s) | 10.6 → **10.3** |');
    expect(report).toContain(
      '| requests in flight per origin, most seen (limit 4) | 2 (per origin: 2, 0, 0, 0, 0, 0) |',
    );
    expect(report).toContain('| fetcher runs by outcome | not-modified 20, ok 10 |');
    expect(report).toContain('| 1 | 12 | 290 | 6.5 |');
    expect(report).toContain('| fetcher CPU per feed request or acknowledged push in the steady state, ms | 4.25 |');
  });

  it('fail a run with feeds advertising the hub when no subscription was verified, no push taken or none became clean', () => {
    const unverified = healthyRun();
    if (!unverified.websub) throw new Error('the run has WebSub');
    unverified.websub.hub.verified = 0;
    expect(checkBehaviour(unverified)).toEqual([
      'the hub verified no subscription (120 requests, 2 not verified): discovery, the hub client or the callback ' +
        'at FETCH_WEBSUB_CALLBACK_BASE is broken',
    ]);
    const refused = healthyRun();
    if (!refused.websub) throw new Error('the run has WebSub');
    refused.websub.hub.pushesAccepted = 0;
    refused.websub.hub.pushesRejected.set(403, 4);
    expect(checkBehaviour(refused)).toEqual([
      'no push was acknowledged by the fetcher (refused: 403 4, 503 1, unanswered: 0)',
      '4 pushes refused with 403: the fetcher rejected valid signatures',
    ]);
    const lost = healthyRun();
    if (!lost.websub) throw new Error('the run has WebSub');
    lost.websub.pushedItemsClean = 0;
    expect(checkBehaviour(lost)).toEqual(['24 items taken by push, none reached the clean topic']);
    const off = healthyRun();
    off.websub = null;
    expect(checkBehaviour(off)).toEqual([]);
  });

  it('report item latency split by delivery, and what the hub and the callback counted', () => {
    const report = renderFetcherReport(healthyRun(), 'Measured now.');
    expect(report).toContain('--websub-share 0.5 --hub-delay-ms 1000 --hub-drop-share 0.1');
    expect(report).toContain('| steady-state items by delivery: pushed / polled | 1 / 1 |');
    expect(report).toContain('| item published → fetched, pushed / polled, p50 | **1.1 / 10.0** |');
    expect(report).toContain('| item published → clean topic, pushed / polled, p50 | **2.5 / 10.2** |');
    expect(report).toMatch(/acknowledged \/ refused .*\| 25 \/ 503 1 \/ 0; 2; 3 \|/);
    expect(report).toMatch(/not verified \(why\) .*\| 144 \/ 118 \(0\) \/ 2 \(no answer 2\) \/ 118 \|/);
    expect(report).toContain('accepted 25, unavailable 1; confirmed 118; requested 120 |');
    expect(report).toContain('| 24 / 23 |');
  });
});
