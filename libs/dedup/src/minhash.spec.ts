import { lshBandKeys, lshCollisionProbability, minHashSignature } from './minhash';

const range = (from: number, to: number) => Uint32Array.from({ length: to - from }, (_, i) => (i + from) * 2654435761);
const shape = { bands: 20, rowsPerBand: 2 };

describe('MinHash and LSH bands', () => {
  it('gives identical sets identical signatures whatever the order', () => {
    const set = range(0, 300);
    expect(minHashSignature(set, 40)).toEqual(minHashSignature(set.slice().reverse(), 40));
  });

  it('estimates Jaccard similarity from the share of equal minimums', () => {
    // Two sets of 1500 with 1000 in common: Jaccard 0.5.
    const a = minHashSignature(range(0, 1500), 400);
    const b = minHashSignature(range(500, 2000), 400);
    const equal = a.filter((value, i) => value === b[i]).length / 400;
    expect(equal).toBeGreaterThan(0.4);
    expect(equal).toBeLessThan(0.6);
  });

  it('shares band keys between similar sets and none between disjoint ones', () => {
    const keys = (set: Uint32Array) => new Set(lshBandKeys(set, shape));
    const original = keys(range(0, 400));
    const shared = [...keys(range(40, 440))].filter((key) => original.has(key));
    const disjoint = [...keys(range(10_000, 10_400))].filter((key) => original.has(key));
    expect(shared.length).toBeGreaterThan(0);
    expect(disjoint).toEqual([]);
  });

  it('has no band keys for an empty text', () => {
    expect(lshBandKeys(new Uint32Array(0), shape)).toHaveLength(0);
  });

  it('states the collision probability of the banding', () => {
    expect(lshCollisionProbability(1, shape)).toBe(1);
    expect(lshCollisionProbability(0.5, shape)).toBeGreaterThan(0.99);
    expect(lshCollisionProbability(0.05, shape)).toBeLessThan(0.06);
  });
});
