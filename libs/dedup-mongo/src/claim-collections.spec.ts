import { claimGenerationOf } from '@inkstream/dedup';
import { claimCollectionOf, claimGenerationOfCollection } from './claim-collections';

describe('claim generation collections', () => {
  it('names a generation by when it begins, and reads the generation back from the name', () => {
    const generation = claimGenerationOf(Date.parse('2026-12-07T09:17:41.615Z'));
    expect(claimCollectionOf(generation)).toBe('dedup_claims_20261207T0910Z');
    expect(claimGenerationOfCollection('dedup_claims_20261207T0910Z')).toBe(generation);
  });

  it('recognises no other collection as a generation', () => {
    for (const name of [
      'dedup_claims',
      'dedup_fingerprints',
      'dedup_claims_20261207T0915Z', // not a generation's start
      'dedup_claims_20261207T0910',
      'dedup_claims_x20261207T0910Z',
    ]) {
      expect({ name, generation: claimGenerationOfCollection(name) }).toEqual({ name, generation: null });
    }
  });
});
