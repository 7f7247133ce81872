// A consumed input over the limits every producer applies is refused as an invalid message: dead-lettered with the
// reason named, never handed to the handler, and the partition moves on.
import {
  DeadLetterHeaders,
  deadLetterTopic,
  exampleRawDocument,
  MAX_MESSAGE_BYTES,
  Topics,
  withPrefix,
  type TopicName,
} from '@inkstream/contracts';
import { createLogger } from '@inkstream/observability';
import { consumeMessages, createTopics, testStack, uniqueName, waitFor } from '../src';
import { Kafka, logLevel } from 'kafkajs';
import { createKafka, PipelineConsumer, PipelineProducer, type MessageHandler } from '@inkstream/messaging';

describe('the consumer refuses oversized inputs (real Kafka)', () => {
  const { kafkaBrokers } = testStack();
  const prefix = `${uniqueName('input-limits')}.`;
  const group = 'inkstream.limits';
  const input = withPrefix(prefix, Topics.rawDocuments);
  const dlq = withPrefix(prefix, deadLetterTopic(Topics.rawDocuments, group));
  const logger = createLogger('input-limits-test', 'silent');

  it('dead-letters a message over MAX_MESSAGE_BYTES and one with a 600 KB header as invalid-message', async () => {
    await createTopics(kafkaBrokers, [
      { topic: input, numPartitions: 1 },
      { topic: dlq, numPartitions: 1 },
    ]);
    // Written with a bare client: no stage would produce these (PipelineProducer refuses them before sending).
    const raw = new Kafka({
      clientId: 'input-limits-raw',
      brokers: kafkaBrokers,
      logLevel: logLevel.NOTHING,
    }).producer();
    await raw.connect();
    const valid = (id: string) => Buffer.from(JSON.stringify(exampleRawDocument({ id })));
    const padded = exampleRawDocument({ id: 'raw_big', content: 'x'.repeat(MAX_MESSAGE_BYTES) });
    // One send each: Kafka's own limit applies to a whole batch.
    for (const message of [
      { key: 'raw_big', value: Buffer.from(JSON.stringify(padded)) },
      { key: 'raw_header', value: valid('raw_header'), headers: { 'x-notes': 'n'.repeat(600 * 1024) } },
      { key: 'raw_fine', value: valid('raw_fine') },
    ]) {
      await raw.send({ topic: input, messages: [message] });
    }
    await raw.disconnect();

    const handled: string[] = [];
    const handler: MessageHandler<typeof Topics.rawDocuments> = async ({ value }) => {
      handled.push(value.id);
    };
    const kafka = createKafka({ clientId: 'input-limits', brokers: kafkaBrokers, logger });
    const producer = new PipelineProducer(kafka, prefix);
    await producer.connect();
    const consumer = new PipelineConsumer({
      kafka,
      group,
      topicPrefix: prefix,
      handlers: new Map([[Topics.rawDocuments, handler as unknown as MessageHandler<TopicName>]]),
      producer,
      retry: { maxAttempts: 3, initialDelayMs: 10, maxDelayMs: 50 },
      partitionsConsumedConcurrently: 1,
      logger,
    });
    await consumer.start();
    try {
      const letters = await consumeMessages(kafkaBrokers, dlq, { count: 2, timeoutMs: 60_000 });
      const byKey = new Map(letters.map((letter) => [letter.key, letter.headers]));
      expect(byKey.get('raw_big')?.[DeadLetterHeaders.errorKind]).toBe('invalid-message');
      expect(byKey.get('raw_big')?.[DeadLetterHeaders.error]).toMatch(
        new RegExp(`InvalidMessageError: message of \\d+ bytes .*over the message limit of ${MAX_MESSAGE_BYTES}`),
      );
      expect(byKey.get('raw_header')?.[DeadLetterHeaders.errorKind]).toBe('invalid-message');
      expect(byKey.get('raw_header')?.[DeadLetterHeaders.error]).toMatch(
        /InvalidMessageError: header "x-notes" of 614407 bytes is over the header limit/,
      );
      await waitFor(() => handled.includes('raw_fine'), {
        timeoutMs: 30_000,
        description: 'the valid message handled',
      });
      expect(handled).toEqual(['raw_fine']);
    } finally {
      await consumer.stop();
      await producer.disconnect();
    }
  });
});
