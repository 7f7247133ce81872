import { judgeMemory, planFaults } from './fault-plan';

describe('fault plan', () => {
  const options = { services: ['splitter', 'store'], killsPerService: 3, seed: 7 };

  it('kills each service the asked number of times and restarts the broker and the database once, in time order', () => {
    const plan = planFaults(options);
    expect(plan).toHaveLength(8);
    const kinds = plan.map(({ fault }) => (fault.kind === 'kill' ? fault.service : fault.kind)).sort();
    expect(kinds).toEqual([
      'restart-broker',
      'restart-database',
      'splitter',
      'splitter',
      'splitter',
      'store',
      'store',
      'store',
    ]);
    const times = plan.map(({ at }) => at);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(Math.min(...times)).toBeGreaterThanOrEqual(0.05);
    expect(Math.max(...times)).toBeLessThanOrEqual(0.9);
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
