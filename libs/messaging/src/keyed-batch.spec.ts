import { processKeyedBatch } from './keyed-batch';

interface Msg {
  offset: number;
  key: string | null;
  /** ms the work takes */
  cost: number;
}

const tick = (ms: number) => new Promise((done) => setTimeout(done, ms));

function batch(...specs: Array<[string | null, number]>): Msg[] {
  return specs.map(([key, cost], offset) => ({ offset, key, cost }));
}

describe('processKeyedBatch', () => {
  it('overlaps different keys but keeps one key in offset order, resolving offsets in order', async () => {
    const started: number[] = [];
    const finished: number[] = [];
    const resolved: number[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const messages = batch(['a', 30], ['b', 5], ['a', 5], ['c', 5], ['b', 5]);
    const result = await processKeyedBatch(messages, {
      concurrency: 4,
      keyOf: (m) => m.key,
      alive: () => true,
      process: async (m) => {
        started.push(m.offset);
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await tick(m.cost);
        inFlight -= 1;
        finished.push(m.offset);
        return true;
      },
      resolved: (m) => void resolved.push(m.offset),
    });
    expect(result).toEqual({ resolved: 5, stopped: false });
    expect(maxInFlight).toBeGreaterThan(1);
    // offset 2 (key a) waits for offset 0 (key a); b's second message waits for b's first
    expect(finished.indexOf(2)).toBeGreaterThan(finished.indexOf(0));
    expect(started.indexOf(4)).toBeGreaterThan(finished.indexOf(1));
    expect(finished[0]).not.toBe(0); // the slow first message did not hold up the others
    expect(resolved).toEqual([0, 1, 2, 3, 4]);
  });

  it('never has more than `concurrency` messages in flight', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const messages = batch(...Array.from({ length: 20 }, (_, i) => [`k${i}`, 2] as [string, number]));
    await processKeyedBatch(messages, {
      concurrency: 3,
      keyOf: (m) => m.key,
      alive: () => true,
      process: async (m) => {
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await tick(m.cost);
        inFlight -= 1;
        return true;
      },
      resolved: () => undefined,
    });
    expect(maxInFlight).toBe(3);
  });

  it('does not resolve past an interrupted message, even when later ones finished', async () => {
    const resolved: number[] = [];
    const messages = batch(['a', 1], ['b', 20], ['c', 1], ['b', 1]);
    const processed: number[] = [];
    const result = await processKeyedBatch(messages, {
      concurrency: 4,
      keyOf: (m) => m.key,
      alive: () => true,
      process: async (m) => {
        await tick(m.cost);
        processed.push(m.offset);
        return m.offset !== 1; // offset 1 is interrupted
      },
      resolved: (m) => void resolved.push(m.offset),
    });
    expect(resolved).toEqual([0]);
    expect(result.stopped).toBe(true);
    // the same key's next message never overtakes the interrupted one
    expect(processed).not.toContain(3);
  });

  it('rethrows the first failure after in-flight work settles, resolving only the finished prefix', async () => {
    const resolved: number[] = [];
    const messages = batch(['a', 1], ['b', 5], ['c', 30]);
    let cFinished = false;
    await expect(
      processKeyedBatch(messages, {
        concurrency: 3,
        keyOf: (m) => m.key,
        alive: () => true,
        process: async (m) => {
          await tick(m.cost);
          if (m.offset === 1) throw new Error('boom');
          if (m.offset === 2) cFinished = true;
          return true;
        },
        resolved: (m) => void resolved.push(m.offset),
      }),
    ).rejects.toThrow('boom');
    expect(cFinished).toBe(true);
    expect(resolved).toEqual([0]);
  });

  it('treats messages without a key as independent and stops scheduling when no longer alive', async () => {
    let alive = true;
    const processed: number[] = [];
    const result = await processKeyedBatch(batch([null, 1], [null, 1], [null, 1]), {
      concurrency: 1,
      keyOf: (m) => m.key,
      alive: () => alive,
      process: async (m) => {
        processed.push(m.offset);
        alive = false;
        return true;
      },
      resolved: () => undefined,
    });
    expect(processed).toEqual([0]);
    expect(result).toEqual({ resolved: 1, stopped: true });
  });
});
