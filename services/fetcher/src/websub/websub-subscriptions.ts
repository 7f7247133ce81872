import {
  checkSubscription,
  decideVerification,
  discoverWebSub,
  leaseTimes,
  nextCheckAt,
  pollNotBefore,
  renewalRetryAt,
  shouldSubscribe,
  webSubLinksOfLinkHeader,
  type VerificationQuery,
  type WebSubDiscovery,
  type WebSubPolicy,
} from '@inkstream/feeds';
import type { Logger } from '@inkstream/observability';
import type { WebSubSubscriptionRecord, WebSubSubscriptionRepository } from '@inkstream/persistence';
import { randomBytes } from 'node:crypto';
import type { RunContext } from '../run-context';
import type { HubClient } from './hub-client';
import type { WebSubMetrics } from './websub-metrics';
import type { AdvertisedWebSub, WebSubPollHook } from './websub-poll-hook';

export interface WebSubOptions {
  /** FETCH_WEBSUB_CALLBACK_BASE, without a trailing slash */
  callbackBase: string;
  policy: WebSubPolicy;
  /** how often due renewals and lapses are looked for */
  checkIntervalMs: number;
}

/** What the callback answers a hub's verification request. */
export interface CallbackAnswer {
  status: number;
  body: string;
}

/** Subscriptions checked per round (renewals are rare; a backlog drains over a few rounds). */
const CHECK_BATCH = 50;

/**
 * The subscription side of WebSub: subscribes when a poll finds a hub, confirms the hub's verification of a
 * request we made, renews before the lease lapses, and hands a source back to polling when a lease lapses or the
 * hub refuses. All state is in MongoDB (any replica may get the hub's callback; a restart loses nothing).
 */
export class WebSubSubscriptions implements WebSubPollHook {
  private readonly tasks = new Set<Promise<void>>();
  private readonly abort = new AbortController();
  private timer: NodeJS.Timeout | null = null;
  private checking = false;

  constructor(
    private readonly subscriptions: WebSubSubscriptionRepository,
    private readonly hub: HubClient,
    private readonly options: WebSubOptions,
    private readonly logger: Logger,
    private readonly metrics: WebSubMetrics,
  ) {}

  start(): void {
    this.timer ??= setInterval(() => this.track(this.checkDue()), this.options.checkIntervalMs);
  }

