// Averaged perceptron training for the greedy BIO tagger; the scoring side lives in src/ner/tagger.ts.
import {
  HISTORY_FEATURE_COUNT,
  historyFeatureHashes,
  STATIC_FEATURE_COUNT,
  staticFeatureHashes,
  viewSentence,
  type FeatureLexicon,
} from '../src/ner/features';
import { isAllowedAfter, TAGS, type Tag } from '../src/ner/tags';
import type { LabelledSentence } from './ner-data';
import { seededRandom } from './seeded-random';

interface PreparedSentence {
  readonly view: ReturnType<typeof viewSentence>;
  readonly staticBuckets: Int32Array[];
  readonly gold: number[];
}

export interface TrainOptions {
  readonly hashBits: number;
  readonly epochs: number;
  readonly seed: number;
  readonly log: (line: string) => void;
}

/** Returns dense averaged weights, bucket-major with `TAGS.length` weights per bucket. */
export function trainPerceptron(
  sentences: readonly LabelledSentence[],
  lexicon: FeatureLexicon,
  options: TrainOptions,
): Float64Array {
  const width = TAGS.length;
  const mask = 2 ** options.hashBits - 1;
  const tagIndex = new Map<string, number>(TAGS.map((tag, k) => [tag, k]));
  const prepared: PreparedSentence[] = sentences.map((sentence) => {
    const view = viewSentence(sentence.words, lexicon);
    return {
      view,
      staticBuckets: sentence.words.map((_, i) => {
        const hashes = new Uint32Array(STATIC_FEATURE_COUNT);
        staticFeatureHashes(view, i, hashes);
        return Int32Array.from(hashes, (hash) => hash & mask);
      }),
      gold: sentence.tags.map((tag) => tagIndex.get(tag) ?? 0),
    };
  });
  const weights = new Float64Array((mask + 1) * width);
  const accumulated = new Float64Array((mask + 1) * width);
  const scores = new Float64Array(width);
  const historyHashes = new Uint32Array(HISTORY_FEATURE_COUNT);
  let step = 1;
  const update = (buckets: ArrayLike<number>, k: number, delta: number): void => {
    for (let f = 0; f < buckets.length; f++) {
      const slot = buckets[f] * width + k;
      weights[slot] += delta;
      accumulated[slot] += step * delta;
    }
  };
  const random = seededRandom(options.seed);
  const order = prepared.map((_, i) => i);
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    let errors = 0;
    let tokens = 0;
    for (const index of order) {
      const { view, staticBuckets, gold } = prepared[index];
      const predicted: Tag[] = [];
      for (let i = 0; i < gold.length; i++) {
        const previous = predicted[i - 1] ?? '<s>';
        // Only span well-formedness binds training; the tagger's token limits (`isAllowedFor`) apply at decoding.
        // Learning on every token scored better on the held-out split than skipping the tokens those limits fix.
        const allowed = TAGS.map((tag) => isAllowedAfter(tag, (predicted[i - 1] ?? 'O') as Tag));
        historyFeatureHashes(view, i, previous, predicted[i - 2] ?? '<s>', historyHashes);
        const history = Int32Array.from(historyHashes, (hash) => hash & mask);
        scores.fill(0);
        for (const buckets of [staticBuckets[i], history]) {
          for (let f = 0; f < buckets.length; f++) {
            const base = buckets[f] * width;
            for (let k = 0; k < width; k++) scores[k] += weights[base + k];
          }
        }
        let best = 0;
        for (let k = 1; k < width; k++) {
          if (allowed[k] && scores[k] > scores[best]) best = k;
        }
        if (best !== gold[i]) {
          errors++;
          for (const buckets of [staticBuckets[i], history]) {
            update(buckets, gold[i], 1);
            update(buckets, best, -1);
          }
        }
        step++;
        tokens++;
        // Training follows its own decisions (not gold history) so it learns to recover as the tagger must.
        predicted.push(TAGS[best]);
      }
    }
    options.log(`epoch ${epoch}: token error rate ${((100 * errors) / tokens).toFixed(2)}%`);
  }
  const averaged = new Float64Array(weights.length);
  for (let slot = 0; slot < weights.length; slot++) averaged[slot] = weights[slot] - accumulated[slot] / step;
  return averaged;
}
