import {
  Topics,
  withPrefix,
  type ArticleCandidate,
  type DuplicateNotice,
  type UniqueArticle,
} from '@inkstream/contracts';
import type { PipelineProducer } from '@inkstream/messaging';
import { runService, type RunningService } from '@inkstream/runtime';
import { consumeMessages, pipelineFixture } from '@inkstream/testing';
import type { Connection } from 'mongoose';
import { deduplicatorServiceFor } from '../src/deduplicator.definition';
import { candidate, sampleArticles, syndicatedCopy } from './fixtures';

describe('deduplicator service (real Kafka + MongoDB)', () => {
  const fixture = pipelineFixture('dedup', { KAFKA_TOPIC_PARTITIONS: '1' });
  const { kafkaBrokers, prefix, env } = fixture;
  const { nato, kyiv } = sampleArticles();
  const original = candidate('art_nato', nato, { sourceId: 'src-arabnews', url: 'https://arab.news/wdxkx' });
  const exactCopy = candidate('art_nato_copy', nato, { sourceId: 'src-mirror', url: 'https://mirror.example/nato' });
  const syndicated = candidate('art_nato_synd', syndicatedCopy(nato), {
    sourceId: 'src-ledger',
    title: 'Allies to keep arming Ukraine, but no membership offer',
  });
  // The sample's second article carries a block of its body twice; the extractor already drops it, so repeat it here.
  const repeated = candidate('art_kyiv', [...kyiv, ...kyiv.slice(10, 20)], { url: 'https://arab.news/kyiv' });
  let service: RunningService;
  let producer: PipelineProducer;
  let mongo: Connection;
  const uniques = (count: number) =>
    consumeMessages<UniqueArticle>(kafkaBrokers, withPrefix(prefix, Topics.uniqueArticles), { count });
  const duplicates = (count: number) =>
    consumeMessages<DuplicateNotice>(kafkaBrokers, withPrefix(prefix, Topics.duplicateNotices), { count });

  beforeAll(async () => {
    service = await runService(deduplicatorServiceFor(env), env);
    ({ producer, mongo } = await fixture.connect());
  });

  afterAll(async () => {
    await service?.stop();
    await mongo?.db?.dropDatabase();
    await fixture.close();
  });

  it('passes an article once and names it as the original of its exact copy under another URL', async () => {
    await producer.publish(Topics.articleCandidates, [original, exactCopy]);
    const [unique] = await uniques(1);
    expect(unique.value).toMatchObject({
      id: 'art_nato',
      clusterId: 'art_nato',
      paragraphs: original.paragraphs,
      dedup: { verdict: 'unique', repeatedParagraphsRemoved: 0 },
    });
    const [notice] = await duplicates(1);
    expect(notice.key).toBe('art_nato_copy');
    expect(notice.value).toMatchObject({
      id: 'art_nato_copy',
      duplicateOf: 'art_nato',
      clusterId: 'art_nato',
      method: 'content-hash',
      similarity: 1,
      source: { id: 'src-mirror' },
      url: 'https://mirror.example/nato',
    });
  });

  it('recognises a syndicated near-copy (new headline, site boilerplate, edited sentences)', async () => {
    await producer.publish(Topics.articleCandidates, syndicated);
    const notices = await duplicates(2);
    const notice = notices[1].value as DuplicateNotice;
    expect(notice).toMatchObject({ id: 'art_nato_synd', duplicateOf: 'art_nato', method: 'near-duplicate' });
    expect(notice.similarity).toBeGreaterThan(0.6);
    expect(notice.similarity).toBeLessThan(1);
  });

  it('removes the paragraphs an article repeats of itself before passing it', async () => {
    await producer.publish(Topics.articleCandidates, repeated);
    const messages = await uniques(2);
    const kyivOut = messages[1].value as UniqueArticle;
    const once = kyiv.filter((block) => block.type === 'paragraph').map((block) => block.text);
    expect(kyivOut).toMatchObject({ id: 'art_kyiv', clusterId: 'art_kyiv', dedup: { verdict: 'unique' } });
    expect(kyivOut.dedup.repeatedParagraphsRemoved).toBe(10);
    expect(kyivOut.paragraphs).toEqual(once);
    expect(kyivOut.blocks).toEqual(kyiv);
    expect(kyivOut.body).toBe(once.join('\n'));
  });

  it('changes nothing when the same candidates are delivered again', async () => {
    const before = {
      uniques: (await uniques(2)).map((message) => message.value),
      duplicates: (await duplicates(2)).map((message) => message.value),
    };
    await producer.publish(Topics.articleCandidates, [original, exactCopy, syndicated, repeated]);
    const after = {
      uniques: (await uniques(4)).map((message) => message.value),
      duplicates: (await duplicates(4)).map((message) => message.value),
    };
    // Republished (the first publish may not have been acknowledged before a crash), but exactly the same messages.
    // Candidates of a partition are decided concurrently, so outcomes of different articles may come out in another
    // order (each article's own messages stay in order: they share its key).
    const byId = <T extends { id: string }>(values: Array<T | null>) =>
      [...values].sort((a, b) => (a?.id ?? '').localeCompare(b?.id ?? ''));
    expect(byId(after.uniques.slice(2))).toEqual(byId(before.uniques));
    expect(byId(after.duplicates.slice(2))).toEqual(byId(before.duplicates));
    expect(await mongo.collection('dedup_fingerprints').countDocuments({})).toBe(4);
  });
});

