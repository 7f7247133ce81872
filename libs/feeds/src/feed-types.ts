import type { WebSubLinks } from './websub-discovery';

/** The feed dialects parseFeed recognises, detected from content (never from the URL or Content-Type). */
export type FeedFormat = 'rss2' | 'rss1' | 'rss09' | 'atom1' | 'atom03' | 'jsonfeed';

export interface FeedEnclosure {
  url: string;
  type: string | null;
  length: number | null;
}

export interface FeedItem {
  /** guid / atom:id / JSON Feed id */
  guid: string | null;
  /** absolute item link (relative links resolved against xml:base / feed link / baseUrl) */
  url: string | null;
  /** plain text, entities decoded */
  title: string | null;
  author: string | null;
  /** ISO-8601 UTC */
  publishedAt: string | null;
  /** ISO-8601 UTC */
  updatedAt: string | null;
  /** description / atom:summary / JSON Feed summary (HTML as given) */
  summary: string | null;
  /** full content: content:encoded / atom:content / JSON Feed content_html|content_text */
  content: string | null;
  categories: string[];
  /** enclosures, media:content, podcasts (itunes) */
  enclosures: FeedEnclosure[];
}

export interface FeedMetadata {
  title: string | null;
  link: string | null;
  description: string | null;
  language: string | null;
  updatedAt: string | null;
}

/** What a feed says about its own pace (null: it does not say); a lower bound for the poll interval. */
export interface FeedPollHints {
  /** RSS `<ttl>`, in seconds */
  ttlSeconds: number | null;
  /** `sy:updatePeriod` divided by `sy:updateFrequency`, in seconds */
  updatePeriodSeconds: number | null;
}

export interface ParsedFeed {
  format: FeedFormat;
  /** WebSub hubs and self link the document advertises (`Link` headers are the fetcher's to read) */
  websub: WebSubLinks;
  feed: FeedMetadata;
  pollHints: FeedPollHints;
  /** document order; the first `maxItems` when the document lists more */
  items: FeedItem[];
  /** how many items the document lists (more than `items.length` when cut at `maxItems`) */
  itemsListed: number;
}

export interface ParseFeedOptions {
  baseUrl?: string;
  /**
   * Items read at most, in document order (feeds list newest first): the rest are never mapped, so what a poll
   * holds and publishes is bounded by this, not by what a source chooses to list.
   */
  maxItems?: number;
}
