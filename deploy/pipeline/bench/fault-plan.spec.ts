import { deadLettersByFault, describeFault, judgeMemory, planFaults, stackComponentsOf } from './fault-plan';

describe('fault plan', () => {
  const options = { services: ['splitter', 'store'], killsPerService: 3, seed: 7 };

  it('kills each service the asked number of times, restarts the broker and the database once and SIGKILLs each stack process once, in time order', () => {
    const plan = planFaults(options);
    expect(plan).toHaveLength(11);
    const kinds = plan.map(({ fault }) => describeFault(fault)).sort();
    expect(kinds).toEqual([
      'SIGKILL FerretDB',
      'SIGKILL Kafka',
      'SIGKILL PostgreSQL',
      'SIGKILL splitter',
      'SIGKILL splitter',
      'SIGKILL splitter',
      'SIGKILL store',
      'SIGKILL store',
      'SIGKILL store',
      'restart the Kafka broker',
      'restart the database (FerretDB + PostgreSQL)',
    ]);
    const times = plan.map(({ at }) => at);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(Math.min(...times)).toBeGreaterThanOrEqual(0.05);
    expect(Math.max(...times)).toBeLessThanOrEqual(0.9);
  });

  it('SIGKILLs each stack process as often as asked, and names what each fault takes down', () => {
    const plan = planFaults({ ...options, killsPerService: 0, killsPerStackProcess: 2 });
    expect(plan.filter(({ fault }) => fault.kind === 'kill-stack')).toHaveLength(6);
    expect(stackComponentsOf({ kind: 'restart-database' })).toEqual(['ferretdb', 'postgres']);
    expect(stackComponentsOf({ kind: 'kill-stack', component: 'kafka' })).toEqual(['kafka']);
    expect(stackComponentsOf({ kind: 'kill', service: 'store' })).toEqual([]);
  });

  it('charges each dead letter to the last fault before it', () => {
    expect(deadLettersByFault([100, 200, 300], [50, 150, 199, 200, 450])).toEqual({
      perFault: [2, 1, 1],
      beforeFirst: 1,
    });
    expect(deadLettersByFault([100], [])).toEqual({ perFault: [0], beforeFirst: 0 });
  });

  it('is the same plan for the same seed and another for another seed', () => {
    expect(planFaults(options)).toEqual(planFaults(options));
    expect(planFaults({ ...options, seed: 8 })).not.toEqual(planFaults(options));
  });
});

describe('memory verdict', () => {
  it('keeps the peak per service over all its processes and lists the samples over the bound, worst first', () => {
    const verdict = judgeMemory(
      [
        { service: 'store', pid: 1, rssMb: 200 },
        { service: 'store', pid: 2, rssMb: 650 },
        { service: 'enricher', pid: 3, rssMb: 700 },
        { service: 'enricher', pid: 3, rssMb: 300 },
      ],
      600,
    );
    expect(verdict.peakMb).toEqual({ store: 650, enricher: 700 });
    expect(verdict.over.map(({ pid }) => pid)).toEqual([3, 2]);
  });
});
