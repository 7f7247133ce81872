import type { DuplicateNotice, EnrichedArticle } from '@inkstream/contracts';
import {
  articleRecordFrom,
  publishedVersionFrom,
  articleContentHash,
  revisedAtOf,
  type ArticleRecord,
  type PublicationRecord,
} from './article-record';
import { CoalescedInsert, CoalescedLookup, CoalescedUpsert } from './coalesced-commands';
import { isDuplicateKeyError } from './connection';
import { duplicateRecordFrom, sharedDuplicateRecordFrom, type DuplicateRecord } from './duplicate-record';
import type { Collection } from 'mongoose';
import type { ArticleModels } from './models';
import { collectionOf } from './typed-collection';

/** `duplicate`: another source's delivery of a stored article, recorded as its duplicate (a new version of it). */
export type UpsertOutcome = 'inserted' | 'updated' | 'duplicate' | 'unchanged' | 'stale';

export interface UpsertResult {
  outcome: UpsertOutcome;
  record: ArticleRecord;
}

export interface DuplicateAttachment {
  /** The original as it now stands. */
  original: ArticleRecord;
  /** This call attached the duplicate (a new version of the original); false when a redelivery found it attached. */
  attachedNow: boolean;
}

const MAX_CONFLICT_RETRIES = 8;

/**
 * Idempotent writes without transactions (FerretDB v1 has none): inserts rely on the unique `_id`, updates on
 * optimistic concurrency (`version` must still be what was read). A conflict re-reads and decides again, so two
 * replicas racing on one article converge on one document.
 */
export class ArticleRepository {
  private readonly articles: Collection<ArticleRecord>;
  private readonly duplicates: Collection<DuplicateRecord>;
  private readonly publications: Collection<PublicationRecord>;
  // Concurrent messages' commands of one kind go out as one (a command costs more than what it carries).
  private readonly articleInserts: CoalescedInsert<ArticleRecord>;
  private readonly lateDuplicates: CoalescedLookup<DuplicateRecord, 'duplicateOf'>;
  private readonly publicationNotes: CoalescedUpsert<PublicationRecord>;
  private readonly firstPublicationNotes: CoalescedInsert<PublicationRecord>;

  constructor(private readonly models: ArticleModels) {
    this.articles = collectionOf(models.articles);
    this.duplicates = collectionOf(models.duplicates);
    this.publications = collectionOf(models.publications);
    this.articleInserts = new CoalescedInsert(this.articles);
    this.lateDuplicates = new CoalescedLookup(this.duplicates, 'duplicateOf');
    this.publicationNotes = new CoalescedUpsert(this.publications);
    this.firstPublicationNotes = new CoalescedInsert(this.publications);
  }

  async findById(id: string): Promise<ArticleRecord | null> {
    return this.models.articles.findById(id).lean<ArticleRecord>().exec();
  }

  async upsertEnriched(article: EnrichedArticle, now: string): Promise<UpsertResult> {
    const contentHash = articleContentHash(article);
    // Most articles are new: insert first, and read the stored one only when the id is taken (a redelivery or an
    // edit), one round trip fewer per article than reading first.
    const inserted = await this.insertNew(article, now);
    if (inserted) return { outcome: 'inserted', record: inserted };
    for (let attempt = 0; attempt < MAX_CONFLICT_RETRIES; attempt += 1) {
      const existing = await this.findById(article.id);
      if (!existing) {
        const record = await this.insertNew(article, now);
        if (record) return { outcome: 'inserted', record };
        continue;
      }
      if (existing.sourceId !== article.sourceId) {
        // Only two sources registered for one site reach one id (the splitter scopes everyone else's): a
        // publisher's feed and its sitemap. One article, stored by the first; the other's delivery is its duplicate,
        // never a new version of it (docs/reliability.md, "Who owns an article").
        const attachment = await this.attachDuplicate(sharedDuplicateRecordFrom(article, existing), now);
        if (!attachment) continue;
        return { outcome: attachment.attachedNow ? 'duplicate' : 'unchanged', record: attachment.original };
      }
      if (existing.contentHash === contentHash) {
        // A redelivery: the store may have died after the insert, before it attached the duplicates noted while the
        // article was on its way (their notices found no article and were done with). Attached now, or never.
        const current = await this.attachLateDuplicates(existing, now);
        return { outcome: current.version === existing.version ? 'unchanged' : 'duplicate', record: current };
      }
      if (revisedAtOf(article) < existing.revisedAt) return { outcome: 'stale', record: existing };
      const record = articleRecordFrom(article, {
        version: existing.version + 1,
        storedAt: existing.storedAt,
        now,
        duplicates: existing.duplicates,
      });
      const { _id, ...fields } = record;
      const result = await this.articles.updateOne({ _id, version: existing.version }, { $set: fields });
      if (result.matchedCount === 1) return { outcome: 'updated', record };
    }
    throw new Error(`article ${article.id}: gave up after ${MAX_CONFLICT_RETRIES} concurrent-write conflicts`);
  }

