import {
  DEFAULT_RESTART_POLICY,
  decideRestart,
  dependencyWaitDelay,
  describeDependencyWait,
  describeRestart,
} from './restart-policy';

const policy = { initialDelayMs: 1_000, maxDelayMs: 8_000, maxCrashes: 5, windowMs: 300_000 };

describe('restart policy of the npm start runner', () => {
  it('restarts with an exponentially growing delay, capped', () => {
    const crashes: number[] = [];
    const delays: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      crashes.push(i * 10_000);
      const decision = decideRestart(crashes, i * 10_000, policy);
      expect(decision.action).toBe('restart');
      if (decision.action === 'restart') delays.push(decision.delayMs);
    }
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000]);
  });

  it('gives up after 5 crashes within 5 minutes', () => {
    const crashes = [0, 10_000, 20_000, 30_000, 40_000];
    expect(decideRestart(crashes, 40_000, policy)).toEqual({ action: 'give-up', crashesInWindow: 5 });
  });

  it('forgets crashes older than the window: a service that crashes once an hour is restarted forever, quickly', () => {
    const hourly = [0, 3_600_000, 7_200_000, 10_800_000, 14_400_000, 18_000_000];
    expect(decideRestart(hourly, 18_000_000, policy)).toEqual({
      action: 'restart',
      delayMs: 1_000,
      crashesInWindow: 1,
    });
  });

  it('prints a status line that says what happens next, and a loud one when giving up', () => {
    expect(
      describeRestart('store', 1, { action: 'restart', delayMs: 2_000, crashesInWindow: 2 }, 'logs/store.log'),
    ).toBe('!! store exited unexpectedly (1); restarting in 2.0 s (crash 2 of 5 allowed in 5 min; log logs/store.log)');
    expect(describeRestart('store', 'SIGKILL', { action: 'give-up', crashesInWindow: 5 }, 'logs/store.log')).toMatch(
      /GIVING UP on store/,
    );
    expect(DEFAULT_RESTART_POLICY).toMatchObject({ maxCrashes: 5, windowMs: 300_000 });
  });

  it('waits out a dependency outage at startup with the same backoff, capped, and never gives up', () => {
    const delays = Array.from({ length: 12 }, (_, i) => dependencyWaitDelay(i + 1, policy));
    expect(delays).toEqual([1_000, 2_000, 4_000, ...Array.from({ length: 9 }, () => 8_000)]);
    expect(describeDependencyWait('store', 12, 8_000, '/logs/store.log')).toBe(
      '!! store could not reach the broker or the database at startup (attempt 12); starting it again in 8.0 s, ' +
        'for as long as the outage lasts (not counted as a crash; log /logs/store.log)',
    );
  });
});
