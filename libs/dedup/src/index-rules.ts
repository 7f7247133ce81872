import { isIndexedParagraph, type ArticleFingerprint } from './fingerprint';
import { bandClaimKey, paragraphClaimKey } from './fingerprint-index';

/**
 * The caps every fingerprint index applies (in memory and on MongoDB): what keeps a lookup's work and its
 * candidates bounded however large the index grows.
 */
export interface IndexShape {
  /** a band key shared by more articles stops taking new ones: past this it is noise, not a signal */
  maxPostingsPerBandKey: number;
  /** a paragraph held by this many story clusters is boilerplate: it takes no new story and finds no candidates */
  maxStoriesPerParagraph: number;
  /**
   * a sentence held by this many story clusters is stock text ("did not respond to a request for comment"): it
   * finds no candidates (`STOCK_SENTENCE_STORIES`)
   */
  maxStoriesPerSentence: number;
  /** candidates sharing the most keys come first; the rest are not returned */
  maxCandidates: number;
  /** fewer shared keys, none of them a sentence or paragraph, is a chance collision (`MIN_SHARED_KEYS`) */
  minSharedKeys: number;
}

/**
 * Keys an article must share with another to be a candidate, unless one of them is a sentence or a paragraph (an
 * exact text match). One shared band is what unrelated articles with a few common phrases produce by chance, ever
 * more often as the index grows (with 20 bands of 2 rows, a pair at Jaccard 0.05 shares one with probability
 * ~5 %); a real copy shares many bands (at 0.6, seven on average) or some of its text. Two keys keeps the copies
 * and makes the candidates, and what they cost to read and verify, stop growing with the index.
 */
export const MIN_SHARED_KEYS = 2;

/**
 * Stories a sentence may be found in before it is stock text. A shared sentence alone makes a candidate (an exact
 * text match), so a sentence that recurs across stories (a stock phrase, a travelling quote, a source's standard
 * line) made every article holding it a candidate, read and verified for nothing: the work per lookup grew with
 * the store until every key was full. Copies of one story count once, so a syndicated story's sentences stay keys.
 */
export const STOCK_SENTENCE_STORIES = 4;

export const DEFAULT_INDEX_SHAPE: Readonly<IndexShape> = {
  maxPostingsPerBandKey: 32,
  maxStoriesPerParagraph: 8,
  maxStoriesPerSentence: STOCK_SENTENCE_STORIES,
  maxCandidates: 48,
  minSharedKeys: MIN_SHARED_KEYS,
};

const hex32 = (value: number): string => value.toString(16).padStart(8, '0');

// Posting keys are named as claim keys, so a key reads the same wherever it is stored; sentence keys (`s:`) find
// candidates but are never claimed.
export const bandKeyId = bandClaimKey;
export const paragraphKeyId = paragraphClaimKey;
export const sentenceKeyId = (key: number): string => `s:${hex32(key)}`;

/** The paragraph keys an index posts and claims: distinct, long paragraphs only (`isIndexedParagraph`). */
export function indexedParagraphKeys(fingerprint: ArticleFingerprint): number[] {
  return [...new Set(fingerprint.paragraphKeys)].filter(isIndexedParagraph);
}

/** The posting keys a lookup reads (and an insert writes): band, sentence and indexed paragraph keys. */
export function postingKeyIds(fingerprint: ArticleFingerprint): string[] {
  return [
    ...new Set([
      ...Array.from(fingerprint.bandKeys, bandKeyId),
      ...Array.from(fingerprint.sentenceKeys, sentenceKeyId),
      ...indexedParagraphKeys(fingerprint).map(paragraphKeyId),
    ]),
  ];
}

/** Whether a band key already posted under `posted` articles takes one more. */
export function takesPosting(posted: number, shape: IndexShape): boolean {
  return posted < shape.maxPostingsPerBandKey;
}

/**
 * Whether a sentence or paragraph key held by `stories` story clusters takes an article of a story: once per story
 * (it counts stories, not copies), and not once it is stock text or boilerplate (`maxStories`:
 * `maxStoriesPerSentence` or `maxStoriesPerParagraph`), so a common sentence holds a few postings, not thousands.
 */
export function takesStory(stories: number, storyHoldsIt: boolean, maxStories: number): boolean {
  return !storyHoldsIt && stories < maxStories;
}

/** What an index has posted under a key, as `rankCandidates` reads it; `H` is how the index names an article. */
export interface PostingsView<H> {
  band(key: number): readonly H[];
  /** the articles posted under a sentence key, and how many story clusters they are in */
  sentence(key: number): PostedStories<H>;
  /** the articles posted under a paragraph key, and how many story clusters they are in */
  paragraph(key: number): PostedStories<H>;
}

export interface PostedStories<H> {
  holders: readonly H[];
  stories: number;
}

export interface RankedCandidates<H> {
  candidates: H[];
  /** for each of the query's indexed paragraphs, how many stories hold it */
  paragraphStories: Map<number, number>;
}

/**
 * The candidate rule: articles sharing at least `minSharedKeys` band, sentence or paragraph keys, or any sentence or
 * paragraph (an exact text match, see `MIN_SHARED_KEYS`), most shared keys first, at most `maxCandidates`. A
 * paragraph held by `maxStoriesPerParagraph` stories is boilerplate, and a sentence held by `maxStoriesPerSentence`
 * stories stock text: they find none. Every count is of capped postings, so the work does not grow with the index. `tieOrder` orders articles
 * sharing as many keys (the index's own stable order), so the cut at `maxCandidates` is deterministic.
 */
export function rankCandidates<H>(
  fingerprint: ArticleFingerprint,
  postings: PostingsView<H>,
  shape: IndexShape,
  tieOrder: (a: H, b: H) => number,
): RankedCandidates<H> {
  const shared = new Map<H, number>();
  const sharedText = new Set<H>();
  const count = (holders: readonly H[], text: boolean) => {
    for (const holder of holders) {
      shared.set(holder, (shared.get(holder) ?? 0) + 1);
      if (text) sharedText.add(holder);
    }
  };
  for (const key of fingerprint.bandKeys) count(postings.band(key), false);
  for (const key of fingerprint.sentenceKeys) {
    const { holders, stories } = postings.sentence(key);
    if (stories < shape.maxStoriesPerSentence) count(holders, true);
  }
  const paragraphStories = new Map<number, number>();
  for (const key of indexedParagraphKeys(fingerprint)) {
    const { holders, stories } = postings.paragraph(key);
    paragraphStories.set(key, stories);
    if (stories < shape.maxStoriesPerParagraph) count(holders, true);
  }
  const candidates = [...shared.entries()]
    .filter(([holder, keys]) => keys >= shape.minSharedKeys || sharedText.has(holder))
    .sort((a, b) => b[1] - a[1] || tieOrder(a[0], b[0]))
    .slice(0, shape.maxCandidates)
    .map(([holder]) => holder);
  return { candidates, paragraphStories };
}

/**
 * Indexed paragraph keys of the candidates whose story count the lookup does not know yet: the boilerplate test
 * looks at both sides' paragraphs.
 */
export function unknownParagraphKeys(
  candidates: readonly ArticleFingerprint[],
  paragraphStories: ReadonlyMap<number, number>,
): number[] {
  const unknown = new Set<number>();
  for (const candidate of candidates) {
    for (const key of indexedParagraphKeys(candidate)) if (!paragraphStories.has(key)) unknown.add(key);
  }
  return [...unknown];
}
