import type { DeadLetterKind, TopicName } from '@inkstream/contracts';
import type { FailureClass } from './errors';

// What a PipelineConsumer tells its subscribers (metrics, logs, health): the consume loop applies its policy and
// says what it did; how that is counted, logged or turned into a health state is each subscriber's business.

/** Which message an event is about. */
export interface MessageRef {
  topic: TopicName;
  partition: number;
  offset: string;
  traceId?: string;
}

export type ConsumerEvent =
  /** The handler succeeded; `holds` is how many outage waits it took. */
  | { type: 'processed'; message: MessageRef; seconds: number; attempt: number; holds: number }
  /** The handler threw; what happens next follows as `retried`, `held` or `dead-lettered`. */
  | { type: 'failed'; message: MessageRef; seconds: number; attempt: number; failure: FailureClass; error: unknown }
  | { type: 'retried'; message: MessageRef; attempt: number; delayMs: number; error: unknown }
  /** A dependency is down: the partition waits (`holds` waits so far, this one included). */
  | { type: 'held'; message: MessageRef; holds: number; delayMs: number; error: unknown }
  | {
      type: 'dead-lettered';
      message: MessageRef;
      kind: DeadLetterKind;
      attempts: number;
      error: unknown;
      /** Kafka refused the letter with its payload; it was written with the headers only. */
      payloadDropped: boolean;
    }
  /** The dead-letter topic cannot be written: the message stays unresolved and the writer tries again. */
  | { type: 'dead-letter-waiting'; message: MessageRef; error: unknown }
  /** Backpressure from outside: these topics are not fetched until resumed. */
  | { type: 'paused'; topics: TopicName[] }
  | { type: 'resumed'; topics: TopicName[] }
  // The consumer's own state, from kafkajs's instrumentation events.
  | { type: 'joined'; memberId: string; leader: boolean }
  | { type: 'rebalancing' }
  | { type: 'heartbeat' }
  /** kafkajs gave up on the consumer; with `restarting` it starts it again by itself, else it stays down. */
  | { type: 'crashed'; error: unknown; restarting: boolean }
  | { type: 'request-timeout'; broker: string }
  | { type: 'disconnected' }
  | { type: 'stopped' };

export type ConsumerEventType = ConsumerEvent['type'];
export type ConsumerListener = (event: ConsumerEvent) => void;

/** A consumer's subscribers. A failing subscriber is a bug of its own: it never breaks the consume loop. */
export class ConsumerEvents {
  private readonly listeners = new Set<ConsumerListener>();

  /** Returns the unsubscribe function. */
  subscribe(listener: ConsumerListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: ConsumerEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // A subscriber's bug (a metric, a log line) must not decide a message's fate.
      }
    }
  }
}
