// What `npm start` does when a service process dies on its own: restart it after an exponentially growing delay,
// and give up loudly once it has crashed too often in a short time (a crash loop is a bug to read in the log, not
// something to hammer). Pure: crash times in, a decision out.

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
  const delayMs = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** Math.max(0, recent - 1));
  return { action: 'restart', delayMs, crashesInWindow: recent };
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
