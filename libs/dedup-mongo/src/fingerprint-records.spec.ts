import { CLAIM_GENERATION_MS, CLAIM_OVERLAP_MS, claimGenerationOf, claimGenerationStart } from '@inkstream/dedup';
import { claimPlacementsAt, claimRecordOf } from './fingerprint-records';

describe('claim placements', () => {
  const generation = claimGenerationOf(Date.UTC(2026, 11, 7, 9, 15));
  const start = claimGenerationStart(generation);

  it('puts a claim made well inside a generation into that generation alone', () => {
    expect(claimPlacementsAt(start + 60_000)).toEqual([{ generation, alsoIn: undefined }]);
  });

  it('puts a claim made near the end into both generations, each naming the other', () => {
    const at = start + CLAIM_GENERATION_MS - CLAIM_OVERLAP_MS / 2;
    const next = claimGenerationOf(start + CLAIM_GENERATION_MS);
    expect(claimPlacementsAt(at)).toEqual([
      { generation, alsoIn: next },
      { generation: next, alsoIn: generation },
    ]);
  });
});

describe('claimRecordOf', () => {
  it('names the other generation only when there is one', () => {
    expect(claimRecordOf('a1', 'b:3:42', undefined)).toEqual({ _id: 'b:3:42', holder: 'a1' });
    expect(Object.keys(claimRecordOf('a1', 'b:3:42', undefined))).not.toContain('alsoIn');
    expect(claimRecordOf('a1', 'b:3:42', 7)).toEqual({ _id: 'b:3:42', holder: 'a1', alsoIn: 7 });
  });
});
