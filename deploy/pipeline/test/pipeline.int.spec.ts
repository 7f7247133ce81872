// The main job end to end on real Kafka and a real MongoDB-protocol server: all six services, a drop folder with the
// sample page and an HTML page, and a feed served on loopback. What must come out: exactly the expected articles in
// MongoDB, on the clean topic and on the SSE stream, with the syndicated copy recorded as a duplicate.
import { newTraceId, Topics, withPrefix, type CleanArticle } from '@inkstream/contracts';
import { buildRawDocument, DEFAULT_RAW_DOCUMENT_LIMITS } from '@inkstream/fetching';
import { createKafka, PipelineProducer } from '@inkstream/messaging';
import { createLogger } from '@inkstream/observability';
import { connectMongo, SourceRepository } from '@inkstream/persistence';
import type { RunningService } from '@inkstream/runtime';
import { consumeMessages, serviceTestEnv, waitFor } from '@inkstream/testing';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Connection } from 'mongoose';
import { SseClient } from '../../../services/gateway/test/sse-client';
import { startStages, stopStages } from './pipeline-stages';

const ROOT = join(__dirname, '..', '..', '..');
const NATO = 'NATO leaders will vow to pour weapons into Ukraine for another year, but membership is off the table';
const KYIV = 'Ukraine hosts talks with security allies in Kyiv';
const WIND = 'Offshore wind farm off Portmere gets green light';
const RAIL = 'Rail operator orders 40 new trains for commuter lines';
const FLOOD = 'Council approves flood defence plan for the river quarter';
const EXPECTED_TITLES = [NATO, KYIV, WIND, RAIL, FLOOD].sort();

