// What `npm run test:resilience` does to the pipeline and when: a seeded plan (the same seed, the same faults at the
// same moments of the publishing period), and the memory rule the run holds every service to.
import type { StackComponent } from '@inkstream/embedded-stack';
import { seededRandom } from '@inkstream/measure';

/**
 * `kill`: SIGKILL a service (started again as `npm start` would). `restart-*`: stop the broker or the database in
 * order (SIGTERM). `kill-stack`: SIGKILL one process of the stack. Whatever of the stack goes down is brought back by
 * the runner's stack supervision (deploy/pipeline/stack-supervisor.ts), not by the run.
 */
export type Fault =
  | { kind: 'kill'; service: string }
  | { kind: 'restart-broker' }
  | { kind: 'restart-database' }
  | { kind: 'kill-stack'; component: StackComponent };

/** The stack processes a fault takes down (none for a service kill). */
export function stackComponentsOf(fault: Fault): StackComponent[] {
  if (fault.kind === 'restart-broker') return ['kafka'];
  if (fault.kind === 'restart-database') return ['ferretdb', 'postgres'];
  if (fault.kind === 'kill-stack') return [fault.component];
  return [];
}

export interface PlannedFault {
  /** When, as a share of the publishing period: faults always hit while documents are flowing. */
  at: number;
  fault: Fault;
}

export interface FaultPlanOptions {
  services: readonly string[];
  killsPerService: number;
  /** SIGKILLs of each stack process (PostgreSQL, FerretDB, Kafka); default 1. */
  killsPerStackProcess?: number;
  seed: number;
  /** Faults fall in [from, to] of the period: none before the flow starts or after the last document is sent. */
  from?: number;
  to?: number;
}

/**
 * `killsPerService` SIGKILLs of each service, one broker restart, one database restart and `killsPerStackProcess`
 * SIGKILLs of each stack process, in time order.
 */
export function planFaults(options: FaultPlanOptions): PlannedFault[] {
  const random = seededRandom(options.seed);
  const from = options.from ?? 0.05;
  const to = options.to ?? 0.9;
  const at = () => from + random() * (to - from);
  const faults: Fault[] = [
    ...options.services.flatMap((service) =>
      Array.from({ length: options.killsPerService }, (): Fault => ({ kind: 'kill', service })),
    ),
    { kind: 'restart-broker' },
    { kind: 'restart-database' },
    ...(['postgres', 'ferretdb', 'kafka'] as const).flatMap((component) =>
      Array.from({ length: options.killsPerStackProcess ?? 1 }, (): Fault => ({ kind: 'kill-stack', component })),
    ),
  ];
  return faults.map((fault) => ({ at: at(), fault })).sort((a, b) => a.at - b.at);
}

const STACK_PROCESS_NAMES: Record<StackComponent, string> = {
  kafka: 'Kafka',
  ferretdb: 'FerretDB',
  postgres: 'PostgreSQL',
};

export function describeFault(fault: Fault): string {
  if (fault.kind === 'kill') return `SIGKILL ${fault.service}`;
  if (fault.kind === 'kill-stack') return `SIGKILL ${STACK_PROCESS_NAMES[fault.component]}`;
  return fault.kind === 'restart-broker' ? 'restart the Kafka broker' : 'restart the database (FerretDB + PostgreSQL)';
}

/**
 * Dead letters per fault: each dead letter (by the time it was seen) is charged to the last fault injected before
 * it; those before the first fault are charged to none (`beforeFirst`). Healthy input has none at all, so any count
 * is a finding, and its fault says where to look. `faultTimes` in injection order.
 */
export function deadLettersByFault(
  faultTimes: readonly number[],
  deadLetterTimes: readonly number[],
): { perFault: number[]; beforeFirst: number } {
  const perFault = faultTimes.map(() => 0);
  let beforeFirst = 0;
  for (const time of deadLetterTimes) {
    let charged = -1;
    for (let index = 0; index < faultTimes.length && faultTimes[index] <= time; index += 1) charged = index;
    if (charged < 0) beforeFirst += 1;
    else perFault[charged] += 1;
  }
  return { perFault, beforeFirst };
}

/** One RSS sample of one service process. */
export interface RssSample {
  service: string;
  pid: number;
  rssMb: number;
}

export interface MemoryVerdict {
  /** Highest RSS seen per service (over all its processes: a restarted service starts small again). */
  peakMb: Record<string, number>;
  /** Samples over the bound, worst first. */
  over: RssSample[];
}

/**
 * Memory stays bounded when no sample of any service process exceeds `boundMb`: a leak proportional to documents
 * processed, or a queue that grows while a downstream stage is down, crosses a fixed bound in a run of thousands.
 */
export function judgeMemory(samples: readonly RssSample[], boundMb: number): MemoryVerdict {
  const peakMb: Record<string, number> = {};
  for (const sample of samples) peakMb[sample.service] = Math.max(peakMb[sample.service] ?? 0, sample.rssMb);
  const over = samples.filter((sample) => sample.rssMb > boundMb).sort((a, b) => b.rssMb - a.rssMb);
  return { peakMb, over };
}
