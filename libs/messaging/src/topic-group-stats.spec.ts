import { groupStats, topicStats } from './pipeline-stats';

describe('topicStats', () => {
  it('orders partitions and totals end offsets and held messages', () => {
    expect(
      topicStats('news.raw.v1', [
        { partition: 1, high: '10', low: '4' },
        { partition: 0, high: '5', low: '0' },
      ]),
    ).toEqual({
      topic: 'news.raw.v1',
      partitions: [
        { partition: 0, low: 0, high: 5 },
        { partition: 1, low: 4, high: 10 },
      ],
      endOffsetTotal: 15,
      messages: 11,
    });
  });
});

describe('groupStats', () => {
  it('reports lag per partition and in total', () => {
    const stats = groupStats(
      'inkstream.store',
      'news.enriched.v1',
      [
        { partition: 0, high: '10', low: '0' },
        { partition: 1, high: '3', low: '0' },
      ],
      [{ partition: 0, offset: '8' }],
    );
    expect(stats.partitions.map(({ partition, lag }) => [partition, lag])).toEqual([
      [0, 2],
      [1, 3],
    ]);
    expect(stats.totalLag).toBe(5);
  });
});
