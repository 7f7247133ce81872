// What `npm start` does when a service process dies on its own: restart it after an exponentially growing delay,
// and give up loudly once it has crashed too often in a short time (a crash loop is a bug to read in the log, not
// something to hammer). A service that exits because the broker or the database did not answer at startup
// (EXIT_DEPENDENCY_UNAVAILABLE) has not crashed: it is restarted with the same backoff for as long as the outage
// lasts, and never given up on. Pure: crash times in, a decision out.
import { EXIT_DEPENDENCY_UNAVAILABLE } from '@inkstream/errors';

export interface RestartPolicy {
  /** delay before the first restart; doubled for every further crash inside the window */
  initialDelayMs: number;
  maxDelayMs: number;
  /** this many crashes inside `windowMs` → give up */
  maxCrashes: number;
  windowMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = {
  initialDelayMs: 1_000,
  maxDelayMs: 30_000,
  maxCrashes: 5,
  windowMs: 5 * 60_000,
};

export type RestartDecision =
  { action: 'restart'; delayMs: number; crashesInWindow: number } | { action: 'give-up'; crashesInWindow: number };

/** Crash times (ms, any order, including the one just now) → restart after a delay, or give up. */
export function decideRestart(
  crashTimes: readonly number[],
  now: number,
  policy = DEFAULT_RESTART_POLICY,
): RestartDecision {
  const recent = crashTimes.filter((time) => time <= now && now - time < policy.windowMs).length;
  if (recent >= policy.maxCrashes) return { action: 'give-up', crashesInWindow: recent };
  return { action: 'restart', delayMs: backoffDelay(recent, policy), crashesInWindow: recent };
}

/** The delay before the `nth` restart in a row: doubled each time from the first, capped. */
function backoffDelay(nth: number, policy: RestartPolicy): number {
  return Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** Math.max(0, nth - 1));
}

/** The status line the runner prints for a decision. */
export function describeRestart(
  service: string,
  exit: number | string | null,
  decision: RestartDecision,
  logFile: string,
  policy = DEFAULT_RESTART_POLICY,
): string {
  const minutes = Math.round(policy.windowMs / 60_000);
  if (decision.action === 'give-up') {
    return (
      `!! ${service} exited unexpectedly (${exit}) — ${decision.crashesInWindow} crashes in ${minutes} min: ` +
      `GIVING UP on ${service}; the rest of the pipeline keeps running without it. Read ${logFile}, fix, restart.`
    );
  }
  return (
    `!! ${service} exited unexpectedly (${exit}); restarting in ${(decision.delayMs / 1000).toFixed(1)} s ` +
    `(crash ${decision.crashesInWindow} of ${policy.maxCrashes} allowed in ${minutes} min; log ${logFile})`
  );
}

/** What a supervisor remembers of one service: its crash times, and startups in a row that found the stack away. */
export interface RestartHistory {
  readonly crashTimes: readonly number[];
  readonly waits: number;
}

export const NO_RESTARTS: RestartHistory = { crashTimes: [], waits: 0 };

/** After a service exited on its own: wait for the stack (not a crash), restart it, or give up on it. */
export type ExitDecision = { action: 'wait'; delayMs: number; attempt: number } | RestartDecision;

/**
 * The one decision after a service's own exit, for `npm start` and the resilience run alike: an exit with
 * EXIT_DEPENDENCY_UNAVAILABLE (its startup found no broker or no database) is waited out with the same backoff and
 * never counted as a crash; any other exit is a crash (`decideRestart`).
 */
export function decideAfterExit(
  history: RestartHistory,
  exit: number | string | null,
  now: number,
  policy = DEFAULT_RESTART_POLICY,
): { decision: ExitDecision; history: RestartHistory } {
  if (exit === EXIT_DEPENDENCY_UNAVAILABLE) {
    const attempt = history.waits + 1;
    const decision = { action: 'wait' as const, delayMs: backoffDelay(attempt, policy), attempt };
    return { decision, history: { ...history, waits: attempt } };
  }
  const crashTimes = [...history.crashTimes, now];
  return { decision: decideRestart(crashTimes, now, policy), history: { ...history, crashTimes } };
}

/** The history once the service is healthy again: the next outage's wait starts from the shortest delay. */
export function healthyAgain(history: RestartHistory): RestartHistory {
  return { ...history, waits: 0 };
}

/** The status line the runner prints for a decision after an exit. */
export function describeExit(
  service: string,
  exit: number | string | null,
  decision: ExitDecision,
  logFile: string,
  policy = DEFAULT_RESTART_POLICY,
): string {
  if (decision.action !== 'wait') return describeRestart(service, exit, decision, logFile, policy);
  return (
    `!! ${service} could not reach the broker or the database at startup (attempt ${decision.attempt}); starting it ` +
    `again in ${(decision.delayMs / 1000).toFixed(1)} s, for as long as the outage lasts (not counted as a crash; ` +
    `log ${logFile})`
  );
}
