import { Schema, type Connection, type Model } from 'mongoose';
import { duplicateKeyFailures, isDuplicateKeyError } from './connection';

/**
 * Kafka cannot delete one message, so a dead letter an operator has dealt with (replayed or discarded) is recorded
 * here and hidden from the list. One record per dead letter, keyed by its physical position, so recording twice is
 * harmless.
 */
export type DeadLetterAction = 'replayed' | 'discarded';

export interface HandledDeadLetterRecord {
  /** `<physical topic>:<partition>:<offset>`. */
  _id: string;
  topic: string;
  partition: number;
  offset: string;
  action: DeadLetterAction;
  handledAt: string;
}

export interface DeadLetterPosition {
  topic: string;
  partition: number;
  offset: string;
}

export function deadLetterKey(position: DeadLetterPosition): string {
  return `${position.topic}:${position.partition}:${position.offset}`;
}

const handledSchema = new Schema<HandledDeadLetterRecord>(
  { _id: { type: String, required: true }, topic: { type: String, required: true } },
  { collection: 'handled_dead_letters', strict: false, versionKey: false, _id: false },
);
handledSchema.index({ topic: 1 });

/**
 * True when a bulk upsert failed only because other writers inserted the same records first: every write error a
 * duplicate key (`duplicateKeyFailures`: a bulk write with none, a closed connection, is not), or a single write's
 * duplicate key.
 */
export function onlyDuplicateKeys(error: unknown): boolean {
  if (duplicateKeyFailures(error) !== null) return true;
  const isBulkFailure = typeof error === 'object' && error !== null && 'writeErrors' in error;
  return !isBulkFailure && isDuplicateKeyError(error);
}

export class DeadLetterRepository {
  private readonly handled: Model<HandledDeadLetterRecord>;

  constructor(connection: Connection) {
    this.handled =
      connection.models.HandledDeadLetter ??
      connection.model<HandledDeadLetterRecord>('HandledDeadLetter', handledSchema);
  }

  async ensureIndexes(): Promise<void> {
    await this.handled.createIndexes();
  }

  /** The first action wins: a dead letter replayed and later "discarded" in another tab stays "replayed". */
  async markHandled(positions: DeadLetterPosition[], action: DeadLetterAction, now: string): Promise<void> {
    if (positions.length === 0) return;
    try {
      await this.handled.bulkWrite(
        positions.map((position) => ({
          updateOne: {
            filter: { _id: deadLetterKey(position) },
            update: {
              $setOnInsert: {
                topic: position.topic,
                partition: position.partition,
                offset: position.offset,
                action,
                handledAt: now,
              },
            },
            upsert: true,
          },
        })),
        { ordered: false },
      );
    } catch (error) {
      // Two operators acting at once race on the same upsert; the loser's duplicate key means "already recorded".
      if (!onlyDuplicateKeys(error)) throw error;
    }
  }

  /** Keys (deadLetterKey) of the handled dead letters of one physical topic. */
  async handledKeys(topic: string): Promise<Set<string>> {
    const records = await this.handled.find({ topic }, { _id: 1 }).lean<Array<{ _id: string }>>().exec();
    return new Set(records.map((record) => record._id));
  }
}
