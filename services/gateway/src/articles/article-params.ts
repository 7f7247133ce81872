import {
  ARTICLE_FILTER_PARAMS,
  decodeArticleCursor,
  decodeSearchCursor,
  type SearchCursor,
  type ArticleCursor,
  type ArticleFilter,
  type ArticleFilterParam,
  type ArticleTimeField,
} from '@inkstream/persistence';
import { z } from 'zod';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

const text = (max = 200) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

/** A date (`2026-11-28`, start of day UTC) or a date-time with offset, normalised to the stored `toISOString()` form. */
const instant = z
  .string()
  .trim()
  .refine((value) => /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value), {
    message: 'must be an ISO-8601 date or date-time, e.g. 2026-11-28 or 2026-11-28T10:00:00Z',
  })
  .transform((value, context) => {
    const time = Date.parse(value);
    if (Number.isNaN(time)) {
      context.addIssue({ code: 'custom', message: 'is not a valid date' });
      return z.NEVER;
    }
    return new Date(time).toISOString();
  });

/** Filter parameters shared by the article list and the live stream; query names are the API's, not Mongo's. */
export const filterParams = {
  source: text().optional(),
  language: z
    .string()
    .trim()
    .regex(/^[a-z]{2,3}$/, 'must be a lower-case ISO 639 code such as en')
    .optional(),
  entity: text().optional(),
  place: text().optional(),
  topic: text().optional(),
  cluster: text().optional(),
  keyword: text().optional(),
  from: instant.optional(),
  to: instant.optional(),
} satisfies Record<ArticleFilterParam | 'from' | 'to', z.ZodTypeAny>;

type FilterParams = z.infer<z.ZodObject<typeof filterParams>>;

export function articleFilterFrom(params: FilterParams): ArticleFilter {
  const filter: ArticleFilter = {};
  for (const [param, field] of Object.entries(ARTICLE_FILTER_PARAMS)) {
    const value = params[param as keyof typeof ARTICLE_FILTER_PARAMS];
    if (value !== undefined) filter[field] = value;
  }
  if (params.from !== undefined) filter.from = params.from;
  if (params.to !== undefined) filter.to = params.to;
  return filter;
}

const rangeIsOrdered = (params: { from?: string; to?: string }) =>
  params.from === undefined || params.to === undefined || params.from <= params.to;

/** A list in time order, or (with `q`) a full-text search in relevance order: the same filters either way. */
export type ArticleListRequest =
  | { kind: 'list'; filter: ArticleFilter; field: ArticleTimeField; limit: number; cursor?: ArticleCursor }
  | { kind: 'search'; query: string; filter: ArticleFilter; limit: number; cursor?: SearchCursor };

/** `GET /api/articles`: unknown parameters are refused, so a typo never silently widens a query. */
export const articleListQuery = z
  .object({
    ...filterParams,
    q: text(500).optional(),
    sort: z.enum(['storedAt', 'publishedAt']).optional(),
    limit: z.coerce
      .number({ invalid_type_error: 'must be a number' })
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(MAX_PAGE_SIZE, `must be at most ${MAX_PAGE_SIZE}`)
      .default(DEFAULT_PAGE_SIZE),
    cursor: z.string().max(1_000).optional(),
  })
  .strict()
  .refine(rangeIsOrdered, { message: 'must not be after to', path: ['from'] })
  .transform((params, context): ArticleListRequest => {
    if (params.q !== undefined) {
      if (params.sort !== undefined) {
        context.addIssue({
          code: 'custom',
          path: ['sort'],
          message: 'cannot be combined with q (a search is ordered by relevance)',
        });
        return z.NEVER;
      }
      let cursor: SearchCursor | undefined;
      if (params.cursor !== undefined) {
        try {
          cursor = decodeSearchCursor(params.cursor, params.q);
        } catch (error) {
          context.addIssue({ code: 'custom', path: ['cursor'], message: (error as Error).message });
          return z.NEVER;
        }
      }
      return { kind: 'search', query: params.q, filter: articleFilterFrom(params), limit: params.limit, cursor };
    }
    const sort = params.sort ?? 'storedAt';
    let cursor: ArticleCursor | undefined;
    if (params.cursor !== undefined) {
      try {
        cursor = decodeArticleCursor(params.cursor);
      } catch (error) {
        context.addIssue({ code: 'custom', path: ['cursor'], message: (error as Error).message });
        return z.NEVER;
      }
      if (cursor.field !== sort) {
        context.addIssue({
          code: 'custom',
          path: ['cursor'],
          message: `was issued for sort=${cursor.field}, not sort=${sort}`,
        });
        return z.NEVER;
      }
    }
    return { kind: 'list', filter: articleFilterFrom(params), field: sort, limit: params.limit, cursor };
  });

export interface StreamRequest {
  filter: ArticleFilter;
  /** From the `lastEventId` parameter, for clients that cannot set the Last-Event-ID header. */
  lastEventId?: string;
}

/** `GET /api/stream`: the same filters; `from`/`to` bound `storedAt`. */
export const streamQuery = z
  .object({ ...filterParams, lastEventId: z.string().max(10_000).optional() })
  .strict()
  .refine(rangeIsOrdered, { message: 'must not be after to', path: ['from'] })
  .transform((params): StreamRequest => {
    const { lastEventId, ...filters } = params;
    return { filter: articleFilterFrom(filters), lastEventId };
  });

/** Ids in paths: what our ids look like (`art_…`, `cl_…`), so nothing else reaches a query. */
export const idParam = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9_.:-]+$/, 'must be an id made of letters, digits and _ . : -');
