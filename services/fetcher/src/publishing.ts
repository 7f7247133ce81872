import { Topics, type RawDocument } from '@inkstream/contracts';
import { buildRawDocument, FetchError } from '@inkstream/fetching';
import { oversizedMessage } from '@inkstream/messaging';
import type { SeenItem } from '@inkstream/persistence';
import type { DocumentDraft, RunContext, RunnerDeps } from './run-context';

/**
 * Collects a run's documents and the seen items they stand for, then publishes and only afterwards records the
 * items as seen: a crash in between republishes (same deterministic ids), it never skips. Items that can never be
 * published as they are (too large) are recorded as seen too, with their error, so one bad item does not block the
 * source on every poll; the run then reports the error on the source status.
 */
/** Documents a run holds before publishing them: large runs flush as they go, so memory stays bounded. */
export const FLUSH_EVERY = 25;

export class RunBatch {
  private readonly documents: RawDocument[] = [];
  private readonly seen: SeenItem[] = [];
  readonly failures: string[] = [];
  published = 0;

  constructor(
    private readonly deps: RunnerDeps,
    private readonly context: RunContext,
  ) {}

  add(draft: DocumentDraft, seen: SeenItem): void {
    const { source } = this.context;
    try {
      const document = buildRawDocument(
        {
          ...draft,
          source: {
            id: source._id,
            name: source.name,
            kind: source.kind,
            url: source.url,
            sites: source.sites ?? [],
          },
          traceId: this.context.traceId,
          fetchedAt: this.context.now,
        },
        this.deps.documentLimits,
      );
      // Content under FETCH_MAX_MESSAGE_BYTES can still make a message over MAX_MESSAGE_BYTES with its metadata:
      // set that item aside with the reason, as a too-large one, instead of failing the whole publish.
      const oversized = oversizedMessage(Topics.rawDocuments, document);
      if (oversized) this.failures.push(`${draft.url ?? draft.itemKey}: ${oversized.message}`);
      else this.documents.push(document);
    } catch (error) {
      if (!(error instanceof FetchError)) throw error;
      this.failures.push(error.message);
    }
    this.seen.push(seen);
  }

  /** Marks an item seen without publishing (unchanged content under a new stamp, a permanently failing item). */
  markSeen(seen: SeenItem, failure?: string): void {
    this.seen.push(seen);
    if (failure) this.failures.push(failure);
  }

  /** Publishes what is pending once FLUSH_EVERY documents are held. */
  async flushWhenFull(): Promise<void> {
    if (this.documents.length >= FLUSH_EVERY) await this.flush();
  }

  fail(message: string): void {
    this.failures.push(message);
  }

  async flush(): Promise<void> {
    // Documents of one source share a partition and so one Kafka batch: chunks keep a batch under the message cap.
    let chunk: RawDocument[] = [];
    let bytes = 0;
    for (const document of this.documents) {
      const size = Buffer.byteLength(document.content);
      if (chunk.length > 0 && bytes + size > this.deps.documentLimits.maxContentBytes) {
        await this.deps.publish(chunk);
        this.published += chunk.length;
        chunk = [];
        bytes = 0;
      }
      chunk.push(document);
      bytes += size;
    }
    if (chunk.length > 0) {
      await this.deps.publish(chunk);
      this.published += chunk.length;
    }
    this.documents.length = 0;
    await this.deps.sources.recordSeen(this.context.source._id, this.seen, this.context.now);
    this.seen.length = 0;
  }

  /** The item errors as one status message (first few, and how many). */
  failureMessage(): string | null {
    if (this.failures.length === 0) return null;
    const shown = this.failures.slice(0, 3).join('; ');
    return this.failures.length > 3 ? `${this.failures.length} items failed: ${shown}; …` : shown;
  }
}
