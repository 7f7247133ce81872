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
  private readonly inFlight = new Set<Promise<void>>();
  private readonly abort = new AbortController();
  private loop: Promise<void> | null = null;
  private stopping = false;
  private wake: (() => void) | null = null;
  private requestStop: () => void = () => undefined;
  private readonly stopRequested = new Promise<void>((resolve) => (this.requestStop = resolve));

  constructor(
    private readonly deps: PageQueueDeps,
    private readonly options: PageQueueOptions,
    private readonly logger: Logger,
    private readonly metrics: FetcherMetrics,
  ) {}

  start(): void {
    if (this.loop) return;
    this.loop = this.claimLoop();
  }

  /** Cuts the idle wait short (a feed run queued pages). */
  poke(): void {
    this.wake?.();
  }

  /** No new claims; pages in flight get the grace period, then are aborted and handed back due at once. */
  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    this.requestStop();
    this.poke();
    await this.loop;
    const grace = setTimeout(() => this.abort.abort(new Error('fetcher shutting down')), this.options.stopGraceMs);
    await Promise.allSettled([...this.inFlight]);
    clearTimeout(grace);
  }

  private async claimLoop(): Promise<void> {
    while (!this.stopping) {
      if (this.inFlight.size >= this.options.concurrency) {
        await Promise.race([...this.inFlight, this.stopRequested]);
        continue;
      }
      let claimed: PageJobRecord[] = [];
      try {
        const free = this.options.concurrency - this.inFlight.size;
        claimed = await this.deps.pages.claimDue(this.options.ownerId, new Date(), this.options.leaseMs, free);
      } catch (error) {
        this.logger.warn({ err: (error as Error).message }, 'cannot claim queued pages');
      }
      if (claimed.length === 0) {
        await this.idle();
        continue;
      }
      for (const job of claimed) {
        const run = this.process(job).finally(() => {
          this.inFlight.delete(run);
          this.metrics.pagesInFlight.set(this.inFlight.size);
        });
        this.inFlight.add(run);
      }
      this.metrics.pagesInFlight.set(this.inFlight.size);
    }
  }

  private idle(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, this.options.claimIntervalMs);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  private async process(job: PageJobRecord): Promise<void> {
    const logger = this.logger.child({ traceId: job.traceId, sourceId: job.sourceId, url: job.url });
    const { ownerId, leaseMs } = this.options;
    const renew = setInterval(
      () => {
        this.deps.pages
          .renewLease(job._id, ownerId, new Date(Date.now() + leaseMs))
          .catch((error: Error) => logger.warn({ err: error.message }, 'page lease renewal failed'));
      },
      Math.max(1, Math.floor(leaseMs / 3)),
    );
    try {
      const page = await this.fetchPage(job, logger);
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
      const dueAt = new Date(Date.now() + (this.abort.signal.aborted ? 0 : POSTPONE_MS));
      await this.deps.pages
        .retryLater(job._id, ownerId, dueAt, false)
        .catch((failure: Error) =>
          logger.warn({ err: failure.message }, 'cannot hand the page back; its lease will expire'),
        );
    } finally {
      clearInterval(renew);
    }
  }

  /** The page's document input, null when the feed's own text is to be published, or 'retry-later' (handed back). */
  private async fetchPage(job: PageJobRecord, logger: Logger): Promise<RawDocumentInput | null | 'retry-later'> {
    try {
      const response = await this.deps.http.fetch({
        url: job.url,
        accept: PAGE_ACCEPT,
        allowList: sourceAllowList(job.source),
        signal: this.abort.signal,
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
      if (!failure || this.abort.signal.aborted) throw error;
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
