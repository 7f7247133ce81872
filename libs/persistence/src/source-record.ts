import { stableId, type SourceKind } from '@inkstream/contracts';
import { z } from 'zod';
import { secondsSchema, sourceLimitProblems, sourceLimitsShape, type SourceLimits } from './source-limits';
import type { WebSubStatus } from './websub-subscription-repository';

/** What is known of a source's pace (libs/feeds PollCadence): what its adaptive interval is computed from. */
export interface SourceCadence {
  ttlSeconds: number | null;
  updatePeriodSeconds: number | null;
  cacheMaxAgeSeconds: number | null;
  publishGapSeconds: number | null;
  /** ISO-8601 */
  newestItemAt: string | null;
  unchangedPolls: number;
}

/** What the last polls of a source did: shown by `inkstream sources show` and the dashboard. */
export interface SourceStatus {
  lastFetchAt: Date | null;
  lastSuccessAt: Date | null;
  lastHttpStatus: number | null;
  /** validators for the next conditional GET */
  etag: string | null;
  lastModified: string | null;
  /** items (feed items, sitemap URLs, dropped files) this source has ever listed */
  itemsSeen: number;
  /** raw documents published from this source */
  itemsPublished: number;
  /** failed polls since the last success; drives backoff and parking */
  consecutiveErrors: number;
  /** the error of the last run when it failed; cleared by a success (lastErrorAt keeps when it happened) */
  lastError: string | null;
  lastErrorAt: Date | null;
  /** when the current run of failures began; null while healthy (absent on records from before the field) */
  failingSince?: Date | null;
  /** robots.txt Crawl-delay of the source's origin, a lower bound on its interval */
  crawlDelaySeconds: number | null;
  /** what the last run left out, not an error (a feed listing more items than a poll reads); null when nothing */
  lastNotice?: string | null;
  /** the source's pace as observed and hinted (absent on records from before adaptive polling) */
  cadence?: SourceCadence | null;
  /** the interval the last run chose, in seconds, before backoff and jitter (fixed or adaptive) */
  intervalSeconds?: number | null;
}

/**
 * A source we poll. Scheduling fields are top-level (they are queried and indexed); the rest of the live status is
 * one sub-document replaced on every run. No `.`/`$` keys, no nested arrays: portable to FerretDB v1.
 */
export interface SourceRecord {
  _id: string;
  kind: SourceKind;
  /** http(s) URL, or `file:///abs/dir` for a drop folder */
  url: string;
  name: string;
  /** null: the kind's default (libs/feeds DEFAULT_POLL_INTERVAL_SECONDS) */
  pollIntervalSeconds: number | null;
  enabled: boolean;
  tags: string[];
  /** feed sources: also fetch each new item's page and publish that instead of the feed's content */
  fullText: boolean;
  /** the operator allows this source's host even if it resolves to a private address */
  allowListed: boolean;
  /**
   * Domains besides its own URL's under which this source may create and update articles (e.g. `bbc.co.uk` for a
   * feed on `feeds.bbci.co.uk`). Absent on records created before the field existed: read as none.
   */
  sites?: string[];
  /**
   * The operator's limits for this source (see source-limits.ts), each null for the fetcher's default. Absent on
   * records created before the fields existed: read them with sourceLimitsOf.
   */
  minIntervalSeconds?: SourceLimits['minIntervalSeconds'];
  maxIntervalSeconds?: SourceLimits['maxIntervalSeconds'];
  maxItemsPerRun?: SourceLimits['maxItemsPerRun'];
  backoffMaxSeconds?: SourceLimits['backoffMaxSeconds'];
  createdAt: Date;
  updatedAt: Date;
  /** due when nextRunAt <= now (and enabled, not parked, lease free) */
  nextRunAt: Date;
  /** failed too often: not polled until resumed */
  parked: boolean;
  /** runs claimed so far: run n is claimed by inserting `<id>#<n>` into source_runs (see SourceRepository) */
  runSeq: number;
  /** which fetcher replica holds the source, until when */
  leaseOwner: string | null;
  leaseUntil: Date | null;
  /** the claim round that took the lease (one token per claimDue call): how a batch claim reads back what it won */
  leaseToken?: string | null;
  status: SourceStatus;
  /** the source's WebSub subscription when its feed advertises a hub and WebSub is on (no secret) */
  websub?: WebSubStatus;
  /** lowercased host of `url` ('' for drop folders): the listing's host filter (absent before the field: backfilled) */
  host?: string;
  /** lowercased words of the name and host, and the tags: what the listing's `q` matches (see sourceTerms) */
  terms?: string[];
  /** the last MAX_SOURCE_POLLS polls, oldest first: response time and lateness history */
  polls?: SourcePoll[];
}

/** One poll of a source as its history keeps it. */
export interface SourcePoll {
  /** when the run started */
  at: Date;
  /** from the start of the run to the write of its outcome (fetching, publishing, recording seen items) */
  durationMs: number;
  outcome: 'ok' | 'not-modified' | 'error';
  httpStatus: number | null;
  /** how long after its due time the run started */
  latenessMs: number;
  published: number;
  /** the error of a failed poll (as on the status) */
  error: string | null;
}

/** Polls a source's history keeps: enough for a trend, small enough to ride on the record. */
export const MAX_SOURCE_POLLS = 50;

