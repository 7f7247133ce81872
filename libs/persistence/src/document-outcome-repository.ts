import { Schema, type Collection, type Connection, type Model } from 'mongoose';
import { collectionOf } from './typed-collection';
import { wholeBatch } from './whole-batch';

/** A raw document that yielded no article, kept with the reason so nothing disappears without a trace. */
export interface EmptyDocumentRecord {
  _id: string;
  sourceId: string;
  url: string | null;
  reason: string;
  traceId: string;
  recordedAt: string;
}

/**
 * Per-source learning state of the splitter (e.g. boilerplate lines), stored as a JSON string: its keys are text
 * lines, and MongoDB-protocol servers restrict field names (no `.` or leading `$` on FerretDB).
 */
export interface SourceLearningRecord {
  _id: string;
  kind: string;
  state: string;
  updatedAt: string;
}

const emptyDocumentSchema = new Schema<EmptyDocumentRecord>(
  { _id: { type: String, required: true }, sourceId: { type: String, required: true } },
  { collection: 'empty_documents', strict: false, versionKey: false, _id: false },
);
emptyDocumentSchema.index({ sourceId: 1, recordedAt: -1 });

const learningSchema = new Schema<SourceLearningRecord>(
  { _id: { type: String, required: true } },
  { collection: 'source_learning', strict: false, versionKey: false, _id: false },
);

export class DocumentOutcomeRepository {
  private readonly empty: Model<EmptyDocumentRecord>;
  private readonly learning: Model<SourceLearningRecord>;
  private readonly emptyDocs: Collection<EmptyDocumentRecord>;
  private readonly learningDocs: Collection<SourceLearningRecord>;

  constructor(connection: Connection) {
    this.empty = connection.models.EmptyDocument ?? connection.model('EmptyDocument', emptyDocumentSchema);
    this.learning = connection.models.SourceLearning ?? connection.model('SourceLearning', learningSchema);
    this.emptyDocs = collectionOf(this.empty);
    this.learningDocs = collectionOf(this.learning);
  }

  async ensureIndexes(): Promise<void> {
    await this.empty.createIndexes();
  }

  /** Idempotent per raw document id: a redelivery overwrites the same record. */
  async recordEmpty(record: EmptyDocumentRecord): Promise<void> {
    const { _id, ...fields } = record;
    await this.emptyDocs.updateOne({ _id }, { $set: fields }, { upsert: true });
  }

  async listEmpty(sourceId: string, limit = 50): Promise<EmptyDocumentRecord[]> {
    return this.empty
      .find({ sourceId })
      .sort({ recordedAt: -1 })
      .limit(limit)
      .setOptions(wholeBatch(limit))
      .lean<EmptyDocumentRecord[]>()
      .exec();
  }

  /** The empty-document records of these raw document ids (the audit's lookup). */
  async findEmpty(rawDocumentIds: readonly string[]): Promise<EmptyDocumentRecord[]> {
    if (rawDocumentIds.length === 0) return [];
    return this.empty
      .find({ _id: { $in: [...rawDocumentIds] } })
      .lean<EmptyDocumentRecord[]>()
      .exec();
  }

  async loadLearning<T>(sourceId: string, kind: string): Promise<T | null> {
    const record = await this.learning.findById(`${kind}:${sourceId}`).lean<SourceLearningRecord>().exec();
    return record ? (JSON.parse(record.state) as T) : null;
  }

  async saveLearning<T>(sourceId: string, kind: string, state: T, now: string): Promise<void> {
    await this.learningDocs.updateOne(
      { _id: `${kind}:${sourceId}` },
      { $set: { kind, state: JSON.stringify(state), updatedAt: now } },
      { upsert: true },
    );
  }
}
