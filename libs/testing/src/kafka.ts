// Kafka helpers for integration tests: explicit topic creation (the brokers never auto-create topics, as in
// production) and reading back what a test or a service produced.
import { ensureTopics } from '@inkstream/messaging';
import { randomBytes } from 'node:crypto';
import { Kafka, logLevel, type IHeaders } from 'kafkajs';

export interface TopicSpec {
  topic: string;
  numPartitions: number;
  /** topic-level settings, e.g. a small `max.message.bytes` */
  configEntries?: Array<{ name: string; value: string }>;
}

export interface ConsumeOptions {
  /** Stop after this many messages. */
  count: number;
  /** Default 30s; includes the consumer group join (about a second on the local broker). */
  timeoutMs?: number;
  /** Default true: read what was produced before the call. With false, only messages produced after joining. */
  fromBeginning?: boolean;
  /** Default: a unique group per call, so calls never steal each other's partitions or offsets. */
  groupId?: string;
}

/** One consumed message, decoded: `value` parsed as JSON (the raw text if it is not JSON; null for a tombstone). */
export interface DecodedMessage<T = unknown> {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: T | null;
  rawValue: string | null;
  headers: Record<string, string>;
  timestamp: string;
}

function client(brokers: string[], clientId: string): Kafka {
  // kafkajs logs every retry as an error; tests report failures themselves.
  return new Kafka({ clientId, brokers, logLevel: logLevel.NOTHING });
}

/**
 * Creates the topics (replication factor 1) and waits until every partition has a leader. Existing ones are kept.
 * Through the services' own provisioning (`ensureTopics`), so tests create topics exactly as production does.
 */
export async function createTopics(brokers: string[], topics: TopicSpec[]): Promise<void> {
  await ensureTopics(
    client(brokers, 'inkstream-test-admin'),
    topics.map((spec) => ({ ...spec, replicationFactor: 1 })),
  );
}

export function decodeHeaders(headers: IHeaders | undefined): Record<string, string> {
  const decoded: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined) continue;
    const last = Array.isArray(value) ? value[value.length - 1] : value;
    decoded[name] = last === undefined ? '' : last.toString();
  }
  return decoded;
}

function decodeValue(raw: string | null): unknown {
  if (raw === null) return null;
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

/**
 * Consumes `count` messages from `topic` with a fresh consumer group and returns them decoded, in arrival order
 * (ordered per partition). Rejects with how many arrived if `timeoutMs` passes first.
 */
export async function consumeMessages<T = unknown>(
  brokers: string[],
  topic: string,
  options: ConsumeOptions,
): Promise<Array<DecodedMessage<T>>> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const groupId = options.groupId ?? `test-consumer-${randomBytes(6).toString('hex')}`;
  const consumer = client(brokers, 'inkstream-test-consumer').consumer({
    groupId,
    allowAutoTopicCreation: false,
    // Short fetch waits: results arrive sooner and disconnect (which waits for the fetch in flight) is quick.
    maxWaitTimeInMs: 250,
  });
  const messages: Array<DecodedMessage<T>> = [];
  let timer: NodeJS.Timeout | undefined;
  try {
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: options.fromBeginning ?? true });
    await new Promise<void>((done, fail) => {
      timer = setTimeout(
        () =>
          fail(
            new Error(
              `Timed out after ${timeoutMs}ms consuming ${topic}: expected ${options.count} message(s), ` +
                `${messages.length} arrived`,
            ),
          ),
        timeoutMs,
      );
      if (options.count <= 0) done();
      consumer
        .run({
          eachMessage: async ({ topic: from, partition, message }) => {
            if (messages.length >= options.count) return;
            const rawValue = message.value === null ? null : message.value.toString();
            messages.push({
              topic: from,
              partition,
              offset: message.offset,
              key: message.key === null ? null : message.key.toString(),
              value: decodeValue(rawValue) as T | null,
              rawValue,
              headers: decodeHeaders(message.headers),
              timestamp: message.timestamp,
            });
            if (messages.length >= options.count) done();
          },
        })
        .catch(fail);
    });
    return messages;
  } finally {
    clearTimeout(timer);
    await consumer.disconnect().catch(() => undefined);
  }
}
