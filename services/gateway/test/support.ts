// Shared by the gateway's integration tests: a real gateway (runService, as in production) on a unique topic prefix
// and database, plain HTTP calls against it, and example articles to seed through the store's own repository.
import {
  exampleEnrichedArticle,
  type CleanArticle,
  type DuplicateNotice,
  type EnrichedArticle,
} from '@inkstream/contracts';
import { articleRecordFrom, cleanArticleFrom } from '@inkstream/persistence';
import { runService, type RunningService } from '@inkstream/runtime';
import { serviceTestEnv } from '@inkstream/testing';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gatewayServiceFor } from '../src/gateway.definition';

export interface TestGateway {
  service: RunningService;
  url: string;
  prefix: string;
  mongoUri: string;
  brokers: string[];
}

/** A service nobody listens for (a port just released): the dashboard must show it as down. */
export async function unreachableService(name = 'ghost'): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `${name}=http://127.0.0.1:${port}`;
}

export async function startGateway(name: string, env: Record<string, string> = {}): Promise<TestGateway> {
  const {
    kafkaBrokers,
    prefix,
    mongoUri,
    env: fullEnv,
  } = serviceTestEnv(name, {
    KAFKA_TOPIC_PARTITIONS: '2',
    GATEWAY_SERVICE_URLS: await unreachableService(),
    GATEWAY_SCRAPE_TIMEOUT_MS: '500',
    ...env,
  });
  const service = await runService(gatewayServiceFor(fullEnv), fullEnv);
  return { service, url: service.url, prefix, mongoUri, brokers: kafkaBrokers };
}

export interface HttpResult<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

export async function call<T = Record<string, unknown>>(
  url: string,
  options: { method?: string; token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<HttpResult<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['Content-Type'] ??= 'application/json';
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  }
  const response = await fetch(url, { method: options.method ?? 'GET', headers, body });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, headers: response.headers, body: parsed as T };
}

/** An enriched article with the fields the filters look at set from `spec`. */
export function article(spec: {
  id: string;
  sourceId?: string;
  language?: string;
  entity?: string;
  place?: { name: string; country: string | null };
  topic?: string;
  keyword?: string;
  clusterId?: string;
  title?: string;
}): EnrichedArticle {
  const base = exampleEnrichedArticle();
  const sourceId = spec.sourceId ?? 'src-a';
  return exampleEnrichedArticle({
    id: spec.id,
    sourceId,
    source: { id: sourceId, name: `Source ${sourceId}`, domain: null },
    url: `https://example.org/${spec.id}`,
    canonicalUrl: `https://example.org/${spec.id}`,
    title: spec.title ?? `Article ${spec.id}`,
    clusterId: spec.clusterId ?? `cl_${spec.id}`,
    language: spec.language ?? 'en',
    enrichment: {
      ...base.enrichment,
      language: spec.language ?? 'en',
      entities: [{ ...base.enrichment.entities[0], name: spec.entity ?? 'Jens Stoltenberg' }],
      places: [spec.place ?? { name: 'Brussels', country: 'BE' }],
      topics: [{ value: spec.topic ?? 'politics', score: 0.8 }],
      keywords: [{ value: spec.keyword ?? 'nato leaders', score: 1 }],
    },
  });
}

/** The clean article the store would publish for `enriched` (used to produce on the clean topic directly). */
export function cleanFrom(enriched: EnrichedArticle, storedAt = new Date().toISOString()): CleanArticle {
  return cleanArticleFrom(articleRecordFrom(enriched, { version: 1, storedAt, now: storedAt, duplicates: [] }));
}

export function duplicateNotice(id: string, duplicateOf: string, clusterId: string): DuplicateNotice {
  return {
    schemaVersion: 1,
    id,
    traceId: 'trace-dup',
    sourceId: 'src-copy',
    url: `https://copy.example/${id}`,
    title: `Copy of ${duplicateOf}`,
    source: { id: 'src-copy', name: 'Copycat', domain: 'copy.example' },
    rawDocumentId: 'raw_dup',
    duplicateOf,
    clusterId,
    similarity: 0.97,
    method: 'near-duplicate',
    detectedAt: '2026-11-28T10:00:00.000Z',
  };
}
