import { createLogger } from '@inkstream/observability';
import { LeasedWorkLoop, type LeasedWork } from './leased-work-loop';

const logger = createLogger('test', 'silent');

/** Work whose items end when the test says so (or when the loop aborts them). */
function gatedWork(due: string[], slots: number) {
  const claims: number[] = [];
  const renewals: string[] = [];
  const running = new Map<string, () => void>();
  const ended: string[] = [];
  const work: LeasedWork<string> = {
    claim: async (free) => {
      claims.push(free);
      return due.splice(0, free);
    },
    renewLease: async (item) => void renewals.push(item),
    run: (item, signal) =>
      new Promise<void>((resolve) => {
        let over = false;
        const end = (how: string) => {
          if (over) return;
          over = true;
          ended.push(`${item} ${how}`);
          resolve();
        };
        running.set(item, () => end('done'));
        signal.addEventListener('abort', () => end('aborted'), { once: true });
      }),
    contextFor: () => ({ logger }),
    slots: () => slots,
    onInFlight: () => undefined,
  };
  return { work, claims, renewals, running, ended };
}

const tick = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));

describe('LeasedWorkLoop', () => {
  it('claims every free slot in one round trip, renews the leases of running items, and claims again as slots free', async () => {
    const { work, claims, renewals, running, ended } = gatedWork(['a', 'b', 'c', 'd'], 3);
    const loop = new LeasedWorkLoop(
      work,
      { claimIntervalMs: 5, leaseMs: 30, stopGraceMs: 1_000, label: 'items' },
      logger,
    );
    loop.start();
    await tick(25);
    expect(claims[0]).toBe(3);
    expect([...running.keys()]).toEqual(['a', 'b', 'c']);
    expect(renewals).toEqual(expect.arrayContaining(['a', 'b', 'c']));
    running.get('b')?.();
    await tick(10);
    expect(claims).toContain(1);
    expect(running.has('d')).toBe(true);
    for (const item of ['a', 'c', 'd']) running.get(item)?.();
    await loop.stop();
    expect(ended.sort()).toEqual(['a done', 'b done', 'c done', 'd done']);
  });

  it('stops claiming at once and aborts what still runs when the grace period ends', async () => {
    const { work, claims, running, ended } = gatedWork(['a', 'b', 'c'], 2);
    const loop = new LeasedWorkLoop(
      work,
      { claimIntervalMs: 5, leaseMs: 60_000, stopGraceMs: 50, label: 'items' },
      logger,
    );
    loop.start();
    await tick(10);
    running.get('a')?.();
    const stopping = loop.stop();
    const started = Date.now();
    await stopping;
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(ended).toEqual(['a done', 'b aborted']);
    expect(claims).toEqual([2]);
  });
});
