// Distributional word clusters from unlabelled text: each word seen often enough is described by the words just
// before and after it (counts over the most frequent words, log-scaled, unit length), and spherical k-means with a
// fixed seed groups those descriptions. Deterministic: the same sentences give the same clusters, byte for byte.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATASETS_DIR, seededRandom } from '@inkstream/measure';
import { clusterKey } from '../src/ner/word-clusters';
import { tokenize } from '../src/text/tokenize';

export const CLUSTER_SEED = 20261206;

export interface ClusterOptions {
  readonly clusters: number;
  /** Words seen fewer times get no cluster. */
  readonly minCount: number;
  /** The most frequent words, whose counts beside a word describe it. */
  readonly contextWords: number;
  readonly iterations: number;
}

export const CLUSTER_OPTIONS: ClusterOptions = { clusters: 256, minCount: 3, contextWords: 500, iterations: 12 };

interface SparseVector {
  readonly index: Int32Array;
  readonly value: Float64Array;
}

const EXTRACTION_TRUTH = process.env.EXTRACTION_TRUTH ?? join(DATASETS_DIR, 'extraction-dev/ground-truth.json');

/** The article bodies of the extraction set (English news, MIT), as tokenised paragraphs. */
export function extractionBodies(): string[][] {
  const truth = JSON.parse(readFileSync(EXTRACTION_TRUTH, 'utf8')) as Record<string, { articleBody?: string }>;
  return Object.keys(truth)
    .sort()
    .flatMap((id) => (truth[id].articleBody ?? '').split(/\n+/u))
    .map((paragraph) => tokenize(paragraph).map((token) => token.text));
}

function unitLength(values: Float64Array): void {
  let sum = 0;
  for (const v of values) sum += v * v;
  const norm = Math.sqrt(sum) || 1;
  for (let k = 0; k < values.length; k++) values[k] /= norm;
}

/** Each vocabulary word's neighbours among the context words: left ones in the first half, right ones after. */
function contextVectors(
  sentences: readonly (readonly string[])[],
  vocabulary: readonly string[],
  context: readonly string[],
): SparseVector[] {
  const row = new Map(vocabulary.map((word, i) => [word, i]));
  const column = new Map(context.map((word, i) => [word, i]));
  const counts = vocabulary.map(() => new Map<number, number>());
  const add = (target: Map<number, number>, dimension: number): void => {
    target.set(dimension, (target.get(dimension) ?? 0) + 1);
  };
  for (const words of sentences) {
    words.forEach((word, i) => {
      const r = row.get(word);
      if (r === undefined) return;
      const left = column.get(i > 0 ? words[i - 1] : '<s>');
      const right = column.get(i + 1 < words.length ? words[i + 1] : '</s>');
      if (left !== undefined) add(counts[r], left);
      if (right !== undefined) add(counts[r], context.length + right);
    });
  }
  return counts.map((map): SparseVector => {
    const index = Int32Array.from([...map.keys()].sort((a, b) => a - b));
    const value = Float64Array.from(index, (d) => Math.log1p(map.get(d) ?? 0));
    unitLength(value);
    return { index, value };
  });
}

/** Spherical k-means: each word to the centroid of highest dot product; centroids are re-normalised means. */
function kMeans(vectors: readonly SparseVector[], dimensions: number, options: ClusterOptions): Int32Array {
  const random = seededRandom(CLUSTER_SEED);
  const k = Math.min(options.clusters, vectors.length);
  const centroids = Array.from({ length: k }, () => new Float64Array(dimensions));
  const picked = new Set<number>();
  while (picked.size < k) picked.add(Math.floor(random() * vectors.length));
  [...picked].forEach((v, c) => vectors[v].index.forEach((d, j) => (centroids[c][d] = vectors[v].value[j])));
  const assignment = new Int32Array(vectors.length);
  for (let iteration = 0; iteration < options.iterations; iteration++) {
    vectors.forEach((vector, v) => {
      let best = 0;
      let bestScore = -Infinity;
      for (let c = 0; c < k; c++) {
        let score = 0;
        for (let j = 0; j < vector.index.length; j++) score += centroids[c][vector.index[j]] * vector.value[j];
        if (score > bestScore) {
          bestScore = score;
          best = c;
        }
      }
      assignment[v] = best;
    });
    centroids.forEach((centroid) => centroid.fill(0));
    vectors.forEach((vector, v) => {
      const centroid = centroids[assignment[v]];
      vector.index.forEach((d, j) => (centroid[d] += vector.value[j]));
    });
    centroids.forEach(unitLength);
  }
  return assignment;
}

/** Cluster key → cluster id for every word (with a letter) seen at least `minCount` times, sorted by key. */
export function clusterWords(
  sentences: readonly (readonly string[])[],
  options: ClusterOptions = CLUSTER_OPTIONS,
): Record<string, number> {
  const keyed = sentences.map((words) => words.map(clusterKey));
  const counts = new Map<string, number>();
  for (const words of keyed) for (const word of words) counts.set(word, (counts.get(word) ?? 0) + 1);
  const ranked = [...counts.keys()].sort(
    (a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0) || (a < b ? -1 : a > b ? 1 : 0),
  );
  const vocabulary = ranked.filter((word) => (counts.get(word) ?? 0) >= options.minCount && /\p{L}/u.test(word));
  const context = [...ranked.slice(0, options.contextWords), '<s>', '</s>'];
  const assignment = kMeans(contextVectors(keyed, vocabulary, context), context.length * 2, options);
  return Object.fromEntries(
    vocabulary.map((word, i): [string, number] => [word, assignment[i]]).sort(([a], [b]) => (a < b ? -1 : 1)),
  );
}
