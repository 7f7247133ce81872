import { PeriodicTask } from './periodic-task';

describe('PeriodicTask', () => {
  it('joins a run in progress instead of starting a second one', async () => {
    let release!: () => void;
    let runs = 0;
    const task = new PeriodicTask(
      () => {
        runs++;
        return new Promise<void>((resolve) => (release = resolve));
      },
      3_600_000,
      () => undefined,
    );
    const first = task.run();
    const second = task.run();
    expect(runs).toBe(1);
    release();
    await Promise.all([first, second]);
    const third = task.run();
    expect(runs).toBe(2);
    release();
    await third;
  });

  it('reports a failed run without rejecting, and runs again afterwards', async () => {
    const failures: string[] = [];
    const outcomes = [new Error('database down'), null];
    let done = 0;
    const task = new PeriodicTask(
      async () => {
        const next = outcomes.shift();
        if (next) throw next;
        done++;
      },
      3_600_000,
      (error) => failures.push(error.message),
    );
    await expect(task.run()).resolves.toBeUndefined();
    await expect(task.run()).resolves.toBeUndefined();
    expect(failures).toEqual(['database down']);
    expect(done).toBe(1);
  });

  it('runs on its timer once started, and stop waits for the run in progress', async () => {
    jest.useFakeTimers();
    try {
      let runs = 0;
      let finished = 0;
      const task = new PeriodicTask(
        async () => {
          runs++;
          await Promise.resolve();
          finished++;
        },
        1_000,
        () => undefined,
      );
      task.start();
      expect(runs).toBe(0);
      jest.advanceTimersByTime(1_000);
      expect(runs).toBe(1);
      await task.stop();
      expect(finished).toBe(1);
      jest.advanceTimersByTime(5_000);
      expect(runs).toBe(1);
    } finally {
      jest.useRealTimers();
    }
  });
});
