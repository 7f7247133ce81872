// The sources listing as a query: filters by state, host, words, tag and kind; three sort orders, each paged by an
// opaque keyset cursor (the last row's sort value and id), so a page costs the same at 10 or 10,000 sources.
import { searchWords, SOURCE_KINDS, termOf, type SourceRecord } from './source-record';

/**
 * ok: polled, last poll succeeded; failing: errors since the last success, not yet parked; parked: failed too often,
 * waits for resume; paused: disabled by an operator; due: enabled, unparked and past its run time (running or waiting
 * for a slot). ok/failing/parked/paused partition the sources; due cuts across ok and failing.
 */
export const SOURCE_STATES = ['ok', 'failing', 'parked', 'paused', 'due'] as const;
export type SourceState = (typeof SOURCE_STATES)[number];

/** lateness: longest overdue first (earliest next run); name: A to Z; lastFetch: most recently fetched first. */
export const SOURCE_SORTS = ['lateness', 'name', 'lastFetch'] as const;
export type SourceSort = (typeof SOURCE_SORTS)[number];

export interface SourceListFilter {
  state?: SourceState;
  host?: string;
  /** words that must each begin one of the source's terms (name words, host and its labels, tags) */
  q?: string;
  tag?: string;
  kind?: (typeof SOURCE_KINDS)[number];
}

/** Where the previous page ended: the last row's sort value (ISO date or name; null for never fetched) and id. */
export interface SourceCursor {
  sort: SourceSort;
  value: string | null;
  id: string;
}

export class InvalidSourceCursorError extends Error {
  override readonly name = 'InvalidSourceCursorError';
}

export interface SourceQuery {
  filter: Record<string, unknown>;
  sort: Record<string, 1 | -1>;
}

/**
 * Each order's field, and a condition every source meets on it: DocumentDB (FerretDB 2) reads a sort-only query
 * through no index at all, so the condition puts the order's index in the plan. `$type` rather than `$gte: ''`, for
 * the reason buildArticleQuery gives.
 */
const SORT_FIELDS: Record<SourceSort, { field: string; direction: 1 | -1; every: Record<string, unknown> }> = {
  lateness: { field: 'nextRunAt', direction: 1, every: { $type: 'date' } },
  name: { field: 'name', direction: 1, every: { $type: 'string' } },
  lastFetch: { field: 'status.lastFetchAt', direction: -1, every: { $type: ['date', 'null'] } },
};

export function encodeSourceCursor(cursor: SourceCursor): string {
  return Buffer.from(JSON.stringify([cursor.sort, cursor.value, cursor.id]), 'utf8').toString('base64url');
}

/** Opaque to clients, not trusted: parsed strictly so a forged cursor cannot put an operator into the query. */
export function decodeSourceCursor(text: string): SourceCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidSourceCursorError('cursor is not one this API issued');
  }
  const valid =
    Array.isArray(parsed) &&
    parsed.length === 3 &&
    SOURCE_SORTS.includes(parsed[0] as SourceSort) &&
    (typeof parsed[1] === 'string' || (parsed[1] === null && parsed[0] === 'lastFetch')) &&
    typeof parsed[2] === 'string' &&
    parsed[2] !== '' &&
    (parsed[0] === 'name' || parsed[1] === null || !Number.isNaN(Date.parse(parsed[1] as string)));
  if (!valid) throw new InvalidSourceCursorError('cursor is not one this API issued');
  const [sort, value, id] = parsed as [SourceSort, string | null, string];
  return { sort, value, id };
}

/** The cursor that resumes after `source` in `sort` order. */
export function sourceCursorAfter(
  source: { _id: string; name: string; nextRunAt: Date; status: { lastFetchAt: Date | null } },
  sort: SourceSort,
): string {
  const value =
    sort === 'name'
      ? source.name
      : sort === 'lateness'
        ? new Date(source.nextRunAt).toISOString()
        : source.status.lastFetchAt
          ? new Date(source.status.lastFetchAt).toISOString()
          : null;
  return encodeSourceCursor({ sort, value, id: source._id });
}

