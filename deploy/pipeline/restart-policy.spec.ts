import { EXIT_DEPENDENCY_UNAVAILABLE } from '@inkstream/errors';
import {
  DEFAULT_RESTART_POLICY,
  decideAfterExit,
  decideRestart,
  describeExit,
  describeRestart,
  healthyAgain,
  NO_RESTARTS,
  type ExitDecision,
  type RestartHistory,
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

  const delayOf = (decision: ExitDecision): number | null => (decision.action === 'give-up' ? null : decision.delayMs);

  /** Exits one after another, 10 s apart, through the one decision the runner and the resilience run make. */
  function exits(codes: ReadonlyArray<number | string | null>, from = NO_RESTARTS): ExitDecision[] {
    let history: RestartHistory = from;
    return codes.map((code, i) => {
      const next = decideAfterExit(history, code, i * 10_000, policy);
      history = next.history;
      return next.decision;
    });
  }

  it('waits out a dependency outage at startup with the same backoff, capped, and never gives up', () => {
    const decisions = exits(Array.from({ length: 12 }, () => EXIT_DEPENDENCY_UNAVAILABLE));
    expect(decisions.map((decision) => decision.action)).toEqual(Array.from({ length: 12 }, () => 'wait'));
    expect(decisions.map(delayOf)).toEqual([1_000, 2_000, 4_000, ...Array.from({ length: 9 }, () => 8_000)]);
    expect(describeExit('store', EXIT_DEPENDENCY_UNAVAILABLE, decisions[11], '/logs/store.log', policy)).toBe(
      '!! store could not reach the broker or the database at startup (attempt 12); starting it again in 8.0 s, ' +
        'for as long as the outage lasts (not counted as a crash; log /logs/store.log)',
    );
  });

  it('counts every other exit as a crash, waits in between included, and gives up on the fifth', () => {
    const decisions = exits([1, EXIT_DEPENDENCY_UNAVAILABLE, 1, 'SIGSEGV', EXIT_DEPENDENCY_UNAVAILABLE, 1, null]);
    expect(decisions.map((decision) => decision.action)).toEqual([
      'restart',
      'wait',
      'restart',
      'restart',
      'wait',
      'restart',
      'give-up',
    ]);
    expect(describeExit('store', 1, decisions[6], '/logs/store.log', policy)).toContain('GIVING UP on store');
  });

  it('starts the next outage from the shortest wait once the service was healthy again', () => {
    let history = NO_RESTARTS;
    for (let i = 0; i < 4; i += 1) history = decideAfterExit(history, EXIT_DEPENDENCY_UNAVAILABLE, i, policy).history;
    expect(delayOf(decideAfterExit(history, EXIT_DEPENDENCY_UNAVAILABLE, 5, policy).decision)).toBe(8_000);
    expect(delayOf(decideAfterExit(healthyAgain(history), EXIT_DEPENDENCY_UNAVAILABLE, 5, policy).decision)).toBe(
      1_000,
    );
  });
});
