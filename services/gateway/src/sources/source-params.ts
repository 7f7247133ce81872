import {
  decodeSourceCursor,
  MAX_SOURCES_PER_CALL,
  SOURCE_KINDS,
  SOURCE_SORTS,
  SOURCE_STATES,
  sourceLatenessMs,
  sourceLimitsOf,
  sourceStateOf,
  summarisePolls,
  type BulkAddResult,
  type PollSummary,
  type SourceCursor,
  type SourceLimits,
  type SourceListFilter,
  type SourceRecord,
  type SourceSort,
} from '@inkstream/persistence';
import { z } from 'zod';

/** Keys a source body may have (newSourceSchema's fields); anything else is refused by name. */
const SOURCE_FIELDS = {
  kind: z.enum(SOURCE_KINDS),
  // Checked here too: newSourceSchema's refinement calls new URL() even after its own url check failed (a 500).
  url: z.string().url('must be an absolute URL'),
  name: z.unknown(),
  pollIntervalSeconds: z.unknown().optional(),
  enabled: z.unknown().optional(),
  tags: z.unknown().optional(),
  fullText: z.unknown().optional(),
  allowListed: z.unknown().optional(),
  sites: z.unknown().optional(),
  minIntervalSeconds: z.unknown().optional(),
  maxIntervalSeconds: z.unknown().optional(),
  maxItemsPerRun: z.unknown().optional(),
  backoffMaxSeconds: z.unknown().optional(),
};

/**
 * Request bodies for sources. Field rules (URL per kind, positive intervals…) belong to the persistence layer's
 * newSourceSchema, which SourceRepository.add applies; here we refuse keys it does not know, so a typo such as
 * `pollInterval` is an error instead of silently ignored.
 */
export const createSourceBody = z.object(SOURCE_FIELDS).strict();

export type CreateSourceBody = z.infer<typeof createSourceBody>;

/** `POST /api/sources/bulk`: a JSON array of source bodies, bounded so one call cannot ask for unbounded work. */
export const bulkSourcesBody = z
  .array(z.unknown(), { invalid_type_error: 'must be a JSON array of sources' })
  .min(1, 'must list at least one source')
  .max(MAX_SOURCES_PER_CALL, `must list at most ${MAX_SOURCES_PER_CALL} sources per call`);

export const MAX_SOURCES_PAGE = 500;
export const DEFAULT_SOURCES_PAGE = 100;

export interface SourceListRequest {
  filter: SourceListFilter;
  sort: SourceSort;
  limit: number;
  cursor?: SourceCursor;
}

/** `GET /api/sources`: filters, an order and a page; unknown parameters are refused. */
export const sourceListQuery = z
  .object({
    tag: z.string().trim().min(1).max(100).optional(),
    kind: z.enum(SOURCE_KINDS).optional(),
    state: z.enum(SOURCE_STATES).optional(),
    host: z.string().trim().min(1).max(253).optional(),
    q: z.string().trim().min(1, 'must not be empty').max(200).optional(),
    sort: z.enum(SOURCE_SORTS).default('name'),
    limit: z.coerce
      .number({ invalid_type_error: 'must be a number' })
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(MAX_SOURCES_PAGE, `must be at most ${MAX_SOURCES_PAGE}`)
      .default(DEFAULT_SOURCES_PAGE),
    cursor: z.string().max(1_000).optional(),
  })
  .strict()
  .transform(({ sort, limit, cursor: text, ...filter }, context): SourceListRequest => {
    if (text === undefined) return { filter, sort, limit };
    try {
      const cursor = decodeSourceCursor(text);
      if (cursor.sort !== sort) throw new Error(`was issued for sort=${cursor.sort}, not sort=${sort}`);
      return { filter, sort, limit, cursor };
    } catch (error) {
      context.addIssue({ code: 'custom', path: ['cursor'], message: (error as Error).message });
      return z.NEVER;
    }
  });

/**
 * A source as the API shows it: its id, its state and how late it is, its limits (null for the fetcher's default,
 * also on records from before them), and with its poll history (one source, not a listing row) what that history
 * comes to; the search terms stay internal.
 */
export type SourceView = Omit<SourceRecord, '_id' | 'terms'> &
  SourceLimits & {
    id: string;
    state: ReturnType<typeof sourceStateOf>;
    latenessMs: number;
    pollSummary?: PollSummary | null;
  };

export function sourceView(record: SourceRecord, now: Date = new Date()): SourceView {
  const { _id, terms: _terms, ...rest } = record;
  return {
    id: _id,
    ...rest,
    ...sourceLimitsOf(record),
    state: sourceStateOf(record),
    latenessMs: sourceLatenessMs(record, now),
    ...(record.polls ? { pollSummary: summarisePolls(record.polls) } : {}),
  };
}

/** What a bulk add or an import answers: counts, and every refused source with the reason. */
export interface BulkAddSummary {
  added: number;
  existing: number;
  refused: Array<{ index?: number; url: string; reason: string }>;
  results: BulkAddResult[];
}

export function bulkAddSummary(
  results: BulkAddResult[],
  earlier: Array<{ url: string; reason: string }> = [],
): BulkAddSummary {
  const refused = [
    ...earlier,
    ...results.flatMap((result) =>
      result.outcome === 'refused' ? [{ index: result.index, url: result.url, reason: result.reason }] : [],
    ),
  ];
  return {
    added: results.filter((result) => result.outcome === 'added').length,
    existing: results.filter((result) => result.outcome === 'existing').length,
    refused,
    results,
  };
}

/** Content types an OPML import accepts. */
export const OPML_CONTENT_TYPES = ['text/x-opml', 'application/xml', 'text/xml'];
