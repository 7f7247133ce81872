import type { z } from 'zod';
import { articleCandidateSchema, duplicateNoticeSchema, uniqueArticleSchema } from './article';
import { cleanArticleSchema } from './clean-article';
import { enrichedArticleSchema } from './enriched-article';
import { rawDocumentSchema } from './raw-document';
import { Topics, type TopicName } from './topics';

/** Which schema (and message type name) travels on which topic: the single table producers and consumers share. */
export const TopicSchemas = {
  [Topics.rawDocuments]: { messageType: 'raw-document', schema: rawDocumentSchema },
  [Topics.articleCandidates]: { messageType: 'article-candidate', schema: articleCandidateSchema },
  [Topics.uniqueArticles]: { messageType: 'unique-article', schema: uniqueArticleSchema },
  [Topics.duplicateNotices]: { messageType: 'duplicate-notice', schema: duplicateNoticeSchema },
  [Topics.enrichedArticles]: { messageType: 'enriched-article', schema: enrichedArticleSchema },
  [Topics.cleanArticles]: { messageType: 'clean-article', schema: cleanArticleSchema },
} as const satisfies Record<TopicName, { messageType: string; schema: z.ZodTypeAny }>;

export type MessageOf<T extends TopicName> = z.infer<(typeof TopicSchemas)[T]['schema']>;

export const SUPPORTED_SCHEMA_VERSIONS: readonly number[] = [1];
