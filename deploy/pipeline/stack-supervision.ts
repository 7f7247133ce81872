// What `npm start` does when a process of the embedded stack (Kafka, PostgreSQL, FerretDB) dies: the same restart
// policy as a service (restart-policy.ts), with the stack's one dependency on top: FerretDB serves nothing without
// its PostgreSQL, so PostgreSQL comes back first, and FerretDB waits while its PostgreSQL is given up on. Pure:
// observations and crash times in, a plan and status lines out; stack-supervisor.ts carries them out.
import type { StackComponent } from '@inkstream/embedded-stack';
import type { HealthCheckResult, HealthReport } from '@inkstream/observability';
import { decideRestart, DEFAULT_RESTART_POLICY, type RestartDecision, type RestartPolicy } from './restart-policy';

export type { StackComponent };

/** Restart order: a component comes after what it needs. */
export const STACK_RESTART_ORDER: readonly StackComponent[] = ['postgres', 'ferretdb', 'kafka'];

const NEEDS: Readonly<Partial<Record<StackComponent, StackComponent>>> = { ferretdb: 'postgres' };

export const STACK_LABELS: Readonly<Record<StackComponent, string>> = {
  kafka: 'Kafka',
  postgres: 'PostgreSQL',
  ferretdb: 'FerretDB',
};

/**
 * `up`: its process runs. `restarting`: it died and a restart is due or under way. `given-up`: it crashed too often
 * and stays down. `waiting`: down, and what it needs was given up on.
 */
export type SupervisedState = 'up' | 'restarting' | 'given-up' | 'waiting';

export interface ComponentSupervision {
  state: SupervisedState;
  /** Restarts that brought it back. */
  restarts: number;
  /** When it was seen dead (ms), including failed restarts: what the restart policy counts. */
  crashTimes: number[];
  /** ISO time of the last change of state. */
  since: string;
}

export type StackSupervision = Record<StackComponent, ComponentSupervision>;

export function initialSupervision(now: number): StackSupervision {
  const fresh = (): ComponentSupervision => ({
    state: 'up',
    restarts: 0,
    crashTimes: [],
    since: new Date(now).toISOString(),
  });
  return { kafka: fresh(), postgres: fresh(), ferretdb: fresh() };
}

export interface RecoveryPlan {
  /** Started together, in this order, once `delayMs` has passed. */
  restart: StackComponent[];
  /** The longest delay the policy asks of any of them: one start brings them all back in order. */
  delayMs: number;
  giveUp: StackComponent[];
  /** Down, but what they need is given up on: not started. */
  waiting: StackComponent[];
  decisions: Partial<Record<StackComponent, RestartDecision>>;
}

/**
 * `down` are the components whose process is gone, seen at `now`. Components already given up on (or waiting) are
 * left alone; every other one counts a crash at `now` and gets the policy's decision.
 */
export function planStackRecovery(
  supervision: StackSupervision,
  down: readonly StackComponent[],
  now: number,
  policy: RestartPolicy = DEFAULT_RESTART_POLICY,
): { plan: RecoveryPlan; supervision: StackSupervision } {
  const next: StackSupervision = { ...supervision };
  const plan: RecoveryPlan = { restart: [], delayMs: 0, giveUp: [], waiting: [], decisions: {} };
  const at = new Date(now).toISOString();
  for (const component of STACK_RESTART_ORDER) {
    const current = supervision[component];
    if (!down.includes(component) || current.state === 'given-up' || current.state === 'waiting') continue;
    const crashTimes = [...current.crashTimes, now];
    const decision = decideRestart(crashTimes, now, policy);
    plan.decisions[component] = decision;
    const needed = NEEDS[component];
    if (decision.action === 'give-up') {
      plan.giveUp.push(component);
      next[component] = { ...current, state: 'given-up', crashTimes, since: at };
    } else if (needed && (plan.giveUp.includes(needed) || next[needed].state === 'given-up')) {
      plan.waiting.push(component);
      next[component] = { ...current, state: 'waiting', crashTimes, since: at };
    } else {
      plan.restart.push(component);
      plan.delayMs = Math.max(plan.delayMs, decision.delayMs);
      next[component] = {
        ...current,
        state: 'restarting',
        crashTimes,
        since: current.state === 'up' ? at : current.since,
      };
    }
  }
  return { plan, supervision: next };
}

/** After a start brought them back. */
export function markRestarted(
  supervision: StackSupervision,
  components: readonly StackComponent[],
  now: number,
): StackSupervision {
  const next: StackSupervision = { ...supervision };
  for (const component of components) {
    const current = supervision[component];
    next[component] = { ...current, state: 'up', restarts: current.restarts + 1, since: new Date(now).toISOString() };
  }
  return next;
}

/** The log lines for a plan, one per component, in the wording of the service restarts. */
export function describeRecovery(plan: RecoveryPlan, policy: RestartPolicy = DEFAULT_RESTART_POLICY): string[] {
  const minutes = Math.round(policy.windowMs / 60_000);
  const lines: string[] = [];
  for (const component of STACK_RESTART_ORDER) {
    const decision = plan.decisions[component];
    if (!decision) continue;
    const label = STACK_LABELS[component];
    if (plan.giveUp.includes(component)) {
      lines.push(
        `!! ${label} died — ${decision.crashesInWindow} crashes in ${minutes} min: GIVING UP on ${label}; ` +
          'the pipeline waits for it. Read its log in the stack data dir, fix, then npm run stack:start.',
      );
    } else if (plan.waiting.includes(component)) {
      lines.push(`!! ${label} died; not restarting it while ${STACK_LABELS[NEEDS[component]!]} is given up on`);
    } else {
      lines.push(
        `!! ${label} died; restarting in ${(plan.delayMs / 1000).toFixed(1)} s ` +
          `(crash ${decision.crashesInWindow} of ${policy.maxCrashes} allowed in ${minutes} min)`,
      );
    }
  }
  return lines;
}

/** The runner's status line for the stack, e.g. `stack: Kafka up · PostgreSQL restarting · FerretDB up (1 restart)`. */
export function describeStackStatus(supervision: StackSupervision): string {
  const parts = (['kafka', 'ferretdb', 'postgres'] as const).map((component) => {
    const { state, restarts } = supervision[component];
    const label = state === 'given-up' ? 'DOWN (given up)' : state === 'waiting' ? 'down (waiting)' : state;
    return `${STACK_LABELS[component]} ${label}${restarts > 0 ? ` (${restarts} restart${restarts === 1 ? '' : 's'})` : ''}`;
  });
  return `stack: ${parts.join(' · ')}`;
}

/**
 * The supervision as a service's `/health` answer (the shape the gateway scrapes), so the dashboard shows the stack
 * as one more card: a check per process, down with why while it is restarting or given up on.
 */
export function stackHealthReport(supervision: StackSupervision, uptimeSeconds: number): HealthReport {
  const checks: Record<string, HealthCheckResult> = {};
  for (const component of STACK_RESTART_ORDER) {
    const { state, restarts, since } = supervision[component];
    const restarted = restarts > 0 ? `restarted ${restarts}×` : undefined;
    checks[STACK_LABELS[component]] =
      state === 'up'
        ? { status: 'up', ...(restarted ? { detail: restarted } : {}) }
        : { status: 'down', detail: `${state === 'given-up' ? 'given up' : state} since ${since}` };
  }
  return {
    status: Object.values(checks).every((check) => check.status === 'up') ? 'up' : 'down',
    service: 'stack',
    uptimeSeconds,
    checks,
  };
}
