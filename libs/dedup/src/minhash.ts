import { combine32, mix32 } from './hash32';

/** Shape of the LSH banding: `bands` keys per article, each from `rowsPerBand` MinHash values. */
export interface LshShape {
  bands: number;
  rowsPerBand: number;
}

function seedOf(functionIndex: number): number {
  return mix32(0x9e3779b9 + Math.imul(functionIndex + 1, 0x7feb352d));
}

/** MinHash signature: for each hash function the minimum over the shingle hashes (0xffffffff for no shingles). */
export function minHashSignature(shingles: Uint32Array, functions: number): Uint32Array {
  const signature = new Uint32Array(functions).fill(0xffffffff);
  for (let f = 0; f < functions; f++) {
    const seed = seedOf(f);
    let min = 0xffffffff;
    for (let i = 0; i < shingles.length; i++) {
      const value = mix32(shingles[i] ^ seed);
      if (value < min) min = value;
    }
    signature[f] = min;
  }
  return signature;
}

/**
 * LSH band keys: one 32-bit key per band, hashing the band's index with its rows, so two articles share a key
 * with probability 1 - (1 - J^r)^b over all bands. Few rows per band favours recall at modest Jaccard, since the
 * exact shingle verification behind it restores precision. Empty texts have no keys.
 */
export function lshBandKeys(shingles: Uint32Array, shape: LshShape): Uint32Array {
  if (shingles.length === 0) return new Uint32Array(0);
  const signature = minHashSignature(shingles, shape.bands * shape.rowsPerBand);
  const keys = new Uint32Array(shape.bands);
  for (let band = 0; band < shape.bands; band++) {
    let key = mix32(band + 0x51ed27);
    for (let row = 0; row < shape.rowsPerBand; row++) key = combine32(key, signature[band * shape.rowsPerBand + row]);
    keys[band] = key;
  }
  return keys;
}

/** Probability that two articles with Jaccard similarity `jaccard` share at least one band key. */
export function lshCollisionProbability(jaccard: number, shape: LshShape): number {
  return 1 - (1 - jaccard ** shape.rowsPerBand) ** shape.bands;
}
