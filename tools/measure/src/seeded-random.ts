// One seeded generator for every script that must be reproducible (labelled sets, benchmark corpora, training
// shuffles): the same seed gives the same stream in all of them.

export type Random = () => number;

/** mulberry32: tiny, fast, and good enough for reproducible sampling (not for anything secret). */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
