import { createHash, randomUUID } from 'node:crypto';
import { Schema, type Connection, type Model } from 'mongoose';
import { collectionOf } from './typed-collection';
import { duplicateKeyFailures, isDuplicateKeyError } from './connection';
import { ZodError } from 'zod';
import {
  MAX_SOURCE_POLLS,
  sourceEditSchema,
  sourceHost,
  sourceRecordFrom,
  sourceTerms,
  type NewSource,
  type SourceEdit,
  type SourcePoll,
  type SourceRecord,
  type SourceStatus,
} from './source-record';
import { editShortensWaitTo, sourceLimitProblems, sourceLimitsOf } from './source-limits';
import {
  buildSourceQuery,
  combine,
  sourceCursorAfter,
  sourceListFilter,
  type SourceCursor,
  type SourceListFilter,
  type SourceSort,
} from './source-query';
import { wholeBatch } from './whole-batch';

/** What the source has listed before: one record per (source, item key), to tell new and changed items apart. */
export interface SeenItemRecord {
  _id: string;
  sourceId: string;
  /** feed item key, `url:<normalised>` for sitemap entries and pages, `file:<relative path>` for dropped files */
  itemKey: string;
  contentHash: string;
  /** cheap change marker checked before hashing (a dropped file's size and mtime); null when unused */
  stamp: string | null;
  firstSeenAt: Date;
  lastSeenAt: Date;
}

export interface SeenItem {
  itemKey: string;
  contentHash: string;
  stamp?: string | null;
}

/** One claimed run of a source: its unique `_id` is what makes a claim exclusive. */
export interface SourceRunClaim {
  _id: string;
  sourceId: string;
  seq: number;
  owner: string;
  claimedAt: Date;
}

/** What a finished run writes back: the new status and when to run next. */
export interface SourceRunUpdate {
  status: SourceStatus;
  nextRunAt: Date;
  parked: boolean;
  /** the source's new URL after a permanent redirect (its id stays) */
  url?: string;
  /** this run for the source's poll history; its duration is taken when the outcome is written */
  poll?: Omit<SourcePoll, 'durationMs'>;
}

/** What became of one source of a bulk add or import. */
export type BulkAddResult =
  | { index: number; url: string; outcome: 'added' | 'existing'; id: string }
  | { index: number; url: string; outcome: 'refused'; reason: string };

/** One page of the sources listing. */
export interface SourcePage {
  sources: SourceRecord[];
  nextCursor: string | null;
  /** sources matching the filter (all pages) */
  total: number;
}

/** An edit the record refuses (full-text mode on a source that is not a feed). */
export class SourceEditError extends Error {
  override readonly name = 'SourceEditError';
}

export class SourceExistsError extends Error {
  override readonly name = 'SourceExistsError';
}

const sourceSchema = new Schema<SourceRecord>(
  {
    _id: { type: String, required: true },
    enabled: { type: Boolean, required: true },
    parked: { type: Boolean, required: true },
    nextRunAt: { type: Date, required: true },
  },
  { collection: 'sources', strict: false, versionKey: false, _id: false },
);
// The claim query: due, enabled, unparked sources in due order (also the paused, parked and due listings).
sourceSchema.index({ enabled: 1, parked: 1, nextRunAt: 1 });
// The listing (source-query.ts): few indexes, as every one is rewritten by each claim, renewal and release. The
// claim index also serves the lateness order and the state filters; `terms` also serves the host and tag filters.
// The query-plan test holds every listing query to an index read.
sourceSchema.index({ name: 1 });
sourceSchema.index({ 'status.lastFetchAt': -1 });
sourceSchema.index({ terms: 1 });

const seenSchema = new Schema<SeenItemRecord>(
  { _id: { type: String, required: true }, sourceId: { type: String, required: true } },
  { collection: 'source_items', strict: false, versionKey: false, _id: false },
);
seenSchema.index({ sourceId: 1 });

const runSchema = new Schema<SourceRunClaim>(
  { _id: { type: String, required: true }, sourceId: { type: String, required: true } },
  { collection: 'source_runs', strict: false, versionKey: false, _id: false },
);
runSchema.index({ sourceId: 1, seq: 1 });

/** `$in` lists stay well below any server's command size limit. */
const SEEN_BATCH = 500;

