import { decodeMessage, withPrefix, type TopicName } from '@inkstream/contracts';
import { InvalidMessageError } from '@inkstream/errors';
import type { Logger, PipelineMetrics, Tracing } from '@inkstream/observability';
import type { Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import { decideOnFailure, type FailureState } from './consume-policy';
import { headersToStrings, type ConsumedMessage, type MessageHandler } from './consumed-message';
import { ConsumerEvents, type MessageRef } from './consumer-events';
import { ConsumerHealth } from './consumer-health';
import { consumerLog } from './consumer-log';
import { consumerMetrics } from './consumer-metrics';
import { DeadLetterWriter, type DeadLetter, type Wait } from './dead-letter-writer';
import { classifyFailure } from './errors';
import { refusedInputSize } from './input-limits';
import { processKeyedBatch } from './keyed-batch';
import { processTraced } from './message-tracing';
import type { PipelineProducer } from './producer';
import type { RetryPolicy } from './retry-policy';

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
  /** Subscribed to the consumer's events when given (see consumerMetrics). */
  metrics?: PipelineMetrics;
  /** Given when the service traces: each handler attempt is a `process` span continuing the message's trace. */
  tracing?: Tracing;
  sleep?: (ms: number) => Promise<void>;
}

type Outcome = 'done' | 'interrupted';

/** A long wait sleeps in slices of this, heartbeating, so it neither triggers a rebalance nor delays shutdown. */
const WAIT_SLICE_MS = 2_000;

/**
 * The consume loop every stage shares. Per message: validate (size limits, schema) → handler (whose outputs are acknowledged before it
 * returns) → resolve the offset; offsets are committed only for resolved messages, so a crash anywhere redelivers
 * (at-least-once) and idempotent handlers make that harmless. A failure is classified by its kind and the policy
 * (decideOnFailure) says what follows: retry, hold the partition through an outage, or dead-letter. What happened
 * is told to subscribers as typed events (`events`): metrics, logs and health read them.
 */
export class PipelineConsumer {
  readonly events = new ConsumerEvents();
  /** The consumer's real state, for `/health`: a subscriber of `events`. */
  readonly health: ConsumerHealth;
  private readonly consumer: Consumer;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly physicalToLogical = new Map<string, TopicName>();
  private readonly deadLetters: DeadLetterWriter;
  private running = false;

  constructor(private readonly options: PipelineConsumerOptions) {
    const sessionTimeout = options.sessionTimeoutMs ?? 30_000;
    this.consumer = options.kafka.consumer({
      groupId: withPrefix(options.topicPrefix, options.group),
      allowAutoTopicCreation: false,
      sessionTimeout,
      heartbeatInterval: Math.min(3_000, Math.floor(sessionTimeout / 3)),
      // Bounded prefetch: with a slow handler at most this much waits in memory per partition.
      maxBytesPerPartition: 1_048_576,
    });
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    for (const topic of options.handlers.keys()) {
      this.physicalToLogical.set(withPrefix(options.topicPrefix, topic), topic);
    }
    const { producer, topicPrefix, group, retry } = options;
    this.deadLetters = new DeadLetterWriter({ producer, topicPrefix, group, retry, events: this.events });
    this.health = new ConsumerHealth({ staleAfterMs: sessionTimeout });
    this.events.subscribe(this.health.listener);
    this.events.subscribe(consumerLog(options.logger, group));
    if (options.metrics) this.events.subscribe(consumerMetrics(options.metrics, group));
    this.forwardKafkaEvents();
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
    this.consumer.pause(topics.map((topic) => ({ topic: withPrefix(this.options.topicPrefix, topic) })));
    this.events.emit({ type: 'paused', topics });
  }

  resume(topics: TopicName[] = this.topics()): void {
    this.consumer.resume(topics.map((topic) => ({ topic: withPrefix(this.options.topicPrefix, topic) })));
    this.events.emit({ type: 'resumed', topics });
  }

