import {
  deadLetterTopic,
  DeadLetterHeaders,
  exampleRawDocument,
  Topics,
  withPrefix,
  type ArticleCandidate,
} from '@inkstream/contracts';
import type { PipelineProducer } from '@inkstream/messaging';
import { runService, type RunningService } from '@inkstream/runtime';
import { consumeMessages, pipelineFixture, waitFor } from '@inkstream/testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Connection } from 'mongoose';
import { splitterService } from '../src/splitter.definition';

const SAMPLE = readFileSync(join(__dirname, '..', '..', '..', 'samples', 'arabnews-nato-ukraine-page.txt'), 'utf8');

describe('splitter service (real Kafka + MongoDB)', () => {
  const fixture = pipelineFixture('splitter', { KAFKA_TOPIC_PARTITIONS: '1' });
  const { kafkaBrokers, prefix } = fixture;
  let service: RunningService;
  let producer: PipelineProducer;
  let mongo: Connection;

  beforeAll(async () => {
    service = await runService(splitterService, fixture.env);
    ({ producer, mongo } = await fixture.connect());
  });

  afterAll(async () => {
    await service?.stop();
    await fixture.close();
  });

  it('turns the sample page (raw topic in) into exactly its two article candidates (out)', async () => {
    await producer.publish(
      Topics.rawDocuments,
      exampleRawDocument({
        id: 'raw_sample',
        url: 'file:///drop/arabnews-nato-ukraine-page.txt',
        encoding: 'gzip-base64',
        content: gzipSync(SAMPLE).toString('base64'),
        contentLength: SAMPLE.length,
        source: { id: 'src-drop', name: 'Demo drop folder', domain: null, kind: 'drop' },
        sourceId: 'src-drop',
      }),
    );
    const messages = await consumeMessages<ArticleCandidate>(
      kafkaBrokers,
      withPrefix(prefix, Topics.articleCandidates),
      {
        count: 2,
        timeoutMs: 30_000,
      },
    );
    const [nato, kyiv] = messages.map((message) => message.value as ArticleCandidate);
    expect(nato).toMatchObject({
      title: 'NATO leaders will vow to pour weapons into Ukraine for another year, but membership is off the table',
      dateline: 'Brussels',
      url: 'https://arab.news/wdxkx',
      rawDocumentId: 'raw_sample',
      position: 0,
      source: { id: 'src-drop', domain: 'arab.news' },
    });
    expect(nato.standfirst).toContain('Leaders hope to reassure Ukraine');
    expect(nato.paragraphs).toHaveLength(26);
    expect(kyiv).toMatchObject({
      title: 'Ukraine hosts talks with security allies in Kyiv',
      dateline: 'Kyiv',
      position: 1,
    });
    expect(kyiv.headings).toEqual(['Concessions', 'New cabinet appointees']);
    // Lines 34–64 of the sample: 31 blocks, of which two are the subheads kept as headings.
    expect(kyiv.blocks).toHaveLength(31);
    expect(kyiv.paragraphs).toHaveLength(29);
    expect(new Set(kyiv.paragraphs).size).toBe(29);
    for (const article of [nato, kyiv]) {
      expect(article.body).not.toMatch(/Short Url|arab\.news\/|SAUDI RESEARCH/);
      expect(messages.find((message) => message.value?.id === article.id)?.key).toBe(article.id);
    }
  });

  it('dead-letters a binary document with the reason and records an empty one', async () => {
    await producer.publish(Topics.rawDocuments, [
      exampleRawDocument({ id: 'raw_binary', content: '\u0000\u0001\u0002PNG\u0000\u0000'.repeat(200) }),
      exampleRawDocument({ id: 'raw_empty', content: '   \n  ' }),
    ]);
    const dlq = withPrefix(prefix, deadLetterTopic(Topics.rawDocuments, splitterService.consumerGroup as string));
    const [deadLetter] = await consumeMessages(kafkaBrokers, dlq, { count: 1, timeoutMs: 30_000 });
    expect(deadLetter.headers[DeadLetterHeaders.errorKind]).toBe('permanent-error');
    expect(deadLetter.headers[DeadLetterHeaders.error]).toMatch(/binary/i);
    const empty = await waitFor(() => mongo.collection('empty_documents').findOne({ _id: 'raw_empty' as never }), {
      timeoutMs: 20_000,
      description: 'the empty document to be recorded',
    });
    expect(empty).toMatchObject({ reason: 'the document is empty', sourceId: 'src-arabnews' });
  });

  it('refuses a document whose article candidate would exceed the message limit (dead letter naming it)', async () => {
    // ~2 MB of distinct prose: the raw document is small once gzipped, its one article candidate is not.
    const paragraphs = Array.from(
      { length: 14_000 },
      (_, i) => `Paragraph ${i} reports that the council voted ${i * 3} times on the budget of district ${i * 7}.`,
    );
    const text = `A very long report\n\n${paragraphs.join('\n\n')}\n`;
    await producer.publish(
      Topics.rawDocuments,
      exampleRawDocument({
        id: 'raw_huge_article',
        encoding: 'gzip-base64',
        content: gzipSync(text).toString('base64'),
        contentLength: text.length,
        contentType: 'text/plain',
      }),
    );
    const dlq = withPrefix(prefix, deadLetterTopic(Topics.rawDocuments, splitterService.consumerGroup as string));
    const letters = await consumeMessages<{ id: string }>(kafkaBrokers, dlq, { count: 2, timeoutMs: 60_000 });
    const letter = letters.find((message) => message.value?.id === 'raw_huge_article');
    expect(letter?.headers[DeadLetterHeaders.errorKind]).toBe('permanent-error');
    expect(letter?.headers[DeadLetterHeaders.error]).toMatch(/over the message limit of 921600/);
  });
});
