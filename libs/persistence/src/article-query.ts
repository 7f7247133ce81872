import type { CleanArticle } from '@inkstream/contracts';
import { filterKey, foldForMatch } from './filter-keys';

/**
 * Article search as pure functions: the filter a reader asks for, the MongoDB query that answers it with indexed
 * equality/range conditions only (full-text search is article-search.ts), the same filter as a predicate for
 * messages that never touch the database (the live stream), and the opaque cursor of keyset pagination.
 */

/** Which timestamp orders the list and bounds `from`/`to`; both have a `(field desc, _id desc)` index. */
export type ArticleTimeField = 'storedAt' | 'publishedAt';

export interface ArticleFilter {
  sourceId?: string;
  language?: string;
  /** Entity name, whatever its case and accents, e.g. "jens stoltenberg". */
  entity?: string;
  /** ISO 3166 alpha-2 country code (matches `places.country`) or a place name (any case and accents). */
  place?: string;
  topic?: string;
  clusterId?: string;
  /** Matches an extracted keyword exactly (keywords are stored lower-case); not a full-text search. */
  keyword?: string;
  /** Inclusive bounds on the time field, ISO-8601 UTC (`toISOString()` form, which sorts as text). */
  from?: string;
  to?: string;
}

/**
 * The API's article filter parameters (`/api/articles`, `/api/stream`, `inkstream tail --filter`) and the
 * ArticleFilter field each one sets: the one place a parameter name meets its field. `from`/`to` are range bounds,
 * named the same in both.
 */
export const ARTICLE_FILTER_PARAMS = {
  source: 'sourceId',
  language: 'language',
  entity: 'entity',
  place: 'place',
  topic: 'topic',
  cluster: 'clusterId',
  keyword: 'keyword',
} as const satisfies Record<string, keyof ArticleFilter>;
export type ArticleFilterParam = keyof typeof ARTICLE_FILTER_PARAMS;

/** Where the previous page ended: the last item's time and id. */
export interface ArticleCursor {
  field: ArticleTimeField;
  time: string;
  id: string;
}

export class InvalidCursorError extends Error {
  override readonly name = 'InvalidCursorError';
}

const COUNTRY_CODE = /^[A-Za-z]{2}$/;

/** A place is a country code when it has exactly two letters; anything longer is a place name. */
export function placeKey(place: string): string {
  return COUNTRY_CODE.test(place) ? filterKey('country', place) : filterKey('place', place);
}

export function encodeArticleCursor(cursor: ArticleCursor): string {
  return Buffer.from(JSON.stringify([cursor.field, cursor.time, cursor.id]), 'utf8').toString('base64url');
}

/**
 * The cursor is opaque to clients but not trusted: it is parsed strictly so a forged one cannot smuggle an operator
 * object into the query (each part must be a plain string).
 */
export function decodeArticleCursor(text: string): ArticleCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError('cursor is not one this API issued');
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 3 ||
    (parsed[0] !== 'storedAt' && parsed[0] !== 'publishedAt') ||
    typeof parsed[1] !== 'string' ||
    typeof parsed[2] !== 'string' ||
    parsed[1] === '' ||
    parsed[2] === ''
  ) {
    throw new InvalidCursorError('cursor is not one this API issued');
  }
  return { field: parsed[0], time: parsed[1], id: parsed[2] };
}

export interface ArticleQuery {
  filter: Record<string, unknown>;
  sort: Record<string, 1 | -1>;
}

/** Newest first by `field`, ties broken by id so pages never overlap or skip, resuming strictly after `cursor`. */
export function buildArticleQuery(
  filter: ArticleFilter,
  field: ArticleTimeField = 'storedAt',
  cursor?: ArticleCursor,
): ArticleQuery {
  if (cursor && cursor.field !== field) {
    throw new InvalidCursorError(`cursor was issued for sort=${cursor.field}, not sort=${field}`);
  }
  const conditions: Array<Record<string, unknown>> = [];
  if (filter.sourceId !== undefined) conditions.push({ sourceId: filter.sourceId });
  if (filter.language !== undefined) conditions.push({ language: filter.language });
  if (filter.clusterId !== undefined) conditions.push({ clusterId: filter.clusterId });
  if (filter.entity !== undefined) conditions.push({ filterKeys: filterKey('entity', filter.entity) });
  if (filter.place !== undefined) conditions.push({ filterKeys: placeKey(filter.place) });
  if (filter.topic !== undefined) conditions.push({ filterKeys: filterKey('topic', filter.topic) });
  if (filter.keyword !== undefined) conditions.push({ 'keywords.value': filter.keyword.toLowerCase() });
  // Articles without a publication date stay out of a publishedAt listing: nulls cannot be paged by range. `$type`
  // rather than `$gt: ''`: DocumentDB (FerretDB 2) merges `$gt: ''` with the cursor's `$lt` into one range and then
  // applies it to the cursor's equality branch too, which returned empty second pages.
  const range: Record<string, string> = {};
  if (field === 'publishedAt') conditions.push({ publishedAt: { $type: 'string' } });
  if (filter.from !== undefined) range.$gte = filter.from;
  if (filter.to !== undefined) range.$lte = filter.to;
  if (Object.keys(range).length > 0) conditions.push({ [field]: range });
  if (cursor) {
    conditions.push({ $or: [{ [field]: { $lt: cursor.time } }, { [field]: cursor.time, _id: { $lt: cursor.id } }] });
  }
  const query = conditions.length === 0 ? {} : conditions.length === 1 ? conditions[0] : { $and: conditions };
  return { filter: query, sort: { [field]: -1, _id: -1 } };
}

/** The subset of a clean article the filter looks at. */
export type FilterableArticle = Pick<
  CleanArticle,
  'sourceId' | 'language' | 'clusterId' | 'entities' | 'places' | 'topics' | 'keywords' | 'storedAt' | 'publishedAt'
>;

/** The same filter as buildArticleQuery, for an article in hand (the live stream filters messages, not documents). */
export function articleMatchesFilter(
  article: FilterableArticle,
  filter: ArticleFilter,
  field: ArticleTimeField = 'storedAt',
): boolean {
  if (filter.sourceId !== undefined && article.sourceId !== filter.sourceId) return false;
  if (filter.language !== undefined && article.language !== filter.language) return false;
  if (filter.clusterId !== undefined && article.clusterId !== filter.clusterId) return false;
  if (filter.entity !== undefined) {
    const entity = foldForMatch(filter.entity);
    if (!article.entities.some((candidate) => foldForMatch(candidate.name) === entity)) return false;
  }
  if (filter.place !== undefined) {
    const key = placeKey(filter.place);
    const keys = article.places.flatMap((place) =>
      place.country
        ? [filterKey('place', place.name), filterKey('country', place.country)]
        : [filterKey('place', place.name)],
    );
    if (!keys.includes(key)) return false;
  }
  if (filter.topic !== undefined) {
    const topic = foldForMatch(filter.topic);
    if (!article.topics.some((candidate) => foldForMatch(candidate.value) === topic)) return false;
  }
  if (filter.keyword !== undefined) {
    const keyword = filter.keyword.toLowerCase();
    if (!article.keywords.some((entry) => entry.value === keyword)) return false;
  }
  const time = article[field];
  if (filter.from !== undefined && (time === null || time < filter.from)) return false;
  if (filter.to !== undefined && (time === null || time > filter.to)) return false;
  return true;
}
