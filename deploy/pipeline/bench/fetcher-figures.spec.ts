import {
  cpuMsPerUnit,
  deliveryOf,
  latencyByDelivery,
  OriginLoad,
  perMinute,
  pollLateness,
  retryAfterViolations,
  trickleRuns,
} from './fetcher-figures';

describe('fetcher benchmark figures', () => {
  it('count requests in flight per origin, now and at most', () => {
    const load = new OriginLoad();
    load.begin(0);
    load.begin(0);
    load.begin(1);
    load.end(0);
    load.begin(0);
    load.end(0);
    load.end(0);
    load.end(0); // a stray end never goes below zero
    expect(load.maxInFlight(0)).toBe(2);
    expect(load.inFlight(0)).toBe(0);
    expect(load.inFlight(1)).toBe(1);
    expect(load.maxInFlight(2)).toBe(0);
  });

  it('measure lateness from each due time to the first request after it, before the next due time', () => {
    const figures = pollLateness(
      [
        // polled 2 s late, then 5 s late
        { dueTimes: [10_000, 70_000, 70_000], requestTimes: [12_000, 75_000] },
        // the second run ended without a request (origin paused), the third never ran by the end
        { dueTimes: [20_000, 40_000, 90_000], requestTimes: [20_500] },
        // due before the window: not counted, and its request does not serve a later due time
        { dueTimes: [1_000, 50_000], requestTimes: [1_500, 52_000] },
      ],
      { from: 5_000, to: 95_000, end: 100_000 },
    );
    expect(figures).toEqual({
      scheduled: 6,
      polled: 4,
      withoutRequest: 1,
      missed: 1,
      latenessMs: [2_000, 5_000, 500, 2_000, 10_000],
    });
    expect(pollLateness([{ dueTimes: [99_000], requestTimes: [] }], { from: 0, to: 90_000, end: 100_000 })).toEqual({
      scheduled: 0,
      polled: 0,
      withoutRequest: 0,
      missed: 0,
      latenessMs: [],
    });
  });

  it('count requests inside a Retry-After, leaving out those already on their way', () => {
    const throttles = [{ at: 10_000, retryAfterMs: 30_000 }];
    expect(retryAfterViolations([10_500, 20_000, 39_500, 41_000], throttles, 2_000)).toBe(1);
    expect(retryAfterViolations([20_000], [], 2_000)).toBe(0);
  });

  it('give CPU share, RSS and busy run slots per whole minute (a sample without metrics left out)', () => {
    const samples = [0, 30, 60, 90, 120, 130].map((second, index) => ({
      at: second * 1000,
      cpuTicks: second * 50, // half a core
      rssBytes: (100 + index) * 2 ** 20,
      busySlots: index === 1 ? null : index * 2,
    }));
    expect(perMinute(samples)).toEqual([
      { minute: 1, cpuPercent: 50, rssMiB: 102, busySlots: 4 },
      { minute: 2, cpuPercent: 50, rssMiB: 104, busySlots: 7 },
    ]);
    expect(perMinute(samples.slice(0, 1))).toEqual([]);
  });

  it("group a trickling feed's connections into runs: a retry right after a cut belongs to the same run", () => {
    const runs = trickleRuns(
      [
        { feed: 1, openedAt: 0, closedAt: 15_000 },
        { feed: 1, openedAt: 16_000, closedAt: 40_000 }, // a retry that outlived the deadline
        { feed: 1, openedAt: 100_000, closedAt: 114_000 },
        { feed: 2, openedAt: 50_000, closedAt: null },
      ],
      10_000,
      70_000,
    );
    expect(runs).toEqual([
      { feed: 1, heldMs: 40_000, stillOpen: false },
      { feed: 1, heldMs: 14_000, stillOpen: false },
      { feed: 2, heldMs: 20_000, stillOpen: true },
    ]);
  });

  it('split item latency by how the item first reached the fetcher: an acknowledged push before any poll, or a poll', () => {
    const pushed = { publishedAt: 1_000, listedAt: 40_000, pushedAt: 2_000, cleanAt: 5_000 };
    const polledFirst = { publishedAt: 1_000, listedAt: 3_000, pushedAt: 4_000, cleanAt: 6_000 };
    const lost = { publishedAt: 1_000, listedAt: 61_000, pushedAt: null, cleanAt: null };
    const nowhere = { publishedAt: 1_000, listedAt: null, pushedAt: null, cleanAt: null };
    expect(deliveryOf(pushed)).toEqual({ delivery: 'pushed', fetchedAt: 2_000 });
    expect(deliveryOf({ ...pushed, listedAt: null })).toEqual({ delivery: 'pushed', fetchedAt: 2_000 });
    expect(deliveryOf(polledFirst)).toEqual({ delivery: 'polled', fetchedAt: 3_000 });
    expect(deliveryOf(nowhere)).toBeNull();
    expect(latencyByDelivery([pushed, polledFirst, lost, nowhere])).toEqual({
      pushed: { items: 1, fetchedMs: [1_000], cleanMs: [4_000] },
      polled: { items: 2, fetchedMs: [2_000, 60_000], cleanMs: [5_000] },
    });
  });

  it('give CPU per unit of work inside a window, from the samples inside it', () => {
    const samples = [0, 10_000, 20_000, 30_000].map((at, i) => ({
      at,
      cpuTicks: i * 100,
      rssBytes: 0,
      busySlots: null,
    }));
    // 10 000 → 30 000: 200 ticks = 2 s of CPU for 400 polls
    expect(cpuMsPerUnit(samples, { from: 5_000, to: 30_000 }, 400)).toBe(5);
    expect(cpuMsPerUnit(samples, { from: 25_000, to: 30_000 }, 400)).toBeNaN();
    expect(cpuMsPerUnit(samples, { from: 0, to: 30_000 }, 0)).toBeNaN();
  });
});
