import {
  CLAIM_CLOCK_SKEW_MS,
  CLAIM_GENERATION_MS,
  CLAIM_OVERLAP_MS,
  claimGenerationOf,
  claimGenerationsAt,
  claimGenerationStart,
  isSpentClaimGeneration,
} from './claim-generations';
import { MAX_LOOKUP_TO_CLAIM_MS } from './race-window';

const START = claimGenerationStart(2_949_000);

describe('claim generations', () => {
  it('puts a claim in the generation of its time, and in the next one too near the end of its own', () => {
    expect(claimGenerationsAt(START)).toEqual([2_949_000]);
    expect(claimGenerationsAt(START + CLAIM_GENERATION_MS - CLAIM_OVERLAP_MS - 1)).toEqual([2_949_000]);
    expect(claimGenerationsAt(START + CLAIM_GENERATION_MS - CLAIM_OVERLAP_MS)).toEqual([2_949_000, 2_949_001]);
    expect(claimGenerationsAt(START + CLAIM_GENERATION_MS - 1)).toEqual([2_949_000, 2_949_001]);
    expect(claimGenerationsAt(START + CLAIM_GENERATION_MS)).toEqual([2_949_001]);
  });

  it('lets any two claims made closer together than the overlap share a generation', () => {
    // Every pair of claim times up to the overlap apart, stepped across a boundary.
    const step = 7_919;
    for (
      let first = START + CLAIM_GENERATION_MS - 3 * CLAIM_OVERLAP_MS;
      first < START + 2 * CLAIM_GENERATION_MS;
      first += step
    ) {
      for (const gap of [0, 1, step, CLAIM_OVERLAP_MS / 2, CLAIM_OVERLAP_MS - 1, CLAIM_OVERLAP_MS]) {
        const shared = claimGenerationsAt(first).filter((g) => claimGenerationsAt(first + gap).includes(g));
        expect({ first, gap, shared: shared.length > 0 }).toEqual({ first, gap, shared: true });
      }
    }
  });

  it('throws a generation away only once a whole generation has passed since its end', () => {
    const generation = claimGenerationOf(START);
    expect(isSpentClaimGeneration(generation, START + CLAIM_GENERATION_MS - 1)).toBe(false);
    expect(isSpentClaimGeneration(generation, START + 2 * CLAIM_GENERATION_MS - 1)).toBe(false);
    expect(isSpentClaimGeneration(generation, START + 2 * CLAIM_GENERATION_MS)).toBe(true);
    // The last claim in it was read back at most the lookup limit after its end, on a clock the skew behind; a
    // replica with a clock the skew ahead throws it away only well after that.
    const lastReadAt = START + CLAIM_GENERATION_MS + CLAIM_CLOCK_SKEW_MS + MAX_LOOKUP_TO_CLAIM_MS;
    expect(isSpentClaimGeneration(generation, lastReadAt + CLAIM_CLOCK_SKEW_MS)).toBe(false);
  });
});
