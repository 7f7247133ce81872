import type { WebSubState } from '@inkstream/contracts';
import { Schema, type Connection, type Model } from 'mongoose';
import { translatingMongoErrors } from './mongo-errors';
import { collectionOf } from './typed-collection';
import { wholeBatch } from './whole-batch';

/**
 * A feed source's WebSub subscription, one per source (`_id` is the source id). Kept beside the source, not in it:
 * the secret must never reach the sources API, and a run's release rewrites the source's status wholesale.
 */
export interface WebSubSubscriptionRecord {
  _id: string;
  hub: string;
  topic: string;
  /** the callback URL the hub was given */
  callback: string;
  /** HMAC key the hub signs pushes with; never shown */
  secret: string;
  state: WebSubState;
  /** a request (first or renewal) waiting for the hub's verification since then; null when none waits */
  pendingSince: Date | null;
  /** the lease the hub granted at its last verification */
  leaseSeconds: number | null;
  verifiedAt: Date | null;
  expiresAt: Date | null;
  renewAt: Date | null;
  /** when a refused or expired subscription may be asked for again */
  retryAt: Date | null;
  /** when the fetcher's periodic check next looks at it (renewal, lapse, a verification that never came) */
  nextCheckAt: Date | null;
  /** why it was last refused, expired, failed to renew, or a push was unusable; cleared by a verification */
  lastError: string | null;
  lastPushAt: Date | null;
  /** pushes accepted, and the raw documents they published */
  pushes: number;
  itemsPublished: number;
  updatedAt: Date;
}

/** What a source's record shows of its subscription (`websub` on the source, beside `status`): no secret. */
export type WebSubStatus = Omit<WebSubSubscriptionRecord, '_id' | 'secret' | 'nextCheckAt'>;

export function webSubStatusOf(record: WebSubSubscriptionRecord): WebSubStatus {
  const { _id: _sourceId, secret: _secret, nextCheckAt: _nextCheckAt, ...status } = record;
  return status;
}

const subscriptionSchema = new Schema<WebSubSubscriptionRecord>(
  { _id: { type: String, required: true }, nextCheckAt: { type: Date } },
  { collection: 'websub_subscriptions', strict: false, versionKey: false, _id: false },
);
// The periodic check's query: subscriptions whose check time came, earliest first.
subscriptionSchema.index({ nextCheckAt: 1 });

/**
 * WebSub subscriptions, and their status mirrored on the source (`sources.websub`) so the sources API, the CLI and
 * the dashboard show it with the rest of the source's state. Any replica may answer a hub (the callback goes through
 * a load balancer), so everything a callback needs is here, not in a replica's memory.
 */
export class WebSubSubscriptionRepository {
  private readonly subscriptions: Model<WebSubSubscriptionRecord>;

  constructor(private readonly connection: Connection) {
    this.subscriptions =
      connection.models.WebSubSubscription ??
      connection.model<WebSubSubscriptionRecord>('WebSubSubscription', subscriptionSchema);
  }

  async ensureIndexes(): Promise<void> {
    await this.subscriptions.createIndexes();
  }

  async get(sourceId: string): Promise<WebSubSubscriptionRecord | null> {
    return this.subscriptions.findById(sourceId).lean<WebSubSubscriptionRecord>().exec();
  }

  /** Writes the whole subscription and its status on the source. */
  async save(record: WebSubSubscriptionRecord): Promise<void> {
    await collectionOf(this.subscriptions).replaceOne({ _id: record._id }, record, { upsert: true });
    await this.sources().updateOne({ _id: record._id }, { $set: { websub: webSubStatusOf(record) } });
  }

  /** Subscriptions whose check time has come, earliest first. */
  async due(now: Date, limit: number): Promise<WebSubSubscriptionRecord[]> {
    return this.subscriptions
      .find({ nextCheckAt: { $lte: now } })
      .sort({ nextCheckAt: 1 })
      .limit(limit)
      .setOptions(wholeBatch(limit))
      .lean<WebSubSubscriptionRecord[]>()
      .exec();
  }

  /**
   * Takes a due check for this replica by moving its check time on (guarded by the time read): false when another
   * replica took it first. On a server without atomic filtered updates two replicas may both win; the actions are
   * idempotent (a second renewal asks the hub for the same subscription again).
   */
  async takeCheck(sourceId: string, seen: Date, until: Date): Promise<boolean> {
    const result = await collectionOf(this.subscriptions).updateOne(
      { _id: sourceId, nextCheckAt: seen },
      { $set: { nextCheckAt: until } },
    );
    return result.modifiedCount === 1;
  }

  /** Counts an accepted push (atomically, several replicas may take pushes) on the subscription and the source. */
  async recordPush(sourceId: string, now: Date, published: number): Promise<void> {
    const counts = { $inc: { pushes: 1, itemsPublished: published }, $set: { lastPushAt: now, updatedAt: now } };
    await collectionOf(this.subscriptions).updateOne({ _id: sourceId }, counts);
    await this.sources().updateOne(
      { _id: sourceId },
      {
        $inc: { 'websub.pushes': 1, 'websub.itemsPublished': published },
        $set: { 'websub.lastPushAt': now, 'websub.updatedAt': now },
      },
    );
  }

  /** Notes a push that could not be used (not a feed) on the subscription and the source. */
  async recordPushFailure(sourceId: string, now: Date, message: string): Promise<void> {
    await collectionOf(this.subscriptions).updateOne(
      { _id: sourceId },
      { $set: { lastError: message, updatedAt: now } },
    );
    await this.sources().updateOne(
      { _id: sourceId },
      { $set: { 'websub.lastError': message, 'websub.updatedAt': now } },
    );
  }

  /** Whether the source is still polled, paused (kept, not renewed) or gone (its subscription is dropped). */
  async sourceState(sourceId: string): Promise<'polled' | 'paused' | 'removed'> {
    const source = await this.sources().findOne({ _id: sourceId }, { projection: { enabled: 1 } });
    if (!source) return 'removed';
    return source.enabled ? 'polled' : 'paused';
  }

  async remove(sourceId: string): Promise<void> {
    await collectionOf(this.subscriptions).deleteOne({ _id: sourceId });
  }

  /** Makes the source due now unless it already is (polling resumes at once after a lapse or a refusal). */
  async pollNow(sourceId: string, now: Date): Promise<void> {
    await this.sources().updateOne({ _id: sourceId, nextRunAt: { $gt: now } }, { $set: { nextRunAt: now } });
  }

  private sources() {
    return translatingMongoErrors(
      this.connection.collection<{ _id: string; enabled: boolean; nextRunAt: Date; websub?: WebSubStatus }>('sources'),
    );
  }
}
