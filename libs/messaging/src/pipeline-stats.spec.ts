import { formatPipelineStats, type PipelineStats } from './pipeline-stats';

describe('formatPipelineStats', () => {
  it('prints topics, lag per group and only the dead-letter topics that hold something', () => {
    const stats: PipelineStats = {
      sampledAt: '2026-11-28T10:00:00.000Z',
      topics: [{ topic: 'news.raw.v1', partitions: 3, messages: 12, endOffsets: [4, 4, 4] }],
      groups: [{ group: 'inkstream.splitter', topic: 'news.raw.v1', lag: 2, partitions: [] }],
      deadLetters: [
        {
          topic: 'news.raw.v1.inkstream.splitter.dlq',
          originalTopic: 'news.raw.v1',
          group: 'inkstream.splitter',
          messages: 1,
        },
        {
          topic: 'news.unique.v1.inkstream.enricher.dlq',
          originalTopic: 'news.unique.v1',
          group: 'inkstream.enricher',
          messages: 0,
        },
      ],
    };
    const text = formatPipelineStats(stats);
    expect(text).toContain('news.raw.v1                        3         12');
    expect(text).toContain('inkstream.splitter        news.raw.v1                     2');
    expect(text).toContain('news.raw.v1.inkstream.splitter.dlq  1');
    expect(text).not.toContain('enricher.dlq');
  });
});