describe('two deduplicator replicas fed the same copies at once', () => {
  const fixture = pipelineFixture('dedup-race', { KAFKA_TOPIC_PARTITIONS: '1' });
  const { kafkaBrokers, prefix, env } = fixture;
  let replicas: RunningService[] = [];
  let producer: PipelineProducer;

  beforeAll(async () => {
    // Two consumer groups, so each replica receives every copy: both decide each one at about the same time, which
    // is the worst a race between replicas of one group can be (and also covers one article decided twice at once).
    const first = deduplicatorServiceFor(env);
    const second = { ...first, consumerGroup: `${first.consumerGroup}-b` as typeof first.consumerGroup };
    replicas = await Promise.all([runService(first, env), runService(second, env)]);
    ({ producer } = await fixture.connect());
  });

  afterAll(async () => {
    await Promise.all(replicas.map((replica) => replica.stop()));
    await fixture.close();
  });

  it('lets the story through once: one unique id, every copy a duplicate of it', async () => {
    const { kyiv } = sampleArticles();
    const copies: ArticleCandidate[] = [
      candidate('art_race_a', kyiv, { sourceId: 'src-a' }),
      candidate('art_race_b', kyiv, { sourceId: 'src-b' }),
      candidate('art_race_c', syndicatedCopy(kyiv), { sourceId: 'src-c' }),
    ];
    await producer.publish(Topics.articleCandidates, copies);
    const [uniqueMessages, notices] = await Promise.all([
      consumeMessages<UniqueArticle>(kafkaBrokers, withPrefix(prefix, Topics.uniqueArticles), {
        count: 2,
        timeoutMs: 60_000,
      }),
      consumeMessages<DuplicateNotice>(kafkaBrokers, withPrefix(prefix, Topics.duplicateNotices), {
        count: 4,
        timeoutMs: 60_000,
      }),
    ]);
    const uniqueIds = new Set(uniqueMessages.map((message) => message.value?.id));
    expect(uniqueIds.size).toBe(1);
    const [story] = uniqueIds;
    for (const notice of notices) expect(notice.value).toMatchObject({ duplicateOf: story, clusterId: story });
    // Each replica published the same outcome for each copy.
    const byId = new Map<string, unknown[]>();
    for (const message of [...uniqueMessages, ...notices]) {
      const value = message.value as { id: string };
      byId.set(value.id, [...(byId.get(value.id) ?? []), value]);
    }
    expect(byId.size).toBe(3);
    for (const outcomes of byId.values()) {
      expect(outcomes).toHaveLength(2);
      expect(outcomes[1]).toEqual(outcomes[0]);
    }
  });
});
