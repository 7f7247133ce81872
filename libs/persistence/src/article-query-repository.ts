import { DependencyUnavailableError } from '@inkstream/errors';
import { articleSummarySchema, type ArticlePage, type ArticleSummary, type CleanArticle } from '@inkstream/contracts';
import { cleanArticleFrom, type ArticleRecord } from './article-record';
import {
  buildArticleQuery,
  encodeArticleCursor,
  type ArticleCursor,
  type ArticleFilter,
  type ArticleTimeField,
} from './article-query';
import {
  encodeSearchCursor,
  highlightArticle,
  MAX_SEARCH_DEPTH,
  parseSearchTerms,
  type SearchCursor,
} from './article-search';
import type { DuplicateRecord } from './duplicate-record';
import { currentTextIndex, type ArticleModels } from './models';
import { storySearchQuery } from './search-text';
import { wholeBatch } from './whole-batch';

// The list shapes are contracts (libs/contracts clean-article.ts): the OpenAPI document publishes them.
export type { ArticlePage, ArticleSummary };

export interface StoryCluster {
  clusterId: string;
  articles: ArticleSummary[];
  duplicates: Array<DuplicateRecord['ref'] & { duplicateOf: string; title: string }>;
}

/** Fields a list never loads: the text and the store's bookkeeping. */
const SUMMARY_PROJECTION = {
  body: 0,
  paragraphs: 0,
  blocks: 0,
  headings: 0,
  contentHash: 0,
  revisedAt: 0,
  publishedVersion: 0,
  filterKeys: 0,
  searchText: 0,
} as const;

/**
 * A search reads the body too (for its snippets), then leaves it out of the summary like a list does. An inclusion
 * projection, from the summary contract's fields: FerretDB 2 refuses `$meta` beside exclusions.
 */
const SEARCH_PROJECTION = {
  ...Object.fromEntries(
    Object.keys(articleSummarySchema.shape)
      .filter((field) => field !== 'id' && field !== 'search')
      .map((field) => [field, 1]),
  ),
  body: 1,
  score: { $meta: 'textScore' },
};

const CLUSTER_LIMIT = 500;

export function articleSummaryFrom(record: ArticleRecord): ArticleSummary {
  const { body: _b, paragraphs: _p, blocks: _bl, headings: _h, entities, ...rest } = cleanArticleFrom(record);
  return { ...rest, entities: (entities ?? []).map(({ mentions: _m, ...entity }) => entity) };
}

/** Read side of the `articles` and `duplicates` collections for the API; writes stay in ArticleRepository. */
export class ArticleQueryRepository {
  constructor(private readonly models: ArticleModels) {}

  async list(
    filter: ArticleFilter,
    options: { field: ArticleTimeField; limit: number; cursor?: ArticleCursor },
  ): Promise<ArticlePage> {
    const query = buildArticleQuery(filter, options.field, options.cursor);
    // One extra row tells whether another page exists without a count (counts are full scans on FerretDB).
    const records = await this.models.articles
      .find(query.filter, SUMMARY_PROJECTION)
      .sort(query.sort)
      .limit(options.limit + 1)
      .lean<ArticleRecord[]>()
      .exec();
    const page = records.slice(0, options.limit);
    const last = page[page.length - 1];
    const time = last?.[options.field];
    const nextCursor =
      records.length > options.limit && last && time
        ? encodeArticleCursor({ field: options.field, time, id: last._id })
        : null;
    return { items: page.map(articleSummaryFrom), nextCursor };
  }

  /**
   * Full-text search over the title and the story text or the body (the search scope's text index), most relevant
   * first, within the same filters as a list; each hit carries its score and highlighted matches. Pages by position
   * up to MAX_SEARCH_DEPTH.
   */
  async search(
    query: string,
    filter: ArticleFilter,
    options: { limit: number; cursor?: SearchCursor },
  ): Promise<ArticlePage> {
    const offset = options.cursor?.offset ?? 0;
    const limit = Math.min(options.limit, MAX_SEARCH_DEPTH - offset);
    const conditions = buildArticleQuery(filter, 'storedAt').filter;
    // The story text holds no common words, so a phrase is looked for as it stands there (search-text.ts).
    const index = await currentTextIndex(this.models);
    if (!index) throw searchUnavailable();
    const storyText = Object.keys(index.weights ?? {}).includes('searchText');
    const text = { $text: { $search: storyText ? storySearchQuery(query) : query } };
    const records = await this.models.articles
      .find(Object.keys(conditions).length === 0 ? text : { ...text, $and: [conditions] }, SEARCH_PROJECTION)
      .sort({ score: { $meta: 'textScore' }, _id: 1 })
      .skip(offset)
      .limit(limit + 1)
      .lean<Array<ArticleRecord & { score: number }>>()
      .exec()
      .catch((error: unknown) => {
        // Dropped since it was read: the store is rebuilding it.
        if (!isMissingTextIndex(error)) throw error;
        throw searchUnavailable(error);
      });
    const terms = parseSearchTerms(query);
    const items = records.slice(0, limit).map(({ score, ...record }) => ({
      ...articleSummaryFrom(record),
      search: { score, highlights: highlightArticle({ title: record.title, body: record.body ?? '' }, terms) },
    }));
    const next = offset + limit;
    const nextCursor =
      records.length > limit && next < MAX_SEARCH_DEPTH ? encodeSearchCursor({ query, offset: next }) : null;
    return { items, nextCursor };
  }

  async findById(id: string): Promise<CleanArticle | null> {
    const record = await this.models.articles.findById(id).lean<ArticleRecord>().exec();
    return record ? cleanArticleFrom(record) : null;
  }

  /** The stored articles of a story plus every duplicate recorded against it (also those whose original is missing). */
  async findCluster(clusterId: string): Promise<StoryCluster | null> {
    const [records, duplicates] = await Promise.all([
      this.models.articles
        .find({ clusterId }, SUMMARY_PROJECTION)
        .sort({ storedAt: -1, _id: -1 })
        .limit(CLUSTER_LIMIT)
        .lean<ArticleRecord[]>()
        .exec(),
      this.models.duplicates
        .find({ clusterId })
        .limit(CLUSTER_LIMIT)
        .setOptions(wholeBatch(CLUSTER_LIMIT))
        .lean<DuplicateRecord[]>()
        .exec(),
    ]);
    if (records.length === 0 && duplicates.length === 0) return null;
    return {
      clusterId,
      articles: records.map(articleSummaryFrom),
      duplicates: duplicates.map((record) => ({ ...record.ref, duplicateOf: record.duplicateOf, title: record.title })),
    };
  }

  async counts(): Promise<{ articles: number; duplicates: number }> {
    const [articles, duplicates] = await Promise.all([
      this.models.articles.estimatedDocumentCount().exec(),
      this.models.duplicates.estimatedDocumentCount().exec(),
    ]);
    return { articles, duplicates };
  }
}

function searchUnavailable(cause?: unknown): DependencyUnavailableError {
  return new DependencyUnavailableError(
    'full-text search is unavailable: the articles have no text index (the store builds it at startup, and ' +
      'rebuilds it after an ARTICLE_SEARCH_SCOPE change or an upgrade that changes it); lists and filters still answer',
    cause === undefined ? undefined : { cause },
  );
}

/** The server's answer to `$text` on a collection without a text index (MongoDB and FerretDB 2: IndexNotFound, 27). */
function isMissingTextIndex(error: unknown): boolean {
  return (error as { code?: unknown }).code === 27 || /text index required/i.test(String((error as Error).message));
}
