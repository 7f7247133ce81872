// The text's UTF-8 bytes are written into one buffer reused by every call: the murmurhash package, which this
// reproduces bit for bit (hash32.spec.ts), built a TextEncoder and an array per call, ~4 % of the deduplicator's CPU.
const encoder = new TextEncoder();
let bytes = new Uint8Array(4096);

/** Unsigned 32-bit hash of a string (MurmurHash3 x86_32 over its UTF-8 bytes). */
export function hashString32(text: string, seed = 0): number {
  // A UTF-16 code unit takes at most 3 UTF-8 bytes.
  if (text.length * 3 > bytes.length) bytes = new Uint8Array(text.length * 3);
  const length = encoder.encodeInto(text, bytes).written;
  const tail = length & ~3;
  let h = seed >>> 0;
  for (let i = 0; i < tail; i += 4) {
    const k = bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24);
    h ^= scramble(k);
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  const rest = length & 3;
  if (rest > 0) {
    let k = bytes[tail];
    if (rest > 1) k |= bytes[tail + 1] << 8;
    if (rest > 2) k |= bytes[tail + 2] << 16;
    h ^= scramble(k);
  }
  return mix32((h ^ length) >>> 0);
}

function scramble(k: number): number {
  const mixed = Math.imul(k, 0xcc9e2d51);
  return Math.imul((mixed << 15) | (mixed >>> 17), 0x1b873593);
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
