// Fills the store's collections fast with what the enricher and the store would have written for a stream of
// articles the deduplicator decided (dedup-fill.ts writes its own collections first): per unique article its
// enrichment, the article record (version 1, plus one version per duplicate attached) and its publication note; per
// duplicate its record, attached to its original. The store does this one article and a few round trips at a time
// (3 commands per article: insert, read its duplicates, note the publish); here the same records are built by the same functions (toEnrichedArticle,
// articleRecordFrom, duplicateRecordFrom) and inserted in batches. deploy/pipeline/test/store-fill.int.spec.ts checks
// that both write the same documents.
import type { ArticleCandidate, DuplicateRef } from '@inkstream/contracts';
import {
  decisionFrom,
  decisionId,
  outcomeFor,
  withoutRepeatedParagraphs,
  type DecisionRecord,
  type DedupOutcome,
} from '@inkstream/dedup-mongo';
import { toEnrichedArticle } from '@inkstream/enricher';
import {
  articleRecordFrom,
  duplicateRecordFrom,
  type ArticleRecord,
  type DuplicateRecord,
  type PublicationRecord,
} from '@inkstream/persistence';
import type { mongo } from 'mongoose';

/**
 * What the deduplicator handed the store for `input`, from its recorded decision: the unique article, or the notice
 * of a duplicate (as the deduplicator builds them, without the paragraphs an article repeats of itself).
 */
export function decidedOutcome(input: ArticleCandidate, decisions: ReadonlyMap<string, DecisionRecord>): DedupOutcome {
  const decided = decisions.get(decisionId(input.id, input.rawDocumentId));
  if (!decided) throw new Error(`store fill: article ${input.id} has no recorded dedup decision`);
  const { candidate, repeatedParagraphsRemoved } = withoutRepeatedParagraphs(input);
  const { decision, checkedAt } = decisionFrom(input.id, decided);
  const removed = repeatedParagraphsRemoved + (input.repeatedBlocksRemoved ?? 0);
  return outcomeFor(candidate, decision, checkedAt, removed);
}

/** Articles per batch: enough to amortise the inserts, few enough that most copies find their original in it. */
const BATCH = 500;

/** What the fill wrote, by collection (an attachment is one more version of an article already counted). */
export interface StoreFillCounts {
  articles: number;
  duplicates: number;
  attachments: number;
  /** duplicates whose original is not stored */
  unattached: number;
}

type Attachment = Pick<ArticleRecord, '_id' | 'version' | 'duplicates'>;

export class StoreFill {
  readonly written: StoreFillCounts = { articles: 0, duplicates: 0, attachments: 0, unattached: 0 };

  constructor(
    private readonly db: mongo.Db,
    private readonly batch = BATCH,
  ) {}

  /**
   * Stores `candidates` as the pipeline would once the deduplicator's decisions for them are recorded (by DedupFill
   * or the deduplicator itself), in order. `now` dates the writes, as the enricher's and the store's clocks do.
   */
  async add(candidates: readonly ArticleCandidate[], now: () => string): Promise<void> {
    for (let start = 0; start < candidates.length; start += this.batch) {
      await this.addBatch(candidates.slice(start, start + this.batch), now);
    }
  }

  private async addBatch(candidates: readonly ArticleCandidate[], now: () => string): Promise<void> {
    const decisions = await this.decisionsOf(candidates);
    const articles = new Map<string, ArticleRecord>();
    const duplicates: DuplicateRecord[] = [];
    /** duplicates of articles stored before this batch (by an earlier batch, or by the pipeline itself) */
    const late = new Map<string, DuplicateRef[]>();
    for (const input of candidates) {
      const outcome = decidedOutcome(input, decisions);
      const at = now();
      if (outcome.kind === 'unique') {
        const enriched = toEnrichedArticle(outcome.message, at);
        articles.set(enriched.id, articleRecordFrom(enriched, { version: 1, storedAt: at, now: at, duplicates: [] }));
        continue;
      }
      const duplicate = duplicateRecordFrom(outcome.message);
      duplicates.push(duplicate);
      const original = articles.get(duplicate.duplicateOf);
      if (original) {
        original.duplicates.push(duplicate.ref);
        original.version += 1;
        original.updatedAt = at;
      } else {
        late.set(duplicate.duplicateOf, [...(late.get(duplicate.duplicateOf) ?? []), duplicate.ref]);
      }
    }
    const records = [...articles.values()];
    const publications: PublicationRecord[] = records.map(({ _id, version, storedAt }) => ({ _id, version, storedAt }));
    if (records.length > 0) {
      await this.db.collection<ArticleRecord>('articles').insertMany(records, { ordered: false });
      await this.db.collection<PublicationRecord>('article_publications').insertMany(publications, { ordered: false });
    }
    if (duplicates.length > 0) {
      await this.db.collection<DuplicateRecord>('duplicates').insertMany(duplicates, { ordered: false });
    }
    await this.attach(late, now());
    this.written.articles += records.length;
    this.written.duplicates += duplicates.length;
  }

  private async decisionsOf(candidates: readonly ArticleCandidate[]): Promise<Map<string, DecisionRecord>> {
    const ids = candidates.map((candidate) => decisionId(candidate.id, candidate.rawDocumentId));
    const found = await this.db
      .collection<DecisionRecord>('dedup_decisions')
      .find({ _id: { $in: ids } })
      .toArray();
    return new Map(found.map((record) => [record._id, record]));
  }

  /** Attaches duplicates to originals already stored: a new version of each, as recordDuplicate writes it. */
  private async attach(late: ReadonlyMap<string, DuplicateRef[]>, at: string): Promise<void> {
    if (late.size === 0) return;
    const articles = this.db.collection<ArticleRecord>('articles');
    const originals = await articles
      .find({ _id: { $in: [...late.keys()] } }, { projection: { _id: 1, version: 1, duplicates: 1 } })
      .toArray();
    // A duplicate of an article not stored (the fill's memory of what the pipeline decided judged it unique, the
    // deduplicator did not) stays recorded, unattached, as recordDuplicate leaves it until its original arrives.
    this.written.unattached +=
      [...late.values()].flat().length -
      originals.reduce((sum, original) => sum + (late.get(original._id)?.length ?? 0), 0);
    if (originals.length === 0) return;
    const attached = originals.map((original: Attachment) => ({
      _id: original._id,
      duplicates: [...original.duplicates, ...(late.get(original._id) ?? [])],
      version: original.version + (late.get(original._id)?.length ?? 0),
    }));
    await articles.bulkWrite(
      attached.map(({ _id, duplicates, version }) => ({
        updateOne: { filter: { _id }, update: { $set: { duplicates, version, updatedAt: at } } },
      })),
      { ordered: false },
    );
    await this.db.collection<PublicationRecord>('article_publications').bulkWrite(
      attached.map(({ _id, version }) => ({ updateOne: { filter: { _id }, update: { $set: { version } } } })),
      { ordered: false },
    );
    this.written.attachments += attached.length;
  }
}
