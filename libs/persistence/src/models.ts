import { Schema, type Connection, type Model } from 'mongoose';
import type { ArticleRecord, PublicationRecord } from './article-record';
import type { DuplicateRecord } from './duplicate-record';

/**
 * Schemas declare only what is indexed or queried; the rest of a record is validated by the message contracts
 * before it gets here. FerretDB 2 has TTL, partial and text indexes but no collations (neither on an index nor on a
 * query), so no index or query here uses one: the same model runs on FerretDB here and MongoDB 7/8 in production.
 */
const articleSchema = new Schema<ArticleRecord>(
  {
    _id: { type: String, required: true },
    sourceId: { type: String, required: true },
    clusterId: { type: String, required: true },
    publishedAt: { type: String, default: null },
    storedAt: { type: String, required: true },
    language: { type: String },
    version: { type: Number, required: true },
  },
  { collection: 'articles', strict: false, versionKey: false, _id: false },
);
articleSchema.index({ storedAt: -1, _id: -1 });
articleSchema.index({ publishedAt: -1, _id: -1 });
articleSchema.index({ sourceId: 1, storedAt: -1 });
articleSchema.index({ clusterId: 1 });
articleSchema.index({ language: 1, storedAt: -1 });
articleSchema.index({ 'entities.name': 1 });
articleSchema.index({ 'places.country': 1 });
articleSchema.index({ 'topics.value': 1 });
articleSchema.index({ 'keywords.value': 1 });
articleSchema.index({ canonicalUrl: 1 });

const duplicateSchema = new Schema<DuplicateRecord>(
  {
    _id: { type: String, required: true },
    duplicateOf: { type: String, required: true },
    clusterId: { type: String, required: true },
  },
  { collection: 'duplicates', strict: false, versionKey: false, _id: false },
);
duplicateSchema.index({ duplicateOf: 1 });
duplicateSchema.index({ clusterId: 1 });

const publicationSchema = new Schema<PublicationRecord>(
  {
    _id: { type: String, required: true },
    version: { type: Number, required: true },
    storedAt: { type: String, required: true },
  },
  { collection: 'article_publications', versionKey: false, _id: false },
);

export interface ArticleModels {
  articles: Model<ArticleRecord>;
  duplicates: Model<DuplicateRecord>;
  publications: Model<PublicationRecord>;
}

export function articleModels(connection: Connection): ArticleModels {
  return {
    articles: connection.models.Article ?? connection.model<ArticleRecord>('Article', articleSchema),
    duplicates: connection.models.Duplicate ?? connection.model<DuplicateRecord>('Duplicate', duplicateSchema),
    publications:
      connection.models.ArticlePublication ??
      connection.model<PublicationRecord>('ArticlePublication', publicationSchema),
  };
}

/** Creates the declared indexes (autoIndex is off so services never build indexes implicitly at random times). */
export async function ensureArticleIndexes(models: ArticleModels): Promise<void> {
  await models.articles.createIndexes();
  await models.duplicates.createIndexes();
}
