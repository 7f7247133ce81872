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
});
