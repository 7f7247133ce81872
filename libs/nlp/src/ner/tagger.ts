import {
  HISTORY_FEATURE_COUNT,
  historyFeatureHashes,
  STATIC_FEATURE_COUNT,
  staticFeatureHashes,
  viewSentence,
  type FeatureLexicon,
} from './features';
import type { NerWeights } from './model';
import { isAllowedAfter, isAllowedFor, TAGS, tokenKind, type Tag } from './tags';

/** A partial tagging kept in the beam: its tags so far and the sum of their scores. */
interface Hypothesis {
  readonly tags: Tag[];
  readonly score: number;
}

/** One more tag on a hypothesis, not yet kept or dropped. */
interface Extension {
  readonly from: Hypothesis;
  readonly next: Tag;
  readonly score: number;
}

/**
 * Left-to-right BIO tagger over an averaged perceptron, greedy or with a small beam; tags that would break a span
 * or that the token cannot carry (see `isAllowedFor`) are never chosen.
 */
export class NerTagger {
  private readonly staticScores = new Float64Array(TAGS.length);
  private readonly scores = new Float64Array(TAGS.length);
  private readonly staticHashes = new Uint32Array(STATIC_FEATURE_COUNT);
  private readonly historyHashes = new Uint32Array(HISTORY_FEATURE_COUNT);
  private readonly beam: number;

  constructor(
    private readonly model: NerWeights,
    private readonly lexicon: FeatureLexicon,
  ) {
    // Decoding keeps as many taggings per word as training did: a beam-trained model's scores add up along a
    // tagging, a greedy model's do not (and decode best greedily).
    this.beam = Math.max(1, Math.floor(model.beam));
  }

  tag(words: readonly string[]): Tag[] {
    const view = viewSentence(words, this.lexicon);
    let hypotheses: Hypothesis[] = [{ tags: [], score: 0 }];
    for (let i = 0; i < words.length; i++) {
      const kind = tokenKind(words[i]);
      // Most tokens (lower-case words, punctuation outside names) can only be O whatever came before.
      if (TAGS.every((tag) => tag === 'O' || !isAllowedFor(tag, words[i], kind))) {
        for (const h of hypotheses) h.tags.push('O');
        continue;
      }
      staticFeatureHashes(view, i, this.staticHashes);
      this.staticScores.fill(0);
      this.accumulate(this.staticHashes, this.staticScores);
      const extensions: Extension[] = [];
      for (const from of hypotheses) {
        const previous = from.tags[i - 1] ?? 'O';
        historyFeatureHashes(view, i, from.tags[i - 1] ?? '<s>', from.tags[i - 2] ?? '<s>', this.historyHashes);
        this.scores.set(this.staticScores);
        this.accumulate(this.historyHashes, this.scores);
        for (let k = 0; k < TAGS.length; k++) {
          if (isAllowedAfter(TAGS[k], previous) && isAllowedFor(TAGS[k], words[i], kind)) {
            extensions.push({ from, next: TAGS[k], score: from.score + this.scores[k] });
          }
        }
      }
      hypotheses = this.keepBest(extensions);
    }
    return hypotheses[0].tags;
  }

  /**
   * The `beam` best extensions. Stable (earlier hypotheses and tags win ties), so width 1 is exactly the greedy
   * decoding training does; it then extends the one tag list in place instead of copying it.
   */
  private keepBest(extensions: Extension[]): Hypothesis[] {
    if (this.beam === 1) {
      let best = extensions[0];
      for (const e of extensions) if (e.score > best.score) best = e;
      best.from.tags.push(best.next);
      return [{ tags: best.from.tags, score: best.score }];
    }
    return extensions
      .map((e, order) => ({ e, order }))
      .sort((a, b) => b.e.score - a.e.score || a.order - b.order)
      .slice(0, this.beam)
      .map(({ e }) => ({ tags: [...e.from.tags, e.next], score: e.score }));
  }

  private accumulate(hashes: Uint32Array, into: Float64Array): void {
    const { rowOf, weights, mask } = this.model;
    const width = TAGS.length;
    for (let f = 0; f < hashes.length; f++) {
      const row = rowOf[hashes[f] & mask];
      if (row < 0) continue;
      for (let k = 0; k < width; k++) into[k] += weights[row + k];
    }
  }
}
