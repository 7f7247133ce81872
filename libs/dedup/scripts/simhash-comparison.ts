// Measures, rather than assumes, how 64-bit SimHash with the classic 3-bit threshold would fare as the candidate
// generator on the labelled set's copy pairs, next to the LSH band, paragraph and sentence keys the index uses.
import { fingerprintArticle, normaliseText, splitParagraphs, type ArticleFingerprint } from '../src';
import { mix32 } from '../src/hash32';
import { paragraphShingles } from '../src/shingles';
import type { LabelledArticle } from './labelled-set';

/** 64-bit SimHash of a shingle set, as two 32-bit halves. */
export function simHash64(shingles: Uint32Array): [number, number] {
  const weights = new Int32Array(64);
  for (const shingle of shingles) {
    const halves = [mix32(shingle ^ 0x1b873593), mix32(shingle ^ 0xcc9e2d51)];
    for (let bit = 0; bit < 64; bit++) weights[bit] += (halves[bit >> 5] >>> (bit & 31)) & 1 ? 1 : -1;
  }
  const result: [number, number] = [0, 0];
  for (let bit = 0; bit < 64; bit++) if (weights[bit] > 0) result[bit >> 5] |= 1 << (bit & 31);
  return result;
}

function popcount(value: number): number {
  let v = value >>> 0;
  let count = 0;
  while (v) {
    v &= v - 1;
    count++;
  }
  return count;
}

const hamming = (a: [number, number], b: [number, number]) => popcount(a[0] ^ b[0]) + popcount(a[1] ^ b[1]);

function sharesKey(a: ArticleFingerprint, b: ArticleFingerprint): boolean {
  const has = (left: Uint32Array, right: Uint32Array) => {
    const set = new Set(left);
    return right.some((key) => set.has(key));
  };
  return has(a.bandKeys, b.bandKeys) || has(a.paragraphKeys, b.paragraphKeys) || has(a.sentenceKeys, b.sentenceKeys);
}

export interface CandidateRecall {
  pairs: number;
  simHashWithin3: number;
  simHashMedianDistance: number;
  indexKeys: number;
}

/** Over every pair of articles telling one story: how many each candidate generator would bring together. */
export function compareCandidateGenerators(set: readonly LabelledArticle[]): CandidateRecall {
  const prepared = set.map((article) => ({
    story: article.story,
    fingerprint: fingerprintArticle(article),
    simHash: simHash64(paragraphShingles(splitParagraphs(article.body).map(normaliseText), 5).hashes),
  }));
  let pairs = 0;
  let simHashWithin3 = 0;
  let indexKeys = 0;
  const distances: number[] = [];
  for (let i = 0; i < prepared.length; i++) {
    for (let j = i + 1; j < prepared.length; j++) {
      if (prepared[i].story !== prepared[j].story) continue;
      if (prepared[i].fingerprint.contentHash === prepared[j].fingerprint.contentHash) continue;
      pairs++;
      const distance = hamming(prepared[i].simHash, prepared[j].simHash);
      distances.push(distance);
      if (distance <= 3) simHashWithin3++;
      if (sharesKey(prepared[i].fingerprint, prepared[j].fingerprint)) indexKeys++;
    }
  }
  distances.sort((a, b) => a - b);
  return { pairs, simHashWithin3, simHashMedianDistance: distances[Math.floor(distances.length / 2)] ?? 0, indexKeys };
}
