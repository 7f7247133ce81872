import type { FingerprintStamp } from './fingerprint-records';
import { combineStampQueries, stampsFor } from './stamp-reads';

const stamp = (id: string, postingKeys: string[], urlKey: string | null, contentHash: string): FingerprintStamp => ({
  _id: id,
  clusterId: id,
  seenAt: new Date(0),
  urlKey,
  contentHash,
  postingKeys,
});

describe('combined stamp reads', () => {
  it('asks for every key, URL and text any lookup asks for, once', () => {
    expect(
      combineStampQueries([
        { postingKeys: ['b:1', 'b:2'], urlKey: 'u1', contentHash: 'h1' },
        { postingKeys: ['b:2', 's:3'], urlKey: null, contentHash: 'h1' },
        { postingKeys: [] },
      ]),
    ).toEqual({ postingKeys: ['b:1', 'b:2', 's:3'], urlKeys: ['u1'], contentHashes: ['h1'] });
  });

  it('gives a lookup the articles its own query finds, with only its own keys, as a read of its own would', () => {
    const combined = [
      stamp('a', ['b:1', 'b:2'], 'u1', 'h1'),
      stamp('b', ['s:3'], null, 'h2'),
      stamp('c', [], 'u9', 'h9'),
    ];
    expect(stampsFor({ postingKeys: ['b:2'], contentHash: 'h0' }, combined)).toEqual([stamp('a', ['b:2'], 'u1', 'h1')]);
    expect(stampsFor({ postingKeys: ['x'], urlKey: 'u9', contentHash: 'h2' }, combined)).toEqual([
      stamp('b', [], null, 'h2'),
      stamp('c', [], 'u9', 'h9'),
    ]);
    // No URL asked: an article without one is not a URL match.
    expect(stampsFor({ postingKeys: [], urlKey: null }, [stamp('d', [], null, 'h4')])).toEqual([]);
  });
});
