import { Topics, withPrefix, type RawDocument } from '@inkstream/contracts';
import { createKafka, ensureTopics, pipelineTopicSpecs } from '@inkstream/messaging';
import { createLogger } from '@inkstream/observability';
import { connectMongo, SourceRepository } from '@inkstream/persistence';
import { consumeMessages, mongoUriFor, testStack, uniqueName } from '@inkstream/testing';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { cli } from './run-cli';

const SAMPLE = join(__dirname, '../../../samples/arabnews-nato-ukraine-page.txt');

describe('inkstream ingest and sources against the real stack', () => {
  const { kafkaBrokers } = testStack();
  const dir = mkdtempSync(join(tmpdir(), 'inkstream-ingest-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('publishes a folder of files to the raw topic and prints the summary', async () => {
    const prefix = `${uniqueName('ingest')}.`;
    const kafka = createKafka({ clientId: 'ingest-test', brokers: kafkaBrokers, logger: createLogger('test', 'warn') });
    await ensureTopics(kafka, pipelineTopicSpecs({ prefix, numPartitions: 1, replicationFactor: 1, consumers: [] }));
    mkdirSync(join(dir, 'nested'));
    copyFileSync(SAMPLE, join(dir, 'arabnews.txt'));
    writeFileSync(join(dir, 'nested', 'second.html.gz'), gzipSync('<html><body><p>Second</p></body></html>'));
    writeFileSync(join(dir, 'nested', 'empty.txt'), '');

    const run = await cli(['ingest', dir], { KAFKA_BROKERS: kafkaBrokers.join(','), KAFKA_TOPIC_PREFIX: prefix });
    expect(run).toMatchObject({ code: 0, out: 'files 3, published 2, skipped 1, errors 0\n' });

    const messages = await consumeMessages<RawDocument>(kafkaBrokers, withPrefix(prefix, Topics.rawDocuments), {
      count: 2,
    });
    const [sample, second] = messages.map((message) => message.value as RawDocument);
    // Keyed by URL: a folder of files spreads over the raw topic's partitions.
    expect(messages.map((message) => message.key)).toEqual(
      messages.map((message) => (message.value as RawDocument).url),
    );
    expect(sample).toMatchObject({ sourceId: 'cli-ingest', contentType: 'text/plain; charset=utf-8', isUpdate: false });
    const text =
      sample.encoding === 'utf8' ? sample.content : gunzipSync(Buffer.from(sample.content, 'base64')).toString();
    expect(text).toBe(readFileSync(SAMPLE, 'utf8'));
    expect(second).toMatchObject({
      content: '<html><body><p>Second</p></body></html>',
      contentType: 'text/html; charset=utf-8',
    });
  });

  it('manages sources in MongoDB', async () => {
    const mongoUri = mongoUriFor(uniqueName('cli-sources'));
    const env = { MONGODB_URI: mongoUri };
    const added = await cli(
      ['sources', 'add', '--kind', 'feed', '--url', 'https://news.example/rss', '--name', 'News', '--tag', 'x'],
      env,
    );
    expect(added.code).toBe(0);
    const id = /^added (\S+) /.exec(added.out)?.[1] as string;
    expect((await cli(['sources', 'pause', id], env)).out).toBe(`paused ${id} (paused)\n`);
    const listed = await cli(['sources', 'list'], env);
    expect(listed.out).toContain(`${id}\tfeed\tpaused\t0\t0s\t0\t`);

    const mongo = await connectMongo(mongoUri, { appName: 'cli-test' });
    try {
      expect(await new SourceRepository(mongo).get(id)).toMatchObject({ name: 'News', tags: ['x'], enabled: false });
    } finally {
      await mongo.close();
    }
    const duplicate = await cli(['sources', 'add', '--kind', 'feed', '--url', 'https://news.example/rss'], env);
    expect(duplicate).toMatchObject({ code: 1, err: expect.stringContaining('already exists') });
    expect((await cli(['sources', 'remove', id], env)).out).toBe(`removed ${id}\n`);
  });
});
