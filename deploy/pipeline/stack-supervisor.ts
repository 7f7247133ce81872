// The runner's watch over the embedded stack: every `intervalMs` it reads the stack's pid records, and when a process
// is gone it restarts it as stack-supervision.ts plans (same backoff and give-up as the services). The processes are
// not the runner's children (a stack from `npm run stack:start` is reused), so death is seen by polling, not by an
// exit event.
import { embeddedStackStatus, startEmbeddedStack, type StackPorts } from '@inkstream/embedded-stack';
import { DEFAULT_RESTART_POLICY, type RestartPolicy } from './restart-policy';
import {
  describeRecovery,
  describeStackStatus,
  initialSupervision,
  markRestarted,
  planStackRecovery,
  STACK_LABELS,
  STACK_RESTART_ORDER,
  type StackComponent,
  type StackSupervision,
} from './stack-supervision';

export interface StackSupervisorOptions {
  dataDir: string;
  ports: StackPorts;
  log: (line: string) => void;
  /** As the first start: the runner's stack outlives the runner; a test's stack dies with the test. */
  detached: boolean;
  policy?: RestartPolicy;
  intervalMs?: number;
  startTimeoutMs?: number;
  /** Called with every change of state (the runner writes it where the gateway's dashboard reads it). */
  onChange?: (supervision: StackSupervision) => void;
}

export interface StackSupervisor {
  current(): StackSupervision;
  /** Stops watching (before the runner stops the stack itself); waits for a restart under way. */
  stop(): Promise<void>;
}

const DEFAULT_INTERVAL_MS = 1_000;

export function superviseStack(options: StackSupervisorOptions): StackSupervisor {
  const policy = options.policy ?? DEFAULT_RESTART_POLICY;
  let supervision = initialSupervision(Date.now());
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let tick: Promise<void> = Promise.resolve();

  const change = (next: StackSupervision): void => {
    supervision = next;
    options.log(describeStackStatus(supervision));
    options.onChange?.(supervision);
  };

  const downNow = async (): Promise<StackComponent[]> => {
    const status = await embeddedStackStatus(options.dataDir);
    // "not answering" is a live process (busy, or still starting): only a gone process is restarted.
    return STACK_RESTART_ORDER.filter((component) => {
      const state = status[component].state;
      return state === 'stopped' || state === 'stale pid file';
    });
  };

  const check = async (): Promise<void> => {
    const down = await downNow();
    if (down.length === 0) return;
    const planned = planStackRecovery(supervision, down, Date.now(), policy);
    const { plan } = planned;
    if (plan.restart.length + plan.giveUp.length + plan.waiting.length === 0) return;
    describeRecovery(plan, policy).forEach((line) => options.log(line));
    change(planned.supervision);
    if (plan.restart.length === 0) return;
    await new Promise((done) => setTimeout(done, plan.delayMs));
    if (stopped) return;
    // What died meanwhile (FerretDB, then its PostgreSQL, stopped one after the other) comes back in the same start.
    const since = (await downNow()).filter((component) => supervision[component].state === 'up');
    let restart = plan.restart;
    if (since.length > 0) {
      const more = planStackRecovery(supervision, since, Date.now(), policy);
      describeRecovery(more.plan, policy).forEach((line) => options.log(line));
      change(more.supervision);
      restart = STACK_RESTART_ORDER.filter(
        (component) => plan.restart.includes(component) || more.plan.restart.includes(component),
      );
    }
    const began = Date.now();
    try {
      await startEmbeddedStack({
        dataDir: options.dataDir,
        kafkaPort: options.ports.kafka,
        controllerPort: options.ports.controller,
        mongoPort: options.ports.mongo,
        postgresPort: options.ports.postgres,
        detached: options.detached,
        startTimeoutMs: options.startTimeoutMs,
        components: restart,
        log: (line) => options.log(`  ${line}`),
      });
      const labels = restart.map((component) => STACK_LABELS[component]).join(', ');
      options.log(`${labels} restarted and answering (${((Date.now() - began) / 1000).toFixed(1)} s)`);
      change(markRestarted(supervision, restart, Date.now()));
    } catch (error) {
      // Still down: the next check counts it as another crash, so the backoff grows and the policy can give up.
      options.log(
        `!! restarting ${restart.map((c) => STACK_LABELS[c]).join(', ')} failed: ${(error as Error).message}`,
      );
    }
  };

  const schedule = (): void => {
    if (stopped) return;
    timer = setTimeout(() => {
      tick = check()
        .catch((error: Error) => options.log(`!! stack check failed: ${error.message}`))
        .finally(schedule);
    }, options.intervalMs ?? DEFAULT_INTERVAL_MS);
  };
  schedule();

  return {
    current: () => supervision,
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await tick;
    },
  };
}