  /**
   * Inserts the article as version 1, then attaches the duplicates already noted for it (a version more); null when
   * its id is taken. Reading the duplicates after the insert, not before, is one round trip per article: a notice
   * handled before the insert is found by that read, one handled after it finds the article.
   */
  private async insertNew(article: EnrichedArticle, now: string): Promise<ArticleRecord | null> {
    const record = articleRecordFrom(article, { version: 1, storedAt: now, now, duplicates: [] });
    const taken = await this.articleInserts.insert([record]);
    return taken.length > 0 ? null : this.attachLateDuplicates(record, now);
  }

  /**
   * Records a duplicate against its original. Returns the original as it now stands (so the caller publishes any
   * version it still owes), or null when the original is not stored yet. An original that already lists this
   * duplicate is returned too (`attachedNow` false): a store killed after attaching it but before publishing sees the
   * notice again, and that redelivery is what publishes the new version.
   */
  async recordDuplicate(notice: DuplicateNotice, now: string): Promise<DuplicateAttachment | null> {
    return this.attachDuplicate(duplicateRecordFrom(notice), now);
  }

  private async attachDuplicate(duplicate: DuplicateRecord, now: string): Promise<DuplicateAttachment | null> {
    try {
      await this.duplicates.insertOne(duplicate);
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
    for (let attempt = 0; attempt < MAX_CONFLICT_RETRIES; attempt += 1) {
      const original = await this.findById(duplicate.duplicateOf);
      if (!original) return null;
      if (original.duplicates.some((ref) => ref.id === duplicate._id)) return { original, attachedNow: false };
      const duplicates = [...original.duplicates, duplicate.ref];
      const result = await this.articles.updateOne(
        { _id: original._id, version: original.version },
        { $set: { duplicates, updatedAt: now, version: original.version + 1 } },
      );
      if (result.matchedCount === 1) {
        return {
          original: { ...original, duplicates, updatedAt: now, version: original.version + 1 },
          attachedNow: true,
        };
      }
    }
    throw new Error(`article ${duplicate.duplicateOf}: gave up recording duplicate ${duplicate._id} after conflicts`);
  }

  /**
   * Duplicate notices handled before the article was inserted found no article to attach to (a copy decided while
   * its original was still being enriched). Both sides write first and read second, so reading after the insert sees
   * every notice that missed the article; they are attached here, as recordDuplicate would have.
   */
  private async attachLateDuplicates(inserted: ArticleRecord, now: string): Promise<ArticleRecord> {
    const late = (await this.lateDuplicates.lookup(inserted._id))
      .map((duplicate) => duplicate.ref)
      .filter((ref) => !inserted.duplicates.some((known) => known.id === ref.id));
    let current: ArticleRecord | null = inserted;
    for (let attempt = 0; late.length > 0 && attempt < MAX_CONFLICT_RETRIES; attempt += 1) {
      const missing = late.filter((ref) => !current?.duplicates.some((known) => known.id === ref.id));
      if (!current || missing.length === 0) return current ?? inserted;
      const duplicates = [...current.duplicates, ...missing];
      const version = current.version + 1;
      const result = await this.articles.updateOne(
        { _id: current._id, version: current.version },
        { $set: { duplicates, updatedAt: now, version } },
      );
      if (result.matchedCount === 1) return { ...current, duplicates, updatedAt: now, version };
      current = await this.findById(inserted._id);
    }
    return current ?? inserted;
  }

  /** The version of this incarnation of the article last published on the clean topic (0: none). */
  async publishedVersion(record: ArticleRecord): Promise<number> {
    return publishedVersionFrom(await this.publications.findOne({ _id: record._id }), record.storedAt);
  }

  /** Notes that `record.version` is on the clean topic; a note of a later version stands. */
  async markPublished(record: ArticleRecord): Promise<void> {
    // Most notes are an article's first: a plain insert, the cheaper command on the server (an upsert is an update
    // that found nothing, then an insert). Taken, the note exists (a redelivery, an article stored again): the
    // conditional upsert below decides.
    if (record.version === 1) {
      const note = { _id: record._id, version: record.version, storedAt: record.storedAt };
      if ((await this.firstPublicationNotes.insert([note])).length === 0) return;
    }
    // A duplicate key: the upsert found the entry at this version or a later one (no match) and tried to insert it
    // again; that note stands.
    await this.publicationNotes.upsert({
      filter: { _id: record._id, $or: [{ storedAt: { $ne: record.storedAt } }, { version: { $lt: record.version } }] },
      update: { $set: { version: record.version, storedAt: record.storedAt } },
    });
  }
}
