import { Headers } from '@inkstream/contracts';
import type { MessageFilter } from './topic-params';
import type { MessageView } from './topic-views';

/** A Kafka message as read, before it is shown. */
export interface ReadMessage {
  partition: number;
  offset: string;
  /** Broker timestamp, ms since epoch as Kafka sends it (a string). */
  timestamp: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, string>;
}

/** A page of 100 messages of up to 1 MB each must not be a 100 MB answer: longer values are shown cut. */
export const MAX_VALUE_CHARS = 256 * 1024;

export function messageView(message: ReadMessage): MessageView {
  const raw = message.value?.toString('utf8') ?? null;
  const base = {
    partition: message.partition,
    offset: message.offset,
    timestamp: new Date(Number(message.timestamp)).toISOString(),
    key: message.key?.toString('utf8') ?? null,
    headers: message.headers,
    bytes: message.value?.length ?? 0,
  };
  if (raw === null) return { ...base, json: null, text: null, truncated: false };
  if (raw.length > MAX_VALUE_CHARS) {
    return { ...base, json: null, text: `${raw.slice(0, MAX_VALUE_CHARS)}…`, truncated: true };
  }
  try {
    return { ...base, json: JSON.parse(raw) as unknown, text: null, truncated: false };
  } catch {
    return { ...base, json: null, text: raw, truncated: false };
  }
}

/** The trace id a message carries: its `trace-id` header, else the `traceId` of its JSON value. */
function traceIdOf(message: ReadMessage): string | null {
  const header = message.headers[Headers.traceId];
  if (header !== undefined) return header;
  const match = /"traceId"\s*:\s*"([^"\\]*)"/.exec(message.value?.toString('utf8') ?? '');
  return match ? match[1] : null;
}

/** Whether a message passes every part of the filter (an empty filter passes everything). */
export function matchesFilter(message: ReadMessage, filter: MessageFilter): boolean {
  if (filter.key !== undefined && message.key?.toString('utf8') !== filter.key) return false;
  if (filter.header !== undefined && message.headers[filter.header.name] !== filter.header.value) return false;
  if (filter.traceId !== undefined && traceIdOf(message) !== filter.traceId) return false;
  return true;
}
