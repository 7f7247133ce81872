// Word clusters from pre-trained word vectors: the vectors of the commonest words (GloVe, trained on 6 billion
// words of Wikipedia and Gigaword news) grouped by spherical k-means with a fixed seed. Words used alike in that
// much text share a cluster, so a name the labelled corpora never show ("Rosneft") lands beside names they do
// ("Gazprom"). Deterministic: the same vectors give the same clusters, byte for byte.
import { seededRandom } from '@inkstream/measure';
import { clusterKey } from '../src/ner/word-clusters';

export const CLUSTER_SEED = 20261208;

export interface ClusterOptions {
  readonly clusters: number;
  /** How many of the commonest words (with a letter, one per cluster key) get a cluster. */
  readonly words: number;
  readonly iterations: number;
}

// Quick cross-validation (3 folds, English corpora; docs/quality.md): 64, 256 and 1,024 clusters of the 100,000
// commonest words scored within ±0.01 of each other, 256 best on the hand-annotated wikigold; 300,000 words (the
// rarer ones are mostly names) scored +0.004 to +0.007 over 100,000 on wikigold and the tweets.
export const CLUSTER_OPTIONS: ClusterOptions = { clusters: 256, words: 300_000, iterations: 15 };

/** A word and its vector, in the order of the vector set (commonest first). */
export interface WordVector {
  readonly word: string;
  readonly vector: ArrayLike<number>;
}

function unitLength(values: Float64Array, from: number, length: number): void {
  let sum = 0;
  for (let d = from; d < from + length; d++) sum += values[d] * values[d];
  const norm = Math.sqrt(sum) || 1;
  for (let d = from; d < from + length; d++) values[d] /= norm;
}

/** The first `words` distinct cluster keys with a letter, in vector-set order, each with its first word's vector. */
function vocabulary(vectors: readonly WordVector[], words: number): { keys: string[]; rows: WordVector[] } {
  const keys: string[] = [];
  const rows: WordVector[] = [];
  const seen = new Set<string>();
  for (const entry of vectors) {
    if (keys.length >= words) break;
    const key = clusterKey(entry.word);
    if (!/\p{L}/u.test(key) || seen.has(key)) continue;
    seen.add(key);
    keys.push(key);
    rows.push(entry);
  }
  return { keys, rows };
}

/** Spherical k-means: each word to the centroid of highest dot product; centroids are re-normalised means. */
function kMeans(points: Float64Array, count: number, dimensions: number, options: ClusterOptions): Int32Array {
  const random = seededRandom(CLUSTER_SEED);
  const k = Math.min(options.clusters, count);
  const centroids = new Float64Array(k * dimensions);
  const picked = new Set<number>();
  while (picked.size < k) picked.add(Math.floor(random() * count));
  [...picked].forEach((p, c) => centroids.set(points.subarray(p * dimensions, (p + 1) * dimensions), c * dimensions));
  const assignment = new Int32Array(count);
  for (let iteration = 0; iteration < options.iterations; iteration++) {
    for (let p = 0; p < count; p++) {
      const at = p * dimensions;
      let best = 0;
      let bestScore = -Infinity;
      for (let c = 0; c < k; c++) {
        const from = c * dimensions;
        let score = 0;
        for (let d = 0; d < dimensions; d++) score += centroids[from + d] * points[at + d];
        if (score > bestScore) {
          bestScore = score;
          best = c;
        }
      }
      assignment[p] = best;
    }
    centroids.fill(0);
    for (let p = 0; p < count; p++) {
      const from = assignment[p] * dimensions;
      const at = p * dimensions;
      for (let d = 0; d < dimensions; d++) centroids[from + d] += points[at + d];
    }
    for (let c = 0; c < k; c++) unitLength(centroids, c * dimensions, dimensions);
  }
  return assignment;
}

/** Cluster key → cluster id for the commonest `options.words` words of a vector set, sorted by key. */
export function clusterWords(
  vectors: readonly WordVector[],
  options: ClusterOptions = CLUSTER_OPTIONS,
): Record<string, number> {
  const { keys, rows } = vocabulary(vectors, options.words);
  if (rows.length === 0) return {};
  const dimensions = rows[0].vector.length;
  const points = new Float64Array(rows.length * dimensions);
  rows.forEach((row, p) => {
    if (row.vector.length !== dimensions) {
      throw new Error(`word vector of "${row.word}" has ${row.vector.length} dimensions, expected ${dimensions}`);
    }
    for (let d = 0; d < dimensions; d++) points[p * dimensions + d] = row.vector[d];
    unitLength(points, p * dimensions, dimensions);
  });
  const assignment = kMeans(points, rows.length, dimensions, options);
  return Object.fromEntries(
    keys.map((key, i): [string, number] => [key, assignment[i]]).sort(([a], [b]) => (a < b ? -1 : 1)),
  );
}
