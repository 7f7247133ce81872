import { createHash } from 'node:crypto';
import { z } from 'zod';
import { nullableString } from './common';
import { siteOf, sourceSites } from './sites';

// Who may put text under a URL (docs/reliability.md, "Who owns an article"). An article id derived from a URL is
// that URL's identity: the stored article, its updates and the deduplicator's URL key all follow it. Only the URL's
// owner may fill it: text fetched from the URL's own site, or delivered by a source registered for that site. Text
// about a URL from anyone else (an aggregator's summary, a squatter's made-up story, a dropped file) is kept under an
// id scoped to the source that delivered it, where it can collide with nobody's article.

/** Where an article's text came from: the evidence the ownership rule decides on, kept with the stored article. */
export const contentOrigin = z.object({
  /** The URL the text was fetched from, after redirects; null when it came inside the source's own document. */
  fetchedFrom: nullableString,
  /** The sites of the source that delivered it (`sourceSites`). */
  sourceSites: z.array(z.string()),
  /** The article holds its URL's identity (id from the URL, URL key in dedup); false: its id is scoped. */
  urlIdentity: z.boolean(),
});
export type ContentOrigin = z.infer<typeof contentOrigin>;

/** What the rule needs to know of where a text came from. */
export type TextSource = Pick<ContentOrigin, 'fetchedFrom' | 'sourceSites'>;

/**
 * Where a raw document's text came from: its `fetchedFrom` and its source's sites (carried by the fetcher and
 * `inkstream ingest`; in older messages, from the source's domain). Loosely typed: the audit reads raw documents
 * back without validating them.
 */
export function textSourceOf(raw: {
  fetchedFrom?: string | null;
  source: { sites?: readonly string[]; domain?: string | null };
}): TextSource {
  const { sites, domain } = raw.source;
  return {
    fetchedFrom: raw.fetchedFrom ?? null,
    sourceSites: sites ? [...sites] : sourceSites(domain ? `https://${domain}/` : null),
  };
}

/**
 * True when the text is its URL's owner's: `url` is http(s) and its site is the site the text was fetched from or a
 * site the delivering source is registered for. False for no URL, a file: URL, or anyone else's URL.
 */
export function isOwnersText(url: string | null | undefined, origin: TextSource): boolean {
  const site = url ? siteOf(url) : null;
  if (!site) return false;
  if (origin.sourceSites.includes(site)) return true;
  return origin.fetchedFrom !== null && siteOf(origin.fetchedFrom) === site;
}

/**
 * The id of an article under a source's own name: `plainId` (the URL or content id every source would derive)
 * scoped to `sourceId`. Deterministic, so a source re-sending its text upserts; distinct per source, so two
 * sources' texts can only meet in the deduplicator (as duplicates), never overwrite each other.
 */
export function scopedArticleId(sourceId: string, plainId: string): string {
  return createHash('sha256').update(`source:${sourceId}\nid:${plainId}`, 'utf8').digest('hex').slice(0, 32);
}

/**
 * The URL an article may be matched by (the deduplicator's URL key): its canonical URL, else its URL, when it holds
 * that URL's identity; null otherwise, so a squatter's text under an outlet's URL never makes the outlet's own
 * article its duplicate by URL (it is matched by its text alone). An article without `contentOrigin` comes from a
 * release before the rule and keeps its URL.
 */
export function identityUrlOf(article: {
  url: string | null;
  canonicalUrl: string | null;
  contentOrigin?: ContentOrigin;
}): string | null {
  if (article.contentOrigin?.urlIdentity === false) return null;
  return article.canonicalUrl ?? article.url;
}
