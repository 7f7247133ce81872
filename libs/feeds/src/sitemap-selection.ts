import { normaliseLink } from './item-identity';
import type { SitemapReference, SitemapUrl } from './sitemap';

export interface SitemapSelectionOptions {
  /** pages fetched per poll at most (the rest wait for the next poll) */
  maxUrls: number;
  /** news sitemap entries older than this are skipped (Google News lists two days) */
  newsMaxAgeMs: number;
}

export interface SelectedSitemapUrl {
  url: string;
  /** `url:<normalised>`: the entry's identity in the source's seen items */
  itemKey: string;
  /** what marks a new version of the page: lastmod / news publication date (empty when the sitemap gives none) */
  versionMark: string;
  isUpdate: boolean;
}

/**
 * Which listed pages to fetch this poll: entries never seen, or whose lastmod moved; news entries only while
 * recent; newest first, at most maxUrls. Unchanged entries are not refetched, which keeps a poll of a large
 * sitemap cheap for the site and for us.
 */
export function selectSitemapUrls(
  urls: SitemapUrl[],
  seen: ReadonlyMap<string, { contentHash: string }>,
  now: Date,
  options: SitemapSelectionOptions,
): SelectedSitemapUrl[] {
  const candidates: Array<SelectedSitemapUrl & { date: string }> = [];
  const keys = new Set<string>();
  for (const entry of urls) {
    const itemKey = sitemapItemKey(entry.url);
    if (keys.has(itemKey)) continue;
    keys.add(itemKey);
    const newsDate = entry.news?.publishedAt ?? null;
    if (entry.news && newsDate && now.getTime() - Date.parse(newsDate) > options.newsMaxAgeMs) continue;
    const versionMark = entry.lastModified ?? newsDate ?? '';
    const previous = seen.get(itemKey);
    if (previous && previous.contentHash === versionMark) continue;
    candidates.push({ url: entry.url, itemKey, versionMark, isUpdate: previous !== undefined, date: versionMark });
  }
  // ISO-8601 UTC strings sort chronologically; undated entries go last, in document order (stable sort).
  candidates.sort((a, b) =>
    a.date === b.date ? 0 : a.date === '' ? 1 : b.date === '' ? -1 : a.date < b.date ? 1 : -1,
  );
  return candidates.slice(0, options.maxUrls).map(({ date: _date, ...selected }) => selected);
}

export function sitemapItemKey(url: string): string {
  return `url:${normaliseLink(url) ?? url}`;
}

/** Child sitemaps of an index to read: the most recently modified first, at most `max`. */
export function selectChildSitemaps(sitemaps: SitemapReference[], max: number): SitemapReference[] {
  return [...sitemaps].sort((a, b) => (b.lastModified ?? '').localeCompare(a.lastModified ?? '')).slice(0, max);
}
