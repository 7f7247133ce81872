import {
  HISTORY_FEATURE_COUNT,
  historyFeatureHashes,
  tokenFeatureCount,
  tokenFeatureHashes,
  viewSentence,
  type FeatureLexicon,
} from './features';
import { languageFeature } from './hash';
import { TRANSFER_WEIGHTS, type NerWeights } from './model';
import { isAllowedAfter, isAllowedFor, TAGS, tokenKind, type Tag } from './tags';

/**
 * A partial tagging kept in the beam: its last tag, the hypothesis it extends and the sum of its scores. Linked
 * backwards so that extending a hypothesis copies nothing; the tags are read back once, at the end.
 */
interface Hypothesis {
  readonly tag: Tag | null;
  readonly parent: Hypothesis | null;
  readonly score: number;
}

const START: Hypothesis = { tag: null, parent: null, score: 0 };

/**
 * Left-to-right BIO tagger over an averaged perceptron, greedy or with a small beam; tags that would break a span
 * or that the token cannot carry (see `isAllowedFor`) are never chosen.
 */
export class NerTagger {
  private readonly staticScores = new Float64Array(TAGS.length);
  private readonly staticHashes: Uint32Array;
  private readonly historyHashes = new Uint32Array(HISTORY_FEATURE_COUNT);
  private readonly beam: number;
  // Per word: the history scores computed so far, by the (last tag, tag before) they were computed for.
  private readonly historyScores: Float64Array[];
  private readonly lastTags: string[] = [];
  private readonly tagsBefore: string[] = [];

  /**
   * Whose own weights are added to the shared ones: the language's, or for a language the model was not trained on
   * the transfer weights when the model has them (`TRANSFER_WEIGHTS`); null for none.
   */
  private readonly language: string | null;
  /** The text's language, whose place names the gazetteer features know (Spanish too, though never trained on). */
  private readonly textLanguage: string | undefined;

  constructor(
    private readonly model: NerWeights,
    private readonly lexicon: FeatureLexicon,
    language: string | null = null,
  ) {
    this.language =
      language === null
        ? null
        : model.languages.includes(language)
          ? language
          : model.languages.includes(TRANSFER_WEIGHTS)
            ? TRANSFER_WEIGHTS
            : null;
    this.textLanguage = language ?? undefined;
    this.staticHashes = new Uint32Array(tokenFeatureCount(model));
    // Decoding keeps as many taggings per word as training did: a beam-trained model's scores add up along a
    // tagging, a greedy model's do not (and decode best greedily).
    this.beam = Math.max(1, Math.floor(model.beam));
    this.historyScores = Array.from({ length: this.beam }, () => new Float64Array(TAGS.length));
  }

  tag(words: readonly string[]): Tag[] {
    const view = viewSentence(words, this.lexicon, this.textLanguage, this.model);
    let hypotheses: Hypothesis[] = [START];
    for (let i = 0; i < words.length; i++) {
      const kind = tokenKind(words[i]);
      // Most tokens (lower-case words, punctuation outside names) can only be O whatever came before.
      if (TAGS.every((tag) => tag === 'O' || !isAllowedFor(tag, words[i], kind))) {
        hypotheses = hypotheses.map((h) => ({ tag: 'O', parent: h, score: h.score }));
        continue;
      }
      tokenFeatureHashes(view, i, this.model, this.staticHashes);
      this.staticScores.fill(0);
      this.accumulate(this.staticHashes, this.staticScores);
      const kept: Hypothesis[] = [];
      let scored = 0;
      for (const from of hypotheses) {
        const previous = from.tag ?? '<s>';
        const beforePrevious = from.parent?.tag ?? '<s>';
        // History features see only the last two tags: hypotheses that share them share these scores.
        let slot = 0;
        while (slot < scored && (this.lastTags[slot] !== previous || this.tagsBefore[slot] !== beforePrevious)) slot++;
        const scores = this.historyScores[slot];
        if (slot === scored) {
          historyFeatureHashes(view, i, previous, beforePrevious, this.historyHashes);
          scores.set(this.staticScores);
          this.accumulate(this.historyHashes, scores);
          this.lastTags[slot] = previous;
          this.tagsBefore[slot] = beforePrevious;
          scored++;
        }
        const allowedAfter = from.tag ?? 'O';
        for (let k = 0; k < TAGS.length; k++) {
          if (isAllowedAfter(TAGS[k], allowedAfter) && isAllowedFor(TAGS[k], words[i], kind)) {
            this.keep(kept, from, TAGS[k], from.score + scores[k]);
          }
        }
      }
      hypotheses = kept;
    }
    const tags: Tag[] = new Array<Tag>(words.length);
    for (let h: Hypothesis | null = hypotheses[0], i = words.length - 1; i >= 0 && h; h = h.parent, i--) {
      tags[i] = h.tag as Tag;
    }
    return tags;
  }

  /**
   * Inserts an extension into `kept`, the `beam` best so far in descending score. Extensions arrive in hypothesis
   * then tag order and an equal score never displaces an earlier one, so the result is that of a stable sort, and
   * width 1 is exactly the greedy decoding training does.
   */
  private keep(kept: Hypothesis[], parent: Hypothesis, tag: Tag, score: number): void {
    let at = kept.length;
    while (at > 0 && kept[at - 1].score < score) at--;
    if (at >= this.beam) return;
    kept.splice(at, 0, { tag, parent, score });
    if (kept.length > this.beam) kept.pop();
  }

  private accumulate(hashes: Uint32Array, into: Float64Array): void {
    const { rowOf, weights, mask } = this.model;
    const width = TAGS.length;
    for (let f = 0; f < hashes.length; f++) {
      const row = rowOf[hashes[f] & mask];
      if (row < 0) continue;
      for (let k = 0; k < width; k++) into[k] += weights[row + k];
    }
    if (this.language === null) return;
    for (let f = 0; f < hashes.length; f++) {
      const row = rowOf[languageFeature(hashes[f], this.language) & mask];
      if (row < 0) continue;
      for (let k = 0; k < width; k++) into[k] += weights[row + k];
    }
  }
}
