import { parseDeadLetterTopic, withPrefix } from '@inkstream/contracts';
import { deadLetterKey, DeadLetterRepository, type DeadLetterAction } from '@inkstream/persistence';
import type { CommonConfig } from '@inkstream/config';
import { PipelineProducer } from '@inkstream/messaging';
import { PipelineMetrics, type Logger } from '@inkstream/observability';
import { COMMON_CONFIG, LOGGER } from '@inkstream/runtime';
import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { KafkaAdmin } from '../kafka-admin';
import { DeadLetterInbox } from './dead-letter-inbox';
import type { DeadLetterSelection, MessagePosition } from './dead-letter-params';
import {
  DEAD_LETTER_TOPICS,
  deadLetterView,
  replayOf,
  type DeadLetterMessage,
  type DeadLetterView,
} from './dead-letter-view';

export interface DeadLetterTopicSummary {
  topic: string;
  originalTopic: string | null;
  group: string | null;
  /** Messages Kafka holds on the topic, handled or not. */
  total: number;
  /** Not yet replayed or discarded. */
  pending: number;
}

export interface DeadLetterActionResult {
  action: DeadLetterAction;
  count: number;
  /** Positions asked for that are not (or no longer) pending. */
  notFound: MessagePosition[];
}

@Injectable()
export class DeadLettersService {
  constructor(
    @Inject(COMMON_CONFIG) private readonly common: CommonConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly producer: PipelineProducer,
    private readonly metrics: PipelineMetrics,
    private readonly inbox: DeadLetterInbox,
    private readonly handled: DeadLetterRepository,
    private readonly kafka: KafkaAdmin,
  ) {}

  async summaries(): Promise<DeadLetterTopicSummary[]> {
    return Promise.all(
      DEAD_LETTER_TOPICS.map(async (topic) => {
        const [offsets, pending] = await Promise.all([
          this.kafka.admin.fetchTopicOffsets(this.physical(topic)),
          this.pending(topic),
        ]);
        const parsed = parseDeadLetterTopic(topic);
        return {
          topic,
          originalTopic: parsed?.topic ?? null,
          group: parsed?.group ?? null,
          total: offsets.reduce((sum, { high, low }) => sum + Number(high) - Number(low), 0),
          pending: pending.length,
        };
      }),
    );
  }

  async list(topic: string, limit: number): Promise<{ topic: string; pending: number; messages: DeadLetterView[] }> {
    const pending = await this.pending(this.known(topic));
    return { topic, pending: pending.length, messages: pending.slice(0, limit).map(deadLetterView) };
  }

  /** Puts the originals back on their topics (prefix-aware), then records them as handled so they leave the list. */
  async replay(topic: string, selection: DeadLetterSelection): Promise<DeadLetterActionResult> {
    const { messages, notFound } = await this.select(this.known(topic), selection);
    const byTarget = new Map<string, DeadLetterMessage[]>();
    for (const message of messages) {
      const target = replayOf(message).topic;
      byTarget.set(target, [...(byTarget.get(target) ?? []), message]);
    }
    const prefix = this.common.KAFKA_TOPIC_PREFIX;
    for (const [target, batch] of byTarget) {
      // Kafka away: DependencyUnavailableError, a 503 with the reason (DependencyUnavailableFilter).
      await this.producer.sendRaw(withPrefix(prefix, target), batch.map(replayOf));
      this.metrics.produced.inc({ topic: target }, batch.length);
      // Recorded per acknowledged batch: a failure later on leaves only the unsent ones pending.
      await this.record(batch, 'replayed');
    }
    this.logger.info({ topic, count: messages.length }, 'dead letters replayed');
    return { action: 'replayed', count: messages.length, notFound };
  }

  async discard(topic: string, selection: DeadLetterSelection): Promise<DeadLetterActionResult> {
    const { messages, notFound } = await this.select(this.known(topic), selection);
    await this.record(messages, 'discarded');
    this.logger.info({ topic, count: messages.length }, 'dead letters discarded');
    return { action: 'discarded', count: messages.length, notFound };
  }

  private known(topic: string): string {
    if (!this.inbox.isKnownTopic(topic)) {
      throw new NotFoundException(`no dead-letter topic ${topic}; GET /api/dead-letters lists them`);
    }
    return topic;
  }

  private physical(topic: string): string {
    return withPrefix(this.common.KAFKA_TOPIC_PREFIX, topic);
  }

  /** Newest first, without those already handled. */
  private async pending(topic: string): Promise<DeadLetterMessage[]> {
    const physical = this.physical(topic);
    const handled = await this.handled.handledKeys(physical);
    return this.inbox
      .messages(topic)
      .filter(({ partition, offset }) => !handled.has(deadLetterKey({ topic: physical, partition, offset })));
  }

  private async select(
    topic: string,
    selection: DeadLetterSelection,
  ): Promise<{ messages: DeadLetterMessage[]; notFound: MessagePosition[] }> {
    const pending = await this.pending(topic);
    // Oldest first: replayed messages go back in the order they originally failed.
    if (selection.kind === 'all') return { messages: pending.reverse(), notFound: [] };
    const byPosition = new Map(pending.map((message) => [`${message.partition}:${message.offset}`, message]));
    const messages: DeadLetterMessage[] = [];
    const notFound: MessagePosition[] = [];
    for (const position of selection.positions) {
      const message = byPosition.get(`${position.partition}:${position.offset}`);
      if (message) messages.push(message);
      else notFound.push(position);
    }
    return { messages, notFound };
  }

  private async record(messages: DeadLetterMessage[], action: DeadLetterAction): Promise<void> {
    const positions = messages.map(({ topic, partition, offset }) => ({
      topic: this.physical(topic),
      partition,
      offset,
    }));
    await this.handled.markHandled(positions, action, new Date().toISOString());
  }
}