  /** Stops the periodic check and waits for requests in flight (aborted: the hub is asked again after a restart). */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.abort.abort(new Error('fetcher shutting down'));
    await Promise.allSettled([...this.tasks]);
    await this.hub.close();
  }

  async afterPoll(context: RunContext, advertised: AdvertisedWebSub): Promise<Date | null> {
    const { source, now } = context;
    try {
      const discovery = discoverWebSub({
        header: webSubLinksOfLinkHeader(advertised.linkHeader, advertised.fetchedUrl),
        document: advertised.document,
        fetchedUrl: advertised.fetchedUrl,
      });
      // The status mirrored on the claimed source is enough to decide: no extra read on every poll.
      const existing = source.websub ?? null;
      if (discovery && shouldSubscribe(existing, discovery, now)) {
        // In the background: the hub verifies on our callback, possibly before it even answers, and the run's slot
        // is not to wait for that.
        this.track(this.subscriptions.get(source._id).then((stored) => this.subscribe(source._id, discovery, stored)));
      }
      return pollNotBefore(existing, now, this.options.policy);
    } catch (error) {
      context.logger.warn({ err: (error as Error).message }, 'WebSub: cannot read the subscription; polling as usual');
      return null;
    }
  }

  /** The hub's `GET <callback>?hub.mode=…` for a source. */
  async verify(sourceId: string, query: VerificationQuery): Promise<CallbackAnswer> {
    const now = new Date();
    const existing = await this.subscriptions.get(sourceId);
    const decision = decideVerification(existing, query);
    const logger = this.logger.child({ sourceId, topic: query.topic });
    if (decision.kind === 'reject' || !existing) {
      const answer = decision.kind === 'reject' ? decision : { status: 404, message: 'no subscription' };
      this.metrics.verifications.inc({ outcome: 'rejected' });
      logger.warn({ mode: query.mode, reason: answer.message }, 'WebSub: verification request rejected');
      return { status: answer.status, body: answer.message };
    }
    if (decision.kind === 'denied') {
      this.metrics.verifications.inc({ outcome: 'denied' });
      await this.endSubscription(existing, 'refused', `the hub denied the subscription: ${decision.reason}`, now);
      return { status: 200, body: '' };
    }
    const active: WebSubSubscriptionRecord = {
      ...existing,
      state: 'active',
      pendingSince: null,
      leaseSeconds: decision.leaseSeconds,
      verifiedAt: now,
      ...leaseTimes(now, decision.leaseSeconds),
      retryAt: null,
      lastError: null,
      updatedAt: now,
    };
    await this.subscriptions.save({ ...active, nextCheckAt: nextCheckAt(active, this.options.policy) });
    this.metrics.verifications.inc({ outcome: 'confirmed' });
    logger.info({ leaseSeconds: decision.leaseSeconds, expiresAt: active.expiresAt }, 'WebSub: subscription verified');
    return { status: 200, body: decision.challenge };
  }

  /** One round of the periodic check: renewals due, leases lapsed, requests the hub never verified. */
  async checkDue(): Promise<void> {
    if (this.checking) return;
    this.checking = true;
    try {
      const now = new Date();
      for (const record of await this.subscriptions.due(now, CHECK_BATCH)) {
        if (this.abort.signal.aborted) return;
        if (!record.nextCheckAt) continue;
        const hold = new Date(now.getTime() + this.options.policy.verifyWaitSeconds * 1000);
        if (!(await this.subscriptions.takeCheck(record._id, record.nextCheckAt, hold))) continue;
        const check = checkSubscription(record, now, this.options.policy);
        if (check.kind === 'renew') await this.renew(record, now);
        else if (check.kind === 'expire') await this.endSubscription(record, 'expired', check.reason, now);
        else if (check.kind === 'refuse') await this.endSubscription(record, 'refused', check.reason, now);
        else await this.subscriptions.save({ ...record, nextCheckAt: nextCheckAt(record, this.options.policy) });
      }
    } catch (error) {
      this.logger.warn({ err: (error as Error).message }, 'WebSub: cannot check subscriptions; trying again');
    } finally {
      this.checking = false;
    }
  }

  private async renew(record: WebSubSubscriptionRecord, now: Date): Promise<void> {
    const source = await this.subscriptions.sourceState(record._id);
    if (source === 'removed') {
      // Nobody to show it to and nothing to poll: the hub's lease simply runs out.
      await this.subscriptions.remove(record._id);
      this.logger.info({ sourceId: record._id, hub: record.hub }, 'WebSub: source removed, subscription dropped');
      return;
    }
    if (source === 'paused') {
      await this.endSubscription(record, 'expired', 'not renewed: the source is paused', now);
      return;
    }
    await this.subscribe(record._id, { hub: record.hub, topic: record.topic }, record);
  }

  /** Asks the hub for a subscription (first request or renewal); the record is pending before the hub can call. */
  private async subscribe(
    sourceId: string,
    discovery: WebSubDiscovery,
    existing: WebSubSubscriptionRecord | null,
  ): Promise<void> {
    const now = new Date();
    const same = existing !== null && existing.hub === discovery.hub && existing.topic === discovery.topic;
    const renewal = same && existing.state === 'active';
    const requested: WebSubSubscriptionRecord = {
      _id: sourceId,
      ...discovery,
      callback: `${this.options.callbackBase}/websub/${encodeURIComponent(sourceId)}`,
      // One secret per subscription, kept across renewals: pushes signed before a renewal stay valid.
      secret: same ? existing.secret : randomBytes(32).toString('hex'),
      state: renewal ? 'active' : 'pending',
      pendingSince: now,
      leaseSeconds: renewal ? existing.leaseSeconds : null,
      verifiedAt: renewal ? existing.verifiedAt : null,
      expiresAt: renewal ? existing.expiresAt : null,
      renewAt: renewal ? existing.renewAt : null,
      retryAt: null,
      nextCheckAt: null,
      lastError: existing?.lastError ?? null,
      lastPushAt: existing?.lastPushAt ?? null,
      pushes: existing?.pushes ?? 0,
      itemsPublished: existing?.itemsPublished ?? 0,
      updatedAt: now,
    };
    await this.subscriptions.save({ ...requested, nextCheckAt: nextCheckAt(requested, this.options.policy) });
    this.metrics.subscriptions.inc({ event: renewal ? 'renewal-requested' : 'requested' });
    const logger = this.logger.child({ sourceId, hub: discovery.hub, topic: discovery.topic });
    logger.info({ renewal }, 'WebSub: subscription requested');
    const answer = await this.hub.subscribe(
      {
        ...discovery,
        callback: requested.callback,
        secret: requested.secret,
        leaseSeconds: this.options.policy.leaseSeconds,
      },
      this.abort.signal,
    );
    if (answer.ok) return;
    this.metrics.subscriptions.inc({ event: 'request-failed' });
    logger.warn({ err: answer.message, permanent: answer.permanent }, 'WebSub: the hub did not take the request');
    // The hub may have verified meanwhile (verification can come before its answer): decide on what is stored now.
    const current = (await this.subscriptions.get(sourceId)) ?? requested;
    if (current.pendingSince?.getTime() !== now.getTime()) return;
    if (renewal && !answer.permanent && current.expiresAt) {
      // The lease still holds: ask again before it lapses.
      const retry = {
        ...current,
        pendingSince: null,
        renewAt: renewalRetryAt(now, current.expiresAt),
        lastError: answer.message,
        updatedAt: now,
      };
      await this.subscriptions.save({ ...retry, nextCheckAt: nextCheckAt(retry, this.options.policy) });
      return;
    }
    await this.endSubscription(current, 'refused', answer.message, now);
  }

  /** Refused or expired: back to polling at once, asked for again after FETCH_WEBSUB_RETRY_SECONDS. */
  private async endSubscription(
    record: WebSubSubscriptionRecord,
    state: 'refused' | 'expired',
    reason: string,
    now: Date,
  ): Promise<void> {
    await this.subscriptions.save({
      ...record,
      state,
      pendingSince: null,
      retryAt: new Date(now.getTime() + this.options.policy.retrySeconds * 1000),
      nextCheckAt: null,
      lastError: reason,
      updatedAt: now,
    });
    await this.subscriptions.pollNow(record._id, now);
    this.metrics.subscriptions.inc({ event: state });
    this.logger.warn(
      { sourceId: record._id, hub: record.hub, reason },
      `WebSub: subscription ${state}; polling resumes`,
    );
  }

  private track(task: Promise<void>): void {
    const tracked = task
      .catch((error: Error) => this.logger.warn({ err: error.message }, 'WebSub: subscription step failed'))
      .finally(() => this.tasks.delete(tracked));
    this.tasks.add(tracked);
  }
}
