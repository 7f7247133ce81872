import { decodeNerModel, encodeNerModel } from './model';
import { TAGS } from './tags';

describe('NER model codec', () => {
  const bits = 4;
  const dense = new Float64Array(2 ** bits * TAGS.length);
  dense[3 * TAGS.length + 1] = 2.5; // bucket 3, B-PER
  dense[3 * TAGS.length + 0] = -1.25; // bucket 3, O
  dense[9 * TAGS.length + 5] = 0.01; // bucket 9: below the pruning threshold

  it('round-trips kept weights within quantisation error and prunes small buckets', () => {
    const weights = decodeNerModel(encodeNerModel(dense, bits, 0.1, 'test'));
    const row = weights.rowOf[3];
    expect(row).toBeGreaterThanOrEqual(0);
    expect(weights.weights[row + 1]).toBeCloseTo(2.5, 3);
    expect(weights.weights[row + 0]).toBeCloseTo(-1.25, 3);
    expect(weights.rowOf[9]).toBe(-1);
    expect(weights.mask).toBe(15);
  });

  it('says which optional features the model was trained with, so decoding computes the same ones', () => {
    expect(decodeNerModel(encodeNerModel(dense, bits, 0.1, 'test')).givenNames).toBe(false);
    const withNames = encodeNerModel(dense, bits, 0.1, 'test', 1, [], ['given-names']);
    expect(withNames.features).toEqual(['given-names']);
    expect(decodeNerModel(withNames).givenNames).toBe(true);
    expect(decodeNerModel(withNames).wordClusters).toBe(false);
    const withClusters = decodeNerModel(encodeNerModel(dense, bits, 0.1, 'test', 1, [], ['word-clusters']));
    expect([withClusters.givenNames, withClusters.wordClusters]).toEqual([false, true]);
    expect(withClusters.wordBands).toBe(false);
    const withBands = decodeNerModel(encodeNerModel(dense, bits, 0.1, 'test', 1, [], ['given-names', 'word-bands']));
    expect([withBands.givenNames, withBands.wordClusters, withBands.wordBands]).toEqual([true, false, true]);
  });

  it('refuses a model whose tag order does not match the code', () => {
    const model = { ...encodeNerModel(dense, bits, 0.1, 'test'), tags: ['O', 'B-LOC'] };
    expect(() => decodeNerModel(model)).toThrow(/tags/u);
  });
});
