import { BoundedRead } from './bounded-read';

describe('a bounded read of a dependency', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it("answers with the dependency's value when it comes in time", async () => {
    const read = new BoundedRead('Kafka', 3_000, async () => 42);
    await expect(read.get()).resolves.toEqual({ ok: true, value: 42 });
  });

  it('answers unreachable at the deadline when the dependency hangs, and shares the stuck read', async () => {
    let calls = 0;
    const read = new BoundedRead('Kafka', 3_000, () => {
      calls += 1;
      return new Promise<number>(() => undefined);
    });
    const first = read.get();
    const second = read.get();
    jest.advanceTimersByTime(3_000);
    await expect(first).resolves.toEqual({ ok: false, unreachable: 'Kafka did not answer within 3 s' });
    await expect(second).resolves.toEqual({ ok: false, unreachable: 'Kafka did not answer within 3 s' });
    expect(calls).toBe(1);
  });

  it('names the failure of a read that fails, and reads afresh the next time', async () => {
    let calls = 0;
    const read = new BoundedRead('MongoDB', 3_000, async () => {
      calls += 1;
      if (calls === 1) throw new Error('connection refused');
      return 'back';
    });
    await expect(read.get()).resolves.toEqual({ ok: false, unreachable: 'MongoDB: connection refused' });
    await expect(read.get()).resolves.toEqual({ ok: true, value: 'back' });
  });
});
