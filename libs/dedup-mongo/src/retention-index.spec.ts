import { expireAfterSecondsOf, retentionIndexStep } from './retention-index';

const idIndex = { name: '_id_', key: { _id: 1 } };

describe('retention index', () => {
  it('creates the TTL index when the field has none', () => {
    expect(retentionIndexStep([idIndex, { name: 'seenAt_-1', key: { seenAt: -1 } }], 'seenAt', 60)).toEqual({
      kind: 'create',
    });
  });

  it('keeps a TTL index that already expires at the wanted age', () => {
    const ttl = { name: 'seenAt_1', key: { seenAt: 1 }, expireAfterSeconds: 60 };
    expect(retentionIndexStep([idIndex, ttl], 'seenAt', 60)).toEqual({ kind: 'keep' });
  });

  it('replaces a plain index (a store from before TTL retention) and one with another expiry', () => {
    const plain = { name: 'createdAt_1', key: { createdAt: 1 } };
    expect(retentionIndexStep([plain], 'createdAt', 60)).toEqual({ kind: 'replace', drop: 'createdAt_1' });
    const older = { name: 'createdAt_1', key: { createdAt: 1 }, expireAfterSeconds: 30 };
    expect(retentionIndexStep([older], 'createdAt', 60)).toEqual({ kind: 'replace', drop: 'createdAt_1' });
  });

  it('looks only at the single-field ascending index: compound indexes on the field are other indexes', () => {
    const compound = { name: 'contentHash_1_seenAt_1', key: { contentHash: 1, seenAt: 1 } };
    expect(retentionIndexStep([compound], 'seenAt', 60)).toEqual({ kind: 'create' });
  });

  it('turns a retention period into whole seconds, never shorter, and refuses what a TTL index cannot hold', () => {
    expect(expireAfterSecondsOf(45 * 24 * 3_600_000)).toBe(3_888_000);
    expect(expireAfterSecondsOf(1_500)).toBe(2);
    expect(() => expireAfterSecondsOf(0)).toThrow(/TTL index takes 1 to 2147483647 seconds/);
    expect(() => expireAfterSecondsOf(2 ** 31 * 1_000)).toThrow(RangeError);
  });
});