/** The filter without the cursor: what `total` counts. */
export function sourceListFilter(filter: SourceListFilter, now: Date): Record<string, unknown>[] {
  const conditions: Record<string, unknown>[] = [];
  if (filter.state) conditions.push(stateCondition(filter.state, now));
  // Host and tag are among the terms: the terms index finds them, the exact field keeps the match exact.
  if (filter.host !== undefined) {
    const host = filter.host.trim().toLowerCase();
    conditions.push({ terms: host }, { host });
  }
  // Each word a prefix of one of the terms ("reut" finds Reuters): an anchored regex is a range on the terms index.
  for (const word of filter.q === undefined ? [] : searchWords(filter.q)) {
    conditions.push({ terms: { $regex: `^${escapeRegex(word)}` } });
  }
  if (filter.tag !== undefined) conditions.push({ terms: termOf(filter.tag) }, { tags: filter.tag });
  if (filter.kind !== undefined) conditions.push({ kind: filter.kind });
  return conditions;
}

export function buildSourceQuery(
  filter: SourceListFilter,
  sort: SourceSort,
  now: Date,
  cursor?: SourceCursor,
): SourceQuery {
  if (cursor && cursor.sort !== sort) {
    throw new InvalidSourceCursorError(`cursor was issued for sort=${cursor.sort}, not sort=${sort}`);
  }
  const { field, direction, every } = SORT_FIELDS[sort];
  const conditions = [{ [field]: every }, ...sourceListFilter(filter, now)];
  if (cursor) conditions.push(after(sort, cursor));
  return { filter: combine(conditions), sort: { [field]: direction, _id: 1 } };
}

export function combine(conditions: Record<string, unknown>[]): Record<string, unknown> {
  return conditions.length === 0 ? {} : conditions.length === 1 ? conditions[0] : { $and: conditions };
}

function stateCondition(state: SourceState, now: Date): Record<string, unknown> {
  switch (state) {
    case 'paused':
      return { enabled: false };
    case 'parked':
      return { enabled: true, parked: true };
    case 'failing':
      return { enabled: true, parked: false, 'status.consecutiveErrors': { $gt: 0 } };
    case 'ok':
      return { enabled: true, parked: false, 'status.consecutiveErrors': 0 };
    case 'due':
      return { enabled: true, parked: false, nextRunAt: { $lte: now } };
  }
}

/** Strictly after the cursor's row in the sort order (ties broken by ascending id). */
function after(sort: SourceSort, cursor: SourceCursor): Record<string, unknown> {
  const { field } = SORT_FIELDS[sort];
  const value = sort === 'name' || cursor.value === null ? cursor.value : new Date(cursor.value);
  if (sort === 'lastFetch') {
    // Newest first, never-fetched (null) last: after a null only more nulls follow.
    if (value === null) return { [field]: null, _id: { $gt: cursor.id } };
    return { $or: [{ [field]: { $lt: value } }, { [field]: value, _id: { $gt: cursor.id } }, { [field]: null }] };
  }
  return { $or: [{ [field]: { $gt: value } }, { [field]: value, _id: { $gt: cursor.id } }] };
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The state a source is in (the partition of SOURCE_STATES without `due`, which cuts across ok and failing). */
export function sourceStateOf(
  source: Pick<SourceRecord, 'enabled' | 'parked'> & { status: Pick<SourceRecord['status'], 'consecutiveErrors'> },
): Exclude<SourceState, 'due'> {
  if (!source.enabled) return 'paused';
  if (source.parked) return 'parked';
  return source.status.consecutiveErrors > 0 ? 'failing' : 'ok';
}

/** How long past its run time a source is (0 when not yet due, paused or parked). */
export function sourceLatenessMs(source: Pick<SourceRecord, 'enabled' | 'parked' | 'nextRunAt'>, now: Date): number {
  if (!source.enabled || source.parked) return 0;
  return Math.max(0, now.getTime() - new Date(source.nextRunAt).getTime());
}
