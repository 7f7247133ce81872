// Averaged perceptron training for the greedy BIO tagger; the scoring side lives in src/ner/tagger.ts.
import {
  HISTORY_FEATURE_COUNT,
  historyFeatureHashes,
  tokenFeatureCount,
  tokenFeatureHashes,
  viewSentence,
  type FeatureLexicon,
} from '../src/ner/features';
import { isAllowedAfter, isAllowedFor, TAGS, tokenKind, type Tag } from '../src/ner/tags';
import type { LabelledSentence } from './ner-data';
import { languageFeature } from '../src/ner/hash';
import { seededRandom } from '@inkstream/measure';

interface PreparedSentence {
  readonly view: ReturnType<typeof viewSentence>;
  readonly staticBuckets: Int32Array[];
  readonly gold: number[];
  /** Its language's own copy of every feature is trained too (`languageFeature`); null: shared features only. */
  readonly language: string | null;
}

/** Feature hashes as buckets, with the language's copies after the shared ones when the sentence has a language. */
function bucketsOf(hashes: Uint32Array, mask: number, language: string | null): Int32Array {
  const buckets = new Int32Array(language === null ? hashes.length : hashes.length * 2);
  for (let f = 0; f < hashes.length; f++) {
    buckets[f] = hashes[f] & mask;
    if (language !== null) buckets[hashes.length + f] = languageFeature(hashes[f], language) & mask;
  }
  return buckets;
}

export interface TrainOptions {
  readonly hashBits: number;
  readonly epochs: number;
  readonly seed: number;
  readonly log: (line: string) => void;
  /** Taggings kept per word: 1 trains the greedy tagger; wider trains for beam decoding (early update). */
  readonly beam?: number;
  /** The sentence's language, for a multilingual model with per-language weights; absent: shared weights only. */
  readonly languageOf?: (sentence: LabelledSentence) => string | null;
  /** The sentence's language for the gazetteer features (its own place names); absent: `languageOf`. */
  readonly textLanguageOf?: (sentence: LabelledSentence) => string | null;
  /** Train with the given-name features too (the model must then say so: `features` in the serialized model). */
  readonly givenNames?: boolean;
  /** Train with the word-cluster features too (likewise). */
  readonly wordClusters?: boolean;
  /** Train with the word-band features too (likewise); each sentence's bands are those of its text language. */
  readonly wordBands?: boolean;
}

