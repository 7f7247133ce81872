import { newTraceId } from '@inkstream/contracts';
import { errorKindOf } from '@inkstream/errors';
import { checkPushSignature, decodeBody } from '@inkstream/feeds';
import { findFetchError } from '@inkstream/fetching';
import type { Logger } from '@inkstream/observability';
import type { WebSubSubscriptionRepository } from '@inkstream/persistence';
import type { RunnerDeps } from '../run-context';
import { publishFeedItems } from '../run-feed';
import type { WebSubMetrics } from './websub-metrics';

/** One push as the callback received it. */
export interface Push {
  body: Buffer;
  contentType: string | null;
  signature: string | null;
}

export interface PushAnswer {
  status: number;
  message: string;
}

/**
 * Accepts a hub's signed push for a source and publishes its new items through the feed run's own path
 * (`publishFeedItems`: the same parsing, seen items and raw documents as a poll). Answers 2xx only once Kafka
 * acknowledged what the push carried, and 503 when we cannot (the hub delivers again).
 */
export class WebSubPushes {
  private deps: RunnerDeps | null = null;
  private readonly abort = new AbortController();
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(
    private readonly subscriptions: WebSubSubscriptionRepository,
    private readonly logger: Logger,
    private readonly metrics: WebSubMetrics,
  ) {}

  /** The runner's dependencies (publisher, sources, HTTP for full-text pages), built with the scheduler. */
  useRunner(deps: RunnerDeps): void {
    this.deps = deps;
  }

  /** Refuses new pushes (503: the hub retries) and waits for those in flight, whose page fetches are aborted. */
  async stop(): Promise<void> {
    this.abort.abort(new Error('fetcher shutting down'));
    await Promise.allSettled([...this.inFlight]);
  }

  async accept(sourceId: string, push: Push): Promise<PushAnswer> {
    const task = this.handle(sourceId, push);
    this.inFlight.add(task);
    try {
      const answer = await task;
      return answer;
    } finally {
      this.inFlight.delete(task);
    }
  }

  private async handle(sourceId: string, push: Push): Promise<PushAnswer> {
    const deps = this.deps;
    if (!deps || this.abort.signal.aborted) return this.answer('unavailable', 503, 'not accepting pushes right now');
    const subscription = await this.subscriptions.get(sourceId);
    if (!subscription || subscription.state !== 'active') {
      return this.answer('no-subscription', 410, `no active WebSub subscription for source ${sourceId}`);
    }
    const signature = checkPushSignature(push.signature, push.body, subscription.secret);
    if (!signature.ok) {
      this.logger.warn({ sourceId, hub: subscription.hub, reason: signature.message }, 'WebSub: push refused');
      return this.answer(signature.reason, 403, signature.message);
    }
    const source = await deps.sources.get(sourceId);
    if (!source || !source.enabled) return this.answer('no-subscription', 410, `source ${sourceId} is not polled`);
    const now = new Date();
    const traceId = newTraceId();
    const logger = this.logger.child({ traceId, sourceId, kind: source.kind, push: true });
    try {
      const { text } = decodeBody(push.body, push.contentType);
      const context = { source, traceId, now, signal: this.abort.signal, logger };
      const outcome = await publishFeedItems(deps, context, { text, url: subscription.topic, httpStatus: null });
      await this.subscriptions.recordPush(sourceId, now, outcome.published);
      if (outcome.failure) logger.warn({ err: outcome.failure }, 'WebSub: some pushed items could not be published');
      logger.info({ published: outcome.published, newItems: outcome.newItemsSeen }, 'WebSub: push accepted');
      this.metrics.pushes.inc({ outcome: 'accepted' });
      return { status: 204, message: '' };
    } catch (error) {
      const failure = findFetchError(error);
      if (failure?.kind === 'unparseable') {
        logger.warn({ err: failure.message }, 'WebSub: pushed content is not a feed');
        await this.subscriptions.recordPushFailure(sourceId, now, `push refused: ${failure.message}`);
        return this.answer('unparseable', 400, failure.message);
      }
      if (errorKindOf(error) === 'dependency-unavailable' || this.abort.signal.aborted) {
        logger.warn({ err: (error as Error).message }, 'WebSub: push not published now; the hub will deliver again');
        return this.answer('unavailable', 503, 'cannot publish now, deliver again later');
      }
      throw error;
    }
  }

  private answer(outcome: string, status: number, message: string): PushAnswer {
    this.metrics.pushes.inc({ outcome });
    return { status, message };
  }
}
