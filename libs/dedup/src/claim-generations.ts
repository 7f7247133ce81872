import { MAX_LOOKUP_TO_CLAIM_MS } from './race-window';

/**
 * Claims live in generations of this length, each in a store of its own (a collection), and a generation is thrown
 * away whole once no race can need it. A claim only settles a race between decisions that overlap, so claims never
 * need a per-claim expiry: dating each one and deleting it again (a TTL index entry and a row delete per key, some
 * 25 per article) cost the deduplicator's database more than writing the claims did.
 */
export const CLAIM_GENERATION_MS = 10 * 60_000;

/** How far the replicas' clocks may disagree, for the boundaries of generations. */
export const CLAIM_CLOCK_SKEW_MS = 30_000;

/**
 * Two racing articles claim less than `MAX_LOOKUP_TO_CLAIM_MS` apart: each looked up before the other was indexed,
 * and claims within that limit of its lookup (the `Deduplicator` takes a slower decision again). On the replicas'
 * clocks that is this far apart at most. A claim made this close to the end of its generation is made in the next
 * one too, so two racing articles on either side of a boundary still meet in one generation.
 */
export const CLAIM_OVERLAP_MS = MAX_LOOKUP_TO_CLAIM_MS + CLAIM_CLOCK_SKEW_MS;

/** The generation a claim made at `at` (epoch ms) belongs to. */
export function claimGenerationOf(at: number): number {
  return Math.floor(at / CLAIM_GENERATION_MS);
}

/** When `generation` begins (epoch ms). */
export function claimGenerationStart(generation: number): number {
  return generation * CLAIM_GENERATION_MS;
}

/** The generations a claim made at `at` goes into: its own, and the next when it is made near the end of its own. */
export function claimGenerationsAt(at: number): number[] {
  const generation = claimGenerationOf(at);
  return claimGenerationStart(generation + 1) - at <= CLAIM_OVERLAP_MS ? [generation, generation + 1] : [generation];
}

/**
 * Whether a generation can be thrown away at `at`: no replica claims in it any more and no decision still reads
 * it. The last claim in a generation is made before its end on a clock up to `CLAIM_CLOCK_SKEW_MS` behind, and read
 * back within `MAX_LOOKUP_TO_CLAIM_MS`; a whole generation later, on a clock up to the skew ahead, is well past both.
 */
export function isSpentClaimGeneration(generation: number, at: number): boolean {
  return generation < claimGenerationOf(at) - 1;
}