export const SOURCE_KINDS = ['feed', 'page', 'sitemap', 'drop'] as const;

export const newSourceSchema = z
  .object({
    kind: z.enum(SOURCE_KINDS),
    url: z.string().url('must be an absolute URL'),
    name: z.string().trim().min(1, 'must not be empty'),
    pollIntervalSeconds: secondsSchema().default(null),
    minIntervalSeconds: sourceLimitsShape.minIntervalSeconds.default(null),
    maxIntervalSeconds: sourceLimitsShape.maxIntervalSeconds.default(null),
    maxItemsPerRun: sourceLimitsShape.maxItemsPerRun.default(null),
    backoffMaxSeconds: sourceLimitsShape.backoffMaxSeconds.default(null),
    enabled: z.boolean().default(true),
    tags: z.array(z.string().trim().min(1)).default([]),
    fullText: z.boolean().default(false),
    allowListed: z.boolean().default(false),
    sites: z
      .array(
        z
          .string()
          .trim()
          .toLowerCase()
          .regex(
            /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}$/,
            'must be a domain name such as example.com',
          ),
      )
      .max(50)
      .default([]),
  })
  .superRefine((source, context) => {
    // An invalid URL already has its issue from `.url()`; URL parsing would throw here.
    if (!URL.canParse(source.url)) return;
    const protocol = new URL(source.url).protocol;
    if (source.kind === 'drop' && protocol !== 'file:') {
      context.addIssue({ code: 'custom', path: ['url'], message: 'a drop source needs a file:///absolute/dir URL' });
    }
    if (source.kind !== 'drop' && protocol !== 'http:' && protocol !== 'https:') {
      context.addIssue({ code: 'custom', path: ['url'], message: `a ${source.kind} source needs an http(s) URL` });
    }
    if (source.fullText && source.kind !== 'feed') {
      context.addIssue({ code: 'custom', path: ['fullText'], message: 'full-text mode applies to feed sources only' });
    }
    for (const problem of sourceLimitProblems(source.kind, source)) {
      context.addIssue({ code: 'custom', path: [problem.field], message: problem.message });
    }
  });

export type NewSource = z.input<typeof newSourceSchema>;

/**
 * What an operator may change on an existing source without touching what it has seen (its seen items, validators
 * and counters stay): strict, so a misspelt field is an error rather than ignored. Limits are checked against the
 * source as a whole (its kind, its other bound) when the edit is applied (SourceRepository.edit).
 */
export const sourceEditSchema = z
  .object({
    name: z.string().trim().min(1, 'must not be empty'),
    pollIntervalSeconds: secondsSchema(),
    ...sourceLimitsShape,
    fullText: z.boolean({ invalid_type_error: 'must be true or false' }),
    tags: z.array(z.string().trim().min(1, 'must not be empty')).max(50),
    enabled: z.boolean({ invalid_type_error: 'must be true or false' }),
  })
  .partial()
  .strict()
  .refine((edit) => Object.keys(edit).length > 0, { message: 'name at least one field to change' });

export type SourceEdit = z.input<typeof sourceEditSchema>;

/**
 * The words `q` finds a source by: the name's words, the host and its labels, the tags, all lowercased. Exact words
 * under one multikey index, so a search is an index seek at any number of sources.
 */
export function sourceTerms(source: { name: string; url: string; tags: readonly string[] }): string[] {
  const host = sourceHost(source.url);
  return [
    ...new Set([...searchWords(source.name), ...(host ? [host, ...host.split('.')] : []), ...source.tags.map(termOf)]),
  ].filter((term) => term.length > 0);
}

/** The words of a search as sourceTerms cuts them. */
export function searchWords(text: string): string[] {
  return lower(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);
}

/** The listing's host: lowercased, without port; '' for a drop folder. */
export function sourceHost(url: string): string {
  return URL.canParse(url) ? new URL(url).hostname.toLowerCase() : '';
}

function lower(text: string): string {
  return text.normalize('NFC').toLowerCase();
}

/** A tag as it stands among the terms. */
export function termOf(tag: string): string {
  return lower(tag);
}

export function emptySourceStatus(): SourceStatus {
  return {
    lastFetchAt: null,
    lastSuccessAt: null,
    lastHttpStatus: null,
    etag: null,
    lastModified: null,
    itemsSeen: 0,
    itemsPublished: 0,
    consecutiveErrors: 0,
    lastError: null,
    lastErrorAt: null,
    failingSince: null,
    crawlDelaySeconds: null,
    lastNotice: null,
  };
}

/** One source per URL: the id derives from it, so adding the same URL twice is a clear conflict, not a twin. */
export function sourceIdFor(url: string): string {
  return stableId('src', new URL(url).href).slice(0, 20);
}

/** A validated new source, due at once. Throws a ZodError naming each bad field. */
export function sourceRecordFrom(input: NewSource, now: Date, id?: string): SourceRecord {
  const source = newSourceSchema.parse(input);
  const url = new URL(source.url).href;
  return {
    _id: id ?? sourceIdFor(source.url),
    ...source,
    url,
    host: sourceHost(url),
    terms: sourceTerms({ ...source, url }),
    polls: [],
    createdAt: now,
    updatedAt: now,
    nextRunAt: now,
    parked: false,
    runSeq: 0,
    leaseOwner: null,
    leaseUntil: null,
    status: emptySourceStatus(),
  };
}