/** Sources one bulk add or import may carry: 10,000 feeds is one call, and one insert stays well under 16 MB. */
export const MAX_SOURCES_PER_CALL = 10_000;

/** The listing leaves the poll history out: it is for one source's page, not for every row. */
const LIST_PROJECTION = { polls: 0 } as const;

/**
 * Sources and their seen items.
 *
 * Claiming (N replicas, each due run exactly once) without transactions: a replica reads a batch of due sources
 * whose lease is free or expired, then claims run `runSeq + 1` of each by inserting `<sourceId>#<runSeq+1>` into
 * `source_runs` (one unordered insertMany). The unique `_id` lets exactly one insert per run win, on MongoDB and on
 * FerretDB alike; the winner then stamps `runSeq`/`leaseOwner`/`leaseUntil` on its sources (each guarded by the
 * runSeq it read). A plain findOneAndUpdate claim
 * would be simpler, but FerretDB v1 runs neither findAndModify nor a filtered updateOne atomically (two concurrent
 * calls both "win" most of the time; measured against the dev stack), while a duplicate `_id` insert always fails. Only the lease holder's release (matched on owner and runSeq) writes the outcome; a
 * crashed replica's source comes back when its lease expires.
 */
export class SourceRepository {
  private readonly sources: Model<SourceRecord>;
  private readonly seen: Model<SeenItemRecord>;
  private readonly runs: Model<SourceRunClaim>;

  constructor(connection: Connection) {
    this.sources = connection.models.Source ?? connection.model<SourceRecord>('Source', sourceSchema);
    this.seen = connection.models.SourceItem ?? connection.model<SeenItemRecord>('SourceItem', seenSchema);
    this.runs = connection.models.SourceRun ?? connection.model<SourceRunClaim>('SourceRun', runSchema);
  }

  async ensureIndexes(): Promise<void> {
    await this.sources.createIndexes();
    await this.seen.createIndexes();
    await this.runs.createIndexes();
    await this.backfillListingFields();
  }

  /** Records from before the listing's host and terms fields get them once (found by the terms index). */
  private async backfillListingFields(): Promise<void> {
    const old = await this.sources
      .find({ terms: { $exists: false } }, { url: 1, name: 1, tags: 1 })
      .lean<Array<Pick<SourceRecord, '_id' | 'url' | 'name' | 'tags'>>>()
      .exec();
    if (old.length === 0) return;
    await collectionOf(this.sources).bulkWrite(
      old.map((source) => ({
        updateOne: {
          filter: { _id: source._id },
          update: {
            $set: { host: sourceHost(source.url), terms: sourceTerms({ ...source, tags: source.tags ?? [] }) },
          },
        },
      })),
      { ordered: false },
    );
  }

  async add(input: NewSource, now: Date, id?: string): Promise<SourceRecord> {
    const record = sourceRecordFrom(input, now, id);
    try {
      await collectionOf(this.sources).insertOne(record);
    } catch (error) {
      if (isDuplicateKeyError(error)) {
        throw new SourceExistsError(`a source with id ${record._id} (${record.url}) already exists`);
      }
      throw error;
    }
    return record;
  }

  /**
   * Adds many sources in one round trip (an import of 2,000 feeds is one call, not 2,000): each input is validated
   * on its own, and each gets its outcome: added, existing (its URL is already a source, here or earlier in the
   * list) or refused with the reason.
   */
  async addMany(inputs: readonly NewSource[], now: Date): Promise<BulkAddResult[]> {
    if (inputs.length > MAX_SOURCES_PER_CALL) {
      throw new RangeError(`${inputs.length} sources in one call, over the limit of ${MAX_SOURCES_PER_CALL}`);
    }
    const results: BulkAddResult[] = [];
    const records: Array<{ index: number; record: SourceRecord }> = [];
    inputs.forEach((input, index) => {
      const url = typeof input.url === 'string' ? input.url : '';
      try {
        records.push({ index, record: sourceRecordFrom(input, now) });
      } catch (error) {
        if (!(error instanceof ZodError)) throw error;
        const reason = error.issues.map((issue) => `${issue.path.join('.') || 'source'}: ${issue.message}`).join('; ');
        results[index] = { index, url, outcome: 'refused', reason };
      }
    });
    const duplicates = await this.insertSources(records.map((entry) => entry.record));
    records.forEach(({ index, record }, position) => {
      const outcome = duplicates.has(position) ? 'existing' : 'added';
      results[index] = { index, url: record.url, outcome, id: record._id };
    });
    return results;
  }