  private async eachBatch(payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale } = payload;
    const topic = this.physicalToLogical.get(batch.topic);
    if (!topic) return;
    const alive = () => this.running && isRunning() && !isStale();
    const wait: Wait = (ms) => this.wait(ms, heartbeat, alive);
    // An interrupted message is not resolved: its offset stays uncommitted and it is redelivered after restart.
    await processKeyedBatch(batch.messages, {
      concurrency: this.options.messageConcurrency ?? 1,
      keyOf: (message) => message.key?.toString('latin1') ?? null,
      alive,
      process: async (message) =>
        (await this.process(topic, batch.partition, message, heartbeat, wait)) !== 'interrupted',
      resolved: async (message) => {
        resolveOffset(message.offset);
        await commitOffsetsIfNecessary();
        await heartbeat();
      },
    });
  }

  /** Accept the input, then run the handler until it succeeds or the policy (decideOnFailure) says otherwise. */
  private async process(
    topic: TopicName,
    partition: number,
    message: KafkaMessage,
    heartbeat: () => Promise<void>,
    wait: Wait,
  ): Promise<Outcome> {
    const ref: MessageRef = { topic, partition, offset: message.offset };
    const headers = headersToStrings(message.headers as Record<string, unknown>);
    const letter = (kind: DeadLetter['kind'], error: unknown, attempts: number): DeadLetter => ({
      message: ref,
      key: message.key?.toString() ?? null,
      value: message.value,
      headers,
      kind,
      error,
      attempts,
    });
    const handler = this.options.handlers.get(topic);
    const accepted = this.accept(ref, message, headers);
    if (accepted instanceof Error) return this.deadLetters.write(letter('invalid-message', accepted, 0), wait);
    if (!handler) return 'done';

    const state: FailureState = { attempt: 1, holds: 0 };
    for (;;) {
      const error = await this.attempt(handler, accepted, state, heartbeat);
      if (error === null) return 'done';
      const decision = decideOnFailure(classifyFailure(error), state, this.options.retry);
      if (decision.action === 'dead-letter') {
        return this.deadLetters.write(letter(decision.kind, error, state.attempt), wait);
      }
      if (decision.action === 'hold') {
        state.holds += 1;
        this.events.emit({ type: 'held', message: ref, holds: state.holds, delayMs: decision.delayMs, error });
      } else {
        this.events.emit({ type: 'retried', message: ref, attempt: state.attempt, delayMs: decision.delayMs, error });
        state.attempt += 1;
      }
      if (!(await wait(decision.delayMs))) return 'interrupted';
    }
  }

  /** The input as a handler receives it, or why it is an invalid message (over the size limits, or its schema). */
  private accept(ref: MessageRef, message: KafkaMessage, headers: Record<string, string>): ConsumedMessage | Error {
    try {
      const oversized = refusedInputSize(message);
      if (oversized) throw new InvalidMessageError(`${oversized}, on ${ref.topic}`);
      const value = decodeMessage(ref.topic, message.value);
      ref.traceId = value.traceId;
      const { topic, partition, offset } = ref;
      return { topic, partition, offset, key: message.key?.toString() ?? null, headers, value };
    } catch (error) {
      return error instanceof Error ? error : new InvalidMessageError(String(error));
    }
  }

  /** One handler attempt, told to subscribers: null when it succeeded, else what it threw. */
  private async attempt(
    handler: MessageHandler<TopicName>,
    consumed: ConsumedMessage,
    state: FailureState,
    heartbeat: () => Promise<void>,
  ): Promise<unknown> {
    const { topic, partition, offset } = consumed;
    const message: MessageRef = { topic, partition, offset, traceId: consumed.value.traceId };
    const logger = this.options.logger.child({ traceId: consumed.value.traceId, topic, partition, offset });
    const began = process.hrtime.bigint();
    const seconds = () => Number(process.hrtime.bigint() - began) / 1e9;
    const run = () => handler(consumed, { heartbeat, logger, attempt: state.attempt });
    const { tracing, topicPrefix, group } = this.options;
    try {
      if (tracing) {
        const where = {
          physicalTopic: withPrefix(topicPrefix, topic),
          physicalGroup: withPrefix(topicPrefix, group),
          attempt: state.attempt,
        };
        await processTraced(tracing, consumed, where, run);
      } else {
        await run();
      }
      this.events.emit({ type: 'processed', message, seconds: seconds(), ...state });
      return null;
    } catch (error) {
      const failure = classifyFailure(error);
      this.events.emit({ type: 'failed', message, seconds: seconds(), attempt: state.attempt, failure, error });
      return error ?? new Error('handler threw nothing');
    }
  }

  /** Sleeps in slices, heartbeating, so a long backoff neither triggers a rebalance nor delays shutdown. */
  private async wait(ms: number, heartbeat: () => Promise<void>, alive: () => boolean): Promise<boolean> {
    let remaining = ms;
    while (remaining > 0) {
      if (!alive()) return false;
      const slice = Math.min(remaining, WAIT_SLICE_MS);
      await this.sleep(slice);
      remaining -= slice;
      await heartbeat().catch(() => undefined);
    }
    return alive();
  }

  /** kafkajs's instrumentation events, as the consumer's own typed events (what health reads). */
  private forwardKafkaEvents(): void {
    const { events } = this.consumer;
    this.consumer.on(events.GROUP_JOIN, ({ payload }) =>
      this.events.emit({ type: 'joined', memberId: payload.memberId, leader: payload.isLeader }),
    );
    this.consumer.on(events.REBALANCING, () => this.events.emit({ type: 'rebalancing' }));
    this.consumer.on(events.HEARTBEAT, () => this.events.emit({ type: 'heartbeat' }));
    this.consumer.on(events.CRASH, ({ payload }) =>
      this.events.emit({ type: 'crashed', error: payload.error, restarting: payload.restart }),
    );
    this.consumer.on(events.REQUEST_TIMEOUT, ({ payload }) =>
      this.events.emit({ type: 'request-timeout', broker: payload.broker }),
    );
    this.consumer.on(events.DISCONNECT, () => this.events.emit({ type: 'disconnected' }));
    this.consumer.on(events.STOP, () => this.events.emit({ type: 'stopped' }));
  }
}
