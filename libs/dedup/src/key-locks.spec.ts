import { KeyLocks } from './key-locks';

const tick = (ms: number) => new Promise((done) => setTimeout(done, ms));

describe('KeyLocks', () => {
  it('runs work on disjoint keys at once and work sharing a key one after the other', async () => {
    const locks = new KeyLocks();
    const log: string[] = [];
    const job = (name: string, keys: string[], ms: number) =>
      locks.withKeys(keys, async () => {
        log.push(`${name}+`);
        await tick(ms);
        log.push(`${name}-`);
      });
    await Promise.all([job('a', ['x', 'y'], 30), job('b', ['z'], 5), job('c', ['y', 'w'], 5)]);
    // b overlaps a (disjoint); c shares y with a, so it starts only after a ends
    expect(log.indexOf('b+')).toBeLessThan(log.indexOf('a-'));
    expect(log.indexOf('c+')).toBeGreaterThan(log.indexOf('a-'));
    expect(locks.size()).toBe(0);
  });

  it('never deadlocks on overlapping key sets taken in different orders', async () => {
    const locks = new KeyLocks();
    let done = 0;
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        locks.withKeys(i % 2 === 0 ? ['p', 'q', `k${i}`] : [`k${i}`, 'q', 'p'], async () => {
          await tick(1);
          done += 1;
        }),
      ),
    );
    expect(done).toBe(30);
  });

  it('releases the keys when the work fails', async () => {
    const locks = new KeyLocks();
    await expect(locks.withKeys(['x'], async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(locks.withKeys(['x'], async () => 'next')).resolves.toBe('next');
    expect(locks.size()).toBe(0);
  });

  it('serves turns on a key first come first served, even when a later one asks while the key is free', async () => {
    const locks = new KeyLocks();
    const log: string[] = [];
    const first = locks.take(['x', 'y']);
    const second = locks.take(['y']);
    const third = locks.take(['x']);
    // Without turns taken in order, the third (x only) and the second could each start as soon as their keys look
    // free; here both wait for the first, and the second for nothing else.
    void second.ready.then(() => log.push('second'));
    void third.ready.then(() => log.push('third'));
    await tick(5);
    expect(log).toEqual([]);
    first.release();
    await tick(5);
    expect(log.sort()).toEqual(['second', 'third']);
    second.release();
    third.release();
    await tick(1);
    expect(locks.size()).toBe(0);
  });

  it('lets a later turn wait for an earlier one it shares no key with only through a turn in between', async () => {
    const locks = new KeyLocks();
    const first = locks.take(['a']);
    const middle = locks.take(['a', 'b']);
    const last = locks.take(['b']);
    let lastReady = false;
    void last.ready.then(() => (lastReady = true));
    // The middle turn gives up before its work: the last must still not overtake the first, which the middle
    // was waiting for.
    middle.release();
    await tick(5);
    expect(lastReady).toBe(false);
    first.release();
    await tick(5);
    expect(lastReady).toBe(true);
    last.release();
  });

  it('releasing a turn twice is harmless', async () => {
    const locks = new KeyLocks();
    const turn = locks.take(['k']);
    turn.release();
    turn.release();
    await expect(locks.withKeys(['k'], async () => 'next')).resolves.toBe('next');
  });
});
