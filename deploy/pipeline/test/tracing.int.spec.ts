// OpenTelemetry across the pipeline on real Kafka and a real MongoDB-protocol server: the five stages traced
// (OTEL_EXPORTER_OTLP_ENDPOINT set) export to an OTLP/HTTP receiver started here. What must come out: one trace,
// with the article's own traceId, whose spans lead parent by parent from the fetcher's run (the root) and its send
// of the raw document to the store's send of the clean article, through every stage.
import { Topics, withPrefix, type CleanArticle } from '@inkstream/contracts';
import { connectMongo, SourceRepository } from '@inkstream/persistence';
import type { RunningService } from '@inkstream/runtime';
import { consumeMessages, serviceTestEnv, waitFor } from '@inkstream/testing';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Connection } from 'mongoose';
import { startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from './otlp-receiver';
import { startStages, stopStages } from './pipeline-stages';

const ROOT = join(__dirname, '..', '..', '..');

describe('tracing: one OpenTelemetry trace from raw document to clean article', () => {
  const drop = mkdtempSync(join(tmpdir(), 'inkstream-tracing-drop-'));
  const dropUrl = pathToFileURL(`${drop}/`).href;
  const services: RunningService[] = [];
  let receiver: OtlpReceiver;
  let mongo: Connection;
  let setup: ReturnType<typeof serviceTestEnv>;

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    setup = serviceTestEnv('tracing', {
      KAFKA_TOPIC_PARTITIONS: '1',
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
      FETCHER_CLAIM_INTERVAL_MS: '200',
      FETCH_ALLOW_LIST: dropUrl,
    });
    const { env } = setup;
    await startStages(env, services);
    mongo = await connectMongo(setup.mongoUri, { appName: 'tracing-test' });
  });

  afterAll(async () => {
    await stopStages(services);
    await mongo?.close();
    await receiver?.close();
    rmSync(drop, { recursive: true, force: true });
  });

  it('links the spans of all five stages, parent by parent, in the trace named by the trace-id header', async () => {
    copyFileSync(join(ROOT, 'samples', 'harbour-wind-farm.html'), join(drop, 'harbour-wind-farm.html'));
    await new SourceRepository(mongo).add({ kind: 'drop', url: dropUrl, name: 'Tracing drop' }, new Date(), 'tr-drop');

    const [clean] = await consumeMessages<CleanArticle>(
      setup.kafkaBrokers,
      withPrefix(setup.prefix, Topics.cleanArticles),
      { count: 1, timeoutMs: 90_000 },
    );
    const traceId = clean.value?.traceId as string;
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(clean.headers['trace-id']).toBe(traceId);

    // The store's send of the clean article, exported once its batch is due.
    const last = await waitFor(
      () => receiver.spans.find((span) => span.traceId === traceId && span.name === 'send news.clean.v1') ?? null,
      { timeoutMs: 30_000, intervalMs: 250, description: 'the store’s send span exported' },
    );
    expect(clean.headers.traceparent).toBe(`00-${traceId}-${last.spanId}-01`);

    // Each span's parent is exported too (a child ends, so is batched, before its parent: wait for the whole chain).
    const chain = await waitFor(() => ancestry(last, receiver.spans), {
      timeoutMs: 30_000,
      intervalMs: 250,
      description: 'every ancestor of the store’s send span exported',
    });
    expect(chain.map((span) => `${span.service}: ${span.name}`)).toEqual([
      'store: send news.clean.v1',
      'store: process news.enriched.v1',
      'enricher: send news.enriched.v1',
      'enricher: process news.unique.v1',
      'deduplicator: send news.unique.v1',
      'deduplicator: process news.articles.v1',
      'splitter: send news.articles.v1',
      'splitter: process news.raw.v1',
      'fetcher: send news.raw.v1',
      'fetcher: fetch drop',
    ]);
    expect(chain.every((span) => span.traceId === traceId)).toBe(true);
    expect(chain.find((span) => span.name === 'process news.enriched.v1')?.attributes).toMatchObject({
      'messaging.system': 'kafka',
      'messaging.operation.type': 'process',
      'messaging.destination.name': withPrefix(setup.prefix, Topics.enrichedArticles),
      'messaging.consumer.group.name': withPrefix(setup.prefix, 'inkstream.store'),
      'inkstream.message.id': clean.value?.id,
    });
    expect(receiver.refused).toEqual([]);
  });
});

/** The span and its parents up to the root, or null while one of them has not arrived yet. */
function ancestry(span: ReceivedSpan, spans: ReceivedSpan[]): ReceivedSpan[] | null {
  const chain = [span];
  for (let current = span; current.parentSpanId !== '';) {
    const parent = spans.find((candidate) => candidate.spanId === current.parentSpanId);
    if (!parent) return null;
    chain.push(parent);
    current = parent;
  }
  return chain;
}
