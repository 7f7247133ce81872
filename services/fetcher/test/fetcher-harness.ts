// Shared by the fetcher's integration tests: a local HTTP server that counts requests per path, a fetcher started
// with short timeouts, and helpers to poll a source and read back what reached the raw topic.
import { Topics, withPrefix, type RawDocument } from '@inkstream/contracts';
import {
  connectMongo,
  PageJobRepository,
  SourceRepository,
  type NewSource,
  type SourceRecord,
} from '@inkstream/persistence';
import { runService, type RunningService } from '@inkstream/runtime';
import { consumeMessages, serviceTestEnv, testStack, waitFor } from '@inkstream/testing';
import { Kafka, logLevel } from 'kafkajs';
import type { Connection } from 'mongoose';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { fetcherServiceFor } from '../src/fetcher.definition';

export type Handler = (request: IncomingMessage, response: ServerResponse) => void;

/** A local site: routes by path, every request counted and its headers kept. */
export class TestSite {
  readonly routes = new Map<string, Handler>();
  readonly requests: Array<{ path: string; headers: IncomingMessage['headers'] }> = [];
  private server: Server | null = null;
  origin = '';

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      const path = (request.url ?? '/').split('?')[0];
      this.requests.push({ path, headers: request.headers });
      const handler = this.routes.get(path);
      if (handler) handler(request, response);
      else response.writeHead(404).end('not found');
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  count(path: string): number {
    return this.requests.filter((request) => request.path === path).length;
  }

  url(path: string): string {
    return `${this.origin}${path}`;
  }
}

export interface FetcherTestEnv {
  prefix: string;
  mongoUri: string;
  env: Record<string, string>;
}

/** Short timeouts and no politeness delays: tests stay fast; 127.0.0.1 is allow-listed for the local site. */
export function fetcherTestEnv(name: string, overrides: Record<string, string> = {}): FetcherTestEnv {
  const { prefix, mongoUri, env } = serviceTestEnv(name, {
    KAFKA_TOPIC_PARTITIONS: '1',
    LOG_LEVEL: 'error',
    FETCH_ALLOW_LIST: '127.0.0.1',
    FETCHER_CLAIM_INTERVAL_MS: '50',
    FETCHER_STOP_GRACE_MS: '2000',
    FETCH_TIMEOUT_MS: '1000',
    FETCH_CONNECT_TIMEOUT_MS: '1000',
    FETCH_RETRIES: '0',
    FETCH_RETRY_DELAY_MS: '10',
    FETCH_PER_ORIGIN_CONCURRENCY: '16',
    FETCH_PER_ORIGIN_INTERVAL_MS: '0',
    FETCH_MAX_BODY_BYTES: '200000',
    FETCH_MAX_DECOMPRESSED_BYTES: '400000',
    ...overrides,
  });
  return { prefix, mongoUri, env };
}

/** A running fetcher plus direct access to its database and raw topic. */
export class FetcherFixture {
  services: RunningService[] = [];
  mongo!: Connection;
  sources!: SourceRepository;
  pages!: PageJobRepository;

  constructor(readonly setup: FetcherTestEnv) {}

  async start(replicas = 1, perReplica: (index: number) => Record<string, string> = () => ({})): Promise<void> {
    await this.connect();
    for (let index = 0; index < replicas; index += 1) {
      const env = { ...this.setup.env, ...perReplica(index) };
      this.services.push(await runService(fetcherServiceFor(env), env));
    }
  }

  /** The database only (a test that runs the fetcher as a process of its own). */
  async connect(): Promise<void> {
    this.mongo = await connectMongo(this.setup.mongoUri, { appName: 'fetcher-test' });
    this.sources = new SourceRepository(this.mongo);
    this.pages = new PageJobRepository(this.mongo);
  }

  /** Waits until the source's queued full-text pages are all published. */
  async pagesDone(sourceId: string, timeoutMs = 20_000): Promise<void> {
    await waitFor(async () => (await this.pages.countQueued(sourceId)) === 0, {
      timeoutMs,
      intervalMs: 50,
      description: `the queued pages of source ${sourceId} to be published`,
    });
  }

  async stop(): Promise<void> {
    await Promise.all(this.services.map((service) => service.stop()));
    await this.mongo?.close();
  }

  /** Adds a source due at once with a long interval (it runs once, then only when a test asks). */
  async add(source: Partial<NewSource> & Pick<NewSource, 'kind' | 'url'>): Promise<SourceRecord> {
    return this.sources.add({ name: source.url, pollIntervalSeconds: 3600, ...source }, new Date());
  }

  /** Waits until the source has finished `runs` runs in all (counted by lastFetchAt changes) and is released. */
  async settled(id: string, after: Date | null = null, timeoutMs = 20_000): Promise<SourceRecord> {
    let current: SourceRecord | null = null;
    await waitFor(
      async () => {
        current = await this.sources.get(id);
        const fetchedAt = current?.status.lastFetchAt ?? null;
        return fetchedAt !== null && (after === null || fetchedAt > after) && current?.leaseOwner === null;
      },
      { timeoutMs, intervalMs: 25, description: `source ${id} to finish a run` },
    );
    return current as unknown as SourceRecord;
  }

  /** Asks for one more run and waits for it. */
  async pollAgain(id: string): Promise<SourceRecord> {
    const before = (await this.sources.get(id))?.status.lastFetchAt ?? null;
    await this.sources.fetchNow(id, new Date());
    return this.settled(id, before);
  }

  /** Everything on the raw topic so far (the exact count, from the partition end offsets), in order. */
  async rawDocuments(sourceId?: string): Promise<RawDocument[]> {
    const topic = withPrefix(this.setup.prefix, Topics.rawDocuments);
    const brokers = testStack().kafkaBrokers;
    const admin = new Kafka({ clientId: 'fetcher-test-admin', brokers, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    let total = 0;
    try {
      for (const partition of await admin.fetchTopicOffsets(topic)) total += Number(partition.high);
    } finally {
      await admin.disconnect();
    }
    const messages = await consumeMessages<RawDocument>(brokers, topic, { count: total, timeoutMs: 30_000 });
    const documents = messages.map((message) => message.value as RawDocument);
    return sourceId ? documents.filter((document) => document.sourceId === sourceId) : documents;
  }
}

export function contentOf(document: RawDocument): string {
  return document.encoding === 'utf8'
    ? document.content
    : gunzipSync(Buffer.from(document.content, 'base64')).toString('utf8');
}
