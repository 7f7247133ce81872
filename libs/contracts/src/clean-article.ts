import { z } from 'zod';
import { articleBlock, dedupMethod } from './article';
import { ARTICLE_SCHEMA_VERSION, isoDateTime, nullableString, sourceRef } from './common';
import { enrichmentFields, entity } from './enrichment';
import { contentOrigin } from './ownership';

export const duplicateRef = z.object({
  id: z.string(),
  url: nullableString,
  source: sourceRef,
  similarity: z.number(),
  method: dedupMethod,
  detectedAt: isoDateTime,
});
export type DuplicateRef = z.infer<typeof duplicateRef>;

/** An enriched article as stored; what downstream consumers receive on the clean topic and from the API. */
export const cleanArticleSchema = z.object({
  schemaVersion: z.literal(ARTICLE_SCHEMA_VERSION),
  id: z.string().min(1),
  traceId: z.string().min(1),
  sourceId: z.string().min(1),
  url: nullableString,
  canonicalUrl: nullableString,
  source: sourceRef,
  title: z.string(),
  standfirst: nullableString,
  body: z.string(),
  paragraphs: z.array(z.string()),
  headings: z.array(z.string()),
  blocks: z.array(articleBlock),
  byline: nullableString,
  /** Who wrote it, one name each (see the article candidate; schema version 2: an article stored before has `[]`). */
  authors: z.array(z.string()),
  publishedAt: isoDateTime.nullable(),
  modifiedAt: isoDateTime.nullable(),
  fetchedAt: isoDateTime,
  dateline: nullableString,
  ...enrichmentFields,
  leadImage: nullableString,
  section: nullableString,
  tags: z.array(z.string()),
  kind: z.enum(['article', 'teaser', 'live-entry']),
  partial: z.boolean(),
  clusterId: z.string().min(1),
  duplicates: z.array(duplicateRef),
  repeatedParagraphsRemoved: z.number().int().nonnegative(),
  provenance: z.object({ rawDocumentId: z.string(), traceId: z.string() }),
  /** Where the text came from (see the article candidate); absent on articles stored before it was recorded. */
  contentOrigin: contentOrigin.optional(),
  /** Bumped on every stored change; consumers keep the highest version they have seen per id. */
  version: z.number().int().positive(),
  storedAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type CleanArticle = z.infer<typeof cleanArticleSchema>;

/** Why an article is a hit of a full-text search (`GET /api/articles?q=`): its relevance and the matches. */
export const searchHit = z.object({
  score: z.number(),
  /** HTML-escaped text with each match in `<mark>…</mark>`: the title when it matches, then body snippets. */
  highlights: z.array(z.object({ field: z.enum(['title', 'body']), snippet: z.string() })),
});

/** A clean article in an API list: without the full text (a page of 100 bodies is megabytes) and entity mentions. */
export const articleSummarySchema = cleanArticleSchema
  .omit({ body: true, paragraphs: true, blocks: true, headings: true, entities: true })
  .extend({ entities: z.array(entity.omit({ mentions: true })), search: searchHit.optional() });
export type ArticleSummary = z.infer<typeof articleSummarySchema>;

/** One page of `GET /api/articles`. */
export const articlePageSchema = z.object({
  items: z.array(articleSummarySchema),
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: z.string().nullable(),
});
export type ArticlePage = z.infer<typeof articlePageSchema>;
