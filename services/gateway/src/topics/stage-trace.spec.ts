import { Partitioners } from 'kafkajs';
import { partitionForKey, stageLookups, traceStartTime } from './stage-trace';

describe('partitionForKey', () => {
  it('is where the producers’ murmur2 partitioner puts the key', () => {
    const produce = Partitioners.DefaultPartitioner();
    const metadata = [0, 1, 2].map((partitionId) => ({
      partitionErrorCode: 0,
      partitionId,
      leader: 0,
      replicas: [0],
      isr: [0],
    }));
    for (const key of ['art_1', 'art_2', 'art_abcdef', 'art_zz']) {
      expect(partitionForKey('news.clean.v1', key, 3)).toBe(
        produce({ topic: 'news.clean.v1', partitionMetadata: metadata, message: { key, value: null } }),
      );
    }
  });
});

describe('stageLookups', () => {
  it('looks for the raw document by trace id and every later stage by article id', () => {
    const lookups = stageLookups({ id: 'art_1', traceId: 't-1' });
    expect(lookups.map((lookup) => lookup.topic)).toEqual([
      'news.raw.v1',
      'news.articles.v1',
      'news.unique.v1',
      'news.enriched.v1',
      'news.clean.v1',
    ]);
    expect(lookups[0].filter).toEqual({ header: { name: 'trace-id', value: 't-1' } });
    expect(lookups.slice(1).every((lookup) => lookup.filter.key === 'art_1')).toBe(true);
  });

  it('starts a minute before the fetch', () => {
    expect(traceStartTime({ fetchedAt: '2026-11-28T10:01:00.000Z' })).toBe(Date.parse('2026-11-28T10:00:00.000Z'));
  });
});
