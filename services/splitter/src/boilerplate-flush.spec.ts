import { createLogger } from '@inkstream/observability';
import { BoilerplateFlushSchedule } from './boilerplate-flush';
import { BoilerplateMemory, type BoilerplateStore } from './boilerplate-memory';

describe('BoilerplateFlushSchedule', () => {
  it('saves what was learned at shutdown, and a failed flush does not throw', async () => {
    const saved: unknown[] = [];
    let failNext = true;
    const store: BoilerplateStore = {
      loadLearning: async () => null,
      saveLearning: async (_source, _kind, state) => {
        if (failNext) {
          failNext = false;
          throw new Error('database down');
        }
        saved.push(state);
      },
    };
    const memory = new BoilerplateMemory(store);
    const schedule = new BoilerplateFlushSchedule(memory, createLogger('flush-test', 'silent'), 3_600_000);
    schedule.onModuleInit();
    await memory.learn('src', ['a line', 'another line']);
    await schedule.onApplicationShutdown(); // the first save fails: logged, counts kept
    expect(saved).toHaveLength(0);
    await schedule.onApplicationShutdown();
    expect(saved).toEqual([expect.objectContaining({ documents: 1 })]);
  });
});
