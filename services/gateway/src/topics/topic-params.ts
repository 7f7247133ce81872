import { ALL_TOPICS } from '@inkstream/contracts';
import { z } from 'zod';
import { DEAD_LETTER_TOPICS } from '../dead-letters/dead-letter-view';

/** What the browser may read: the pipeline's topics and their dead-letter topics (logical names, no prefix). */
export const BROWSABLE_TOPICS: readonly string[] = [...ALL_TOPICS, ...DEAD_LETTER_TOPICS];

export const MAX_BROWSE_PAGE = 100;
export const DEFAULT_BROWSE_PAGE = 20;

const filterText = z.string().min(1, 'must not be empty').max(500, 'must be at most 500 characters');

/** A header filter: `name=value` (the value may itself hold `=`), matched exactly. */
export interface HeaderFilter {
  name: string;
  value: string;
}

/** Which messages a page shows; every present part must match. */
export interface MessageFilter {
  key?: string;
  traceId?: string;
  header?: HeaderFilter;
}

/** Where a page starts: an offset, the first message at or after a time, or the last `limit` messages. */
export type BrowseStart = { kind: 'offset'; offset: bigint } | { kind: 'timestamp'; at: number } | { kind: 'latest' };

export interface BrowseRequest {
  start: BrowseStart;
  limit: number;
  filter: MessageFilter;
}

/** `GET /api/topics/:topic/partitions/:partition/messages`: unknown parameters are refused like everywhere else. */
export const browseQuery = z
  .object({
    offset: z
      .string()
      .regex(/^\d{1,19}$/, 'must be a whole number of at most 19 digits')
      .optional(),
    timestamp: z
      .string()
      .regex(
        /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2}))?$/,
        'must be an ISO-8601 date or date-time with offset, e.g. 2026-11-28T10:00:00Z',
      )
      .refine((value) => !Number.isNaN(Date.parse(value)), 'is not a valid date')
      .optional(),
    limit: z.coerce
      .number({ invalid_type_error: 'must be a number' })
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(MAX_BROWSE_PAGE, `must be at most ${MAX_BROWSE_PAGE}`)
      .default(DEFAULT_BROWSE_PAGE),
    key: filterText.optional(),
    traceId: filterText.optional(),
    header: filterText.regex(/^[^=]+=/, 'must be name=value, e.g. source-id=src-arabnews').optional(),
  })
  .strict()
  .refine((query) => query.offset === undefined || query.timestamp === undefined, {
    message: 'cannot be combined with timestamp (start at one or the other)',
    path: ['offset'],
  })
  .transform((query): BrowseRequest => {
    const start: BrowseStart =
      query.offset !== undefined
        ? { kind: 'offset', offset: BigInt(query.offset) }
        : query.timestamp !== undefined
          ? { kind: 'timestamp', at: Date.parse(query.timestamp) }
          : { kind: 'latest' };
    const filter: MessageFilter = {};
    if (query.key !== undefined) filter.key = query.key;
    if (query.traceId !== undefined) filter.traceId = query.traceId;
    if (query.header !== undefined) {
      const split = query.header.indexOf('=');
      filter.header = { name: query.header.slice(0, split), value: query.header.slice(split + 1) };
    }
    return { start, limit: query.limit, filter };
  });

/** A topic in a path: one the browser knows, so nothing else (another tenant's prefix, `__consumer_offsets`) is read. */
export const topicParam = z.string().refine((topic) => BROWSABLE_TOPICS.includes(topic), {
  message: `must be one of ${BROWSABLE_TOPICS.join(', ')}`,
});

export const partitionParam = z.coerce
  .number({ invalid_type_error: 'must be a number' })
  .int('must be a whole number')
  .min(0, 'must be at least 0')
  .max(9_999, 'must be at most 9999');

/**
 * The first offset a page reads, from the partition's bounds `[low, high)` and the asked start; `atTimestamp` is
 * Kafka's answer for a timestamp start (the high watermark when no message is that late).
 */
export function startOffset(
  start: BrowseStart,
  bounds: { low: bigint; high: bigint },
  limit: number,
  atTimestamp?: bigint,
): bigint {
  const clamp = (offset: bigint) => (offset < bounds.low ? bounds.low : offset > bounds.high ? bounds.high : offset);
  if (start.kind === 'offset') return clamp(start.offset);
  if (start.kind === 'timestamp') return clamp(atTimestamp ?? bounds.high);
  return clamp(bounds.high - BigInt(limit));
}
