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

/**
 * Greedy left-to-right BIO tagger over an averaged perceptron; tags that would break a span or that the token
 * cannot carry (see `isAllowedFor`) are never chosen.
 */
export class NerTagger {
  private readonly scores = new Float64Array(TAGS.length);
  private readonly staticHashes = new Uint32Array(STATIC_FEATURE_COUNT);
  private readonly historyHashes = new Uint32Array(HISTORY_FEATURE_COUNT);

  constructor(
    private readonly model: NerWeights,
    private readonly lexicon: FeatureLexicon,
  ) {}

  tag(words: readonly string[]): Tag[] {
    const view = viewSentence(words, this.lexicon);
    const tags: Tag[] = [];
    const allowed = new Array<boolean>(TAGS.length);
    for (let i = 0; i < words.length; i++) {
      const previous = tags[i - 1] ?? 'O';
      const kind = tokenKind(words[i]);
      let choices = 0;
      for (let k = 0; k < TAGS.length; k++) {
        allowed[k] = isAllowedAfter(TAGS[k], previous) && isAllowedFor(TAGS[k], words[i], kind);
        if (allowed[k]) choices++;
      }
      // Most tokens (lower-case words, punctuation outside names) can only be O: no need to score them.
      if (choices === 1) {
        tags.push('O');
        continue;
      }
      staticFeatureHashes(view, i, this.staticHashes);
      historyFeatureHashes(view, i, tags[i - 1] ?? '<s>', tags[i - 2] ?? '<s>', this.historyHashes);
      this.scores.fill(0);
      this.accumulate(this.staticHashes);
      this.accumulate(this.historyHashes);
      let best: Tag = 'O';
      let bestScore = Number.NEGATIVE_INFINITY;
      for (let k = 0; k < TAGS.length; k++) {
        if (allowed[k] && this.scores[k] > bestScore) {
          bestScore = this.scores[k];
          best = TAGS[k];
        }
      }
      tags.push(best);
    }
    return tags;
  }

  private accumulate(hashes: Uint32Array): void {
    const { rowOf, weights, mask } = this.model;
    const width = TAGS.length;
    for (let f = 0; f < hashes.length; f++) {
      const row = rowOf[hashes[f] & mask];
      if (row < 0) continue;
      for (let k = 0; k < width; k++) this.scores[k] += weights[row + k];
    }
  }
}
