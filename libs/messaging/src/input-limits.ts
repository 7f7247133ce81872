import { MAX_HEADER_BYTES, MAX_MESSAGE_BYTES } from '@inkstream/contracts';
import type { KafkaMessage } from 'kafkajs';

/** What a consumed record weighs, as Kafka delivered it. */
type ConsumedRecord = Pick<KafkaMessage, 'key' | 'value' | 'headers'>;

type HeaderValue = NonNullable<KafkaMessage['headers']>[string];

function bytesOf(value: HeaderValue): number {
  if (value === undefined) return 0;
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + bytesOf(item), 0);
  return typeof value === 'string' ? Buffer.byteLength(value) : value.length;
}

/**
 * Why a consumed record is refused for its size, or null. The same limits every producer applies before sending
 * (MAX_MESSAGE_BYTES for key, value and headers; MAX_HEADER_BYTES per header): what arrives over them did not come
 * through a stage, and is refused as an invalid message before it is parsed, instead of being processed as valid.
 */
export function refusedInputSize(record: ConsumedRecord): string | null {
  let headers = 0;
  for (const [name, value] of Object.entries(record.headers ?? {})) {
    const bytes = Buffer.byteLength(name) + bytesOf(value);
    if (bytes > MAX_HEADER_BYTES) {
      return `header ${JSON.stringify(name.slice(0, 100))} of ${bytes} bytes is over the header limit of ${MAX_HEADER_BYTES} bytes (MAX_HEADER_BYTES)`;
    }
    headers += bytes;
  }
  const value = record.value?.length ?? 0;
  const total = value + headers + (record.key?.length ?? 0);
  if (total > MAX_MESSAGE_BYTES) {
    return `message of ${total} bytes (value ${value}, headers ${headers}) is over the message limit of ${MAX_MESSAGE_BYTES} bytes (MAX_MESSAGE_BYTES)`;
  }
  return null;
}
