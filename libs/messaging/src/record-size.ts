import {
  encodeMessage,
  MAX_HEADER_BYTES,
  MAX_MESSAGE_BYTES,
  type MessageOf,
  type TopicName,
} from '@inkstream/contracts';
import { PermanentError } from '@inkstream/errors';

/** A record as the producer hands it to Kafka. */
export interface RawRecord {
  key: string | null;
  value: Buffer | string | null;
  headers: Record<string, string>;
}

/** What one record weighs on the wire in UTF-8 bytes: key, value, and every header name and value. */
export interface RecordSize {
  value: number;
  headers: number;
  key: number;
  total: number;
}

export function recordSize(record: RawRecord): RecordSize {
  const value =
    record.value === null
      ? 0
      : typeof record.value === 'string'
        ? Buffer.byteLength(record.value)
        : record.value.length;
  let headers = 0;
  for (const [name, text] of Object.entries(record.headers))
    headers += Buffer.byteLength(name) + Buffer.byteLength(text);
  const key = record.key === null ? 0 : Buffer.byteLength(record.key);
  return { value, headers, key, total: value + headers + key };
}

/**
 * The permanent reason a stage may not publish these records (one over `limit`, or a header over MAX_HEADER_BYTES),
 * or null. Checked before anything is sent, for the whole
 * list, so an output over the limit is refused with its size and the limit named (and nothing of a multi-record
 * output goes out), instead of being refused by Kafka, or — just under the broker's 1 MiB — accepted with no room
 * left for the dead letter that would carry it. The consume loop dead-letters the input with this reason.
 */
export function oversizedOutput(
  topic: string,
  records: ReadonlyArray<RawRecord>,
  limit: number = MAX_MESSAGE_BYTES,
): PermanentError | null {
  for (const [index, record] of records.entries()) {
    const which = records.length > 1 ? ` (${index + 1} of ${records.length})` : '';
    for (const [name, text] of Object.entries(record.headers)) {
      const bytes = Buffer.byteLength(name) + Buffer.byteLength(text);
      if (bytes > MAX_HEADER_BYTES) {
        return new PermanentError(
          `output header too large: ${topic} message${which} with key ${record.key ?? '(none)'} has header ` +
            `${JSON.stringify(name.slice(0, 100))} of ${bytes} bytes, over the header limit of ${MAX_HEADER_BYTES} ` +
            `bytes; nothing was sent`,
        );
      }
    }
    const size = recordSize(record);
    if (size.total <= limit) continue;
    return new PermanentError(
      `output message too large: ${topic} message${which} with key ${record.key ?? '(none)'} would be ` +
        `${size.total} bytes (value ${size.value}, headers ${size.headers}), over the message limit of ${limit} ` +
        `bytes (MAX_MESSAGE_BYTES); nothing was sent`,
    );
  }
  return null;
}

/**
 * Whether PipelineProducer.publish would refuse this message (null: it fits). For a stage that gathers many outputs
 * into one publish (the fetcher's poll) and wants to set one aside with its reason rather than fail them all.
 */
export function oversizedMessage<T extends TopicName>(topic: T, message: MessageOf<T>): PermanentError | null {
  const { key, value, headers } = encodeMessage(topic, message);
  return oversizedOutput(topic, [{ key, value, headers }]);
}
