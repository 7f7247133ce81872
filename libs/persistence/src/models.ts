import { Schema, type Connection, type Model } from 'mongoose';
import type { ArticleRecord, PublicationRecord } from './article-record';
import { articleFilterKeys } from './filter-keys';
import {
  articleSearchText,
  DEFAULT_SEARCH_SCOPE,
  searchIndexName,
  searchIndexWeights,
  type SearchScope,
} from './search-text';
import type { DuplicateRecord } from './duplicate-record';

/** Indexes of earlier releases that `filterKeys` replaced: dropped at startup, each one a cost on every insert. */
const LEGACY_ARTICLE_INDEXES = ['entities.name_1', 'places.country_1', 'topics.value_1'];

/**
 * Schemas declare only what is indexed or queried; the rest of a record is validated by the message contracts
 * before it gets here. FerretDB 2 has TTL, partial and text indexes but no collations (neither on an index nor on a
 * query), so no index or query here uses one, and the same model runs on FerretDB here and MongoDB 7/8 in
 * production: case- and accent-insensitive filters go through `filterKeys`, checked by explaining the queries.
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
articleSchema.index({ filterKeys: 1 });
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

export interface ArticleIndexOptions {
  /** What the full-text index covers besides the title (search-text.ts). */
  searchScope: SearchScope;
  /**
   * The store owns the text index: it replaces one of another scope (first filling `searchText` on older articles).
   * Any other service only creates it where none exists, so it never answers a search without one.
   */
  ownsSearchIndex: boolean;
}

/** Creates the declared indexes (autoIndex is off so services never build indexes implicitly at random times). */
export async function ensureArticleIndexes(
  models: ArticleModels,
  options: ArticleIndexOptions = { searchScope: DEFAULT_SEARCH_SCOPE, ownsSearchIndex: false },
): Promise<void> {
  await models.articles.createIndexes();
  await models.duplicates.createIndexes();
  const existing = new Set((await models.articles.listIndexes()).map((index: { name: string }) => index.name));
  for (const name of LEGACY_ARTICLE_INDEXES) {
    if (existing.has(name)) await models.articles.collection.dropIndex(name);
  }
  await backfillFilterKeys(models);
  await ensureSearchIndex(models, options);
}

export interface TextIndexInfo {
  name: string;
  key: Record<string, unknown>;
  weights?: Record<string, number>;
}

/**
 * The one text index a collection may have, over the scope's fields. No stemming and no per-document language:
 * articles come in every language, and MongoDB refuses a document whose language field names one its stemmer lacks
 * (ours holds ISO codes such as `ar`), so the language override points at a field no article has.
 */
async function ensureSearchIndex(models: ArticleModels, options: ArticleIndexOptions): Promise<void> {
  const weights = searchIndexWeights(options.searchScope);
  const name = searchIndexName(options.searchScope);
  const current = await currentTextIndex(models);
  if (current) {
    const same = current.name === name && sameKeys(Object.keys(current.weights ?? {}), Object.keys(weights));
    if (same || !options.ownsSearchIndex) return;
    // Two store replicas starting together both see the old index; the one that drops it second finds it gone.
    await models.articles.collection.dropIndex(current.name).catch((error: { code?: number }) => {
      if (error.code !== INDEX_NOT_FOUND) throw error;
    });
  }
  // Filled before the index is built: a bulk build costs far less than updating a live index document by document.
  if (options.searchScope === 'story') await backfillSearchText(models);
  await models.articles.collection.createIndex(
    Object.fromEntries(Object.keys(weights).map((field) => [field, 'text'])),
    { name, weights, default_language: 'none', language_override: 'textSearchLanguage' },
  );
}

/** The collection's text index, if it has one (a collection may have only one). */
export async function currentTextIndex(models: ArticleModels): Promise<TextIndexInfo | undefined> {
  const indexes = (await models.articles.listIndexes()) as TextIndexInfo[];
  return indexes.find((index) => Object.values(index.key).includes('text'));
}

