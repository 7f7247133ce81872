import { urlKey } from './canonical-url';
import { contentHash } from './content-hash';
import { hashString32 } from './hash32';
import { lshBandKeys, type LshShape } from './minhash';
import { sampleShingles, type ShingleSample } from './shingle-sample';
import { paragraphShingles } from './shingles';
import { normaliseText, splitParagraphs, tokenise } from './text-normalise';

/** What the deduplicator needs of an article candidate. */
export interface DedupArticle {
  id: string;
  body: string;
  title?: string | null;
  url?: string | null;
  sourceId?: string | null;
}

export interface FingerprintSettings {
  shingleSize: number;
  lsh: LshShape;
  /** about how many shingles the verification sample keeps per article */
  sampleTarget: number;
  /** paragraphs with fewer tokens get no paragraph key: too short to tell boilerplate from content */
  minParagraphKeyTokens: number;
  /** sentences with fewer tokens get no sentence key: too generic to find a candidate by */
  minSentenceKeyTokens: number;
}

export const DEFAULT_FINGERPRINT_SETTINGS: FingerprintSettings = {
  shingleSize: 5,
  lsh: { bands: 20, rowsPerBand: 2 },
  sampleTarget: 128,
  minParagraphKeyTokens: 6,
  minSentenceKeyTokens: 8,
};

/** Everything compared or indexed about one article; compact enough to keep a million in memory. */
export interface ArticleFingerprint {
  urlKey: string | null;
  contentHash: string;
  bandKeys: Uint32Array;
  /** one hash per paragraph, aligned with paragraph indexes; see `isIndexedParagraph` */
  paragraphKeys: Uint32Array;
  /**
   * Distinct hashes of the article's sentences: they find a short text inside a long page, where the Jaccard
   * similarity behind the band keys is too low. Used to find candidates only, so an index need not keep them.
   */
  sentenceKeys: Uint32Array;
  /**
   * Distinct hashes of the tokens holding digits (at most 32), years left out: short texts cut from one template
   * differ in their figures, while a year is shared context and the usual number in a copyright footer.
   */
  numberKeys: Uint32Array;
  sample: ShingleSample;
  shingleCount: number;
}

/**
 * Paragraph hash whose lowest bit tells whether the paragraph is long enough to index: short ones (subheads,
 * "Advertisement") are too generic to find candidates or count as boilerplate, but still take part in aligning
 * two articles' paragraphs.
 */
export function paragraphKey(normalisedParagraph: string, tokenCount: number, minTokens: number): number {
  const hash = hashString32(normalisedParagraph, 0x7a3f);
  if (tokenCount < minTokens) return (hash | 1) >>> 0;
  return (hash & ~1) >>> 0 || 2;
}

/** Whether a paragraph key is indexed (finds candidates, is claimed, counts towards boilerplate). */
export function isIndexedParagraph(key: number): boolean {
  return (key & 1) === 0;
}

const SENTENCE_END = /(?<=[.!?;\u3002\uff01\uff1f])\s+/u;

function sentenceKeys(rawParagraphs: readonly string[], minTokens: number): Uint32Array {
  const keys = new Set<number>();
  for (const paragraph of rawParagraphs) {
    for (const sentence of paragraph.split(SENTENCE_END)) {
      const normalised = normaliseText(sentence);
      if (tokenise(normalised).length >= minTokens) keys.add(hashString32(normalised, 0x5e4e));
    }
  }
  return Uint32Array.from(keys);
}

const MAX_NUMBER_KEYS = 32;
const YEAR = /^(1[89]|20)\d\d$/u;

function numberKeys(normalisedParagraphs: readonly string[]): Uint32Array {
  const keys = new Set<number>();
  for (const paragraph of normalisedParagraphs) {
    for (const token of tokenise(paragraph)) {
      if (keys.size < MAX_NUMBER_KEYS && /\p{N}/u.test(token) && !YEAR.test(token))
        keys.add(hashString32(token, 0x4e55));
    }
  }
  return Uint32Array.from(keys).sort();
}

export function fingerprintArticle(
  article: Pick<DedupArticle, 'body' | 'url'>,
  settings: FingerprintSettings = DEFAULT_FINGERPRINT_SETTINGS,
): ArticleFingerprint {
  const rawParagraphs = splitParagraphs(article.body);
  const paragraphs = rawParagraphs.map(normaliseText);
  const paragraphKeys = Uint32Array.from(paragraphs, (paragraph) =>
    paragraphKey(paragraph, tokenise(paragraph).length, settings.minParagraphKeyTokens),
  );
  const shingles = paragraphShingles(paragraphs, settings.shingleSize);
  return {
    urlKey: urlKey(article.url),
    contentHash: contentHash(article.body),
    bandKeys: lshBandKeys(shingles.hashes, settings.lsh),
    paragraphKeys,
    sentenceKeys: sentenceKeys(rawParagraphs, settings.minSentenceKeyTokens),
    numberKeys: numberKeys(paragraphs),
    sample: sampleShingles(shingles, settings.sampleTarget),
    shingleCount: shingles.hashes.length,
  };
}
