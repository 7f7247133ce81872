import {
  DeadLetterHeaders,
  deadLetterTopic,
  exampleEnrichedArticle,
  exampleRawDocument,
  Topics,
  withPrefix,
  type TopicName,
} from '@inkstream/contracts';
import { PermanentError } from '@inkstream/errors';
import { createLogger } from '@inkstream/observability';
import { consumeMessages, createTopics, testStack, uniqueName } from '../src';
import { randomBytes } from 'node:crypto';
import { createKafka, PipelineConsumer, PipelineProducer, type MessageHandler } from '@inkstream/messaging';

// A record Kafka will never accept must not hold its partition: the producer reports it as PermanentError and the
// consume loop dead-letters the input instead of waiting forever for an "outage" that is not one.
describe('PipelineProducer send failures (real Kafka)', () => {
  const { kafkaBrokers } = testStack();
  const prefix = `${uniqueName('producer')}.`;
  const group = 'inkstream.test';
  const raw = withPrefix(prefix, Topics.rawDocuments);
  const small = withPrefix(prefix, Topics.articleCandidates);
  const dlq = withPrefix(prefix, deadLetterTopic(Topics.rawDocuments, group));
  const logger = createLogger('producer-test', 'silent');
  let producer: PipelineProducer;

  beforeAll(async () => {
    await createTopics(kafkaBrokers, [
      { topic: raw, numPartitions: 1 },
      { topic: dlq, numPartitions: 1 },
      // a topic whose limit a modest record exceeds
      { topic: small, numPartitions: 1, configEntries: [{ name: 'max.message.bytes', value: '4096' }] },
    ]);
    producer = new PipelineProducer(createKafka({ clientId: 'producer-test', brokers: kafkaBrokers, logger }), prefix);
    await producer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
  });

  it('a record over the topic limit fails as PermanentError (not an outage), with the kafkajs cause', async () => {
    const failure = await producer
      .sendRaw(small, [{ key: 'k', value: randomBytes(64 * 1024), headers: {} }])
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(PermanentError);
    expect((failure as Error).message).toMatch(/larger than the max message size/);
    expect((failure as Error).cause).toBeDefined();
  });

  it('the consume loop dead-letters the input whose output Kafka refuses, and the partition moves on', async () => {
    const handled: string[] = [];
    const handler: MessageHandler<typeof Topics.rawDocuments> = async (message) => {
      handled.push(message.value.id);
      const size = message.value.id === 'raw_huge' ? 64 * 1024 : 100;
      await producer.sendRaw(small, [{ key: message.value.id, value: randomBytes(size), headers: {} }]);
    };
    const consumer = new PipelineConsumer({
      kafka: createKafka({ clientId: 'producer-test-consumer', brokers: kafkaBrokers, logger }),
      group,
      topicPrefix: prefix,
      handlers: new Map([[Topics.rawDocuments, handler as unknown as MessageHandler<TopicName>]]),
      producer,
      retry: { maxAttempts: 3, initialDelayMs: 10, maxDelayMs: 50 },
      partitionsConsumedConcurrently: 1,
      logger,
    });
    await producer.publish(Topics.rawDocuments, [
      exampleRawDocument({ id: 'raw_huge' }),
      exampleRawDocument({ id: 'raw_after' }),
    ]);
    await consumer.start();
    try {
      const [letter] = await consumeMessages(kafkaBrokers, dlq, { count: 1, timeoutMs: 60_000 });
      expect(letter.headers[DeadLetterHeaders.errorKind]).toBe('permanent-error');
      expect(letter.headers[DeadLetterHeaders.error]).toMatch(/PermanentError/);
      const outputs = await consumeMessages(kafkaBrokers, small, { count: 1, timeoutMs: 30_000 });
      expect(outputs[0].key).toBe('raw_after');
      expect(handled.filter((id) => id === 'raw_huge')).toHaveLength(1);
    } finally {
      await consumer.stop();
    }
  });

  it('a handler whose output fails its own schema is reported as invalid-output, not as an invalid input', async () => {
    const outputGroup = 'inkstream.outputtest';
    const outputDlq = withPrefix(prefix, deadLetterTopic(Topics.rawDocuments, outputGroup));
    await createTopics(kafkaBrokers, [{ topic: outputDlq, numPartitions: 1 }]);
    // the "bug": an enriched article whose enrichment is missing its version
    const handler: MessageHandler<typeof Topics.rawDocuments> = async () => {
      const broken = exampleEnrichedArticle({ id: 'art_broken' });
      await producer.publish(Topics.enrichedArticles, {
        ...broken,
        enrichment: { ...broken.enrichment, enrichmentVersion: undefined as unknown as string },
      });
    };
    const consumer = new PipelineConsumer({
      kafka: createKafka({ clientId: 'producer-test-output', brokers: kafkaBrokers, logger }),
      group: outputGroup,
      topicPrefix: prefix,
      handlers: new Map([[Topics.rawDocuments, handler as unknown as MessageHandler<TopicName>]]),
      producer,
      retry: { maxAttempts: 3, initialDelayMs: 10, maxDelayMs: 50 },
      partitionsConsumedConcurrently: 1,
      logger,
    });
    await consumer.start();
    try {
      const letters = await consumeMessages(kafkaBrokers, outputDlq, { count: 1, timeoutMs: 60_000 });
      expect(letters[0].headers[DeadLetterHeaders.errorKind]).toBe('invalid-output');
      expect(letters[0].headers[DeadLetterHeaders.error]).toMatch(
        /InvalidOutputError: refusing to produce invalid enriched-article.*enrichmentVersion/,
      );
    } finally {
      await consumer.stop();
    }
  });
});
