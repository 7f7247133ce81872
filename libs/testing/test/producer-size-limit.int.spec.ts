import {
  DeadLetterHeaders,
  deadLetterTopic,
  exampleEnrichedArticle,
  exampleRawDocument,
  MAX_MESSAGE_BYTES,
  Topics,
  withPrefix,
  type TopicName,
} from '@inkstream/contracts';
import { createKafka, PipelineConsumer, PipelineProducer, type MessageHandler } from '@inkstream/messaging';
import { createLogger } from '@inkstream/observability';
import { consumeMessages, createTopics, testStack, uniqueName } from '../src';

// Every stage publishes through PipelineProducer, so the size limit holds for all of them: an enricher whose output
// outgrows MAX_MESSAGE_BYTES (a document of repeated figures, each one an entity with its context) dead-letters its
// input with the size and the limit named, before Kafka is asked, and its partition moves on.
describe('PipelineProducer output size limit (real Kafka)', () => {
  const { kafkaBrokers } = testStack();
  const prefix = `${uniqueName('sizelimit')}.`;
  const group = 'inkstream.sizelimit';
  const dlq = withPrefix(prefix, deadLetterTopic(Topics.rawDocuments, group));
  const logger = createLogger('size-limit-test', 'silent');
  let producer: PipelineProducer;

  beforeAll(async () => {
    await createTopics(kafkaBrokers, [
      { topic: withPrefix(prefix, Topics.rawDocuments), numPartitions: 1 },
      { topic: withPrefix(prefix, Topics.enrichedArticles), numPartitions: 1 },
      { topic: dlq, numPartitions: 1 },
    ]);
    producer = new PipelineProducer(
      createKafka({ clientId: 'size-limit-test', brokers: kafkaBrokers, logger }),
      prefix,
    );
    await producer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
  });

  it('dead-letters the input of an oversized enriched article with a reason naming size and limit', async () => {
    // The input is small; the "enricher" output is 950 KB of figures: over the 900 KiB limit, under Kafka's 1 MiB.
    const enrich: MessageHandler<typeof Topics.rawDocuments> = async (message) => {
      const figures = message.value.id === 'raw_figures' ? 950 * 1024 : 100;
      await producer.publish(
        Topics.enrichedArticles,
        exampleEnrichedArticle({ id: `art_${message.value.id}`, body: '42.5% '.repeat(Math.ceil(figures / 6)) }),
      );
    };
    const consumer = new PipelineConsumer({
      kafka: createKafka({ clientId: 'size-limit-consumer', brokers: kafkaBrokers, logger }),
      group,
      topicPrefix: prefix,
      handlers: new Map([[Topics.rawDocuments, enrich as unknown as MessageHandler<TopicName>]]),
      producer,
      retry: { maxAttempts: 3, initialDelayMs: 10, maxDelayMs: 50 },
      partitionsConsumedConcurrently: 1,
      logger,
    });
    await producer.publish(Topics.rawDocuments, [
      exampleRawDocument({ id: 'raw_figures' }),
      exampleRawDocument({ id: 'raw_after' }),
    ]);
    await consumer.start();
    try {
      const [letter] = await consumeMessages<{ id: string }>(kafkaBrokers, dlq, { count: 1, timeoutMs: 60_000 });
      expect(letter.value?.id).toBe('raw_figures');
      expect(letter.headers[DeadLetterHeaders.errorKind]).toBe('permanent-error');
      const reason = letter.headers[DeadLetterHeaders.error];
      expect(reason).toMatch(
        new RegExp(
          `output message too large: news\\.enriched\\.v1 message with key art_raw_figures would be \\d{6,} bytes ` +
            `.*over the message limit of ${MAX_MESSAGE_BYTES} bytes`,
        ),
      );
      expect(reason).not.toMatch(/Kafka refused/);
      const outputs = await consumeMessages(kafkaBrokers, withPrefix(prefix, Topics.enrichedArticles), {
        count: 1,
        timeoutMs: 30_000,
      });
      expect(outputs.map(({ key }) => key)).toEqual(['art_raw_after']);
    } finally {
      await consumer.stop();
    }
  });

  it('sends one call far larger than a produce request in bounded requests (no broker refusal)', async () => {
    // 3,000 raw documents of ~1 KB in one publish: about 3 MB, three times what the broker takes in one request.
    const documents = Array.from({ length: 3_000 }, (_, i) =>
      exampleRawDocument({ id: `raw_bulk_${i}`, content: `<p>${'figure '.repeat(140)}${i}</p>` }),
    );
    const topic = withPrefix(prefix, Topics.rawDocuments);
    await producer.publish(Topics.rawDocuments, documents);
    const received = await consumeMessages<{ id: string }>(kafkaBrokers, topic, { count: 3_002, timeoutMs: 60_000 });
    const bulk = received.filter(({ value }) => value?.id.startsWith('raw_bulk_'));
    expect(bulk.map(({ value }) => value?.id)).toEqual(documents.map(({ id }) => id));
  });
});
