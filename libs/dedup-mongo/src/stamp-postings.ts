import {
  bandKeyId,
  indexedParagraphKeys,
  paragraphKeyId,
  sentenceKeyId,
  takesPosting,
  takesStory,
  type ArticleFingerprint,
  type IndexShape,
  type PostingsView,
} from '@inkstream/dedup';
import type { FingerprintStamp } from './fingerprint-records';

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

/** What a lookup read, as libs/dedup's `rankCandidates` reads postings. */
export function stampPostings(posted: PostedUnder): PostingsView<FingerprintStamp> {
  return {
    band: (key) => posted.get(bandKeyId(key)) ?? [],
    sentence: (key) => {
      const holders = posted.get(sentenceKeyId(key)) ?? [];
      return { holders, stories: storiesHolding(holders) };
    },
    paragraph: (key) => {
      const holders = posted.get(paragraphKeyId(key)) ?? [];
      return { holders, stories: storiesHolding(holders) };
    },
  };
}

/** Ties in the candidate ranking go to the smaller id: the one order every replica sees alike. */
export const byId = (a: FingerprintStamp, b: FingerprintStamp): number => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0);

/**
 * The keys an inserted article is posted under, by libs/dedup's caps (`takesPosting`, `takesStory`): `posted` is
 * what the article's lookup read; a few concurrent inserts may overshoot a cap, never by much.
 */
export function postingKeysFor(
  fingerprint: ArticleFingerprint,
  cluster: string,
  posted: PostedUnder,
  shape: IndexShape,
): string[] {
  const keys: string[] = [];
  const takes = (key: string, maxStories: number) => {
    const holders = posted.get(key) ?? [];
    const storyHoldsIt = holders.some((holder) => holder.clusterId === cluster);
    return takesStory(storiesHolding(holders), storyHoldsIt, maxStories);
  };
  for (const key of new Set(Array.from(fingerprint.bandKeys, bandKeyId))) {
    if (takesPosting(posted.get(key)?.length ?? 0, shape)) keys.push(key);
  }
  for (const key of new Set(Array.from(fingerprint.sentenceKeys, sentenceKeyId))) {
    if (takes(key, shape.maxStoriesPerSentence)) keys.push(key);
  }
  for (const key of indexedParagraphKeys(fingerprint).map(paragraphKeyId)) {
    if (takes(key, shape.maxStoriesPerParagraph)) keys.push(key);
  }
  return keys;
}

/**
 * The article's posting keys that take no article at all any more (`takesPosting`, and `takesStory` for a story
 * that does not hold the key yet), as its lookup read them: keys no two new articles can find each other through.
 */
export function saturatedPostingKeys(
  fingerprint: ArticleFingerprint,
  posted: PostedUnder,
  shape: IndexShape,
): string[] {
  const keys: string[] = [];
  const full = (key: string, maxStories: number) => !takesStory(storiesHolding(posted.get(key)), false, maxStories);
  for (const key of new Set(Array.from(fingerprint.bandKeys, bandKeyId))) {
    if (!takesPosting(posted.get(key)?.length ?? 0, shape)) keys.push(key);
  }
  for (const key of new Set(Array.from(fingerprint.sentenceKeys, sentenceKeyId))) {
    if (full(key, shape.maxStoriesPerSentence)) keys.push(key);
  }
  for (const key of indexedParagraphKeys(fingerprint).map(paragraphKeyId)) {
    if (full(key, shape.maxStoriesPerParagraph)) keys.push(key);
  }
  return keys;
}

/** The ids a lookup needs beside its candidates: the latest article with the URL and the first with the text. */
export interface SameUrlAndContent {
  sameUrl: string | null;
  sameContent: string | null;
}

const byTime = (a: FingerprintStamp, b: FingerprintStamp): number =>
  a.seenAt.getTime() - b.seenAt.getTime() || byId(a, b);

/**
 * Picks, from the articles sharing the URL or the text, the latest with the URL and the first with the text (ties
 * by id); `self` (a redelivered article) is never picked.
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
