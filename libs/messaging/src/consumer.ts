import {
  DeadLetterHeaders,
  decodeMessage,
  deadLetterTopic,
  type DeadLetterKind,
  type TopicName,
  withPrefix,
} from '@inkstream/contracts';
import type { Logger, PipelineMetrics } from '@inkstream/observability';
import type { Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import { headersToStrings, type ConsumedMessage, type MessageHandler } from './consumed-message';
import { processKeyedBatch } from './keyed-batch';
import { DependencyUnavailableError, PermanentError } from '@inkstream/errors';
import { classifyFailure, errorMessage } from './errors';
import type { PipelineProducer, RawRecord } from './producer';
import { backoffDelay, type RetryPolicy } from './retry-policy';

export interface PipelineConsumerOptions {
  kafka: Kafka;
  /** Logical consumer group (e.g. `inkstream.store`); the topic prefix is applied to it as to topics. */
  group: string;
  topicPrefix: string;
  handlers: ReadonlyMap<TopicName, MessageHandler<TopicName>>;
  /** Produces dead letters; a dead letter is acknowledged before the original offset is committed. */
  producer: PipelineProducer;
  retry: RetryPolicy;
  partitionsConsumedConcurrently: number;
  /**
   * Messages of one partition in flight at once (different keys only; one key stays in order). Per-message latency
   * is mostly database and Kafka round trips, so overlapping them is what lets a stage keep up on few cores.
   */
  messageConcurrency?: number;
  sessionTimeoutMs?: number;
  logger: Logger;
  metrics?: PipelineMetrics;
  sleep?: (ms: number) => Promise<void>;
}

type Outcome = 'done' | 'interrupted';

const DEPENDENCY_WAIT_SLICE_MS = 2_000;

/**
 * The consume loop every stage shares. Per message: validate → handler (whose outputs are acknowledged before it
 * returns) → resolve the offset; offsets are committed only for resolved messages, so a crash anywhere redelivers
 * (at-least-once) and idempotent handlers make that harmless. Transient failures retry with jittered backoff and
 * then go to the dead-letter topic, so a poison message never blocks its partition; invalid messages and permanent
 * errors go there at once. A dependency outage pauses the partition and waits instead of dead-lettering.
 */
export class PipelineConsumer {
  private readonly consumer: Consumer;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly physicalToLogical = new Map<string, TopicName>();
  private running = false;
  private pausedTopics = new Set<string>();

  constructor(private readonly options: PipelineConsumerOptions) {
    this.consumer = options.kafka.consumer({
      groupId: withPrefix(options.topicPrefix, options.group),
      allowAutoTopicCreation: false,
      sessionTimeout: options.sessionTimeoutMs ?? 30_000,
      heartbeatInterval: Math.min(3_000, Math.floor((options.sessionTimeoutMs ?? 30_000) / 3)),
      // Bounded prefetch: with a slow handler at most this much waits in memory per partition.
      maxBytesPerPartition: 1_048_576,
    });
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    for (const topic of options.handlers.keys()) {
      this.physicalToLogical.set(withPrefix(options.topicPrefix, topic), topic);
    }
  }

  get group(): string {
    return this.options.group;
  }

  topics(): TopicName[] {
    return [...this.options.handlers.keys()];
  }

  isRunning(): boolean {
    return this.running;
  }

  async start(): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [...this.physicalToLogical.keys()], fromBeginning: true });
    this.running = true;
    await this.consumer.run({
      autoCommit: true,
      autoCommitInterval: 1_000,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently,
      eachBatch: (payload) => this.eachBatch(payload),
    });
  }

  /** Stops fetching, lets in-flight messages finish, commits resolved offsets, then leaves the group. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    await this.consumer.disconnect();
  }

  /** Backpressure from outside (e.g. a slow downstream): stop fetching these topics until resume. */
  pause(topics: TopicName[] = this.topics()): void {
    const physical = topics.map((topic) => withPrefix(this.options.topicPrefix, topic));
    this.consumer.pause(physical.map((topic) => ({ topic })));
    for (const topic of topics) {
      this.pausedTopics.add(topic);
      this.options.metrics?.paused.set({ topic, group: this.options.group }, 1);
    }
  }

  resume(topics: TopicName[] = this.topics()): void {
    const physical = topics.map((topic) => withPrefix(this.options.topicPrefix, topic));
    this.consumer.resume(physical.map((topic) => ({ topic })));
    for (const topic of topics) {
      this.pausedTopics.delete(topic);
      this.options.metrics?.paused.set({ topic, group: this.options.group }, 0);
    }
  }

  private async eachBatch(payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale } = payload;
    const topic = this.physicalToLogical.get(batch.topic);
    if (!topic) return;
    const alive = () => this.running && isRunning() && !isStale();
    // An interrupted message is not resolved: its offset stays uncommitted and it is redelivered after restart.
    await processKeyedBatch(batch.messages, {
      concurrency: this.options.messageConcurrency ?? 1,
      keyOf: (message) => message.key?.toString('latin1') ?? null,
      alive,
      process: async (message) =>
        (await this.process(topic, batch.partition, message, heartbeat, alive)) !== 'interrupted',
      resolved: async (message) => {
        resolveOffset(message.offset);
        await commitOffsetsIfNecessary();
        await heartbeat();
      },
    });
  }

  private async process(
    topic: TopicName,
    partition: number,
    message: KafkaMessage,
    heartbeat: () => Promise<void>,
    alive: () => boolean,
  ): Promise<Outcome> {
    const { group, metrics, retry } = this.options;
    const headers = headersToStrings(message.headers as Record<string, unknown>);
    let value: ConsumedMessage['value'];
    try {
      value = decodeMessage(topic, message.value);
    } catch (error) {
      this.options.logger.warn(
        { topic, partition, offset: message.offset, err: errorMessage(error) },
        'invalid message',
      );
      return this.deadLetter(topic, partition, message, headers, 'invalid-message', error, 0, heartbeat, alive);
    }
    const handler = this.options.handlers.get(topic);
    if (!handler) return 'done';
    const logger = this.options.logger.child({ traceId: value.traceId, topic, partition, offset: message.offset });
    const consumed: ConsumedMessage = {
      topic,
      partition,
      offset: message.offset,
      key: message.key?.toString() ?? null,
      headers,
      value,
    };

    let attempt = 0;
    let outageWaits = 0;
    for (;;) {
      attempt += 1;
      const stopTimer = metrics?.handlerSeconds.startTimer({ topic, group });
      try {
        await handler(consumed, { heartbeat, logger, attempt });
        stopTimer?.();
        metrics?.consumed.inc({ topic, group });
        if (outageWaits > 0) metrics?.paused.set({ topic, group }, this.pausedTopics.has(topic) ? 1 : 0);
        return 'done';
      } catch (error) {
        stopTimer?.();
        metrics?.failed.inc({ topic, group });
        const failure = classifyFailure(error);
        if (failure === 'invalid-output') {
          logger.error(
            { err: errorMessage(error), attempt, bug: true },
            `BUG in ${group}: it built an output that fails its own schema (the input is not at fault); dead-lettering as invalid-output`,
          );
          return this.deadLetter(topic, partition, message, headers, failure, error, attempt, heartbeat, alive);
        }
        if (failure === 'invalid-message' || failure === 'permanent-error') {
          logger.warn({ err: errorMessage(error), attempt }, 'permanent failure, dead-lettering');
          return this.deadLetter(topic, partition, message, headers, failure, error, attempt, heartbeat, alive);
        }
        if (failure === 'dependency-unavailable') {
          // An outage is not this message's fault: hold the partition (no new fetches) and retry without limit.
          attempt -= 1;
          outageWaits += 1;
          metrics?.paused.set({ topic, group }, 1);
          logger.warn({ err: errorMessage(error), waits: outageWaits }, 'dependency unavailable, partition waiting');
          if (!(await this.wait(backoffDelay(Math.min(outageWaits, 10), retry), heartbeat, alive)))
            return 'interrupted';
          continue;
        }
        if (attempt >= retry.maxAttempts) {
          logger.error({ err: errorMessage(error), attempt }, 'retries exhausted, dead-lettering');
          return this.deadLetter(
            topic,
            partition,
            message,
            headers,
            'retries-exhausted',
            error,
            attempt,
            heartbeat,
            alive,
          );
        }
        metrics?.retried.inc({ topic, group });
        logger.warn({ err: errorMessage(error), attempt }, 'transient failure, retrying');
        if (!(await this.wait(backoffDelay(attempt, retry), heartbeat, alive))) return 'interrupted';
      }
    }
  }

  private async deadLetter(
    topic: TopicName,
    partition: number,
    message: KafkaMessage,
    headers: Record<string, string>,
    kind: DeadLetterKind,
    error: unknown,
    attempts: number,
    heartbeat: () => Promise<void>,
    alive: () => boolean,
  ): Promise<Outcome> {
    const { group, topicPrefix, producer, metrics, retry } = this.options;
    const target = withPrefix(topicPrefix, deadLetterTopic(topic, group));
    let record: RawRecord = {
      key: message.key?.toString() ?? null,
      value: message.value,
      headers: {
        ...headers,
        [DeadLetterHeaders.error]: errorMessage(error).slice(0, 4_000),
        [DeadLetterHeaders.errorKind]: kind,
        [DeadLetterHeaders.originalTopic]: topic,
        [DeadLetterHeaders.originalPartition]: String(partition),
        [DeadLetterHeaders.originalOffset]: message.offset,
        [DeadLetterHeaders.attempts]: String(attempts),
        [DeadLetterHeaders.consumerGroup]: group,
        [DeadLetterHeaders.failedAt]: new Date().toISOString(),
      },
    };
    for (let waits = 1; ; waits += 1) {
      try {
        await producer.sendRaw(target, [record]);
        metrics?.deadLettered.inc({ topic, group, kind });
        return 'done';
      } catch (sendError) {
        if (sendError instanceof PermanentError && record.value !== null) {
          // Kafka refuses the dead letter itself (the payload plus headers is over the limit): keep the headers,
          // which name the original topic, partition and offset, and drop the payload rather than lose the letter.
          this.options.logger.error(
            { err: errorMessage(sendError), target },
            'dead letter refused, sending without payload',
          );
          record = {
            ...record,
            value: null,
            headers: { ...record.headers, [DeadLetterHeaders.payloadDropped]: 'true' },
          };
          continue;
        }
        if (!(sendError instanceof DependencyUnavailableError)) throw sendError;
        // Losing a dead letter would lose the message: keep the offset uncommitted and try again.
        this.options.logger.error({ err: errorMessage(sendError), target }, 'dead-letter topic unavailable, waiting');
        if (!(await this.wait(backoffDelay(Math.min(waits, 10), retry), heartbeat, alive))) return 'interrupted';
      }
    }
  }

  /** Sleeps in slices, heartbeating, so a long backoff neither triggers a rebalance nor delays shutdown. */
  private async wait(ms: number, heartbeat: () => Promise<void>, alive: () => boolean): Promise<boolean> {
    let remaining = ms;
    while (remaining > 0) {
      if (!alive()) return false;
      const slice = Math.min(remaining, DEPENDENCY_WAIT_SLICE_MS);
      await this.sleep(slice);
      remaining -= slice;
      await heartbeat().catch(() => undefined);
    }
    return alive();
  }
}
