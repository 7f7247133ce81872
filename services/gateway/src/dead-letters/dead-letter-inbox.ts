import { withPrefix } from '@inkstream/contracts';
import { headersToStrings } from '@inkstream/messaging';
import type { CommonConfig } from '@inkstream/config';
import { HealthRegistry } from '@inkstream/observability';
import { COMMON_CONFIG, KAFKA } from '@inkstream/runtime';
import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Consumer, Kafka } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway-config';
import { DEAD_LETTER_TOPICS, type DeadLetterMessage } from './dead-letter-view';

export const messageKey = (partition: number, offset: string): string => `${partition}:${offset}`;

/**
 * Reads every dead-letter topic from the beginning into memory (newest GATEWAY_DEAD_LETTER_CACHE_SIZE per topic),
 * so listing and replaying need no Kafka round trip per request. Dead letters are rare and small in number; what an
 * operator handled is recorded in MongoDB and filtered out by the caller. The consumer's group is private to this
 * process and never commits: every gateway replica holds the whole picture.
 */
@Injectable()
export class DeadLetterInbox implements OnModuleInit, OnModuleDestroy {
  private readonly byTopic = new Map<string, Map<string, DeadLetterMessage>>(
    DEAD_LETTER_TOPICS.map((topic) => [topic, new Map()]),
  );
  private readonly physicalToLogical: Map<string, string>;
  private consumer: Consumer | null = null;
  private running = false;

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(COMMON_CONFIG) private readonly common: CommonConfig,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly health: HealthRegistry,
  ) {
    const prefix = common.KAFKA_TOPIC_PREFIX;
    this.physicalToLogical = new Map(DEAD_LETTER_TOPICS.map((topic) => [withPrefix(prefix, topic), topic]));
  }

  async onModuleInit(): Promise<void> {
    const prefix = this.common.KAFKA_TOPIC_PREFIX;
    const consumer = this.kafka.consumer({
      groupId: withPrefix(prefix, `inkstream.gateway.dead-letters.${randomUUID()}`),
      allowAutoTopicCreation: false,
      maxWaitTimeInMs: 500,
    });
    this.consumer = consumer;
    // kafkajs restarts a crashed consumer by itself: it is healthy again once it has rejoined its group.
    consumer.on(consumer.events.CRASH, () => {
      this.running = false;
    });
    consumer.on(consumer.events.GROUP_JOIN, () => {
      this.running = true;
    });
    this.health.register('dead-letter-reader', () =>
      this.running ? { status: 'up' } : { status: 'down', detail: 'dead-letter consumer stopped' },
    );
    await consumer.connect();
    await consumer.subscribe({ topics: [...this.physicalToLogical.keys()], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ topic, partition, message }) => {
        const logical = this.physicalToLogical.get(topic);
        if (!logical) return;
        this.add({
          topic: logical,
          partition,
          offset: message.offset,
          key: message.key?.toString('utf8') ?? null,
          value: message.value,
          headers: headersToStrings(message.headers),
          timestamp: new Date(Number(message.timestamp)).toISOString(),
        });
      },
    });
    this.running = true;
  }

  async onModuleDestroy(): Promise<void> {
    this.running = false;
    await this.consumer?.disconnect();
  }

  isKnownTopic(topic: string): boolean {
    return this.byTopic.has(topic);
  }

  /** Newest first. */
  messages(topic: string): DeadLetterMessage[] {
    return [...(this.byTopic.get(topic)?.values() ?? [])].reverse();
  }

  find(topic: string, partition: number, offset: string): DeadLetterMessage | undefined {
    return this.byTopic.get(topic)?.get(messageKey(partition, offset));
  }

  private add(message: DeadLetterMessage): void {
    const messages = this.byTopic.get(message.topic);
    if (!messages) return;
    messages.set(messageKey(message.partition, message.offset), message);
    // Maps iterate in insertion order: the first key is the oldest.
    while (messages.size > this.config.GATEWAY_DEAD_LETTER_CACHE_SIZE) {
      messages.delete(messages.keys().next().value as string);
    }
  }
}
