import { DEFAULT_SCHEDULE_POLICY } from '@inkstream/feeds';
import { FetchError, type FetchRequest, type FetchResponse } from '@inkstream/fetching';
import { createLogger } from '@inkstream/observability';
import { sourceRecordFrom, type SourceRecord, type SourceRunUpdate } from '@inkstream/persistence';
import pino from 'pino';
import { Registry } from 'prom-client';
import { FetcherMetrics } from './fetcher-metrics';
import type { RunnerDeps } from './run-context';
import { Scheduler, type LoadProbe, type SchedulerOptions } from './scheduler';

const notModified = (url: string): FetchResponse => ({
  url,
  finalUrl: url,
  status: 304,
  notModified: true,
  contentType: null,
  etag: null,
  lastModified: null,
  body: Buffer.alloc(0),
  crawlDelaySeconds: null,
  cacheMaxAgeSeconds: null,
  movedPermanentlyTo: null,
});

/** HTTP that is slow but healthy: every request waits `delayMs` on the "network", then the page is unchanged. */
const slowNetwork = (delayMs: number) => ({
  fetch: async (req: FetchRequest) => {
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    return notModified(req.url);
  },
});

// The repository and HTTP are stand-ins here (the claims themselves are tested against the real server in
// test/source-repository.int.spec.ts): what is under test is what the scheduler does with a deferred run.
describe('Scheduler', () => {
  it("ends a run whose origin asked to wait, frees the slot for the next source, and reschedules it at the wait's end", async () => {
    const now = new Date();
    const held = sourceRecordFrom({ kind: 'page', url: 'https://held.example/a', name: 'H' }, now);
    const healthy = sourceRecordFrom({ kind: 'page', url: 'https://healthy.example/a', name: 'OK' }, now);
    const queue: SourceRecord[][] = [[held], [healthy]];
    const released = new Map<string, SourceRunUpdate>();
    const claimLimits: number[] = [];
    let bothReleased!: () => void;
    const done = new Promise<void>((resolve) => (bothReleased = resolve));
    const deps = {
      http: {
        fetch: async (req: FetchRequest) => {
          if (req.url.startsWith('https://held.example')) {
            throw new FetchError('deferred', 'https://held.example asked us to wait', { retryAfterSeconds: 120 });
          }
          return notModified(req.url);
        },
      },
      sources: {
        claimDue: async (_owner: string, _now: Date, _lease: number, limit: number) => {
          claimLimits.push(limit);
          return queue.shift() ?? [];
        },
        renewLease: async () => true,
        release: async (id: string, _owner: string, update: SourceRunUpdate) => {
          released.set(id, update);
          if (released.size === 2) bothReleased();
          return true;
        },
      },
    } as unknown as RunnerDeps;
    const scheduler = schedulerFor(deps);
    scheduler.start();
    await done;
    await scheduler.stop();

    // One slot: the healthy source ran only because the held one gave its slot back instead of waiting 120 s in it.
    expect(claimLimits.slice(0, 2)).toEqual([1, 1]);
    const heldUpdate = released.get(held._id);
    expect(heldUpdate).toMatchObject({ status: held.status, parked: false });
    expect(heldUpdate?.status.consecutiveErrors).toBe(0);
    const waitMs = (heldUpdate?.nextRunAt.getTime() ?? 0) - now.getTime();
    expect(waitMs).toBeGreaterThanOrEqual(120_000);
    expect(waitMs).toBeLessThan(130_000);
    expect(released.get(healthy._id)?.status).toMatchObject({ lastHttpStatus: 304, consecutiveErrors: 0 });
  });

  it('stops within its grace period when every slot is busy: the runs are aborted and handed back due', async () => {
    const now = new Date();
    const hanging = sourceRecordFrom({ kind: 'page', url: 'https://hanging.example/a', name: 'H' }, now);
    const queue: SourceRecord[][] = [[hanging]];
    const released = new Map<string, SourceRunUpdate>();
    let running!: () => void;
    const started = new Promise<void>((resolve) => (running = resolve));
    const deps = {
      http: {
        // A request that only ends when the run is aborted.
        fetch: (req: FetchRequest) =>
          new Promise((_resolve, reject) => {
            running();
            req.signal?.addEventListener('abort', () => reject(req.signal?.reason), { once: true });
          }),
      },
      sources: {
        claimDue: async () => queue.shift() ?? [],
        renewLease: async () => true,
        release: async (id: string, _owner: string, update: SourceRunUpdate) => {
          released.set(id, update);
          return true;
        },
      },
    } as unknown as RunnerDeps;
    const scheduler = schedulerFor(deps, { stopGraceMs: 50 });
    scheduler.start();
    await started;
    // Before the fix this never returned: the loop waited for a run that waited for the abort that followed the loop.
    await scheduler.stop();
    const update = released.get(hanging._id);
    expect(update).toMatchObject({ status: hanging.status, parked: false });
    expect(update?.nextRunAt.getTime()).toBeLessThanOrEqual(Date.now());
  });

  it('grows its run slots while sources are left due and runs wait on the network, within FETCH_MAX_CONCURRENCY', async () => {
    const claimLimits: number[] = [];
    let serial = 0;
    const deps = {
      http: slowNetwork(100),
      sources: {
        // Always more due than there are free slots.
        claimDue: async (_owner: string, now: Date, _lease: number, limit: number) => {
          claimLimits.push(limit);
          return Array.from({ length: limit }, () =>
            sourceRecordFrom({ kind: 'page', url: `https://busy.example/${(serial += 1)}`, name: 'B' }, now),
          );
        },
        renewLease: async () => true,
        release: async () => true,
      },
    } as unknown as RunnerDeps;
    const scheduler = schedulerFor(
      deps,
      { concurrency: 2, sizing: { max: 9, cpuCeiling: 0.8, minLatencySeconds: 0.05, intervalMs: 150 } },
      // An idle CPU and no politeness queue: nothing holds the growth back but the maximum.
      { cpuMicros: () => 0, waitingForOrigin: () => 0 },
    );
    scheduler.start();
    await waitUntil(() => scheduler.concurrency === 9);
    await scheduler.stop();
    expect(Math.max(...claimLimits)).toBeGreaterThan(2);
    expect(Math.max(...claimLimits)).toBeLessThanOrEqual(9);
  });

  it("logs a failed lease renewal with the run's trace id, the one the run's own lines carry", async () => {
    const source = sourceRecordFrom({ kind: 'page', url: 'https://slow.example/a', name: 'S' }, new Date());
    const queue: SourceRecord[][] = [[source]];
    const lines: Array<{ msg: string; traceId?: string; sourceId?: string }> = [];
    let releasedRun!: () => void;
    const released = new Promise<void>((resolve) => (releasedRun = resolve));
    const deps = {
      // Slow enough for a few renewals, which all fail.
      http: slowNetwork(60),
      sources: {
        claimDue: async () => queue.shift() ?? [],
        renewLease: async () => {
          throw new Error('database unreachable');
        },
        release: async () => {
          releasedRun();
          return true;
        },
      },
    } as unknown as RunnerDeps;
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
    const scheduler = schedulerFor(deps, { leaseMs: 30 }, null, logger);
    scheduler.start();
    await released;
    await scheduler.stop();

    const fetched = lines.find((line) => line.msg === 'source fetched');
    const renewals = lines.filter((line) => line.msg.startsWith('lease renewal failed'));
    expect(fetched?.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(renewals.length).toBeGreaterThan(0);
    for (const renewal of renewals) expect(renewal).toMatchObject({ traceId: fetched?.traceId, sourceId: source._id });
  });
});

/** One slot, a fast claim loop and the default status policy, unless a test says otherwise. */
function schedulerFor(
  deps: RunnerDeps,
  options: Partial<SchedulerOptions> = {},
  probe: LoadProbe | null = null,
  logger = createLogger('test', 'silent'),
) {
  return new Scheduler(
    deps,
    {
      ownerId: 'test',
      concurrency: 1,
      claimIntervalMs: 10,
      leaseMs: 60_000,
      stopGraceMs: 1_000,
      statusPolicy: {
        schedule: DEFAULT_SCHEDULE_POLICY,
        intervalBounds: { minSeconds: 60, maxSeconds: 3600 },
        parkAfterErrors: 3,
        parkAfterFailingMs: 0,
      },
      ...options,
    },
    logger,
    new FetcherMetrics(new Registry()),
    async () => undefined,
    null,
    probe,
  );
}

async function waitUntil(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 20) {
    if (waited > 10_000) throw new Error('condition not reached within 10 s');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
