import { formatPipelineOffsets, topicStats, type PipelineOffsets } from './pipeline-stats';

describe('formatPipelineOffsets', () => {
  it('prints topics, lag per group and only the dead-letter topics that hold something', () => {
    const stats: PipelineOffsets = {
      sampledAt: '2026-11-28T10:00:00.000Z',
      topics: [
        topicStats('news.raw.v1', [
          { partition: 0, high: '4', low: '0' },
          { partition: 1, high: '4', low: '0' },
          { partition: 2, high: '4', low: '0' },
        ]),
      ],
      groups: [{ group: 'inkstream.splitter', topic: 'news.raw.v1', partitions: [], totalLag: 2 }],
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
    const text = formatPipelineOffsets(stats);
    expect(text).toContain('news.raw.v1                        3         12');
    expect(text).toContain('inkstream.splitter        news.raw.v1                     2');
    expect(text).toContain('news.raw.v1.inkstream.splitter.dlq  1');
    expect(text).not.toContain('enricher.dlq');
  });
});