  /** Inserts in one unordered round trip; returns the positions whose id (URL) was already taken. */
  private async insertSources(records: SourceRecord[]): Promise<Set<number>> {
    if (records.length === 0) return new Set();
    try {
      await collectionOf(this.sources).insertMany(records, { ordered: false });
      return new Set();
    } catch (error) {
      return duplicateIndexes(error);
    }
  }

  /**
   * Changes what an operator may change (sourceEditSchema) and nothing else: seen items, validators, counters and
   * the run sequence stay, so the next poll is conditional and republishes nothing. A shorter interval or, for a
   * source polled adaptively, a lower maxIntervalSeconds takes effect at once (the next run moves earlier);
   * `enabled: true` resumes as resume does. Null when there is no such source; throws a ZodError for a bad field and
   * SourceEditError for what does not fit the source (full-text mode on a source that is not a feed, a minimum over
   * its maximum, limits its kind has no use for).
   */
  async edit(id: string, input: SourceEdit, now: Date): Promise<SourceRecord | null> {
    const edit = sourceEditSchema.parse(input);
    const current = await this.get(id);
    if (!current) return null;
    if (edit.fullText && current.kind !== 'feed') {
      throw new SourceEditError(
        `fullText: full-text mode applies to feed sources only (source ${id} is a ${current.kind})`,
      );
    }
    const merged = { ...current, ...edit };
    const edited = { pollIntervalSeconds: merged.pollIntervalSeconds, ...sourceLimitsOf(merged) };
    const problems = sourceLimitProblems(current.kind, edited);
    if (problems.length > 0) {
      throw new SourceEditError(
        `${problems.map((problem) => `${problem.field}: ${problem.message}`).join('; ')} (source ${id} is a ${current.kind})`,
      );
    }
    const set: Record<string, unknown> = { ...edit, updatedAt: now };
    if (edit.name !== undefined || edit.tags !== undefined) {
      set.terms = sourceTerms({ url: current.url, name: edit.name ?? current.name, tags: edit.tags ?? current.tags });
    }
    const waitSeconds = editShortensWaitTo(edited, edit);
    if (waitSeconds !== null) {
      const soonest = new Date(now.getTime() + waitSeconds * 1000);
      if (soonest < new Date(current.nextRunAt)) set.nextRunAt = soonest;
    }
    // As resume: an operator enabling a source asks for it to run (also unparked, its error count reset).
    if (edit.enabled === true) Object.assign(set, { parked: false, nextRunAt: now, 'status.consecutiveErrors': 0 });
    return this.sources
      .findOneAndUpdate({ _id: id }, { $set: set }, { returnDocument: 'after' })
      .lean<SourceRecord>()
      .exec();
  }

  /** One page of the listing (see source-query.ts), without poll histories, and how many match in all. */
  async page(
    filter: SourceListFilter,
    options: { sort: SourceSort; limit: number; cursor?: SourceCursor },
    now: Date,
  ): Promise<SourcePage> {
    const query = buildSourceQuery(filter, options.sort, now, options.cursor);
    const countFilter = combine(sourceListFilter(filter, now));
    const [records, total] = await Promise.all([
      this.sources
        .find(query.filter, LIST_PROJECTION)
        .sort(query.sort)
        .limit(options.limit + 1)
        .lean<SourceRecord[]>()
        .exec(),
      Object.keys(countFilter).length === 0
        ? this.sources.estimatedDocumentCount().exec()
        : this.sources.countDocuments(countFilter).exec(),
    ]);
    const sources = records.slice(0, options.limit);
    const last = sources[sources.length - 1];
    const nextCursor = records.length > options.limit && last ? sourceCursorAfter(last, options.sort) : null;
    return { sources, nextCursor, total };
  }

  async get(id: string): Promise<SourceRecord | null> {
    return this.sources.findById(id).lean<SourceRecord>().exec();
  }

  /** Every source (without poll histories), in id order: what an export writes. */
  async list(filter: { tag?: string; kind?: string } = {}): Promise<SourceRecord[]> {
    const query: Record<string, unknown> = {};
    if (filter.tag) query.tags = filter.tag;
    if (filter.kind) query.kind = filter.kind;
    return this.sources.find(query, LIST_PROJECTION).sort({ _id: 1 }).lean<SourceRecord[]>().exec();
  }

