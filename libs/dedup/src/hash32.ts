import murmurhash from 'murmurhash';

/** Unsigned 32-bit hash of a string (MurmurHash3 over its UTF-8 bytes). */
export function hashString32(text: string, seed = 0): number {
  return murmurhash.v3(text, seed) >>> 0;
}

/**
 * MurmurHash3's finaliser: a bijection on 32-bit integers with full avalanche. Being a permutation is what makes
 * `mix32(x ^ seed)` usable as one of MinHash's independent hash functions.
 */
export function mix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Order-sensitive combination of two 32-bit hashes (boost::hash_combine's recipe, then avalanched). */
export function combine32(seed: number, value: number): number {
  return mix32((seed ^ (value + 0x9e3779b9 + (seed << 6) + (seed >>> 2))) >>> 0);
}
