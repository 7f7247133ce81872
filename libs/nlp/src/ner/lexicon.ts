import type { FeatureLexicon } from './features';

/** Word statistics from the training corpus, committed next to the model (`model/lexicon.json`). */
export interface SerializedLexicon {
  /** Tokens counted, for turning counts into background probabilities. */
  readonly totalTokens: number;
  /** Lower-cased word → occurrences (words seen at least twice). */
  readonly counts: Readonly<Record<string, number>>;
  /** Words written in lower case at least as often as capitalised mid-sentence: capitals on them mean little. */
  readonly commonWords: readonly string[];
}

export interface Lexicon extends FeatureLexicon {
  readonly totalTokens: number;
  readonly counts: ReadonlyMap<string, number>;
}

export function decodeLexicon(serialized: SerializedLexicon): Lexicon {
  return {
    totalTokens: serialized.totalTokens,
    counts: new Map(Object.entries(serialized.counts)),
    commonWords: new Set(serialized.commonWords),
  };
}

/** Builds the lexicon from sentences of words; sentence-initial words are ignored for case statistics. */
export function buildLexicon(sentences: Iterable<readonly string[]>): SerializedLexicon {
  const counts = new Map<string, number>();
  const lowerMid = new Map<string, number>();
  const upperMid = new Map<string, number>();
  let totalTokens = 0;
  for (const words of sentences) {
    words.forEach((word, i) => {
      const lower = word.toLowerCase();
      totalTokens++;
      counts.set(lower, (counts.get(lower) ?? 0) + 1);
      if (i === 0 || !/\p{L}/u.test(word)) return;
      const target = /^\p{Lu}/u.test(word) ? upperMid : word === lower ? lowerMid : null;
      target?.set(lower, (target.get(lower) ?? 0) + 1);
    });
  }
  const kept = [...counts].filter(([, count]) => count >= 2).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const commonWords = kept
    .map(([word]) => word)
    .filter((word) => (lowerMid.get(word) ?? 0) >= 2 && (lowerMid.get(word) ?? 0) >= (upperMid.get(word) ?? 0));
  return { totalTokens, counts: Object.fromEntries(kept), commonWords };
}
