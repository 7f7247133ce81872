import { HostLimiter, type Clock } from './host-limiter';

/** A clock whose sleeps resolve when the test advances time. */
function fakeClock() {
  let now = 0;
  const sleepers: Array<{ until: number; wake: () => void }> = [];
  const clock: Clock = {
    now: () => now,
    sleep: (ms) => new Promise((wake) => sleepers.push({ until: now + ms, wake })),
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

describe('HostLimiter', () => {
  it('keeps at most maxConcurrent requests in flight per host, other hosts unaffected', async () => {
    const limiter = new HostLimiter({ maxConcurrent: 2, minIntervalMs: 0 });
    const gates = [deferred(), deferred(), deferred()];
    const started: number[] = [];
    const runs = gates.map((gate, index) =>
      limiter.run('a.example', async () => {
        started.push(index);
        await gate.promise;
      }),
    );
    let otherHostRan = false;
    await limiter.run('b.example', async () => {
      otherHostRan = true;
    });
    await flush();
    expect(started).toEqual([0, 1]);
    expect(otherHostRan).toBe(true);
    gates[0].resolve();
    await flush();
    expect(started).toEqual([0, 1, 2]);
    gates[1].resolve();
    gates[2].resolve();
    await Promise.all(runs);
    expect(limiter.trackedHosts()).toBe(0);
  });

  it('spaces request starts on one host by minIntervalMs, raised by setMinInterval', async () => {
    const { clock, advance } = fakeClock();
    const limiter = new HostLimiter({ maxConcurrent: 10, minIntervalMs: 100 }, clock);
    const starts: number[] = [];
    const task = () => limiter.run('a.example', async () => void starts.push(clock.now()));
    const runs = [task(), task(), task()];
    await flush();
    expect(starts).toEqual([0]);
    await advance(100);
    expect(starts).toEqual([0, 100]);
    await advance(100);
    expect(starts).toEqual([0, 100, 200]);
    await Promise.all(runs);

    limiter.setMinInterval('a.example', 10); // never below the configured minimum
    limiter.setMinInterval('a.example', 1000);
    const later = [task(), task()];
    await advance(100);
    expect(starts).toEqual([0, 100, 200, 300]);
    await advance(400);
    expect(starts).toHaveLength(4);
    await advance(600);
    expect(starts).toEqual([0, 100, 200, 300, 1300]);
    await Promise.all(later);
  });
});