interface BeamHypothesis {
  readonly tags: number[];
  readonly score: number;
  /** Still the gold tagging so far. */
  readonly gold: boolean;
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
    const language = options.languageOf?.(sentence) ?? null;
    const textLanguage = options.textLanguageOf?.(sentence) ?? language ?? undefined;
    const view = viewSentence(sentence.words, lexicon, textLanguage, options);
    return {
      view,
      staticBuckets: sentence.words.map((_, i) => {
        const hashes = new Uint32Array(tokenFeatureCount(options));
        tokenFeatureHashes(view, i, options, hashes);
        return bucketsOf(hashes, mask, language);
      }),
      gold: sentence.tags.map((tag) => tagIndex.get(tag) ?? 0),
      language,
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
    if ((options.beam ?? 1) > 1) {
      for (const index of order) {
        const result = trainBeam(prepared[index], options.beam ?? 1, weights, mask, (buckets, k, delta) =>
          update(buckets, k, delta),
        );
        errors += result.errors;
        tokens += result.tokens;
        step += result.tokens;
      }
      options.log(
        `epoch ${epoch}: beam ${options.beam}, sentences updated ${((100 * errors) / order.length).toFixed(2)}%`,
      );
      continue;
    }
    for (const index of order) {
      const { view, staticBuckets, gold, language } = prepared[index];
      const predicted: Tag[] = [];
      for (let i = 0; i < gold.length; i++) {
        const previous = predicted[i - 1] ?? '<s>';
        // Only span well-formedness binds training; the tagger's token limits (`isAllowedFor`) apply at decoding.
        // Learning on every token scored better on the held-out split than skipping the tokens those limits fix.
        const allowed = TAGS.map((tag) => isAllowedAfter(tag, (predicted[i - 1] ?? 'O') as Tag));
        historyFeatureHashes(view, i, previous, predicted[i - 2] ?? '<s>', historyHashes);
        const history = bucketsOf(historyHashes, mask, language);
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

function historyBuckets(sentence: PreparedSentence, i: number, tags: readonly number[], mask: number): Int32Array {
  const hashes = new Uint32Array(HISTORY_FEATURE_COUNT);
  const previous = i > 0 ? TAGS[tags[i - 1]] : '<s>';
  historyFeatureHashes(sentence.view, i, previous, i > 1 ? TAGS[tags[i - 2]] : '<s>', hashes);
  return bucketsOf(hashes, mask, sentence.language);
}

/**
 * One sentence of beam training with early update (Collins and Roark, 2004): the tagger's own beam search, with
 * its token limits, and as soon as the gold tagging falls out of the beam, the gold prefix is rewarded and the best
 * hypothesis penalised. Tokens that can only be O are not scored, as in decoding. A gold tag the limits forbid
 * (annotation noise) ends the sentence there. Returns 1 error when an update was made, and tokens scored.
 */
function trainBeam(
  sentence: PreparedSentence,
  width: number,
  weights: Float64Array,
  mask: number,
  update: (buckets: ArrayLike<number>, k: number, delta: number) => void,
): { errors: number; tokens: number } {
  const { view, staticBuckets, gold } = sentence;
  const tagCount = TAGS.length;
  const scored: boolean[] = [];
  const staticScores = new Float64Array(tagCount);
  let beam: BeamHypothesis[] = [{ tags: [], score: 0, gold: true }];
  let tokens = 0;
  let length = gold.length;
  let early = false;
  for (let i = 0; i < gold.length; i++) {
    const word = view.words[i];
    const kind = tokenKind(word);
    const allowedFor = TAGS.map((tag) => isAllowedFor(tag, word, kind));
    if (!allowedFor[gold[i]]) {
      length = i;
      break;
    }
    if (allowedFor.every((allowed, k) => k === 0 || !allowed)) {
      scored.push(false);
      beam = beam.map((h) => ({ ...h, tags: [...h.tags, 0], gold: h.gold && gold[i] === 0 }));
      continue;
    }
    scored.push(true);
    tokens++;
    staticScores.fill(0);
    for (const bucket of staticBuckets[i])
      for (let k = 0; k < tagCount; k++) staticScores[k] += weights[bucket * tagCount + k];
    const extensions: { from: BeamHypothesis; next: number; score: number }[] = [];
    for (const from of beam) {
      const previous = (i > 0 ? TAGS[from.tags[i - 1]] : 'O') as Tag;
      const history = historyBuckets(sentence, i, from.tags, mask);
      for (let k = 0; k < tagCount; k++) {
        if (!allowedFor[k] || !isAllowedAfter(TAGS[k], previous)) continue;
        let score = from.score + staticScores[k];
        for (const bucket of history) score += weights[bucket * tagCount + k];
        extensions.push({ from, next: k, score });
      }
    }
    beam = extensions
      .map((e, order) => ({ e, order }))
      .sort((a, b) => b.e.score - a.e.score || a.order - b.order)
      .slice(0, width)
      .map(({ e }) => ({ tags: [...e.from.tags, e.next], score: e.score, gold: e.from.gold && e.next === gold[i] }));
    if (!beam.some((h) => h.gold)) {
      length = i + 1;
      early = true;
      break;
    }
  }
  const best = beam[0];
  if (!early && best.gold) return { errors: 0, tokens };
  if (!early && best.tags.slice(0, length).every((tag, i) => tag === gold[i])) return { errors: 0, tokens };
  for (let i = 0; i < length; i++) {
    if (!scored[i]) continue;
    const same = best.tags[i] === gold[i] && best.tags[i - 1] === gold[i - 1] && best.tags[i - 2] === gold[i - 2];
    if (same) continue;
    update(staticBuckets[i], gold[i], 1);
    update(historyBuckets(sentence, i, gold, mask), gold[i], 1);
    update(staticBuckets[i], best.tags[i], -1);
    update(historyBuckets(sentence, i, best.tags, mask), best.tags[i], -1);
  }
  return { errors: 1, tokens };
}
