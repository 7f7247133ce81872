import { Topics, type RawDocument } from '@inkstream/contracts';
import {
  afterPageFailure,
  buildRawDocument,
  findFetchError,
  type HttpClient,
  type PageRetryPolicy,
  type RawDocumentInput,
  type RawDocumentLimits,
} from '@inkstream/fetching';
import { oversizedMessage } from '@inkstream/messaging';
import type { Logger } from '@inkstream/observability';
import type { PageJobRecord, PageJobRepository } from '@inkstream/persistence';
import { PAGE_ACCEPT, textOf } from './fetch-page';
import type { FetcherMetrics } from './fetcher-metrics';
import { sourceAllowList } from './run-context';
import { LeasedWorkLoop } from './leased-work-loop';

export interface PageQueueDeps {
  http: HttpClient;
  pages: PageJobRepository;
  /** publishes to news.raw.v1 and resolves once Kafka acknowledged */
  publish(documents: RawDocument[]): Promise<void>;
  documentLimits: RawDocumentLimits;
}

export interface PageQueueOptions {
  ownerId: string;
  /** pages fetched at once (FETCH_PAGE_CONCURRENCY) */
  concurrency: number;
  /**
   * how often an idle queue looks for due jobs; a feed run of this replica pokes it at once, so this only bounds
   * how soon it finds another replica's jobs, a retry come due or a dead replica's lapsed lease
   */
  claimIntervalMs: number;
  leaseMs: number;
  stopGraceMs: number;
  retry: PageRetryPolicy;
}

/** When our own dependency failed (Kafka, MongoDB): the job is handed back, not counted against the page. */
const POSTPONE_MS = 15_000;

/**
 * Fetches full-text article pages from the durable queue (PageJobRepository) with a concurrency of its own, so a
 * feed run only lists and enqueues, and pages wait in their origin's politeness queue instead of in a run slot.
 * Each page is published with the feed item's metadata; a page that cannot be had (404, robots.txt, retries spent)
 * publishes the feed's own text of the item instead. A job is deleted only once its document is acknowledged.
 */
export class PageQueue {
  private readonly jobs: LeasedWorkLoop<PageJobRecord>;

  constructor(
    private readonly deps: PageQueueDeps,
    private readonly options: PageQueueOptions,
    private readonly logger: Logger,
    private readonly metrics: FetcherMetrics,
  ) {
    const { ownerId, leaseMs } = options;
    this.jobs = new LeasedWorkLoop<PageJobRecord>(
      {
        claim: (free) => deps.pages.claimDue(ownerId, new Date(), leaseMs, free),
        renewLease: (job, until) => deps.pages.renewLease(job._id, ownerId, until),
        contextFor: (job) => ({
          logger: this.logger.child({ traceId: job.traceId, sourceId: job.sourceId, url: job.url }),
        }),
        run: (job, signal, { logger }) => this.process(job, signal, logger),
        slots: () => options.concurrency,
        onInFlight: (count) => metrics.pagesInFlight.set(count),
      },
      { claimIntervalMs: options.claimIntervalMs, leaseMs, stopGraceMs: options.stopGraceMs, label: 'queued pages' },
      logger,
    );
  }

  start(): void {
    this.jobs.start();
  }

  /** Cuts the idle wait short (a feed run queued pages). */
  poke(): void {
    this.jobs.poke();
  }

  /** No new claims; pages in flight get the grace period, then are aborted and handed back due at once. */
  stop(): Promise<void> {
    return this.jobs.stop();
  }

  private async process(job: PageJobRecord, signal: AbortSignal, logger: Logger): Promise<void> {
    const { ownerId } = this.options;
    try {
      const page = await this.fetchPage(job, signal, logger);
      if (page === 'retry-later') return;
      const published = await this.publish(job, page, logger);
      this.metrics.pageJobs.inc({ outcome: published });
      if (published !== 'refused') this.metrics.published.inc({ kind: job.source.kind });
      if (!(await this.deps.pages.complete(job._id, ownerId))) {
        logger.warn('page lease expired before the page was published: another replica may publish it again');
      }
    } catch (error) {
      // Not the page's fault (Kafka/MongoDB down, shutdown): hand it back, attempts untouched.
      this.metrics.pageJobs.inc({ outcome: 'postponed' });
      logger.warn({ err: (error as Error).message }, 'page fetch postponed');
      const dueAt = new Date(Date.now() + (signal.aborted ? 0 : POSTPONE_MS));
      await this.deps.pages
        .retryLater(job._id, ownerId, dueAt, false)
        .catch((failure: Error) =>
          logger.warn({ err: failure.message }, 'cannot hand the page back; its lease will expire'),
        );
    }
  }