  /** Pause (enabled false) or resume: resuming also unparks, clears the error count and makes the source due. */
  async setEnabled(id: string, enabled: boolean, now: Date): Promise<SourceRecord | null> {
    const set: Record<string, unknown> = { enabled, updatedAt: now };
    if (enabled) Object.assign(set, { parked: false, nextRunAt: now, 'status.consecutiveErrors': 0 });
    return this.sources
      .findOneAndUpdate({ _id: id }, { $set: set }, { returnDocument: 'after' })
      .lean<SourceRecord>()
      .exec();
  }

  /** Makes the source due now (also unparks it: an operator asked for it explicitly). */
  async fetchNow(id: string, now: Date): Promise<SourceRecord | null> {
    return this.sources
      .findOneAndUpdate(
        { _id: id },
        { $set: { nextRunAt: now, parked: false, updatedAt: now } },
        { returnDocument: 'after' },
      )
      .lean<SourceRecord>()
      .exec();
  }

  async remove(id: string): Promise<boolean> {
    const result = await this.sources.deleteOne({ _id: id }).exec();
    await this.seen.deleteMany({ sourceId: id }).exec();
    await this.runs.deleteMany({ sourceId: id }).exec();
    return result.deletedCount === 1;
  }

  /**
   * Takes up to `limit` due sources for `owner` until `now + leaseMs`, in due order; empty when nothing is due (or
   * others took it all). Four round trips whatever the batch size: read the due sources (on the claim index),
   * insert their next run claims in one unordered insertMany (a duplicate `_id` means another replica won that
   * one), stamp the lease on the won sources in one bulkWrite (each guarded by the runSeq read) with this call's
   * token, and read back by `_id` the sources carrying the token. A fifth voids claims whose stamp missed.
   */
  async claimDue(owner: string, now: Date, leaseMs: number, limit: number): Promise<SourceRecord[]> {
    const candidates = await this.sources
      .find({
        enabled: true,
        parked: false,
        nextRunAt: { $lte: now },
        $or: [{ leaseUntil: null }, { leaseUntil: { $lte: now } }],
      })
      .sort({ nextRunAt: 1 })
      .limit(limit)
      .setOptions(wholeBatch(limit))
      .lean<SourceRecord[]>()
      .exec();
    if (candidates.length === 0) return [];
    const claims = candidates.map((candidate) => {
      const seq = nextSeq(candidate);
      return { _id: `${candidate._id}#${seq}`, sourceId: candidate._id, seq, owner, claimedAt: now };
    });
    const lost = await this.insertClaims(claims);
    const won = candidates.filter((_candidate, index) => !lost.has(index));
    const claimIds = new Map(claims.map((claim) => [claim.sourceId, claim._id]));
    if (won.length === 0) return [];
    const leaseUntil = new Date(now.getTime() + leaseMs);
    const leaseToken = randomUUID();
    await collectionOf(this.sources).bulkWrite(
      won.map((candidate) => ({
        updateOne: {
          filter: { _id: candidate._id, runSeq: candidate.runSeq },
          update: { $set: { runSeq: nextSeq(candidate), leaseOwner: owner, leaseUntil, leaseToken } },
        },
      })),
      { ordered: false },
    );
    const claimed = await this.sources
      .find({ _id: { $in: won.map((candidate) => candidate._id) } })
      .lean<SourceRecord[]>()
      .exec();
    const ours = new Set(claimed.filter((source) => source.leaseToken === leaseToken).map((source) => source._id));
    // A stale read (the run number had moved on): those claims are void.
    const stale = won.filter((candidate) => !ours.has(candidate._id));
    if (stale.length > 0) {
      await this.runs.deleteMany({ _id: { $in: stale.map((candidate) => claimIds.get(candidate._id)) } }).exec();
    }
    const order = new Map(won.map((candidate, index) => [candidate._id, index]));
    return claimed
      .filter((source) => ours.has(source._id))
      .sort((a, b) => (order.get(a._id) ?? 0) - (order.get(b._id) ?? 0));
  }

