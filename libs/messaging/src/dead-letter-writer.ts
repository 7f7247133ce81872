import {
  DeadLetterHeaders,
  deadLetterTopic,
  MAX_HEADER_BYTES,
  withPrefix,
  type DeadLetterKind,
} from '@inkstream/contracts';
import { errorKindOf } from '@inkstream/errors';
import type { ConsumerEvents, MessageRef } from './consumer-events';
import { errorMessage } from './errors';
import type { PipelineProducer, RawRecord } from './producer';
import { backoffDelay, type RetryPolicy } from './retry-policy';

/** A message on its way to the dead-letter topic, with why. */
export interface DeadLetter {
  message: MessageRef;
  key: string | null;
  value: Buffer | null;
  /** The original headers, kept; the dead-letter headers are added to them. */
  headers: Record<string, string>;
  kind: DeadLetterKind;
  error: unknown;
  /** Handler attempts (0: refused before the handler ran). */
  attempts: number;
}

export interface DeadLetterWriterOptions {
  producer: PipelineProducer;
  topicPrefix: string;
  group: string;
  retry: RetryPolicy;
  events: ConsumerEvents;
}

/** Sleeps the given time while the consumer may go on; false when it must stop (shutdown, rebalance). */
export type Wait = (ms: number) => Promise<boolean>;

const ERROR_HEADER_MAX_CHARS = 4_000;

/** The record written for a dead letter: the original key, payload and headers, plus what failed, where and when. */
export function deadLetterRecord(letter: DeadLetter, group: string, failedAt: Date): RawRecord {
  return {
    key: letter.key,
    value: letter.value,
    headers: {
      ...letter.headers,
      [DeadLetterHeaders.error]: errorMessage(letter.error).slice(0, ERROR_HEADER_MAX_CHARS),
      [DeadLetterHeaders.errorKind]: letter.kind,
      [DeadLetterHeaders.originalTopic]: letter.message.topic,
      [DeadLetterHeaders.originalPartition]: String(letter.message.partition),
      [DeadLetterHeaders.originalOffset]: letter.message.offset,
      [DeadLetterHeaders.attempts]: String(letter.attempts),
      [DeadLetterHeaders.consumerGroup]: group,
      [DeadLetterHeaders.failedAt]: failedAt.toISOString(),
    },
  };
}

/**
 * Writes dead letters, acknowledged before the original offset is resolved. A letter is never lost: while the
 * dead-letter topic is unavailable it waits and tries again (the offset stays uncommitted); a letter Kafka refuses
 * for its size is written without its payload, since its headers name the original topic, partition and offset.
 */
export class DeadLetterWriter {
  constructor(private readonly options: DeadLetterWriterOptions) {}

  /** 'done' once written; 'interrupted' when the consumer stopped first (the message will be redelivered). */
  async write(letter: DeadLetter, wait: Wait): Promise<'done' | 'interrupted'> {
    const { producer, topicPrefix, group, retry, events } = this.options;
    const target = withPrefix(topicPrefix, deadLetterTopic(letter.message.topic, group));
    let record = deadLetterRecord(letter, group, new Date());
    for (let waits = 1; ; waits += 1) {
      try {
        await producer.sendRaw(target, [record]);
        const payloadDropped = record.value === null && letter.value !== null;
        events.emit({ type: 'dead-lettered', ...pick(letter), payloadDropped });
        return 'done';
      } catch (sendError) {
        const kind = errorKindOf(sendError);
        if (kind === 'permanent-error' && record.value !== null) {
          // Kafka refuses the letter itself (an input over the limit, plus our headers): keep what locates the
          // original (topic, partition, offset) and drop the payload and any oversized header.
          record = {
            ...record,
            value: null,
            headers: { ...withinHeaderLimit(record.headers), [DeadLetterHeaders.payloadDropped]: 'true' },
          };
          continue;
        }
        if (kind !== 'dependency-unavailable') throw sendError;
        events.emit({ type: 'dead-letter-waiting', message: letter.message, error: sendError });
        if (!(await wait(backoffDelay(Math.min(waits, 10), retry)))) return 'interrupted';
      }
    }
  }
}

function withinHeaderLimit(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).filter(
      ([name, text]) => Buffer.byteLength(name) + Buffer.byteLength(text) <= MAX_HEADER_BYTES,
    ),
  );
}

function pick({ message, kind, attempts, error }: DeadLetter) {
  return { message, kind, attempts, error };
}
