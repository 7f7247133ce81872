import type { RawDocument } from '@inkstream/contracts';
import { isAbsolute } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HttpClient, RawDocumentInput, RawDocumentLimits } from '@inkstream/fetching';
import type { Logger } from '@inkstream/observability';
import type { PageJobRepository, SourceRecord, SourceRepository } from '@inkstream/persistence';
import type { RunOutcome } from './source-status';
import type { WebSubPollHook } from './websub/websub-poll-hook';

/** What every kind of run needs, built once per service. */
export interface RunnerDeps {
  http: HttpClient;
  sources: SourceRepository;
  /** the durable queue full-text feed runs put their item pages on */
  pages: PageJobRepository;
  /** tells the page queue that pages were queued (it need not wait for its next look) */
  pagesQueued(): void;
  /** publishes to news.raw.v1 and resolves once Kafka acknowledged */
  publish(documents: RawDocument[]): Promise<void>;
  documentLimits: RawDocumentLimits;
  bodyLimits: { maxBodyBytes: number; maxDecompressedBytes: number };
  /** the global allow-list (drop folders are checked against it too) */
  allowList: string[];
  /** folders drop sources may read (FETCH_DROP_ROOTS plus the allow-list's file: entries), as paths */
  dropRoots: string[];
  feed: { maxItems: number };
  sitemap: { maxUrls: number; maxListed: number; maxChildren: number; newsMaxAgeMs: number };
  dropMaxFiles: number;
  /** WebSub's part in feed polls; null or absent when FETCH_WEBSUB_CALLBACK_BASE is unset */
  websub?: WebSubPollHook | null;
}

/** One run of one source. */
export interface RunContext {
  source: SourceRecord;
  traceId: string;
  now: Date;
  signal: AbortSignal;
  logger: Logger;
}

export type SuccessOutcome = Extract<RunOutcome, { ok: true }>;

export type DocumentDraft = Omit<RawDocumentInput, 'source' | 'traceId' | 'fetchedAt'>;

/** FETCH_DROP_ROOTS (paths) plus the `file:` entries of FETCH_ALLOW_LIST, as absolute paths. */
export function dropRootsFrom(roots: readonly string[], allowList: readonly string[]): string[] {
  const fromAllowList = allowList.filter((entry) => entry.startsWith('file:')).map((entry) => fileURLToPath(entry));
  return [...roots, ...fromAllowList].filter((root) => isAbsolute(root));
}

/**
 * Allow-list entries a source adds for its own requests when the operator marked it allow-listed: its origin
 * (scheme, host and port), never its whole host, so a redirect to another port of that host stays refused.
 */
export function sourceAllowList(source: Pick<SourceRecord, 'url' | 'allowListed'>): string[] {
  if (!source.allowListed) return [];
  const url = new URL(source.url);
  return url.protocol === 'file:' ? [url.href] : [url.origin];
}
