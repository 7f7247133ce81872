import {
  bandClaimKey,
  isIndexedParagraph,
  MIN_SHARED_KEYS,
  paragraphClaimKey,
  type ArticleFingerprint,
} from '@inkstream/dedup';
import type { FingerprintStamp } from '@inkstream/persistence';

/** Caps of the MongoDB index, the same defaults as the in-memory one (`InMemoryIndexOptions`). */
export interface IndexShape {
  /** a band or sentence key shared by more articles stops taking new ones: past this it is noise */
  maxPostingsPerBandKey: number;
  /** a paragraph held by this many story clusters is boilerplate: it takes no new story and finds no candidates */
  maxStoriesPerParagraph: number;
  /** candidates sharing the most keys come first; the rest are not returned */
  maxCandidates: number;
  /** fewer shared keys, none a sentence or paragraph, is a chance collision (`MIN_SHARED_KEYS` in libs/dedup) */
  minSharedKeys: number;
}

export const DEFAULT_INDEX_SHAPE: IndexShape = {
  maxPostingsPerBandKey: 32,
  maxStoriesPerParagraph: 8,
  maxCandidates: 48,
  minSharedKeys: MIN_SHARED_KEYS,
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

/** The articles a lookup found under each posting key it asked for (a redelivered article itself left out). */
export type PostedUnder = ReadonlyMap<string, readonly FingerprintStamp[]>;

/** Groups what a lookup read by the asked keys each article is posted under; `self` is never among them. */
export function postedUnder(
  stamps: readonly FingerprintStamp[],
  keys: readonly string[],
  self: string | null,
): Map<string, FingerprintStamp[]> {
  const asked = new Set(keys);
  const byKey = new Map<string, FingerprintStamp[]>();
  for (const stamp of stamps) {
    if (stamp._id === self) continue;
    // Fingerprints written before lookup keys moved into them have none: found by URL or text only.
    for (const key of stamp.postingKeys ?? []) {
      if (!asked.has(key)) continue;
      const holders = byKey.get(key);
      if (holders) holders.push(stamp);
      else byKey.set(key, [stamp]);
    }
  }
  return byKey;
}

/** How many stories hold a paragraph: the distinct clusters of the articles posted under it. */
export function storiesHolding(holders: readonly FingerprintStamp[] | undefined): number {
  return new Set((holders ?? []).map((holder) => holder.clusterId)).size;
}

/**
 * The keys an inserted article is posted under: its band and sentence keys, and its indexed paragraph keys unless
 * its story holds them already, except keys already full (as the in-memory index: past the cap a key is noise or
 * boilerplate). `posted` is what the article's lookup read; a few concurrent inserts may overshoot a cap, never by
 * much.
 */
export function postingKeysFor(
  fingerprint: ArticleFingerprint,
  cluster: string,
  posted: PostedUnder,
  shape: IndexShape,
): string[] {
  const keys: string[] = [];
  const articleKeys = new Set([
    ...Array.from(fingerprint.bandKeys, bandKeyId),
    ...Array.from(fingerprint.sentenceKeys, sentenceKeyId),
  ]);
  for (const key of articleKeys) {
    if ((posted.get(key)?.length ?? 0) < shape.maxPostingsPerBandKey) keys.push(key);
  }
  for (const key of indexedParagraphKeys(fingerprint).map(paragraphKeyId)) {
    const holders = posted.get(key) ?? [];
    const storyHolds = holders.some((holder) => holder.clusterId === cluster);
    if (!storyHolds && storiesHolding(holders) < shape.maxStoriesPerParagraph) keys.push(key);
  }
  return keys;
}

/**
 * Candidate ids from what the lookup found, as the in-memory index ranks them: by number of shared keys (band,
 * sentence, and paragraph keys not yet boilerplate), ties by id; an article sharing fewer than `minSharedKeys`, none
 * of them a sentence or a paragraph, is no candidate. Also the number of stories holding each of the
 * query's indexed paragraphs.
 */
export function rankCandidates(
  fingerprint: ArticleFingerprint,
  posted: PostedUnder,
  shape: IndexShape,
): { candidateIds: string[]; paragraphStories: Map<number, number> } {
  const shared = new Map<string, number>();
  // Sharing a sentence or a paragraph is an exact text match: a candidate whatever the count (MIN_SHARED_KEYS).
  const sharedText = new Set<string>();
  const count = (holders: readonly FingerprintStamp[] | undefined, text = false) => {
    for (const { _id } of holders ?? []) {
      shared.set(_id, (shared.get(_id) ?? 0) + 1);
      if (text) sharedText.add(_id);
    }
  };
  for (const key of fingerprint.bandKeys) count(posted.get(bandKeyId(key)));
  for (const key of fingerprint.sentenceKeys) count(posted.get(sentenceKeyId(key)), true);
  const paragraphStories = new Map<number, number>();
  for (const key of indexedParagraphKeys(fingerprint)) {
    const holders = posted.get(paragraphKeyId(key));
    const stories = storiesHolding(holders);
    paragraphStories.set(key, stories);
    if (stories < shape.maxStoriesPerParagraph) count(holders, true);
  }
  const candidateIds = [...shared.entries()]
    .filter(([id, keys]) => keys >= shape.minSharedKeys || sharedText.has(id))
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

/** Adds the story counts read for `keys` (none found: no story holds the paragraph). */
export function addParagraphStories(
  paragraphStories: Map<number, number>,
  keys: readonly number[],
  posted: PostedUnder,
): void {
  for (const key of keys) paragraphStories.set(key, storiesHolding(posted.get(paragraphKeyId(key))));
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
