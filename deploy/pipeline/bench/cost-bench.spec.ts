import { growthLines, parseCostBenchArgs, type WindowCost } from './cost-bench';

describe('parseCostBenchArgs', () => {
  it("reads the shared options, a bench's own one, and refuses the rest by name", () => {
    expect(parseCostBenchArgs([], { window: 1_000 })).toEqual({
      levels: [10_000, 100_000],
      window: 1_000,
      concurrency: 8,
      write: true,
    });
    let profile = '';
    const extra = { flag: '--cpu-prof', usage: '--cpu-prof FILE', take: (file: string) => (profile = file) };
    expect(
      parseCostBenchArgs(
        ['--levels=500,2000', '--window', '200', '--no-write', '--cpu-prof', 'x.cpuprofile'],
        { window: 1 },
        extra,
      ),
    ).toEqual({ levels: [500, 2_000], window: 200, concurrency: 8, write: false });
    expect(profile).toBe('x.cpuprofile');
    expect(() => parseCostBenchArgs(['--cpu-prof', 'x'], { window: 1 })).toThrow(/unknown option --cpu-prof/);
    expect(() => parseCostBenchArgs(['--levels', '2000,500'], { window: 1 })).toThrow(/expected increasing/);
    expect(() => parseCostBenchArgs(['--window', '0'], { window: 1 })).toThrow(/--window 0: expected a positive/);
  });
});

describe('growthLines', () => {
  const row = (stored: number, postgres: number, commands: number): WindowCost => ({
    stored,
    articles: 100,
    duplicates: 0,
    perSecond: 50,
    stackMs: { ferretdb: 0, postgres },
    commands,
    commandsByName: new Map([['insert articles', commands * 100]]),
  });

  it("reads the last level against the first, and the last level's commands by name", () => {
    const lines = growthLines([row(10_000, 4, 2), row(100_000, 5, 2.5)], (r) => r.stackMs.postgres, 'Database CPU');
    expect(lines).toEqual([
      '- Database CPU per article after 100,000 stored is **1.25 ×** that after 10,000; commands per article 2.00 → 2.50.',
      '- Commands per article after 100,000 stored, by command: insert articles 2.50.',
    ]);
  });

  it('has no ratio for a single level', () => {
    expect(growthLines([row(500, 4, 2)], (r) => r.stackMs.postgres, 'CPU')[0]).toBe('');
  });
});
