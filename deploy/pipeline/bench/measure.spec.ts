import {
  bottleneck,
  cpuTicksFromStat,
  parentPidFromStat,
  parsePrometheusText,
  percentile,
  stageFigures,
  sumOf,
  sustainedRate,
} from './measure';

describe('benchmark arithmetic', () => {
  it('takes nearest-rank percentiles', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });

  it('measures the sustained rate between the 10 % and 90 % marks, ignoring ramp-up and tail', () => {
    // 100 completions: 10 slow at the start, 80 at 10/s, 10 slow at the end
    const times = [
      ...Array.from({ length: 10 }, (_, i) => i * 1000),
      ...Array.from({ length: 80 }, (_, i) => 10_000 + i * 100),
      ...Array.from({ length: 10 }, (_, i) => 30_000 + i * 1000),
    ];
    expect(sustainedRate(times)).toBeCloseTo(10, 0);
  });

  it('reads Prometheus text and sums by label', () => {
    const samples = parsePrometheusText(
      '# HELP x\ninkstream_messages_consumed_total{service="store",topic="news.enriched.v1",group="g"} 12\n' +
        'inkstream_messages_consumed_total{service="store",topic="news.duplicates.v1",group="g"} 3\n' +
        'inkstream_db_commands_total{command="find",collection="articles"} 5\n',
    );
    expect(sumOf(samples, 'inkstream_messages_consumed_total')).toBe(15);
    expect(sumOf(samples, 'inkstream_messages_consumed_total', { topic: 'news.duplicates.v1' })).toBe(3);
    expect(samples[2].labels).toEqual({ command: 'find', collection: 'articles' });
  });

  it('names the stage where work queues up, else the busiest one', () => {
    const base = { handled: 100, handlerSeconds: 1, dbCommands: 300, cpuSeconds: 1, meanLag: 0 };
    const queued = stageFigures(
      [
        { ...base, stage: 'splitter' },
        { ...base, stage: 'enricher', meanLag: 400, cpuSeconds: 3 },
      ],
      10,
    );
    expect(queued[0]).toMatchObject({ ratePerSecond: 10, cpuMsPerMessage: 10, dbCommandsPerMessage: 3 });
    expect(bottleneck(queued)).toMatch(/^enricher \(mean lag 400/);
    const idle = stageFigures(
      [
        { ...base, stage: 'store', cpuSeconds: 5 },
        { ...base, stage: 'splitter' },
      ],
      10,
    );
    expect(bottleneck(idle)).toMatch(/^store \(no queue formed/);
  });

  it('reads CPU ticks (its own and those of its reaped children) and the parent from /proc/<pid>/stat', () => {
    // Spaces and parentheses in the command name; utime 250, stime 50, cutime 7, cstime 3.
    const stat = '4242 (node (worker) x) S 17 4242 17 0 -1 4194560 100 0 0 0 250 50 7 3 20 0 11 0 1000 1 1';
    expect(cpuTicksFromStat(stat)).toBe(310);
    expect(parentPidFromStat(stat)).toBe(17);
  });
});
