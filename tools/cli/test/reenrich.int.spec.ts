import { exampleEnrichedArticle, Topics, withPrefix, type UniqueArticle } from '@inkstream/contracts';
import { createKafka, ensureTopics, pipelineTopicSpecs } from '@inkstream/messaging';
import { ENRICHMENT_VERSION } from '@inkstream/nlp';
import { createLogger } from '@inkstream/observability';
import { articleModels, articleRecordFrom, connectMongo } from '@inkstream/persistence';
import { consumeMessages, mongoUriFor, testStack, uniqueName } from '@inkstream/testing';
import { runReenrich } from '../src/commands/reenrich';

describe('inkstream reenrich (real Kafka + MongoDB)', () => {
  it('sends only articles enriched by an older version back to the enricher', async () => {
    const { kafkaBrokers } = testStack();
    const prefix = `${uniqueName('reenrich')}.`;
    const mongoUri = mongoUriFor(uniqueName('reenrich'));
    const kafka = createKafka({
      clientId: 'reenrich-test',
      brokers: kafkaBrokers,
      logger: createLogger('test', 'warn'),
    });
    await ensureTopics(kafka, pipelineTopicSpecs({ prefix, numPartitions: 1, replicationFactor: 1, consumers: [] }));
    const mongo = await connectMongo(mongoUri, { appName: 'reenrich-test' });
    const state = {
      version: 1,
      storedAt: '2026-11-28T10:00:00.000Z',
      now: '2026-11-28T10:00:00.000Z',
      duplicates: [],
    };
    const old = exampleEnrichedArticle({ id: 'art_old' });
    const current = exampleEnrichedArticle({ id: 'art_current' });
    const { articles } = articleModels(mongo);
    await articles.collection.insertMany([
      articleRecordFrom({ ...old, enrichment: { ...old.enrichment, enrichmentVersion: 'nlp-0' } }, state) as never,
      articleRecordFrom(
        { ...current, enrichment: { ...current.enrichment, enrichmentVersion: ENRICHMENT_VERSION } },
        state,
      ) as never,
    ]);
    await mongo.close();

    const summary = await runReenrich({
      mongoUri,
      brokers: kafkaBrokers,
      topicPrefix: prefix,
      all: false,
      batchSize: 10,
    });
    expect(summary).toEqual({ selected: 1, published: 1, currentVersion: ENRICHMENT_VERSION });
    const [message] = await consumeMessages<UniqueArticle>(kafkaBrokers, withPrefix(prefix, Topics.uniqueArticles), {
      count: 1,
      timeoutMs: 20_000,
    });
    expect(message.value).toMatchObject({ id: 'art_old', title: old.title, clusterId: old.clusterId });
  });
});
