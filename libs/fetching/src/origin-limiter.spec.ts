import { OriginLimiter, type Clock } from './origin-limiter';

/** A clock whose sleeps resolve when the test advances time. */
function fakeClock() {
  let now = 0;
  const sleepers: Array<{ until: number; wake: () => void }> = [];
  const clock: Clock = {
    now: () => now,
    sleep: (ms, signal) =>
      new Promise((wake, fail) => {
        sleepers.push({ until: now + ms, wake });
        signal?.addEventListener('abort', () => fail(signal.reason), { once: true });
      }),
  };
  const advance = async (ms: number) => {
    now += ms;
    for (const sleeper of sleepers.filter((entry) => entry.until <= now)) {
      sleepers.splice(sleepers.indexOf(sleeper), 1);
      sleeper.wake();
    }
    await flush();
  };
  return { clock, advance };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

describe('OriginLimiter', () => {
  const a = new URL('https://a.example/feed');
  const b = new URL('https://b.example/feed');

  it('keeps at most maxConcurrent requests in flight per origin, other origins unaffected', async () => {
    const limiter = new OriginLimiter({ maxConcurrent: 2, minIntervalMs: 0 });
    const gates = [deferred(), deferred(), deferred()];
    const started: number[] = [];
    const runs = gates.map((gate, index) =>
      limiter.run(a, async () => {
        started.push(index);
        await gate.promise;
      }),
    );
    let otherHostRan = false;
    await limiter.run(b, async () => {
      otherHostRan = true;
    });
    await flush();
    expect(started).toEqual([0, 1]);
    expect(otherHostRan).toBe(true);
    expect(limiter.waiting()).toBe(1);
    gates[0].resolve();
    await flush();
    expect(started).toEqual([0, 1, 2]);
    expect(limiter.waiting()).toBe(0);
    gates[1].resolve();
    gates[2].resolve();
    await Promise.all(runs);
    expect(limiter.trackedOrigins()).toBe(0);
  });

  it('spaces request starts on one origin by minIntervalMs, raised by setMinInterval', async () => {
    const { clock, advance } = fakeClock();
    const limiter = new OriginLimiter({ maxConcurrent: 10, minIntervalMs: 100 }, clock);
    const starts: number[] = [];
    const task = () => limiter.run(a, async () => void starts.push(clock.now()));
    const runs = [task(), task(), task()];
    await flush();
    expect(starts).toEqual([0]);
    await advance(100);
    expect(starts).toEqual([0, 100]);
    await advance(100);
    expect(starts).toEqual([0, 100, 200]);
    await Promise.all(runs);

    limiter.setMinInterval(a, 10); // never below the configured minimum
    limiter.setMinInterval(a, 1000);
    const later = [task(), task()];
    await advance(100);
    expect(starts).toEqual([0, 100, 200, 300]);
    await advance(400);
    expect(starts).toHaveLength(4);
    await advance(600);
    expect(starts).toEqual([0, 100, 200, 300, 1300]);
    await Promise.all(later);
  });

  it('gives every port of a host a budget of its own', async () => {
    const limiter = new OriginLimiter({ maxConcurrent: 1, minIntervalMs: 0 });
    const gate = deferred();
    const started: string[] = [];
    const first = limiter.run(new URL('http://h.example:8001/a'), async () => {
      started.push('8001');
      await gate.promise;
    });
    const second = limiter.run(new URL('http://h.example:8002/a'), async () => void started.push('8002'));
    const samePort = limiter.run(new URL('http://h.example:8001/b'), async () => void started.push('8001 again'));
    await flush();
    expect(started).toEqual(['8001', '8002']);
    gate.resolve();
    await Promise.all([first, second, samePort]);
    expect(started).toEqual(['8001', '8002', '8001 again']);
  });

  it('applies an origin override before its host override, and the defaults elsewhere', () => {
    const overrides = new Map([
      ['h.example', { maxConcurrent: 4, minIntervalMs: 250 }],
      ['https://h.example:8443', { maxConcurrent: 8, minIntervalMs: 0 }],
    ]);
    const limiter = new OriginLimiter({ maxConcurrent: 2, minIntervalMs: 1000, overrides });
    expect(limiter.limitsFor(new URL('https://h.example:8443/x'))).toEqual({ maxConcurrent: 8, minIntervalMs: 0 });
    expect(limiter.limitsFor(new URL('http://h.example/x'))).toEqual({ maxConcurrent: 4, minIntervalMs: 250 });
    expect(limiter.limitsFor(new URL('https://other.example/x'))).toMatchObject({
      maxConcurrent: 2,
      minIntervalMs: 1000,
    });
  });

  it('holds back every request to an origin until its Retry-After ends, other origins unaffected', async () => {
    const { clock, advance } = fakeClock();
    const limiter = new OriginLimiter({ maxConcurrent: 10, minIntervalMs: 0 }, clock);
    limiter.holdOff(a, 5_000);
    expect(limiter.heldOffFor(new URL('https://a.example/other-feed'))).toBe(5_000);
    expect(limiter.heldOffFor(b)).toBe(0);
    const starts: string[] = [];
    const held = limiter.run(new URL('https://a.example/other-feed'), async () => void starts.push('a'));
    await limiter.run(b, async () => void starts.push('b'));
    await advance(4_999);
    expect(starts).toEqual(['b']);
    await advance(1);
    await held;
    expect(starts).toEqual(['b', 'a']);
    expect(limiter.heldOffFor(a)).toBe(0);
  });

  it("puts a redirect's next hop at the head of its origin's queue, ahead of requests that have not started", async () => {
    const limiter = new OriginLimiter({ maxConcurrent: 1, minIntervalMs: 0 });
    const gate = deferred();
    const order: string[] = [];
    const first = limiter.run(a, () => gate.promise);
    const newcomers = ['feed 1', 'feed 2'].map((name) => limiter.run(a, async () => void order.push(name)));
    const hop = limiter.run(a, async () => void order.push('next hop'), undefined, true);
    gate.resolve();
    await Promise.all([first, hop, ...newcomers]);
    expect(order).toEqual(['next hop', 'feed 1', 'feed 2']);
  });

  it('gives up a queued place when the request is aborted, and the slot goes to the next in line', async () => {
    const limiter = new OriginLimiter({ maxConcurrent: 1, minIntervalMs: 0 });
    const gate = deferred();
    const first = limiter.run(a, () => gate.promise);
    const abort = new AbortController();
    const abandoned = limiter.run(a, async () => 'ran', abort.signal).catch((error: Error) => error.message);
    const next = limiter.run(a, async () => 'next');
    abort.abort(new Error('deadline'));
    expect(await abandoned).toBe('deadline');
    gate.resolve();
    await first;
    expect(await next).toBe('next');
    expect(limiter.trackedOrigins()).toBe(0);
  });

  it('gives back the turn of a start abandoned while spacing, so the next request is not pushed further out', async () => {
    const { clock, advance } = fakeClock();
    const limiter = new OriginLimiter({ maxConcurrent: 10, minIntervalMs: 100 }, clock);
    await limiter.run(a, async () => undefined);
    expect(limiter.backlogFor(a)).toBe(100);
    const abort = new AbortController();
    const abandoned = limiter.run(a, async () => 'ran', abort.signal).catch((error: Error) => error.message);
    expect(limiter.backlogFor(a)).toBe(200);
    abort.abort(new Error('deadline'));
    expect(await abandoned).toBe('deadline');
    expect(limiter.backlogFor(a)).toBe(100);
    await advance(100);
  });
});
