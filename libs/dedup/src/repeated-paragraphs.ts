import { combine32, hashString32 } from './hash32';
import { normaliseText, tokenise } from './text-normalise';

export interface RepeatedParagraphsResult {
  /** the paragraphs kept, in order; the first occurrence of every repeat stays */
  paragraphs: string[];
  /** indexes (in the input) of the paragraphs removed */
  removed: number[];
}

export interface RepeatedParagraphsOptions {
  /** paragraphs with fewer tokens (subheads, bylines) are removed only inside a repeated block */
  minTokens: number;
  /** share of word-trigram overlap with an earlier paragraph that makes a near-exact repeat */
  nearRepeatSimilarity: number;
}

const DEFAULTS: RepeatedParagraphsOptions = { minTokens: 6, nearRepeatSimilarity: 0.85 };

function trigrams(tokens: readonly string[]): Set<number> {
  const hashes = tokens.map((token) => hashString32(token));
  const grams = new Set<number>();
  for (let i = 0; i + 2 < hashes.length; i++) grams.add(combine32(combine32(hashes[i], hashes[i + 1]), hashes[i + 2]));
  return grams;
}

function similarity(a: ReadonlySet<number>, b: ReadonlySet<number>): number {
  let shared = 0;
  for (const gram of a) if (b.has(gram)) shared++;
  const union = a.size + b.size - shared;
  return union === 0 ? 0 : shared / union;
}

/**
 * Removes paragraphs an article repeats (page templates and scrapers often emit a body twice): exact repeats
 * after normalisation and near-exact ones (a changed word or two). Short paragraphs such as subheads are too
 * generic to judge alone, so they go only when a neighbouring paragraph went as a repeat: a repeated block takes
 * its headings with it, a heading merely reused elsewhere stays.
 */
export function removeRepeatedParagraphs(
  paragraphs: readonly string[],
  options: Partial<RepeatedParagraphsOptions> = {},
): RepeatedParagraphsResult {
  const { minTokens, nearRepeatSimilarity } = { ...DEFAULTS, ...options };
  const normalised = paragraphs.map(normaliseText);
  const tokens = normalised.map(tokenise);
  const isShort = tokens.map((words) => words.length < minTokens);
  const seenText = new Set<string>();
  const seenGrams: Array<Set<number>> = [];
  const repeat = paragraphs.map(() => false);
  const shortRepeat = paragraphs.map(() => false);

  normalised.forEach((text, i) => {
    if (text === '') return;
    const exact = seenText.has(text);
    seenText.add(text);
    if (isShort[i]) {
      shortRepeat[i] = exact;
      return;
    }
    const grams = trigrams(tokens[i]);
    // Jaccard similarity is at most the smaller set's share of the larger: most pairs are told apart by size alone.
    const couldRepeat = (earlier: ReadonlySet<number>) => {
      const larger = Math.max(grams.size, earlier.size);
      return larger === 0 || Math.min(grams.size, earlier.size) / larger >= nearRepeatSimilarity;
    };
    repeat[i] =
      exact || seenGrams.some((earlier) => couldRepeat(earlier) && similarity(grams, earlier) >= nearRepeatSimilarity);
    if (!repeat[i]) seenGrams.push(grams);
  });

  // A short repeat goes when the nearest substantive paragraph before or after it went as a repeat.
  const nearestLong = (from: number, step: number): number => {
    let i = from + step;
    while (i >= 0 && i < paragraphs.length && isShort[i]) i += step;
    return i;
  };
  const removedSet = new Set<number>();
  paragraphs.forEach((_, i) => {
    if (repeat[i]) removedSet.add(i);
    else if (shortRepeat[i]) {
      const before = nearestLong(i, -1);
      const after = nearestLong(i, 1);
      if (repeat[before] || repeat[after]) removedSet.add(i);
    }
  });
  const removed = [...removedSet].sort((a, b) => a - b);
  return { paragraphs: paragraphs.filter((_, i) => !removedSet.has(i)), removed };
}
