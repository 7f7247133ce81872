import { decodeMessage, Topics, withPrefix, type CleanArticle } from '@inkstream/contracts';
import type { Logger } from '@inkstream/observability';
import type { Consumer, Kafka } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { StreamPosition, type OffsetVector } from './event-id';

export interface StreamDelivery {
  article: CleanArticle;
  eventId: string;
}

export interface CleanArticleStreamOptions {
  kafka: Kafka;
  topicPrefix: string;
  /** Where to start: Last-Event-ID's vector; null = the end of every partition now (only what arrives from now on). */
  resumeFrom: OffsetVector | null;
  logger: Logger;
  /** Awaited before the next message is read, so a slow client slows its own consumer instead of filling memory. */
  deliver: (delivery: StreamDelivery) => Promise<void>;
  /** Every message read advances the position, also those the connection's filter drops. */
  accept: (article: CleanArticle) => boolean;
  onFailure: (error: Error) => void;
}

/**
 * One live-stream connection = one kafkajs consumer in a group of its own that never commits: positions live in the
 * client's Last-Event-ID, not in Kafka, so any replica can resume any client and nothing leaks between clients.
 * The cost (a group join per connection, ~1 s) is paid at connect time only; GATEWAY_STREAM_MAX_CLIENTS bounds it.
 */
export class CleanArticleStream {
  private consumer: Consumer | null = null;
  private closed = false;
  private starting: Promise<void> | null = null;

  constructor(private readonly options: CleanArticleStreamOptions) {}

  /** Resolves once the consumer has joined and is positioned: everything produced after this is delivered. */
  start(): Promise<void> {
    this.starting ??= this.connect();
    return this.starting;
  }

  /** Safe at any moment, also while starting: it waits for the start so no consumer is left behind. */
  async close(): Promise<void> {
    this.closed = true;
    await this.starting?.catch(() => undefined);
    await this.consumer?.disconnect().catch(() => undefined);
    this.consumer = null;
  }

  private async connect(): Promise<void> {
    const { kafka, topicPrefix, resumeFrom, logger } = this.options;
    const topic = withPrefix(topicPrefix, Topics.cleanArticles);
    const initial = await this.initialPositions(topic, resumeFrom);
    // The client may have gone while we asked Kafka: then no consumer is made at all.
    if (this.closed) return;
    const position = new StreamPosition(initial);
    const consumer = kafka.consumer({
      groupId: withPrefix(topicPrefix, `inkstream.gateway.stream.${randomUUID()}`),
      allowAutoTopicCreation: false,
      maxWaitTimeInMs: 250,
      sessionTimeout: 30_000,
    });
    this.consumer = consumer;
    consumer.on(consumer.events.CRASH, (event) => {
      if (!this.closed) this.options.onFailure(event.payload.error);
    });
    await consumer.connect();
    // fromBeginning is only the fallback for a partition the seeks below miss; StreamPosition drops anything older.
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ partition, message }) => {
        if (this.closed || !position.advance(partition, message.offset)) return;
        let article: CleanArticle;
        try {
          article = decodeMessage(Topics.cleanArticles, message.value);
        } catch (error) {
          logger.warn(
            { partition, offset: message.offset, err: (error as Error).message },
            'skipping invalid clean article',
          );
          return;
        }
        if (this.options.accept(article)) await this.options.deliver({ article, eventId: position.eventId() });
      },
    });
    for (const [partition, offset] of initial) consumer.seek({ topic, partition, offset: offset.toString() });
  }

  /**
   * Every partition gets a start: the client's next offset where it has one (clamped to what the log still holds),
   * else the current end for a new client, or the start of the log for a partition the client never saw.
   */
  private async initialPositions(topic: string, resumeFrom: OffsetVector | null): Promise<Map<number, bigint>> {
    const admin = this.options.kafka.admin();
    await admin.connect();
    try {
      const offsets = await admin.fetchTopicOffsets(topic);
      const positions = new Map<number, bigint>();
      for (const { partition, low, high } of offsets) {
        const asked = resumeFrom?.get(partition);
        const start = resumeFrom === null ? BigInt(high) : (asked ?? BigInt(low));
        positions.set(partition, start < BigInt(low) ? BigInt(low) : start);
      }
      return positions;
    } finally {
      await admin.disconnect();
    }
  }
}
