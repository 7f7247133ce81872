import { bandClaimKey, isIndexedParagraph, paragraphClaimKey, type ArticleFingerprint } from '@inkstream/dedup';
import type { FingerprintStamp, NewPosting, PostingRecord } from '@inkstream/persistence';

/** Caps of the MongoDB index, the same defaults as the in-memory one (`InMemoryIndexOptions`). */
export interface IndexShape {
  /** a band or sentence key shared by more articles stops taking new ones: past this it is noise */
  maxPostingsPerBandKey: number;
  /** a paragraph held by this many story clusters is boilerplate: it takes no new story and finds no candidates */
  maxStoriesPerParagraph: number;
  /** candidates sharing the most keys come first; the rest are not returned */
  maxCandidates: number;
}

export const DEFAULT_INDEX_SHAPE: IndexShape = {
  maxPostingsPerBandKey: 32,
  maxStoriesPerParagraph: 8,
  maxCandidates: 48,
};

const hex32 = (value: number): string => value.toString(16).padStart(8, '0');

// Posting keys are the claim keys of libs/dedup, so a key reads the same in both collections; sentence keys (`s:`)
// are ours: they find candidates but are never claimed.
export const bandKeyId = bandClaimKey;
export const paragraphKeyId = paragraphClaimKey;
export const sentenceKeyId = (key: number): string => `s:${hex32(key)}`;

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

/** Postings (or, for a paragraph key, stories) each key holds: how full it is. */
export function postingCounts(postings: ReadonlyMap<string, readonly PostingRecord[]>): Map<string, number> {
  return new Map([...postings].map(([key, records]) => [key, records.length]));
}

/**
 * What an inserted article posts: itself under each band and sentence key, its story under each indexed paragraph
 * key, except under keys already full (as the in-memory index: past the cap a key is noise or boilerplate).
 * `counts` are what the article's lookup read; a few concurrent inserts may overshoot a cap, never by much.
 */
export function postingsFor(
  fingerprint: ArticleFingerprint,
  article: string,
  cluster: string,
  counts: ReadonlyMap<string, number>,
  shape: IndexShape,
): NewPosting[] {
  const postings: NewPosting[] = [];
  const add = (key: string, member: string, cap: number) => {
    if ((counts.get(key) ?? 0) < cap) postings.push({ key, member, article, cluster });
  };
  for (const key of new Set([...Array.from(fingerprint.bandKeys, bandKeyId)]))
    add(key, article, shape.maxPostingsPerBandKey);
  for (const key of new Set([...Array.from(fingerprint.sentenceKeys, sentenceKeyId)]))
    add(key, article, shape.maxPostingsPerBandKey);
  for (const key of indexedParagraphKeys(fingerprint)) add(paragraphKeyId(key), cluster, shape.maxStoriesPerParagraph);
  return postings;
}

/**
 * Candidate ids from the postings, as the in-memory index ranks them: by number of shared keys (band, sentence,
 * and paragraph keys not yet boilerplate), ties by id; `self` (a redelivered article) never counts. Also the
 * number of stories holding each of the query's indexed paragraphs.
 */
export function rankCandidates(
  fingerprint: ArticleFingerprint,
  postings: ReadonlyMap<string, readonly PostingRecord[]>,
  shape: IndexShape,
  self: string | null,
): { candidateIds: string[]; paragraphStories: Map<number, number> } {
  const shared = new Map<string, number>();
  const count = (records: readonly PostingRecord[] | undefined) => {
    for (const { article } of records ?? []) if (article !== self) shared.set(article, (shared.get(article) ?? 0) + 1);
  };
  for (const key of fingerprint.bandKeys) count(postings.get(bandKeyId(key)));
  for (const key of fingerprint.sentenceKeys) count(postings.get(sentenceKeyId(key)));
  const paragraphStories = new Map<number, number>();
  for (const key of indexedParagraphKeys(fingerprint)) {
    const records = postings.get(paragraphKeyId(key)) ?? [];
    paragraphStories.set(key, records.length);
    if (records.length < shape.maxStoriesPerParagraph) count(records);
  }
  const candidateIds = [...shared.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, shape.maxCandidates)
    .map(([id]) => id);
  return { candidateIds, paragraphStories };
}

/** Indexed paragraph keys of the candidates whose story count the lookup does not know yet. */
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

/** Adds the story counts read for `keys` (no posting: no story holds the paragraph). */
export function addParagraphStories(
  paragraphStories: Map<number, number>,
  keys: readonly number[],
  postings: ReadonlyMap<string, readonly PostingRecord[]>,
): void {
  for (const key of keys) paragraphStories.set(key, postings.get(paragraphKeyId(key))?.length ?? 0);
}

/** The ids a lookup needs beside its candidates: the latest article with the URL and the first with the text. */
export interface SameUrlAndContent {
  sameUrl: string | null;
  sameContent: string | null;
}

const byTime = (a: FingerprintStamp, b: FingerprintStamp): number =>
  a.seenAt.getTime() - b.seenAt.getTime() || (a._id < b._id ? -1 : a._id > b._id ? 1 : 0);

/**
 * Picks, from the articles sharing the URL or the text, the latest with the URL and the first with the text (ties
 * by id, as the in-memory index); `self` (a redelivered article) is never picked.
 */
export function pickSameUrlAndContent(
  stamps: readonly FingerprintStamp[],
  urlKey: string | null,
  contentHash: string,
  self: string | null,
): SameUrlAndContent {
  const others = stamps.filter((stamp) => stamp._id !== self).sort(byTime);
  const withUrl = urlKey === null ? [] : others.filter((stamp) => stamp.urlKey === urlKey);
  return {
    sameUrl: withUrl.at(-1)?._id ?? null,
    sameContent: others.find((stamp) => stamp.contentHash === contentHash)?._id ?? null,
  };
}
