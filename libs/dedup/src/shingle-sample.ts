import { mix32 } from './hash32';
import type { ShingleSet } from './shingles';

const SAMPLE_SEED = 0x68e31da4;

/**
 * A fixed-rate sample of an article's shingles (Broder's "mod-m" sample): a shingle is kept when the low `shift`
 * bits of its re-hash are zero. Unlike a bottom-k sketch it estimates containment of a short text in a long one
 * without bias, and two samples at different rates compare after thinning the finer one to the coarser rate.
 */
export interface ShingleSample {
  /** re-hashed kept shingles, ascending */
  values: Uint32Array;
  /** paragraph index of each value */
  paragraphOf: Uint16Array;
  /** log2 of the sampling modulus */
  shift: number;
}

/** Samples at the coarsest power-of-two rate that still keeps about `target` shingles, or all of them. */
export function sampleShingles(shingles: ShingleSet, target: number): ShingleSample {
  let shift = 0;
  while (shingles.hashes.length >> (shift + 1) >= target) shift++;
  const mask = (1 << shift) - 1;
  const kept: Array<[number, number]> = [];
  for (let i = 0; i < shingles.hashes.length; i++) {
    const value = mix32(shingles.hashes[i] ^ SAMPLE_SEED);
    if ((value & mask) === 0) kept.push([value, shingles.paragraphOf[i]]);
  }
  kept.sort((a, b) => a[0] - b[0]);
  return {
    values: Uint32Array.from(kept, ([value]) => value),
    paragraphOf: Uint16Array.from(kept, ([, paragraph]) => paragraph),
    shift,
  };
}
