import { isIndexedParagraph, type ArticleFingerprint } from './fingerprint';

/** How much two articles' distinctive (non-boilerplate) shingles overlap, estimated from their samples. */
export interface Overlap {
  /** shared / the smaller side: 1 when one text is (a copy of) a part of the other */
  containment: number;
  /** shared / union */
  jaccard: number;
  /** estimated number of shared distinctive shingles */
  sharedShingles: number;
  /** estimated distinctive shingles of the smaller side */
  smallerShingles: number;
  /** estimated distinctive shingles of the larger side */
  largerShingles: number;
  /** whether the first article is the smaller side */
  firstIsSmaller: boolean;
}

/** Tells whether a paragraph key belongs to boilerplate (shared by several stories), so its shingles are ignored. */
export type BoilerplateTest = (paragraphKey: number) => boolean;

type ParagraphFilter = (paragraphIndex: number) => boolean;

function keptValues(fingerprint: ArticleFingerprint, shift: number, include: ParagraphFilter): number[] {
  const mask = (1 << shift) - 1;
  const { values, paragraphOf } = fingerprint.sample;
  const kept: number[] = [];
  for (let i = 0; i < values.length; i++) {
    if ((values[i] & mask) === 0 && include(paragraphOf[i])) kept.push(values[i]);
  }
  return kept;
}

function overlapOf(
  a: ArticleFingerprint,
  includeA: ParagraphFilter,
  b: ArticleFingerprint,
  includeB: ParagraphFilter,
): Overlap {
  const shift = Math.max(a.sample.shift, b.sample.shift);
  const left = keptValues(a, shift, includeA);
  const right = keptValues(b, shift, includeB);
  let shared = 0;
  for (let i = 0, j = 0; i < left.length && j < right.length;) {
    if (left[i] === right[j]) {
      shared++;
      i++;
      j++;
    } else if (left[i] < right[j]) i++;
    else j++;
  }
  const smaller = Math.min(left.length, right.length);
  const union = left.length + right.length - shared;
  const scale = 2 ** shift;
  return {
    containment: smaller === 0 ? 0 : shared / smaller,
    jaccard: union === 0 ? 0 : shared / union,
    sharedShingles: shared * scale,
    smallerShingles: smaller * scale,
    largerShingles: Math.max(left.length, right.length) * scale,
    firstIsSmaller: left.length <= right.length,
  };
}

function notBoilerplate(fingerprint: ArticleFingerprint, isBoilerplate: BoilerplateTest): ParagraphFilter {
  return (paragraph) => {
    const key = fingerprint.paragraphKeys[paragraph];
    return !(isIndexedParagraph(key) && isBoilerplate(key));
  };
}

/** Overlap of the two articles' shingles, leaving out paragraphs that `isBoilerplate` names. */
export function measureOverlap(a: ArticleFingerprint, b: ArticleFingerprint, isBoilerplate: BoilerplateTest): Overlap {
  return overlapOf(a, notBoilerplate(a, isBoilerplate), b, notBoilerplate(b, isBoilerplate));
}

/** Number of leading and trailing paragraphs the two articles have identically, in the same order. */
export function sharedFrame(a: Uint32Array, b: Uint32Array): { leading: number; trailing: number } {
  const limit = Math.min(a.length, b.length);
  let leading = 0;
  while (leading < limit && a[leading] === b[leading]) leading++;
  let trailing = 0;
  while (trailing < limit - leading && a[a.length - 1 - trailing] === b[b.length - 1 - trailing]) trailing++;
  return { leading, trailing };
}

/**
 * Overlap of what lies inside the paragraphs two articles share identically at their end (and start). Two
 * different articles of one site share a footer (and often a header) around different bodies; until the index
 * has seen that boilerplate in two stories nothing marks it, and around a short body it would outweigh the body.
 * Copies differ the other way round: they share the body and differ at the edges (another site's header and
 * footer, page furniture). A shared start alone is no evidence: a truncated copy shares its leading paragraphs
 * and differs in its tail. Null when the articles share no trailing paragraphs.
 */
export function measureInnerOverlap(
  a: ArticleFingerprint,
  b: ArticleFingerprint,
  isBoilerplate: BoilerplateTest,
): Overlap | null {
  const { leading, trailing } = sharedFrame(a.paragraphKeys, b.paragraphKeys);
  if (trailing === 0) return null;
  const inner = (fingerprint: ArticleFingerprint): ParagraphFilter => {
    const content = notBoilerplate(fingerprint, isBoilerplate);
    const end = fingerprint.paragraphKeys.length - trailing;
    return (paragraph) => paragraph >= leading && paragraph < end && content(paragraph);
  };
  return overlapOf(a, inner(a), b, inner(b));
}

/**
 * Estimated distinctive shingles of `shorter` not found in `longer`, in the paragraphs before its first paragraph
 * found there (found: at least half its sampled shingles are). A copy keeps the start of the story: a cut copy keeps its
 * head, a syndicated or embedded copy adds only a short header before it. Two different articles that share
 * boilerplate the index does not know yet share it at their end, after bodies that differ from the start.
 */
export function unmatchedLead(
  shorter: ArticleFingerprint,
  longer: ArticleFingerprint,
  isBoilerplate: BoilerplateTest,
): number {
  const shift = Math.max(shorter.sample.shift, longer.sample.shift);
  const mask = (1 << shift) - 1;
  const inLonger = new Set(keptValues(longer, shift, notBoilerplate(longer, isBoilerplate)));
  const content = notBoilerplate(shorter, isBoilerplate);
  const paragraphs = shorter.paragraphKeys.length;
  const sampled = new Uint32Array(paragraphs);
  const found = new Uint32Array(paragraphs);
  const { values, paragraphOf } = shorter.sample;
  for (let i = 0; i < values.length; i++) {
    if ((values[i] & mask) !== 0 || !content(paragraphOf[i])) continue;
    sampled[paragraphOf[i]]++;
    if (inLonger.has(values[i])) found[paragraphOf[i]]++;
  }
  let lead = 0;
  for (let p = 0; p < paragraphs; p++) {
    if (sampled[p] > 0 && found[p] * 2 >= sampled[p]) return lead * 2 ** shift;
    lead += sampled[p] - found[p];
  }
  return lead * 2 ** shift;
}
