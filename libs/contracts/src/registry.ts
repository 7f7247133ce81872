import type { z } from 'zod';
import { articleCandidateSchema, duplicateNoticeSchema, uniqueArticleSchema } from './article';
import { cleanArticleSchema } from './clean-article';
import { ARTICLE_SCHEMA_VERSION } from './common';
import { enrichedArticleSchema } from './enriched-article';
import { rawDocumentSchema } from './raw-document';
import { Topics, type TopicName } from './topics';

/** Turns a message of an older schema version into one of the current version, as it is read. */
export type Upgrade = (message: Record<string, unknown>) => Record<string, unknown>;

/**
 * Version 1 article messages had no `authors`: the names were never split out of the byline, so the list is empty
 * (the byline itself is kept). Readers upgrade on read, so producers of either version can run during a rollout.
 */
export const upgradeArticleV1: Upgrade = (message) => ({
  ...message,
  schemaVersion: ARTICLE_SCHEMA_VERSION,
  authors: [],
});

const articleVersions = { version: ARTICLE_SCHEMA_VERSION, upgrades: { 1: upgradeArticleV1 } } as const;
const firstVersion = { version: 1, upgrades: {} } as const;

/**
 * Which schema (and message type name) travels on which topic, the version producers write and the older versions
 * readers still accept: the single table producers and consumers share.
 */
export const TopicSchemas = {
  [Topics.rawDocuments]: { messageType: 'raw-document', schema: rawDocumentSchema, ...firstVersion },
  [Topics.articleCandidates]: { messageType: 'article-candidate', schema: articleCandidateSchema, ...articleVersions },
  [Topics.uniqueArticles]: { messageType: 'unique-article', schema: uniqueArticleSchema, ...articleVersions },
  [Topics.duplicateNotices]: { messageType: 'duplicate-notice', schema: duplicateNoticeSchema, ...firstVersion },
  [Topics.enrichedArticles]: { messageType: 'enriched-article', schema: enrichedArticleSchema, ...articleVersions },
  [Topics.cleanArticles]: { messageType: 'clean-article', schema: cleanArticleSchema, ...articleVersions },
} as const satisfies Record<
  TopicName,
  { messageType: string; schema: z.ZodTypeAny; version: number; upgrades: Readonly<Record<number, Upgrade>> }
>;

export type MessageOf<T extends TopicName> = z.infer<(typeof TopicSchemas)[T]['schema']>;

/** The schema versions a reader of `topic` accepts: the current one, then those it upgrades, newest first. */
export function acceptedVersions(topic: TopicName): number[] {
  const { version, upgrades } = TopicSchemas[topic];
  return [version, ...Object.keys(upgrades).map(Number)].sort((a, b) => b - a);
}
