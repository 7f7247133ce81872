import {
  ALL_TOPICS,
  DeadLetterHeaders,
  deadLetterTopic,
  parseDeadLetterTopic,
  PIPELINE_SUBSCRIPTIONS,
  type TopicName,
} from '@inkstream/contracts';

/** A dead letter as read from its topic. */
export interface DeadLetterMessage {
  /** Logical dead-letter topic (no prefix), e.g. `news.enriched.v1.inkstream.store.dlq`. */
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
  timestamp: string;
}

/** What an operator sees of a dead letter: why it failed, where it came from, and the start of its payload. */
export interface DeadLetterView {
  partition: number;
  offset: string;
  key: string | null;
  error: string | null;
  kind: string | null;
  originalTopic: string | null;
  originalPartition: number | null;
  originalOffset: string | null;
  attempts: number | null;
  consumerGroup: string | null;
  failedAt: string | null;
  replayCount: number;
  payloadPreview: string;
  payloadBytes: number;
  timestamp: string;
}

export const PAYLOAD_PREVIEW_CHARS = 500;

/** Every dead-letter topic the pipeline has: one per (topic, consuming group). */
export const DEAD_LETTER_TOPICS: readonly string[] = [
  ...new Set(PIPELINE_SUBSCRIPTIONS.map(({ topic, group }) => deadLetterTopic(topic, group))),
];

const numberOrNull = (value: string | undefined): number | null =>
  value !== undefined && /^\d+$/.test(value) ? Number(value) : null;

export function deadLetterView(message: DeadLetterMessage): DeadLetterView {
  const h = message.headers;
  const payload = message.value?.toString('utf8') ?? '';
  return {
    partition: message.partition,
    offset: message.offset,
    key: message.key,
    error: h[DeadLetterHeaders.error] ?? null,
    kind: h[DeadLetterHeaders.errorKind] ?? null,
    originalTopic: h[DeadLetterHeaders.originalTopic] ?? null,
    originalPartition: numberOrNull(h[DeadLetterHeaders.originalPartition]),
    originalOffset: h[DeadLetterHeaders.originalOffset] ?? null,
    attempts: numberOrNull(h[DeadLetterHeaders.attempts]),
    consumerGroup: h[DeadLetterHeaders.consumerGroup] ?? null,
    failedAt: h[DeadLetterHeaders.failedAt] ?? null,
    replayCount: numberOrNull(h[DeadLetterHeaders.replayCount]) ?? 0,
    payloadPreview: payload.length > PAYLOAD_PREVIEW_CHARS ? `${payload.slice(0, PAYLOAD_PREVIEW_CHARS)}…` : payload,
    payloadBytes: message.value?.length ?? 0,
    timestamp: message.timestamp,
  };
}

const DLQ_HEADERS = new Set<string>(Object.values(DeadLetterHeaders));

/**
 * The message to put back on the original topic: the original key, value and headers, without the dead-letter
 * bookkeeping except the replay count, incremented (a message that keeps coming back is visible as such).
 */
export function replayOf(message: DeadLetterMessage): {
  topic: TopicName;
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
} {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers)) if (!DLQ_HEADERS.has(name)) headers[name] = value;
  const count = numberOrNull(message.headers[DeadLetterHeaders.replayCount]) ?? 0;
  headers[DeadLetterHeaders.replayCount] = String(count + 1);
  return {
    topic: originalTopicOf(message),
    // A dead letter keeps the original message's key, so a replay lands on the same partition as the original.
    key: message.key,
    value: message.value,
    headers,
  };
}

/** The header names it; the dead-letter topic's own name is the fallback. Only pipeline topics are targets. */
export function originalTopicOf(message: DeadLetterMessage): TopicName {
  const named = message.headers[DeadLetterHeaders.originalTopic] ?? parseDeadLetterTopic(message.topic)?.topic;
  const topic = ALL_TOPICS.find((candidate) => candidate === named);
  if (!topic) throw new Error(`dead letter ${message.topic}:${message.offset} names no pipeline topic (${named})`);
  return topic;
}
