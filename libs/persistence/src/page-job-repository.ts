import type { RawDocument, SourceKind } from '@inkstream/contracts';
import { createHash, randomUUID } from 'node:crypto';
import { Schema, type Connection, type Model } from 'mongoose';
import { duplicateKeyFailures } from './connection';
import { collectionOf } from './typed-collection';
import { wholeBatch } from './whole-batch';

/** The source a page job publishes for, as its raw document names it (and its allow-list decides). */
export interface PageJobSource {
  id: string;
  name: string;
  kind: SourceKind;
  url: string;
  sites: string[];
  allowListed: boolean;
}

/** The feed's own text of the item: published instead when the page cannot be fetched, so the item is not lost. */
export interface PageJobFallback {
  url: string | null;
  content: string;
  contentType: string;
  feedItem: NonNullable<RawDocument['feedItem']>;
  isUpdate: boolean;
}

/** What a feed run enqueues: one article page to fetch for one new or changed item. */
export interface NewPageJob {
  source: PageJobSource;
  /** the feed run that found the item: its page document carries the same trace */
  traceId: string;
  /** the article page */
  url: string;
  itemKey: string;
  /** the item's content hash in the feed: a changed item is a new job */
  contentHash: string;
  fallback: PageJobFallback;
}

/** A queued page fetch with its lease (the same leasing as sources: whoever holds it fetches it). */
export interface PageJobRecord extends NewPageJob {
  /** `<sourceId>:<hash of item key and content hash>`: enqueuing the same item version twice is one job */
  _id: string;
  sourceId: string;
  dueAt: Date;
  /** failed fetches so far (a deferral, the origin asking us to wait, is not one) */
  attempts: number;
  leaseOwner: string | null;
  leaseUntil: Date | null;
  /** bumped by every claim: a claim stamps only the job version it read */
  leaseSeq: number;
  leaseToken: string | null;
  createdAt: Date;
}

const pageJobSchema = new Schema<PageJobRecord>(
  { _id: { type: String, required: true }, dueAt: { type: Date, required: true } },
  { collection: 'page_jobs', strict: false, versionKey: false, _id: false },
);
// The claim query: due jobs in due order.
pageJobSchema.index({ dueAt: 1 });
pageJobSchema.index({ sourceId: 1 });

/**
 * The durable queue of full-text page fetches (`page_jobs`). A feed run enqueues a job per new or changed item and
 * only then records the item as seen; a job is deleted only after its raw document was acknowledged. So a fetcher
 * that dies with pages queued or in flight loses none: its leases expire and any replica takes the jobs up, and the
 * items, already seen, are not enqueued again. A job may be fetched twice (a lease that expired mid-fetch; on
 * FerretDB v1 a claim race): its document id is deterministic, so a second publish is the same message downstream.
 */
export class PageJobRepository {
  private readonly jobs: Model<PageJobRecord>;

  constructor(connection: Connection) {
    this.jobs = connection.models.PageJob ?? connection.model<PageJobRecord>('PageJob', pageJobSchema);
  }

  async ensureIndexes(): Promise<void> {
    await this.jobs.createIndexes();
  }

  /** Adds the jobs due at once, in one round trip; a job already queued (same item version) stays as it is. */
  async enqueue(jobs: NewPageJob[], now: Date): Promise<number> {
    if (jobs.length === 0) return 0;
    const records: PageJobRecord[] = jobs.map((job) => ({
      ...job,
      _id: pageJobId(job.source.id, job.itemKey, job.contentHash),
      sourceId: job.source.id,
      dueAt: now,
      attempts: 0,
      leaseOwner: null,
      leaseUntil: null,
      leaseSeq: 0,
      leaseToken: null,
      createdAt: now,
    }));
    try {
      const result = await collectionOf(this.jobs).insertMany(records, { ordered: false });
      return result.insertedCount;
    } catch (error) {
      const failures = duplicateKeyFailures(error);
      if (!failures) throw error;
      return records.length - failures.length;
    }
  }

  /**
   * Takes up to `limit` due jobs for `owner` until `now + leaseMs`, in due order: read the due jobs, stamp the
   * lease on each (guarded by the leaseSeq read) in one bulkWrite with this call's token, read back what carries it.
   */
  async claimDue(owner: string, now: Date, leaseMs: number, limit: number): Promise<PageJobRecord[]> {
    const candidates = await this.jobs
      .find({ dueAt: { $lte: now }, $or: [{ leaseUntil: null }, { leaseUntil: { $lte: now } }] })
      .sort({ dueAt: 1 })
      .limit(limit)
      .setOptions(wholeBatch(limit))
      .lean<PageJobRecord[]>()
      .exec();
    if (candidates.length === 0) return [];
    const leaseToken = randomUUID();
    const leaseUntil = new Date(now.getTime() + leaseMs);
    await collectionOf(this.jobs).bulkWrite(
      candidates.map((candidate) => ({
        updateOne: {
          filter: { _id: candidate._id, leaseSeq: candidate.leaseSeq },
          update: { $set: { leaseOwner: owner, leaseUntil, leaseToken, leaseSeq: candidate.leaseSeq + 1 } },
        },
      })),
      { ordered: false },
    );
    const claimed = await this.jobs
      .find({ _id: { $in: candidates.map((candidate) => candidate._id) }, leaseToken })
      .lean<PageJobRecord[]>()
      .exec();
    return claimed.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
  }

  /** Extends a lease still held by `owner` (a fetch outlasting a third of it); false when it was lost. */
  async renewLease(id: string, owner: string, until: Date): Promise<boolean> {
    const result = await this.jobs.updateOne({ _id: id, leaseOwner: owner }, { $set: { leaseUntil: until } }).exec();
    return result.matchedCount === 1;
  }

  /** The job is done (its document acknowledged): deleted; false when the lease had passed to someone else. */
  async complete(id: string, owner: string): Promise<boolean> {
    const result = await this.jobs.deleteOne({ _id: id, leaseOwner: owner }).exec();
    return result.deletedCount === 1;
  }

  /** Hands the job back, due at `dueAt`; `failed` counts the attempt (a deferral or our own outage does not). */
  async retryLater(id: string, owner: string, dueAt: Date, failed: boolean): Promise<boolean> {
    const result = await this.jobs
      .updateOne(
        { _id: id, leaseOwner: owner },
        {
          $set: { dueAt, leaseOwner: null, leaseUntil: null, leaseToken: null },
          $inc: { attempts: failed ? 1 : 0 },
        },
      )
      .exec();
    return result.matchedCount === 1;
  }

  /** Jobs queued (due or not, leased or not), of one source or all. */
  async countQueued(sourceId?: string): Promise<number> {
    return this.jobs.countDocuments(sourceId ? { sourceId } : {}).exec();
  }
}

function pageJobId(sourceId: string, itemKey: string, contentHash: string): string {
  return `${sourceId}:${createHash('sha256').update(`${itemKey}\n${contentHash}`).digest('hex').slice(0, 32)}`;
}
