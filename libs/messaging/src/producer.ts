import { encodeMessage, withPrefix, type MessageOf, type TopicName } from '@inkstream/contracts';
import type { PipelineMetrics, Tracing } from '@inkstream/observability';
import { CompressionTypes, Partitioners, type IHeaders, type Kafka, type Producer } from 'kafkajs';
import { sendTraced } from './message-tracing';
import { oversizedOutput, recordSize, type RawRecord } from './record-size';
import { SendBatcher, type OutgoingRecords } from './send-batcher';
import { sendFailureError } from './send-errors';

export { oversizedMessage, type RawRecord } from './record-size';

/** `none` suits one machine (loopback: compression only costs CPU); `gzip` saves network and disk between hosts. */
export type ProducerCompression = 'none' | 'gzip';

export interface PipelineProducerOptions {
  compression?: ProducerCompression;
  /** Given when the service traces: each publish is a `send` span and its messages carry `traceparent`. */
  tracing?: Tracing;
}

/** Under the broker's default 1 MiB per record batch, with room for headers and framing. */
const MAX_REQUEST_BYTES = 768 * 1024;

/**
 * Publishes validated messages. Idempotent (the broker drops a retried duplicate of the same produce request) with
 * acks from all in-sync replicas: a send resolves only once the message is durable, which is what lets consumers
 * commit their input offset right after it. Concurrent publishes (handlers overlapping) share produce requests
 * (SendBatcher): one request per batch of outputs instead of one per message.
 */
export class PipelineProducer {
  private readonly producer: Producer;
  private readonly batcher: SendBatcher<RawRecord>;
  private readonly compression: CompressionTypes;
  private readonly tracing: Tracing | undefined;
  private connected = false;

  constructor(
    kafka: Kafka,
    private readonly topicPrefix: string,
    private readonly metrics?: PipelineMetrics,
    options: PipelineProducerOptions = {},
  ) {
    this.compression = options.compression === 'gzip' ? CompressionTypes.GZIP : CompressionTypes.None;
    this.tracing = options.tracing;
    this.batcher = new SendBatcher<RawRecord>((batch) => this.sendBatch(batch), requestBytes, {
      maxBytes: MAX_REQUEST_BYTES,
    });
    this.producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      // The murmur2 partitioner of the Java client: keys land on the same partitions as with any other Kafka client.
      createPartitioner: Partitioners.DefaultPartitioner,
    });
  }

  async connect(): Promise<void> {
    await this.producer.connect();
    this.connected = true;
  }

  async disconnect(): Promise<void> {
    if (!this.connected) return;
    this.connected = false;
    await this.producer.disconnect();
  }

  isConnected(): boolean {
    return this.connected;
  }

  /**
   * Publishes one or more messages of one topic; resolves when all are acknowledged. A message over
   * MAX_MESSAGE_BYTES (key, value and headers) fails the whole call with a PermanentError naming its size and the
   * limit, before anything is sent: every stage's outputs are bounded here, in the one path they all take.
   */
  async publish<T extends TopicName>(topic: T, messages: MessageOf<T> | Array<MessageOf<T>>): Promise<void> {
    const list = Array.isArray(messages) ? messages : [messages];
    if (list.length === 0) return;
    const records = list.map((message): RawRecord => {
      const { key, value, headers } = encodeMessage(topic, message);
      return { key, value, headers };
    });
    const oversized = oversizedOutput(topic, records);
    if (oversized) throw oversized;
    // Checked before the trace context is added: its two headers (at most ~600 bytes) sit in MAX_MESSAGE_BYTES's
    // margin under Kafka's limit, so whether an output fits does not depend on tracing being on.
    const physicalTopic = withPrefix(this.topicPrefix, topic);
    if (this.tracing) {
      await sendTraced(this.tracing, topic, physicalTopic, records, (traced) => this.send(physicalTopic, traced));
    } else {
      await this.send(physicalTopic, records);
    }
    this.metrics?.produced.inc({ topic }, list.length);
  }

  /**
   * Sends records as they are (dead letters, replays): the physical topic name is taken literally, and only Kafka's
   * own limit applies — a dead letter carries an input Kafka already accepted, whatever MAX_MESSAGE_BYTES says.
   */
  async sendRaw(physicalTopic: string, records: RawRecord[]): Promise<void> {
    await this.send(physicalTopic, records);
  }

  private send(topic: string, records: RawRecord[]): Promise<void> {
    return this.batcher.send(topic, records);
  }

  private async sendBatch(batch: ReadonlyArray<OutgoingRecords<RawRecord>>): Promise<void> {
    try {
      await this.producer.sendBatch({
        acks: -1,
        compression: this.compression,
        topicMessages: batch.map(({ topic, records }) => ({
          topic,
          messages: records.map(({ key, value, headers }) => ({ key, value, headers: headers as IHeaders })),
        })),
      });
    } catch (error) {
      // An outage (the broker or the topic is not there) → DependencyUnavailableError: the caller waits and retries.
      // A record Kafka will never accept (too large, invalid) → PermanentError: dead-lettered, never held forever.
      throw sendFailureError([...new Set(batch.map(({ topic }) => topic))].join(', '), error);
    }
  }
}

/** A record's estimated share of a produce request: its bytes plus per-record framing. */
function requestBytes(record: RawRecord): number {
  return recordSize(record).total + 64;
}
