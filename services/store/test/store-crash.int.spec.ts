import {
  exampleEnrichedArticle,
  Topics,
  withPrefix,
  type CleanArticle,
  type DuplicateNotice,
} from '@inkstream/contracts';
import { createKafka, ensureTopics, PipelineProducer, pipelineTopicSpecs } from '@inkstream/messaging';
import { createLogger } from '@inkstream/observability';
import { articleModels, ArticleRepository, connectMongo, ensureArticleIndexes } from '@inkstream/persistence';
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

  /** The version the store noted as published (its publication ledger), or undefined when none is. */
  async function publishedVersionOf(id: string): Promise<number | undefined> {
    const entry = await mongo.collection('article_publications').findOne({ _id: id as never });
    return entry?.version as number | undefined;
  }

  it('loses nothing and stores one document when killed after writing but before committing', async () => {
    const article = exampleEnrichedArticle({ id: 'art_crash' });
    await producer.publish(Topics.enrichedArticles, article);

    const crashing = startStore({ ...env, INKSTREAM_FAILPOINTS: 'store.after-write' });
    expect(await crashing.exited).toBe('SIGKILL');
    const written = await mongo.collection('articles').findOne({ _id: 'art_crash' as never });
    // Killed between the write and the publish: stored, and no publish noted.
    expect(written).toMatchObject({ version: 1 });
    expect(await publishedVersionOf('art_crash')).toBeUndefined();

    const restarted = startStore(env);
    try {
      const [clean] = await consumeMessages<CleanArticle>(kafkaBrokers, withPrefix(prefix, Topics.cleanArticles), {
        count: 1,
        timeoutMs: 60_000,
      });
      expect(clean.value).toMatchObject({ id: 'art_crash', version: 1 });
      await waitFor(async () => (await publishedVersionOf('art_crash')) === 1, {
        timeoutMs: 20_000,
        description: 'the publish of version 1 to be noted',
      });
      expect(await mongo.collection('articles').countDocuments({})).toBe(1);
    } finally {
      restarted.child.kill('SIGTERM');
      expect(await restarted.exited).toBe(0);
    }
  });

  it('publishes the version a duplicate added when killed after attaching it but before publishing', async () => {
    // The original is stored and published (version 1); a duplicate notice for it then arrives.
    const repository = new ArticleRepository(articleModels(mongo));
    await ensureArticleIndexes(articleModels(mongo));
    const { record } = await repository.upsertEnriched(
      exampleEnrichedArticle({ id: 'art_orig' }),
      new Date().toISOString(),
    );
    await repository.markPublished(record);
    const notice: DuplicateNotice = {
      schemaVersion: 1,
      id: 'art_dup',
      traceId: 'trace-dup',
      sourceId: 'src-wire',
      url: 'https://wire.example/dup',
      title: 'A copy',
      source: { id: 'src-wire', name: 'Wire', domain: 'wire.example' },
      rawDocumentId: 'raw_dup',
      duplicateOf: 'art_orig',
      clusterId: 'art_orig',
      similarity: 0.9,
      method: 'near-duplicate',
      detectedAt: new Date().toISOString(),
    };
    await producer.publish(Topics.duplicateNotices, notice);

    const crashing = startStore({ ...env, INKSTREAM_FAILPOINTS: 'store.after-duplicate-write' });
    expect(await crashing.exited).toBe('SIGKILL');
    // The duplicate is attached (version 2) but its publish is still owed; the notice was not committed.
    expect(await mongo.collection('articles').findOne({ _id: 'art_orig' as never })).toMatchObject({ version: 2 });
    expect(await publishedVersionOf('art_orig')).toBe(1);

    const restarted = startStore(env);
    try {
      await waitFor(async () => (await publishedVersionOf('art_orig')) === 2, {
        timeoutMs: 60_000,
        description: 'the owed version 2 to be published',
      });
      const clean = await consumeMessages<CleanArticle>(kafkaBrokers, withPrefix(prefix, Topics.cleanArticles), {
        count: 2,
        timeoutMs: 30_000,
      });
      expect(clean.map((message) => message.value).find((value) => value?.id === 'art_orig')).toMatchObject({
        version: 2,
        duplicates: [expect.objectContaining({ id: 'art_dup' })],
      });
    } finally {
      restarted.child.kill('SIGTERM');
      expect(await restarted.exited).toBe(0);
    }
  });
});