  /** The page's document input, null when the feed's own text is to be published, or 'retry-later' (handed back). */
  private async fetchPage(
    job: PageJobRecord,
    signal: AbortSignal,
    logger: Logger,
  ): Promise<RawDocumentInput | null | 'retry-later'> {
    try {
      const response = await this.deps.http.fetch({
        url: job.url,
        accept: PAGE_ACCEPT,
        allowList: sourceAllowList(job.source),
        signal,
      });
      const page = textOf(response, job.url);
      return {
        ...this.fallbackInput(job),
        url: response.finalUrl,
        // The page's own site now vouches for the text (docs/reliability.md, "Who owns an article").
        fetchedFrom: response.finalUrl,
        content: page.text,
        contentType: page.contentType,
        httpStatus: response.status,
        etag: response.etag,
        lastModified: response.lastModified,
      };
    } catch (error) {
      const failure = findFetchError(error);
      if (!failure || signal.aborted) throw error;
      const decision = afterPageFailure(failure, job.attempts, this.options.retry);
      if (decision.action === 'fallback') {
        logger.warn({ err: failure.message }, 'full-text page failed, publishing the feed content');
        return null;
      }
      const dueAt = new Date(Date.now() + decision.delayMs);
      await this.deps.pages.retryLater(job._id, this.options.ownerId, dueAt, decision.failed);
      this.metrics.pageJobs.inc({ outcome: decision.failed ? 'retry' : 'deferred' });
      logger.info({ err: failure.message, dueAt, attempts: job.attempts + 1 }, 'full-text page to be tried again');
      return 'retry-later';
    }
  }

  /**
   * Publishes the page, or the feed's own text when there is no page or the page cannot travel (too large, refused
   * type); says which. An item that cannot be published either way is logged as an error with the reason.
   */
  private async publish(job: PageJobRecord, page: RawDocumentInput | null, logger: Logger): Promise<string> {
    const candidates: Array<['page' | 'fallback', RawDocumentInput]> = [];
    if (page) candidates.push(['page', page]);
    candidates.push(['fallback', this.fallbackInput(job)]);
    const refusals: string[] = [];
    for (const [outcome, input] of candidates) {
      const document = this.build(input);
      if (typeof document === 'string') {
        refusals.push(document);
        continue;
      }
      // A failed send is our dependency's failure, not the page's: it propagates and the job is handed back.
      await this.deps.publish([document]);
      if (refusals.length > 0) logger.warn({ err: refusals[0] }, 'full-text page refused, publishing the feed content');
      return outcome;
    }
    logger.error({ reasons: refusals }, 'feed item can be published neither as its page nor as its feed text');
    return 'refused';
  }

  /** The raw document, or why it cannot be published (too large, a type the splitter refuses). */
  private build(input: RawDocumentInput): RawDocument | string {
    let document: RawDocument;
    try {
      document = buildRawDocument(input, this.deps.documentLimits);
    } catch (error) {
      const refusal = findFetchError(error);
      if (!refusal) throw error;
      return refusal.message;
    }
    return oversizedMessage(Topics.rawDocuments, document)?.message ?? document;
  }

  private fallbackInput(job: PageJobRecord): RawDocumentInput {
    const { source, fallback } = job;
    return {
      source: { id: source.id, name: source.name, kind: source.kind, url: source.url, sites: source.sites },
      url: fallback.url,
      itemKey: job.itemKey,
      content: fallback.content,
      contentType: fallback.contentType,
      feedItem: fallback.feedItem,
      isUpdate: fallback.isUpdate,
      traceId: job.traceId,
      fetchedAt: new Date(),
    };
  }
}
