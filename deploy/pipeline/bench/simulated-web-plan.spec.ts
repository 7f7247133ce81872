import { FAULT_CLASSES, faultCounts, planWeb, scheduledPollRate, type WebPlanOptions } from './simulated-web-plan';

const options: WebPlanOptions = {
  feeds: 300,
  origins: 5,
  intervalMinSeconds: 60,
  intervalMaxSeconds: 120,
  faultShare: 0.1,
  fullTextShare: 0.1,
  websubShare: 0.5,
  seed: 1,
};

describe('the simulated web plan', () => {
  it('has every fault class, the expensive ones capped, and as many faulty feeds as asked', () => {
    const small = faultCounts(30);
    expect(Object.values(small).reduce((a, b) => a + b, 0)).toBe(30);
    for (const fault of FAULT_CLASSES) expect(small[fault]).toBeGreaterThan(0);
    const large = faultCounts(1000);
    expect(large.huge).toBe(5);
    expect(large.trickler).toBe(10);
    expect(Object.values(large).reduce((a, b) => a + b, 0)).toBe(1000);
    expect(Object.values(faultCounts(0)).every((count) => count === 0)).toBe(true);
  });

  it('is the same for the same seed, with intervals in bounds and rate-limited feeds alone on the throttling origin', () => {
    const plan = planWeb(options);
    expect(planWeb(options)).toEqual(plan);
    expect(planWeb({ ...options, seed: 2 })).not.toEqual(plan);
    expect(plan.feeds).toHaveLength(300);
    expect(plan.origins).toBe(6);
    expect(plan.feeds.filter((feed) => feed.behaviour !== 'healthy')).toHaveLength(30);
    for (const feed of plan.feeds) {
      expect(feed.intervalSeconds).toBeGreaterThanOrEqual(60);
      expect(feed.intervalSeconds).toBeLessThanOrEqual(120);
      expect(feed.origin === plan.throttlingOrigin).toBe(feed.behaviour === 'rate-limited');
      if (feed.fullText) expect(feed.behaviour).toBe('healthy');
      expect(feed.delayMs > 0).toBe(feed.behaviour === 'slow');
    }
    const healthyOrigins = new Set(plan.feeds.filter((feed) => feed.behaviour === 'healthy').map((f) => f.origin));
    expect(healthyOrigins).toEqual(new Set([0, 1, 2, 3, 4]));
  });

  it('refuses sizes it cannot build, naming the option', () => {
    expect(() => planWeb({ ...options, origins: 0 })).toThrow('--origins 0');
    expect(() => planWeb({ ...options, feeds: 0 })).toThrow('--feeds 0');
    expect(() => planWeb({ ...options, intervalMinSeconds: 90, intervalMaxSeconds: 60 })).toThrow('--interval-min 90');
  });

  it("schedules the sum of every feed's 1/interval polls per second", () => {
    expect(scheduledPollRate([{ intervalSeconds: 60 }, { intervalSeconds: 120 }])).toBeCloseTo(0.025);
  });

  it('gives the WebSub hub to about the share of healthy feeds asked, never to a faulty one, and leaves the rest as it was', () => {
    const plan = planWeb(options);
    const healthy = plan.feeds.filter((feed) => feed.behaviour === 'healthy');
    const advertising = plan.feeds.filter((feed) => feed.websub);
    expect(advertising.every((feed) => feed.behaviour === 'healthy')).toBe(true);
    expect(advertising.length / healthy.length).toBeGreaterThan(0.4);
    expect(advertising.length / healthy.length).toBeLessThan(0.6);
    const none = planWeb({ ...options, websubShare: 0 });
    expect(none.feeds.some((feed) => feed.websub)).toBe(false);
    expect(none.feeds.map(({ websub: _, ...rest }) => rest)).toEqual(plan.feeds.map(({ websub: _, ...rest }) => rest));
  });
});
