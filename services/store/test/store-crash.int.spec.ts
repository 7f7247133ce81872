import { exampleEnrichedArticle, Topics, withPrefix, type CleanArticle } from '@inkstream/contracts';
import { createKafka, ensureTopics, PipelineProducer, pipelineTopicSpecs } from '@inkstream/messaging';
import { createLogger } from '@inkstream/observability';
import { connectMongo } from '@inkstream/persistence';
import { consumeMessages, serviceTestEnv, waitFor } from '@inkstream/testing';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { Connection } from 'mongoose';

const ROOT = join(__dirname, '..', '..', '..');

function startStore(env: NodeJS.ProcessEnv): { child: ChildProcess; exited: Promise<NodeJS.Signals | number | null> } {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'services/store/src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? code)),
  );
  return { child, exited };
}

describe('store crash recovery (real process, SIGKILL)', () => {
  const { kafkaBrokers, prefix, mongoUri, env } = serviceTestEnv('store-crash', {
    KAFKA_TOPIC_PARTITIONS: '1',
    // The killed member's partitions are reassigned after its session expires: keep that short for the test.
    KAFKA_SESSION_TIMEOUT_MS: '6000',
  });
  let mongo: Connection;
  let producer: PipelineProducer;

  beforeAll(async () => {
    const logger = createLogger('test', 'warn');
    const kafka = createKafka({ clientId: 'store-crash-test', brokers: kafkaBrokers, logger });
    await ensureTopics(kafka, pipelineTopicSpecs({ prefix, numPartitions: 1, replicationFactor: 1, consumers: [] }));
    producer = new PipelineProducer(kafka, prefix);
    await producer.connect();
    mongo = await connectMongo(mongoUri, { appName: 'store-crash-test' });
  });

  afterAll(async () => {
    await producer?.disconnect();
    await mongo?.close();
  });

  it('loses nothing and stores one document when killed after writing but before committing', async () => {
    const article = exampleEnrichedArticle({ id: 'art_crash' });
    await producer.publish(Topics.enrichedArticles, article);

    const crashing = startStore({ ...env, INKSTREAM_FAILPOINTS: 'store.after-write' });
    expect(await crashing.exited).toBe('SIGKILL');
    const written = await mongo.collection('articles').findOne({ _id: 'art_crash' as never });
    // Killed between the write and the publish: the document says a publish is still owed.
    expect(written).toMatchObject({ version: 1, publishedVersion: 0 });

    const restarted = startStore(env);
    try {
      const [clean] = await consumeMessages<CleanArticle>(kafkaBrokers, withPrefix(prefix, Topics.cleanArticles), {
        count: 1,
        timeoutMs: 60_000,
      });
      expect(clean.value).toMatchObject({ id: 'art_crash', version: 1 });
      await waitFor(
        async () => (await mongo.collection('articles').findOne({ _id: 'art_crash' as never }))?.publishedVersion === 1,
        { timeoutMs: 20_000, description: 'publishedVersion to reach 1' },
      );
      expect(await mongo.collection('articles').countDocuments({})).toBe(1);
    } finally {
      restarted.child.kill('SIGTERM');
      expect(await restarted.exited).toBe(0);
    }
  });
});
