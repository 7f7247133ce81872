// What `npm run test:resilience` does to the pipeline and when: a seeded plan (the same seed, the same faults at the
// same moments of the publishing period), and the memory rule the run holds every service to.
import { seededRandom } from '../../../scripts/seeded-random';

export type Fault = { kind: 'kill'; service: string } | { kind: 'restart-broker' } | { kind: 'restart-database' };

export interface PlannedFault {
  /** When, as a share of the publishing period: faults always hit while documents are flowing. */
  at: number;
  fault: Fault;
}

export interface FaultPlanOptions {
  services: readonly string[];
  killsPerService: number;
  seed: number;
  /** Faults fall in [from, to] of the period: none before the flow starts or after the last document is sent. */
  from?: number;
  to?: number;
}

/** `killsPerService` SIGKILLs of each service, one broker restart and one database restart, in time order. */
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
  ];
  return faults.map((fault) => ({ at: at(), fault })).sort((a, b) => a.at - b.at);
}

export function describeFault(fault: Fault): string {
  if (fault.kind === 'kill') return `SIGKILL ${fault.service}`;
  return fault.kind === 'restart-broker' ? 'restart the Kafka broker' : 'restart the database (FerretDB + PostgreSQL)';
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
