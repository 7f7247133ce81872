// Proves the harness hands tests a real Kafka broker and a real MongoDB-protocol server, with the features the
// pipeline relies on: partitions, keys and headers on Kafka; unique indexes and upserts on MongoDB.
import { Kafka, logLevel } from 'kafkajs';
import mongoose, { type Connection } from 'mongoose';
import { consumeMessages, createTopics, mongoUriFor, testStack, uniqueName, waitFor } from '../src';

describe('test stack: Kafka', () => {
  const { kafkaBrokers } = testStack();
  const kafka = new Kafka({ clientId: 'stack-int-spec', brokers: kafkaBrokers, logLevel: logLevel.NOTHING });

  it('creates a 3-partition topic and round-trips a keyed message with headers', async () => {
    const topic = uniqueName('stack-check');
    await createTopics(kafkaBrokers, [{ topic, numPartitions: 3 }]);

    const admin = kafka.admin();
    await admin.connect();
    const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
    await admin.disconnect();
    expect(metadata.topics[0].partitions).toHaveLength(3);

    const producer = kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    await producer.send({
      topic,
      messages: [
        {
          key: 'article-1',
          value: JSON.stringify({ schemaVersion: 1, id: 'article-1', title: 'Hello' }),
          headers: { traceId: 'trace-123', schemaVersion: '1' },
        },
      ],
    });
    await producer.disconnect();

    const [message] = await consumeMessages(kafkaBrokers, topic, { count: 1, timeoutMs: 30_000 });
    expect(message.key).toBe('article-1');
    expect(message.value).toEqual({ schemaVersion: 1, id: 'article-1', title: 'Hello' });
    expect(message.headers).toEqual({ traceId: 'trace-123', schemaVersion: '1' });
    expect(message.partition).toBeGreaterThanOrEqual(0);
    expect(message.partition).toBeLessThan(3);
  });

  it('never auto-creates topics', async () => {
    const producer = kafka.producer({ allowAutoTopicCreation: true, retry: { retries: 1 } });
    await producer.connect();
    await expect(
      producer.send({ topic: uniqueName('missing'), messages: [{ value: 'x' }], timeout: 2_000 }),
    ).rejects.toThrow();
    await producer.disconnect();
  });

  it('reports how many messages arrived when consuming times out', async () => {
    const topic = uniqueName('stack-timeout');
    await createTopics(kafkaBrokers, [{ topic, numPartitions: 1 }]);
    await expect(consumeMessages(kafkaBrokers, topic, { count: 1, timeoutMs: 1_500 })).rejects.toThrow(
      /expected 1 message\(s\), 0 arrived/,
    );
  });
});

describe('test stack: MongoDB protocol', () => {
  let connection: Connection;
  const dbName = uniqueName('db');

  beforeAll(async () => {
    connection = await mongoose.createConnection(mongoUriFor(dbName), { serverSelectionTimeoutMS: 10_000 }).asPromise();
  });

  afterAll(async () => {
    await connection.dropDatabase();
    await connection.close();
  });

  it('enforces a unique index and upserts idempotently', async () => {
    const Article = connection.model(
      'Article',
      new mongoose.Schema({ articleId: { type: String, required: true }, title: String, version: Number }),
    );
    Article.schema.index({ articleId: 1 }, { unique: true });
    await Article.createIndexes();

    for (const version of [1, 2]) {
      await Article.updateOne(
        { articleId: 'a-1' },
        { $set: { title: `v${version}`, version }, $setOnInsert: { articleId: 'a-1' } },
        { upsert: true },
      );
    }
    expect(await Article.countDocuments({ articleId: 'a-1' })).toBe(1);
    expect(await Article.findOne({ articleId: 'a-1' }).lean()).toMatchObject({ title: 'v2', version: 2 });

    await expect(Article.create({ articleId: 'a-1', title: 'conflict' })).rejects.toMatchObject({ code: 11000 });
    await waitFor(async () => (await Article.countDocuments()) === 1, { description: 'exactly one article' });
  });
});