  /** Inserts run claims in one round trip; returns the indexes another replica had claimed first. */
  private async insertClaims(claims: SourceRunClaim[]): Promise<Set<number>> {
    try {
      await collectionOf(this.runs).insertMany(claims, { ordered: false });
      return new Set();
    } catch (error) {
      return duplicateIndexes(error);
    }
  }

  /** Extends a lease still held by `owner` (long runs); false when it was lost. */
  async renewLease(id: string, owner: string, until: Date): Promise<boolean> {
    const result = await this.sources.updateOne({ _id: id, leaseOwner: owner }, { $set: { leaseUntil: until } }).exec();
    return result.matchedCount === 1;
  }

  /** Writes a run's outcome and frees the source; false when the lease had passed to someone else. */
  async release(id: string, owner: string, update: SourceRunUpdate, now: Date): Promise<boolean> {
    const source = await this.sources
      .findOne({ _id: id, leaseOwner: owner }, { runSeq: 1, name: 1, tags: 1 })
      .lean<SourceRecord>()
      .exec();
    if (!source) return false;
    const { poll, ...fields } = update;
    const moved = update.url
      ? { host: sourceHost(update.url), terms: sourceTerms({ ...source, url: update.url, tags: source.tags ?? [] }) }
      : {};
    const history = poll
      ? {
          $push: {
            polls: {
              $each: [{ ...poll, durationMs: Math.max(0, now.getTime() - poll.at.getTime()) }],
              $slice: -MAX_SOURCE_POLLS,
            },
          },
        }
      : {};
    const result = await this.sources
      .updateOne(
        { _id: id, leaseOwner: owner, runSeq: source.runSeq },
        {
          $set: { ...fields, ...moved, updatedAt: now, leaseOwner: null, leaseUntil: null, leaseToken: null },
          ...history,
        },
      )
      .exec();
    // Claims of earlier runs are spent; the current one stays so a replica with a stale read cannot claim it again.
    await this.runs.deleteMany({ sourceId: id, seq: { $lt: source.runSeq } }).exec();
    return result.matchedCount === 1;
  }

  /** The seen state of these keys (absent keys were never seen). */
  async seenItems(sourceId: string, itemKeys: string[]): Promise<Map<string, SeenItem>> {
    const found = new Map<string, SeenItem>();
    for (let start = 0; start < itemKeys.length; start += SEEN_BATCH) {
      const ids = itemKeys.slice(start, start + SEEN_BATCH).map((key) => seenId(sourceId, key));
      const records = await this.seen
        .find({ _id: { $in: ids } })
        .lean<SeenItemRecord[]>()
        .exec();
      for (const record of records) {
        found.set(record.itemKey, { itemKey: record.itemKey, contentHash: record.contentHash, stamp: record.stamp });
      }
    }
    return found;
  }

  /** Records items as seen (after their raw documents are acknowledged, so a crash republishes, never loses). */
  async recordSeen(sourceId: string, items: SeenItem[], now: Date): Promise<void> {
    if (items.length === 0) return;
    await this.seen.bulkWrite(
      items.map((item) => ({
        updateOne: {
          filter: { _id: seenId(sourceId, item.itemKey) },
          update: {
            $set: {
              sourceId,
              itemKey: item.itemKey,
              contentHash: item.contentHash,
              stamp: item.stamp ?? null,
              lastSeenAt: now,
            },
            $setOnInsert: { firstSeenAt: now },
          },
          upsert: true,
        },
      })),
      { ordered: false },
    );
  }

  async countSeen(sourceId: string): Promise<number> {
    return this.seen.countDocuments({ sourceId }).exec();
  }
}

/** The positions of an unordered insert that failed on a duplicate `_id`; any other failure is rethrown. */
function duplicateIndexes(error: unknown): Set<number> {
  const failures = duplicateKeyFailures(error);
  if (!failures) throw error;
  return new Set(failures.map((failure) => failure.index));
}

/** Item keys can be long URLs: the id is their hash, the key itself is kept as a field. */
function seenId(sourceId: string, itemKey: string): string {
  return `${sourceId}:${createHash('sha256').update(itemKey).digest('hex').slice(0, 32)}`;
}

/** The run a claim takes: records from before `runSeq` existed count as run 0. */
function nextSeq(source: Pick<SourceRecord, 'runSeq'>): number {
  return (source.runSeq ?? 0) + 1;
}
