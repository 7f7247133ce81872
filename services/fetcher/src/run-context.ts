import type { RawDocument } from '@inkstream/contracts';
import type { HttpClient, RawDocumentInput, RawDocumentLimits } from '@inkstream/fetching';
import type { Logger } from '@inkstream/observability';
import type { SourceRecord, SourceRepository } from '@inkstream/persistence';
import type { RunOutcome } from './source-status';

/** What every kind of run needs, built once per service. */
export interface RunnerDeps {
  http: HttpClient;
  sources: SourceRepository;
  /** publishes to news.raw.v1 and resolves once Kafka acknowledged */
  publish(documents: RawDocument[]): Promise<void>;
  documentLimits: RawDocumentLimits;
  bodyLimits: { maxBodyBytes: number; maxDecompressedBytes: number };
  /** the global allow-list (drop folders are checked against it too) */
  allowList: string[];
  sitemap: { maxUrls: number; maxChildren: number; newsMaxAgeMs: number };
  dropMaxFiles: number;
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

/** Allow-list entries a source adds for its own requests when the operator marked it allow-listed. */
export function sourceAllowList(source: Pick<SourceRecord, 'url' | 'allowListed'>): string[] {
  if (!source.allowListed) return [];
  const url = new URL(source.url);
  return url.protocol === 'file:' ? [url.href] : [url.hostname.replace(/^\[(.*)\]$/, '$1')];
}
