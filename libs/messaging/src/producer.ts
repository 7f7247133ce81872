import { encodeMessage, withPrefix, type MessageOf, type TopicName } from '@inkstream/contracts';
import type { PipelineMetrics } from '@inkstream/observability';
import { CompressionTypes, Partitioners, type IHeaders, type Kafka, type Producer } from 'kafkajs';
import { SendBatcher, type OutgoingRecords } from './send-batcher';
import { sendFailureError } from './send-errors';

export interface RawRecord {
  key: string | null;
  value: Buffer | string | null;
  headers: Record<string, string>;
}

/** `none` suits one machine (loopback: compression only costs CPU); `gzip` saves network and disk between hosts. */
export type ProducerCompression = 'none' | 'gzip';

export interface PipelineProducerOptions {
  compression?: ProducerCompression;
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
  private connected = false;

  constructor(
    kafka: Kafka,
    private readonly topicPrefix: string,
    private readonly metrics?: PipelineMetrics,
    options: PipelineProducerOptions = {},
  ) {
    this.compression = options.compression === 'gzip' ? CompressionTypes.GZIP : CompressionTypes.None;
    this.batcher = new SendBatcher<RawRecord>((batch) => this.sendBatch(batch), recordBytes, {
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

  /** Publishes one or more messages of one topic; resolves when all are acknowledged. */
  async publish<T extends TopicName>(topic: T, messages: MessageOf<T> | Array<MessageOf<T>>): Promise<void> {
    const list = Array.isArray(messages) ? messages : [messages];
    if (list.length === 0) return;
    const encoded = list.map((message) => encodeMessage(topic, message));
    await this.send(
      withPrefix(this.topicPrefix, topic),
      encoded.map(({ key, value, headers }) => ({ key, value, headers })),
    );
    this.metrics?.produced.inc({ topic }, list.length);
  }

  /** Sends records as they are (dead letters, replays): the physical topic name is taken literally. */
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

function recordBytes(record: RawRecord): number {
  const value =
    record.value === null
      ? 0
      : typeof record.value === 'string'
        ? Buffer.byteLength(record.value)
        : record.value.length;
  let headers = 0;
  for (const [name, text] of Object.entries(record.headers)) headers += name.length + text.length;
  return value + headers + (record.key?.length ?? 0) + 64;
}
