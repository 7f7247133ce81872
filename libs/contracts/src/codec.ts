import { InvalidMessageError, InvalidOutputError } from '@inkstream/errors';
import type { ZodError } from 'zod';
import { Headers, type MessageHeaders } from './headers';
import { acceptedVersions, TopicSchemas, type MessageOf, type Upgrade } from './registry';
import type { TopicName } from './topics';

export interface EncodedMessage {
  key: string;
  value: string;
  headers: MessageHeaders;
}

export interface KeyedMessage {
  id: string;
  traceId: string;
  sourceId: string;
  schemaVersion: number;
  url?: string | null;
}

/**
 * Raw documents are keyed by URL (by id when they have none): fetches of one page stay in order, while a busy source
 * (a large drop, a feed with thousands of items) spreads over every partition and splitter replica instead of
 * queueing on one. Everything after the splitter is keyed by article id, so all versions of an article land on one
 * partition and one deduplicator replica, in order.
 */
export function messageKey(topic: TopicName, message: KeyedMessage): string {
  return MessageKeys[topic] === 'url-else-id' ? (message.url ?? message.id) : message.id;
}

/** The key rule of each topic, as data: what messageKey applies and what the published AsyncAPI document states. */
export const MessageKeys: Record<TopicName, 'url-else-id' | 'id'> = {
  'news.raw.v1': 'url-else-id',
  'news.articles.v1': 'id',
  'news.unique.v1': 'id',
  'news.duplicates.v1': 'id',
  'news.enriched.v1': 'id',
  'news.clean.v1': 'id',
};

export function encodeMessage<T extends TopicName>(topic: T, message: MessageOf<T>): EncodedMessage {
  const entry = TopicSchemas[topic];
  const parsed = entry.schema.safeParse(message);
  if (!parsed.success) {
    // Producing an invalid message is a bug in our own stage: fail loudly rather than poison the topic, and name the
    // output (not the input) as what is wrong.
    throw new InvalidOutputError(
      `refusing to produce invalid ${entry.messageType} on ${topic}: ${formatZodError(parsed.error)}`,
    );
  }
  const valid = parsed.data as KeyedMessage;
  return {
    key: messageKey(topic, valid),
    value: JSON.stringify(parsed.data),
    headers: {
      [Headers.traceId]: valid.traceId,
      [Headers.schemaVersion]: String(valid.schemaVersion),
      [Headers.sourceId]: valid.sourceId,
      [Headers.messageType]: entry.messageType,
    },
  };
}

/** Parses and validates a consumed message; throws InvalidMessageError naming what is wrong and where. */
export function decodeMessage<T extends TopicName>(topic: T, value: Buffer | string | null): MessageOf<T> {
  const entry = TopicSchemas[topic];
  if (value === null || value.length === 0) throw new InvalidMessageError(`empty ${entry.messageType} on ${topic}`);
  let json: unknown;
  try {
    json = JSON.parse(typeof value === 'string' ? value : value.toString('utf8'));
  } catch (error) {
    throw new InvalidMessageError(`malformed JSON for ${entry.messageType} on ${topic}: ${(error as Error).message}`);
  }
  const version =
    typeof json === 'object' && json !== null ? (json as { schemaVersion?: unknown }).schemaVersion : undefined;
  const accepted = acceptedVersions(topic);
  if (typeof version !== 'number' || !accepted.includes(version)) {
    throw new InvalidMessageError(
      `unknown schemaVersion ${JSON.stringify(version)} for ${entry.messageType} on ${topic} (supported: ${accepted.join(', ')})`,
    );
  }
  const upgrade: Upgrade | undefined = (entry.upgrades as Readonly<Record<number, Upgrade>>)[version];
  const parsed = entry.schema.safeParse(upgrade ? upgrade(json as Record<string, unknown>) : json);
  if (!parsed.success) {
    throw new InvalidMessageError(`invalid ${entry.messageType} on ${topic}: ${formatZodError(parsed.error)}`);
  }
  return parsed.data as MessageOf<T>;
}

export function formatZodError(error: ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}
