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
     * Registrable domains under which this source may create or update articles (its URL's plus configured ones;
     * empty for drop folders and `inkstream ingest`). An article with a URL elsewhere gets an id scoped to the
     * source (libs/extraction article-ownership). Absent in older messages: derived from `domain`.
     */
    sites: z.array(z.string()).optional(),
  }),
  url: nullableString,
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
