import { createLogger } from '@inkstream/observability';
import { RetentionSchedule } from './retention-schedule';

describe('RetentionSchedule', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const scheduleWith = (prune: jest.Mock) =>
    new RetentionSchedule({ prune }, createLogger('retention-test', 'silent'), {
      retentionMs: 1_000,
      intervalMs: 3_600_000,
      clock: () => 5_000,
    });

  it('runs a first pass a minute after start, then every interval', async () => {
    const prune = jest.fn().mockResolvedValue({ fingerprints: 0, claims: 0, decisions: 0 });
    const schedule = scheduleWith(prune);
    schedule.onModuleInit();
    await jest.advanceTimersByTimeAsync(60_000);
    expect(prune).toHaveBeenCalledTimes(1);
    expect(prune).toHaveBeenCalledWith(new Date(4_000));
    await jest.advanceTimersByTimeAsync(3_600_000);
    expect(prune).toHaveBeenCalledTimes(2);
    await schedule.onApplicationShutdown();
  });

  it('runs nothing after shutdown, not even the first pass', async () => {
    const prune = jest.fn().mockResolvedValue({ fingerprints: 0, claims: 0, decisions: 0 });
    const schedule = scheduleWith(prune);
    schedule.onModuleInit();
    await schedule.onApplicationShutdown();
    await jest.advanceTimersByTimeAsync(2 * 3_600_000);
    expect(prune).not.toHaveBeenCalled();
  });
});
