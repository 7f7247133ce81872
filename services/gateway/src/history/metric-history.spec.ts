import { historyCapacity, MetricHistory, sampleValues } from './metric-history';

describe('MetricHistory', () => {
  it('covers at least an hour at any interval', () => {
    expect(historyCapacity(10_000)).toBe(361);
    expect(historyCapacity(7_000)).toBe(516);
  });

  it('keeps the newest samples only, oldest first, by column with gaps as null', () => {
    const history = new MetricHistory(1_000, 3);
    history.record({ t: 1, values: { a: 1 } });
    history.record({ t: 2, values: { a: 2, b: 20 } });
    history.record({ t: 3, values: { b: 30 } });
    history.record({ t: 4, values: { a: 4, b: 40 } });
    expect(history.view()).toEqual({
      intervalMs: 1_000,
      times: [2, 3, 4],
      series: { a: [2, null, 4], b: [20, 30, 40] },
    });
  });

  it('is empty before the first sample', () => {
    expect(new MetricHistory(10_000).view()).toEqual({ intervalMs: 10_000, times: [], series: {} });
  });
});

describe('sampleValues', () => {
  it('names each series by what it measures and skips services whose figures are unknown', () => {
    expect(
      sampleValues({
        topics: [{ topic: 'news.raw.v1', endOffsetTotal: 8 }],
        groups: [{ group: 'inkstream.splitter', topic: 'news.raw.v1', totalLag: 3 }],
        services: [
          { name: 'store', figures: { consumed: 5, produced: 4, failed: 1 } },
          { name: 'ghost', figures: null },
        ],
      }),
    ).toEqual({
      'topic-end news.raw.v1': 8,
      'lag inkstream.splitter news.raw.v1': 3,
      'consumed store': 5,
      'produced store': 4,
      'failed store': 1,
    });
  });
});
