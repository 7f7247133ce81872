import {
  deadLetterTopic,
  DeadLetterHeaders,
  encodeMessage,
  exampleEnrichedArticle,
  Headers,
  scopedArticleId,
  Topics,
  withPrefix,
  type CleanArticle,
} from '@inkstream/contracts';
import { createKafka, type PipelineProducer } from '@inkstream/messaging';
import { createLogger } from '@inkstream/observability';
import { runService, type RunningService } from '@inkstream/runtime';
import { consumeMessages, pipelineFixture, waitFor } from '@inkstream/testing';
import type { Connection } from 'mongoose';
import { storeService } from '../src/store.definition';

describe('store service (real Kafka + MongoDB)', () => {
  const fixture = pipelineFixture('store', {
    // One partition: input order is total, so "B stored after A's redelivery" is a real ordering fact.
    KAFKA_TOPIC_PARTITIONS: '1',
    RETRY_INITIAL_DELAY_MS: '20',
    RETRY_MAX_DELAY_MS: '100',
  });
  const { kafkaBrokers, prefix, env } = fixture;
  let service: RunningService;
  let producer: PipelineProducer;
  let mongo: Connection;
  const physical = (topic: string) => withPrefix(prefix, topic);
  const cleanMessages = (count: number) =>
    consumeMessages<CleanArticle>(kafkaBrokers, physical(Topics.cleanArticles), { count, timeoutMs: 30_000 });

  beforeAll(async () => {
    service = await runService(storeService, env);
    ({ producer, mongo } = await fixture.connect());
  });

  afterAll(async () => {
    await service?.stop();
    await fixture.close();
  });

  it('stores an article once, ignores an unchanged redelivery and publishes each new version once', async () => {
    const first = exampleEnrichedArticle({ id: 'art_once' });
    const other = exampleEnrichedArticle({ id: 'art_other', title: 'Another story' });
    await producer.publish(Topics.enrichedArticles, first);
    await producer.publish(Topics.enrichedArticles, { ...first, traceId: 'redelivered' });
    await producer.publish(Topics.enrichedArticles, other);

    const [a, b] = await cleanMessages(2);
    expect([a.value?.id, b.value?.id]).toEqual(['art_once', 'art_other']);
    expect(a.value).toMatchObject({ version: 1, title: first.title, clusterId: first.clusterId, dateline: 'Brussels' });
    expect(a.headers[Headers.schemaVersion]).toBe('2');
    expect(await mongo.collection('articles').countDocuments({ _id: 'art_once' as never })).toBe(1);

    const changed = {
      ...first,
      title: 'NATO leaders vow weapons, not membership',
      modifiedAt: '2026-11-28T12:00:00.000Z',
    };
    await producer.publish(Topics.enrichedArticles, changed);
    const all = await cleanMessages(3);
    expect(all[2].value).toMatchObject({ id: 'art_once', version: 2, title: changed.title });
    // The store notes the publish once Kafka acknowledged it, so the note may land just after we read the message.
    await waitFor(
      async () => (await mongo.collection('article_publications').findOne({ _id: 'art_once' as never }))?.version === 2,
      { timeoutMs: 10_000, intervalMs: 100, description: 'version 2 noted as published' },
    );
    const stored = await mongo.collection('articles').findOne({ _id: 'art_once' as never });
    expect(stored).toMatchObject({ version: 2, title: changed.title });
    // The publish is noted beside the article: noting it in the article rewrote the whole document and its indexes.
    expect(stored).not.toHaveProperty('publishedVersion');
    expect(await mongo.collection('articles').countDocuments({ _id: 'art_once' as never })).toBe(1);
  });

  it('dead-letters malformed and unknown-version messages with the reason and goes on with the partition', async () => {
    const key = 'art_after_poison';
    const valid = encodeMessage(Topics.enrichedArticles, exampleEnrichedArticle({ id: key }));
    await producer.sendRaw(physical(Topics.enrichedArticles), [
      { key, value: '{"schemaVersion": 1, "id": ', headers: {} },
      { key, value: JSON.stringify({ ...exampleEnrichedArticle({ id: key }), schemaVersion: 99 }), headers: {} },
      { key, value: valid.value, headers: valid.headers },
    ]);
    const dlq = physical(deadLetterTopic(Topics.enrichedArticles, storeService.consumerGroup as string));
    const deadLetters = await consumeMessages(kafkaBrokers, dlq, { count: 2, timeoutMs: 30_000 });
    expect(deadLetters.map((message) => message.headers[DeadLetterHeaders.errorKind])).toEqual([
      'invalid-message',
      'invalid-message',
    ]);
    expect(deadLetters[0].headers[DeadLetterHeaders.error]).toMatch(/malformed JSON for enriched-article/);
    expect(deadLetters[1].headers[DeadLetterHeaders.error]).toMatch(/unknown schemaVersion 99/);
    expect(deadLetters[0].headers[DeadLetterHeaders.originalTopic]).toBe(Topics.enrichedArticles);
    expect(deadLetters[0].headers[DeadLetterHeaders.originalOffset]).toMatch(/^\d+$/);
    expect(deadLetters[0].rawValue).toBe('{"schemaVersion": 1, "id": ');

    const published = await cleanMessages(4);
    expect(published[3].value?.id).toBe(key);
    expect(await mongo.collection('articles').countDocuments({ _id: key as never })).toBe(1);
  });

  it("records another source's delivery of a stored article as its duplicate: one article, no dead letter", async () => {
    // Two sources registered for one site (a publisher's feed and its sitemap) derive one id from the URL.
    const owned = exampleEnrichedArticle({ id: 'art_owned', title: 'The owner’s story' });
    await producer.publish(Topics.enrichedArticles, owned);
    const sitemap = {
      ...owned,
      sourceId: 'src-arabnews-sitemap',
      source: { id: 'src-arabnews-sitemap', name: 'Arab News sitemap', domain: 'arabnews.com' },
      title: 'The page as the sitemap found it',
      modifiedAt: '2026-11-29T12:00:00.000Z',
    };
    await producer.publish(Topics.enrichedArticles, sitemap);
    // A redelivery of that delivery changes nothing: the owner's edit behind it (same id, so handled after it) is
    // version 3, not 4. The owner still revises its article.
    await producer.publish(Topics.enrichedArticles, { ...sitemap, traceId: 'redelivered' });
    const edit = { ...owned, title: 'The owner’s story, revised', modifiedAt: '2026-11-30T12:00:00.000Z' };
    await producer.publish(Topics.enrichedArticles, edit);

    const published = await cleanMessages(7);
    const versions = published.filter((message) => message.value?.id === 'art_owned').map((message) => message.value);
    expect(versions.map((article) => article?.version)).toEqual([1, 2, 3]);
    expect(versions[1]).toMatchObject({ sourceId: 'src-arabnews', title: owned.title, body: owned.body });
    const duplicateId = scopedArticleId('src-arabnews-sitemap', 'art_owned');
    const duplicateRef = expect.objectContaining({
      id: duplicateId,
      method: 'url',
      similarity: 1,
      source: expect.objectContaining({ id: 'src-arabnews-sitemap' }),
    });
    expect(versions[1]?.duplicates).toEqual([duplicateRef]);
    expect(versions[2]).toMatchObject({ title: edit.title, duplicates: [duplicateRef] });
    expect(await mongo.collection('duplicates').findOne({ _id: duplicateId as never })).toMatchObject({
      duplicateOf: 'art_owned',
    });
    const stored = await mongo.collection('articles').findOne({ _id: 'art_owned' as never });
    expect(stored).toMatchObject({ version: 3, sourceId: 'src-arabnews', title: edit.title });
    // Only the two malformed messages of the test before are dead letters.
    const dlq = physical(deadLetterTopic(Topics.enrichedArticles, storeService.consumerGroup as string));
    const admin = createKafka({
      clientId: 'store-test',
      brokers: kafkaBrokers,
      logger: createLogger('store', 'silent'),
    }).admin();
    await admin.connect();
    try {
      const offsets = await admin.fetchTopicOffsets(dlq);
      expect(offsets.reduce((sum, partition) => sum + Number(partition.high), 0)).toBe(2);
    } finally {
      await admin.disconnect();
    }
  });
});