describe('the pipeline end to end (six services, real Kafka + MongoDB protocol)', () => {
  const e2e = serviceTestEnv('e2e', { KAFKA_TOPIC_PARTITIONS: '2', GATEWAY_SERVICE_URLS: '' });
  const { kafkaBrokers, prefix, mongoUri } = e2e;
  const drop = mkdtempSync(join(tmpdir(), 'inkstream-e2e-drop-'));
  const dropUrl = pathToFileURL(`${drop}/`).href;
  const services: RunningService[] = [];
  let feedServer: Server;
  let mongo: Connection;
  let sse: SseClient;

  beforeAll(async () => {
    feedServer = createServer((_request, response) =>
      response
        .writeHead(200, { 'content-type': 'application/rss+xml' })
        .end(readFileSync(join(ROOT, 'deploy', 'demo', 'feeds', 'city-desk.rss'))),
    );
    await new Promise<void>((resolve) => feedServer.listen(0, '127.0.0.1', resolve));
    const env = { ...e2e.env, FETCHER_CLAIM_INTERVAL_MS: '200', FETCH_ALLOW_LIST: `127.0.0.1,${dropUrl}` };
    await startStages(env, services, { gateway: true });
    const gateway = services[4];
    sse = await SseClient.open(`${gateway.url}/api/stream`);
    mongo = await connectMongo(mongoUri, { appName: 'e2e-test' });
  });

  afterAll(async () => {
    sse?.cut();
    await stopStages(services);
    await mongo?.close();
    await new Promise((resolve) => feedServer?.close(resolve));
    rmSync(drop, { recursive: true, force: true });
  });

  it('turns a dropped sample page, an HTML page and a feed into exactly the expected clean articles', async () => {
    copyFileSync(join(ROOT, 'samples', 'arabnews-nato-ukraine-page.txt'), join(drop, 'arabnews-nato-ukraine-page.txt'));
    copyFileSync(join(ROOT, 'samples', 'harbour-wind-farm.html'), join(drop, 'harbour-wind-farm.html'));
    const sources = new SourceRepository(mongo);
    await sources.add({ kind: 'drop', url: dropUrl, name: 'E2E drop folder' }, new Date(), 'e2e-drop');
    const { port } = feedServer.address() as AddressInfo;
    await sources.add(
      { kind: 'feed', url: `http://127.0.0.1:${port}/city-desk.rss`, name: 'City Desk' },
      new Date(),
      'e2e-feed',
    );

    const articles = mongo.collection<CleanArticle & { _id: string }>('articles');
    // Five stories, and the wire copy of the wind-farm story recorded against its original.
    await waitFor(
      async () =>
        (await articles.countDocuments({})) === 5 &&
        (await articles.countDocuments({ 'duplicates.0': { $exists: true } })) === 1,
      { timeoutMs: 90_000, intervalMs: 500, description: 'five stored articles and one recorded duplicate' },
    );
    const stored = await articles.find({}).toArray();
    expect(stored.map((article) => article.title).sort()).toEqual(EXPECTED_TITLES);
    const byTitle = (title: string) => stored.find((article) => article.title === title) as CleanArticle;

    const nato = byTitle(NATO);
    expect(nato).toMatchObject({ dateline: 'Brussels', url: 'https://arab.news/wdxkx', language: 'en' });
    expect(nato.standfirst).toContain('Leaders hope to reassure Ukraine');
    expect(nato.source.domain).toBe('arab.news');
    expect(nato.paragraphs).toHaveLength(26);
    expect(nato.entities).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'Jens Stoltenberg', type: 'PERSON' }),
        expect.objectContaining({ name: 'Joe Biden', type: 'PERSON' }),
        expect.objectContaining({ name: 'NATO', type: 'ORGANIZATION' }),
      ]),
    );

    const kyiv = byTitle(KYIV);
    expect(kyiv).toMatchObject({ dateline: 'Kyiv', headings: ['Concessions', 'New cabinet appointees'] });
    expect(kyiv.paragraphs).toHaveLength(29);
    expect(new Set(kyiv.paragraphs).size).toBe(kyiv.paragraphs.length);
    // The page printed the Kyiv body twice: the repeat is gone and reported as removed.
    expect(kyiv.repeatedParagraphsRemoved).toBeGreaterThan(20);
    expect(kyiv.entities).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'Volodymyr Zelensky', type: 'PERSON' })]),
    );

    const wind = byTitle(WIND);
    expect(wind).toMatchObject({
      dateline: 'Portmere',
      byline: 'Maria Lindqvist',
      authors: ['Maria Lindqvist'],
      schemaVersion: 2,
      source: { domain: 'courier.example' },
    });
    expect(wind.duplicates).toEqual([
      expect.objectContaining({ url: 'http://127.0.0.1:4010/news/wire-portmere-wind', method: 'near-duplicate' }),
    ]);
    const clusters = new Set(stored.map((article) => article.clusterId));
    expect(clusters.size).toBe(5);
    for (const article of stored) {
      expect(article.body).not.toMatch(/Short Url|SAUDI RESEARCH|Subscribe|cookies|Share on/);
      expect(article.enrichmentVersion).toBeTruthy();
    }

    // The same articles on the clean topic (the wind-farm story twice: again when its duplicate was recorded)…
    const clean = await consumeMessages<CleanArticle>(kafkaBrokers, withPrefix(prefix, Topics.cleanArticles), {
      count: 6,
      timeoutMs: 30_000,
    });
    expect([...new Set(clean.map((message) => message.value?.title))].sort()).toEqual(EXPECTED_TITLES);
    const windVersions = clean
      .filter((message) => message.value?.title === WIND)
      .map((message) => message.value?.version);
    expect(windVersions).toEqual([1, 2]);

    // …and on the live stream.
    await sse.until(() => new Set(sse.events.map((event) => (JSON.parse(event.data) as CleanArticle).id)).size >= 5);
    const streamed = sse.events.map((event) => JSON.parse(event.data) as CleanArticle);
    expect([...new Set(streamed.map((article) => article.title))].sort()).toEqual(EXPECTED_TITLES);
  });

  it("another source linking to a stored article's URL cannot overwrite it: its copy is recorded as a duplicate", async () => {
    const articles = mongo.collection<CleanArticle & { _id: string }>('articles');
    const flood = (await articles.findOne({ title: FLOOD })) as CleanArticle & { _id: string };
    expect(flood.url).toBe('http://127.0.0.1:4010/news/flood-defence');
    const page =
      `<!doctype html><html><head><title>Intruder headline</title><link rel="canonical" href="${flood.url}"></head>` +
      `<body><article><h1>Intruder headline</h1>${flood.paragraphs.map((paragraph) => `<p>${paragraph}</p>`).join('')}` +
      '<p>Republished with a note of our own about the river quarter.</p></article></body></html>';
    const producer = new PipelineProducer(
      createKafka({ clientId: 'e2e-intruder', brokers: kafkaBrokers, logger: createLogger('e2e', 'silent') }),
      prefix,
    );
    await producer.connect();
    try {
      await producer.publish(
        Topics.rawDocuments,
        buildRawDocument(
          {
            source: { id: 'e2e-intruder', name: 'Intruder', kind: 'page', url: 'https://intruder.example/' },
            url: 'https://intruder.example/copy',
            itemKey: 'url:https://intruder.example/copy',
            content: page,
            contentType: 'text/html; charset=utf-8',
            fetchedAt: new Date(),
            traceId: newTraceId(),
          },
          DEFAULT_RAW_DOCUMENT_LIMITS,
        ),
      );
    } finally {
      await producer.disconnect();
    }
    await waitFor(
      async () => {
        const current = await articles.findOne({ _id: flood._id });
        return current?.duplicates.some((duplicate) => duplicate.source.id === 'e2e-intruder') ? current : null;
      },
      { timeoutMs: 60_000, intervalMs: 500, description: "the intruder's copy recorded against the stored article" },
    );
    const after = (await articles.findOne({ _id: flood._id })) as CleanArticle;
    expect(after).toMatchObject({ title: FLOOD, sourceId: flood.sourceId, body: flood.body });
    expect(await articles.countDocuments({})).toBe(5);
  });
});
