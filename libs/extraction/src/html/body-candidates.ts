import { collapseWhitespace } from '../text-normalise';
import type { ArticleBlock } from '../types';
import { textWeight } from './main-content';

/**
 * The knobs of the choice between body candidates. Fixed defaults in production; the evaluation varies them to
 * choose values by cross-validation over sites (libs/extraction/scripts/eval-extraction.ts).
 */
export interface ExtractionTuning {
  /**
   * The class-hinted DOM choice is implausibly short when it holds less than this share of the text that the same
   * choice finds without class hints: the page's class names then mislead, and the hint-free choice wins.
   */
  readonly shortShare: number;
  /**
   * …and only when it is also short outright: a long hinted choice beside a much longer hint-free one is usually
   * an article whose comments the hints rightly dropped.
   */
  readonly shortChars: number;
  /** A meta description at least this long stands in for the body of a page whose body is rendered by script. */
  readonly minDescriptionChars: number;
}

export const DEFAULT_TUNING: ExtractionTuning = { shortShare: 0.3, shortChars: 1000, minDescriptionChars: 80 };

/** Weight of the running text of a candidate (paragraphs only: headings say little about where the body is). */
export function proseWeight(blocks: readonly ArticleBlock[]): number {
  return blocks.reduce((n, b) => n + (b.type === 'paragraph' ? textWeight(b.text) : 0), 0);
}

/** Words of a text as a set, for a cheap overlap between two candidates. */
function wordSet(text: string): Set<string> {
  return new Set(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
}

function coverage(of: Set<string>, by: Set<string>): number {
  if (of.size === 0) return 1;
  let hit = 0;
  for (const w of of) if (by.has(w)) hit++;
  return hit / of.size;
}

export function paragraphsOf(text: string): ArticleBlock[] {
  return text
    .split(/\n+/)
    .map(collapseWhitespace)
    .filter((t) => t !== '')
    .map((t) => ({ type: 'paragraph' as const, text: t }));
}

export interface BodyCandidates {
  /** The maximum-weight subtree with class/id hints. */
  readonly hinted: readonly ArticleBlock[];
  /** The same without class/id hints. */
  readonly unhinted: readonly ArticleBlock[];
  /** JSON-LD articleBody. */
  readonly articleBody: string | null;
  /** The body in the page's script state (`scriptStateBody`), read only when the DOM choice needs a fallback. */
  readonly stateBody?: () => string | null;
  /** The page's title: script state holds other texts too (consent notices, teasers), so its body must be about it. */
  readonly title?: string | null;
}

/** Words of a title that say what it is about: four letters or more, or any word in a script without spaces. */
function titleWords(title: string): Set<string> {
  return new Set(
    [...wordSet(title)].filter(
      (w) => w.length >= 4 || /[\p{Script=Han}\p{Script=Hangul}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(w),
    ),
  );
}

/** Half or more of the title's words stand in the text. */
function isAbout(text: string, title: string | null | undefined): boolean {
  const words = title ? titleWords(title) : new Set<string>();
  return words.size > 0 && coverage(words, wordSet(text)) >= 0.5;
}

/**
 * A body the publisher serialised (JSON-LD articleBody, the script state) replaces the DOM choice when the DOM choice
 * misses most of its words and is not much longer: the DOM choice is then wrong, or the text is rendered by script.
 */
function replacesDomChoice(publisherBody: string | null, domText: string): publisherBody is string {
  return (
    publisherBody !== null &&
    publisherBody.length >= 300 &&
    coverage(wordSet(publisherBody), wordSet(domText)) < 0.5 &&
    publisherBody.length > domText.length * 0.8
  );
}

/**
 * Compares candidate bodies from different strategies and falls back when the first choice is implausible, as
 * robust extractors do: the class-hinted DOM choice first; the hint-free one when the hinted one is implausibly
 * short; the publisher's JSON-LD articleBody, then the body in the page's script state, when the DOM choice misses
 * most of it.
 */
export function chooseBody(candidates: BodyCandidates, tuning: ExtractionTuning = DEFAULT_TUNING): ArticleBlock[] {
  let blocks = [...candidates.hinted];
  const hintedWeight = proseWeight(blocks);
  if (hintedWeight < tuning.shortChars && hintedWeight < proseWeight(candidates.unhinted) * tuning.shortShare) {
    blocks = [...candidates.unhinted];
  }
  // JSON-LD articleBody is the publisher's own statement of the body; the script state of a page rendered by script
  // is the body the browser would show.
  const domText = blocks.map((b) => b.text).join(' ');
  if (replacesDomChoice(candidates.articleBody, domText)) return paragraphsOf(candidates.articleBody);
  const stateBody = candidates.stateBody?.() ?? null;
  if (replacesDomChoice(stateBody, domText) && isAbout(stateBody, candidates.title)) return paragraphsOf(stateBody);
  return blocks;
}

/**
 * The last candidate: a page whose body never reaches the HTML (script-rendered, paywalled) still says what it is
 * about in its meta description; an article with that text beats no article.
 */
export function descriptionBody(description: string | null, tuning: ExtractionTuning = DEFAULT_TUNING): ArticleBlock[] {
  const text = description ? collapseWhitespace(description) : '';
  return text.length >= tuning.minDescriptionChars ? paragraphsOf(description ?? '') : [];
}

const leadKey = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/**
 * The page's lead paragraph, when the page prints its summary (the meta description) as a paragraph of its own
 * outside the chosen body: a standfirst set apart from the article text by the layout, which readers take as the
 * article's first paragraph. Null when the body already holds it or the page does not print it.
 */
export function printedLead(
  description: string | null,
  pageTexts: readonly string[],
  body: readonly ArticleBlock[],
  tuning: ExtractionTuning = DEFAULT_TUNING,
): ArticleBlock | null {
  const key = description ? leadKey(description) : '';
  if (key.length < tuning.minDescriptionChars) return null;
  const probe = key.slice(0, 60);
  if (body.some((b) => leadKey(b.text).includes(probe))) return null;
  const printed = pageTexts.find((text) => {
    const k = leadKey(text);
    return k.length >= probe.length && k.length <= key.length * 1.5 && k.includes(probe);
  });
  return printed ? { type: 'paragraph', text: printed } : null;
}
