import { z } from 'zod';
import { envelope, isoDateTime, nullableString, sourceKind, sourceRef } from './common';

/** What the fetcher knew about a feed item when the raw document is one item of a feed. */
export const feedItemMeta = z.object({
  guid: nullableString,
  title: nullableString,
  author: nullableString,
  publishedAt: isoDateTime.nullable(),
  categories: z.array(z.string()),
  feedTitle: nullableString,
});

export const rawDocumentSchema = z.object({
  ...envelope,
  source: sourceRef.extend({
    kind: sourceKind,
    /**
     * The sites this source is registered for (`sourceSites`: its URL's site plus configured domains; empty for
     * drop folders and `inkstream ingest`). Text it delivers about a URL elsewhere gets an id scoped to the source
     * (./ownership.ts). Absent in older messages: derived from `domain`.
     */
    sites: z.array(z.string()).optional(),
  }),
  url: nullableString,
  /**
   * The URL `content` was fetched from, after redirects (a page, a sitemap's page, a feed item's page in full-text
   * mode); null when the content came inside the source's own document (a feed item's text, a dropped file).
   * Text fetched from a URL's own site is that site's (./ownership.ts). Absent in older messages: null.
   */
  fetchedFrom: nullableString.optional(),
  fetchedAt: isoDateTime,
  contentType: nullableString,
  /** `gzip-base64` for large bodies: Kafka messages stay under the broker's size limit without truncating text. */
  encoding: z.enum(['utf8', 'gzip-base64']),
  content: z.string(),
  contentHash: z.string().min(1),
  contentLength: z.number().int().nonnegative(),
  httpStatus: z.number().int().nullable(),
  etag: nullableString,
  lastModified: nullableString,
  feedItem: feedItemMeta.nullable(),
  /** True when this is a changed version of something already published (same guid or URL, new content). */
  isUpdate: z.boolean(),
});
export type RawDocument = z.infer<typeof rawDocumentSchema>;
