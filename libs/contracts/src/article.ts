import { z } from 'zod';
import { articleEnvelope, envelope, isoDateTime, nullableString, sourceRef } from './common';
import { contentOrigin } from './ownership';

export const articleBlock = z.object({ type: z.enum(['paragraph', 'heading']), text: z.string() });

/** The text of an article as the splitter found it; shared by every later stage's message. */
export const articleText = {
  url: nullableString,
  canonicalUrl: nullableString,
  source: sourceRef,
  title: z.string(),
  standfirst: nullableString,
  paragraphs: z.array(z.string()),
  headings: z.array(z.string()),
  blocks: z.array(articleBlock),
  body: z.string(),
  /** The byline as the page wrote it ("By Ann Lee and Bo Chen, Reuters"), agencies and all. */
  byline: nullableString,
  /**
   * Who wrote it, one name each, in page order (schema version 2): the persons credited; when none is, the agencies
   * and organisations credited; on a page that credits only itself, the site. `[]` when nothing is credited.
   */
  authors: z.array(z.string()),
  publishedAt: isoDateTime.nullable(),
  modifiedAt: isoDateTime.nullable(),
  fetchedAt: isoDateTime,
  dateline: nullableString,
  language: nullableString,
  leadImage: nullableString,
  section: nullableString,
  tags: z.array(z.string()),
  kind: z.enum(['article', 'teaser', 'live-entry']),
  /** Only a summary was available (feed item without full content); full-text mode may supply the page later. */
  partial: z.boolean(),
  rawDocumentId: z.string().min(1),
  /** Position of the article in its raw document: page order, main article first. */
  position: z.number().int().nonnegative(),
  /** Blocks the splitter dropped because the document repeated them; the deduplicator adds its own removals. */
  repeatedBlocksRemoved: z.number().int().nonnegative().optional(),
  /**
   * Where the text came from and whether it holds its URL's identity (./ownership.ts). Absent in messages of
   * releases before it: the deduplicator then treats the URL as the article's own, as those releases did.
   */
  contentOrigin: contentOrigin.optional(),
};

export const articleCandidateSchema = z.object({ ...articleEnvelope, ...articleText, extractedAt: isoDateTime });
export type ArticleCandidate = z.infer<typeof articleCandidateSchema>;

export const dedupMethod = z.enum(['url', 'content-hash', 'near-duplicate']);

export const uniqueArticleSchema = articleCandidateSchema.extend({
  clusterId: z.string().min(1),
  dedup: z.object({
    verdict: z.enum(['unique', 'update']),
    checkedAt: isoDateTime,
    repeatedParagraphsRemoved: z.number().int().nonnegative(),
  }),
});
export type UniqueArticle = z.infer<typeof uniqueArticleSchema>;

export const duplicateNoticeSchema = z.object({
  ...envelope,
  url: nullableString,
  title: z.string(),
  source: sourceRef,
  rawDocumentId: z.string().min(1),
  duplicateOf: z.string().min(1),
  clusterId: z.string().min(1),
  similarity: z.number().min(0).max(1),
  method: dedupMethod,
  detectedAt: isoDateTime,
});
export type DuplicateNotice = z.infer<typeof duplicateNoticeSchema>;