const INDEX_NOT_FOUND = 27;

const sameKeys = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((key) => b.includes(key));

type SearchSourceFields = Pick<
  ArticleRecord,
  '_id' | 'title' | 'standfirst' | 'body' | 'summary' | 'entities' | 'places' | 'keywords' | 'searchText'
>;
const SEARCH_SOURCE_PROJECTION = {
  title: 1,
  standfirst: 1,
  body: 1,
  summary: 1,
  entities: 1,
  places: 1,
  keywords: 1,
  searchText: 1,
};

/**
 * Articles whose `searchText` is not what this release derives (stored before it existed, or before it lost the
 * common words) get it; returns how many were updated.
 */
export function backfillSearchText(models: ArticleModels): Promise<number> {
  return backfillInIdOrder<SearchSourceFields>(models, SEARCH_SOURCE_PROJECTION, (record) => {
    const searchText = articleSearchText({
      title: record.title ?? '',
      standfirst: record.standfirst ?? null,
      body: record.body ?? '',
      enrichment: {
        summary: record.summary ?? '',
        entities: record.entities ?? [],
        places: record.places ?? [],
        keywords: record.keywords ?? [],
      },
    });
    return searchText === record.searchText ? null : { searchText };
  });
}

/**
 * Gives older articles fields derived from their others: reads the collection once in `_id` order, a batch at a
 * time, and sets what `update` returns on each record it returns fields for (null: the record is as it should be).
 * A filter on a missing field instead would scan again from the start for every batch, over every article that has
 * it already: quadratic in a large store.
 */
async function backfillInIdOrder<T extends { _id: string }>(
  models: ArticleModels,
  projection: Record<string, number>,
  update: (record: T) => Record<string, unknown> | null,
): Promise<number> {
  let updated = 0;
  let after = '';
  for (;;) {
    const batch = await models.articles
      .find({ _id: { $gt: after } }, projection)
      .sort({ _id: 1 })
      .limit(BACKFILL_BATCH)
      .lean<T[]>()
      .exec();
    if (batch.length === 0) return updated;
    after = batch[batch.length - 1]._id;
    const stale = batch.flatMap((record) => {
      const fields = update(record);
      return fields ? [{ updateOne: { filter: { _id: record._id }, update: { $set: fields } } }] : [];
    });
    if (stale.length === 0) continue;
    await models.articles.bulkWrite(stale, { ordered: false });
    updated += stale.length;
  }
}

const FILTER_KEYS_MIGRATION = 'article-filter-keys';
const BACKFILL_BATCH = 500;

/**
 * Articles stored before `filterKeys` existed get them once (`backfillInIdOrder`), so the case-insensitive filters
 * find them too. A marker in `migrations` makes every later start one `_id` read instead of a scan for records without keys.
 * Returns how many articles it updated. Safe to run from two services at once: each write sets the same keys.
 */
export async function backfillFilterKeys(models: ArticleModels): Promise<number> {
  const migrations = models.articles.db.collection<{ _id: string; doneAt: string }>('migrations');
  if (await migrations.findOne({ _id: FILTER_KEYS_MIGRATION })) return 0;
  const updated = await backfillInIdOrder<Pick<ArticleRecord, '_id' | 'entities' | 'places' | 'topics' | 'filterKeys'>>(
    models,
    { entities: 1, places: 1, topics: 1, filterKeys: 1 },
    (record) =>
      record.filterKeys !== undefined
        ? null
        : {
            filterKeys: articleFilterKeys({
              entities: record.entities ?? [],
              places: record.places ?? [],
              topics: record.topics ?? [],
            }),
          },
  );
  await migrations.updateOne(
    { _id: FILTER_KEYS_MIGRATION },
    { $set: { doneAt: new Date().toISOString() } },
    { upsert: true },
  );
  return updated;
}
