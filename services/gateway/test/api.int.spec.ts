import { DeadLetterHeaders, Headers, Topics, withPrefix } from '@inkstream/contracts';
import { createKafka, PipelineProducer } from '@inkstream/messaging';
import { createLogger } from '@inkstream/observability';
import {
  ArticleRepository,
  articleModels,
  connectMongo,
  DEFAULT_SEARCH_SCOPE,
  ensureArticleIndexes,
  summarisePlan,
} from '@inkstream/persistence';
import { consumeMessages, waitFor } from '@inkstream/testing';
import type { Connection } from 'mongoose';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { article, call, duplicateNotice, startGateway, unreachableService, type TestGateway } from './support';

const ADMIN = 'admin-token-for-tests';
const STORE_DLQ = 'news.enriched.v1.inkstream.store.dlq';

interface Page {
  items: Array<{ id: string; storedAt: string; body?: string; entities: Array<Record<string, unknown>> }>;
  nextCursor: string | null;
}

describe('gateway REST API (real Kafka + MongoDB)', () => {
  let gateway: TestGateway;
  let mongo: Connection;
  let producer: PipelineProducer;
  const api = (path: string) => `${gateway.url}${path}`;
  const ids = (page: Page) => page.items.map((item) => item.id);

  /** Stands in for another service's ops endpoints (/health, /metrics) that the gateway scrapes. */
  let peer: Server;

  beforeAll(async () => {
    peer = createServer((request, response) => {
      if (request.url === '/health') {
        response.writeHead(200, { 'Content-Type': 'application/json' });
        response.end(JSON.stringify({ status: 'up', service: 'peer', uptimeSeconds: 1, checks: {} }));
      } else {
        response.writeHead(200, { 'Content-Type': 'text/plain' });
        response.end(
          'inkstream_messages_consumed_total{topic="news.raw.v1",group="inkstream.splitter"} 7\n' +
            'inkstream_messages_failed_total{topic="news.raw.v1",group="inkstream.splitter"} 1\n',
        );
      }
    });
    await new Promise<void>((resolve) => peer.listen(0, '127.0.0.1', resolve));
    const peerUrl = `http://127.0.0.1:${(peer.address() as AddressInfo).port}`;
    gateway = await startGateway('gateway-api', {
      GATEWAY_ADMIN_TOKEN: ADMIN,
      GATEWAY_SERVICE_URLS: `peer=${peerUrl},${await unreachableService()}`,
    });
    mongo = await connectMongo(gateway.mongoUri, { appName: 'gateway-api-test' });
    producer = new PipelineProducer(
      createKafka({ clientId: 'gateway-api-test', brokers: gateway.brokers, logger: createLogger('test', 'warn') }),
      gateway.prefix,
    );
    await producer.connect();
    // Written through the store's own repository, one day apart: a1 is the oldest, a5 the newest.
    const articles = new ArticleRepository(articleModels(mongo));
    const seed = [
      article({ id: 'art_a1', sourceId: 'src-a', clusterId: 'cl_nato' }),
      article({
        id: 'art_a2',
        sourceId: 'src-b',
        language: 'de',
        entity: 'Olaf Scholz',
        place: { name: 'Berlin', country: 'DE' },
        topic: 'economy',
        keyword: 'budget',
        title: 'Budget talks in Berlin stall',
      }),
      article({ id: 'art_a3', sourceId: 'src-a', clusterId: 'cl_nato' }),
      article({
        id: 'art_a4',
        sourceId: 'src-a',
        language: 'fr',
        place: { name: 'Paris', country: 'FR' },
        title: 'Budget, budget and the budget summit',
      }),
      article({ id: 'art_a5', sourceId: 'src-b' }),
    ];
    for (const [day, enriched] of seed.entries()) {
      await articles.upsertEnriched(enriched, `2026-11-0${day + 1}T10:00:00.000Z`);
    }
    await articles.recordDuplicate(duplicateNotice('art_copy1', 'art_a1', 'cl_nato'), '2026-11-06T10:00:00.000Z');
  });

  afterAll(async () => {
    await gateway?.service.stop();
    await producer?.disconnect();
    await mongo?.close();
    await new Promise((resolve) => peer?.close(resolve));
  });

  describe('articles', () => {
    it('lists newest first, without the full text', async () => {
      const { status, body } = await call<Page>(api('/api/articles'));
      expect(status).toBe(200);
      expect(ids(body)).toEqual(['art_a5', 'art_a4', 'art_a3', 'art_a2', 'art_a1']);
      expect(body.items[0].body).toBeUndefined();
      expect(body.items[0].entities[0]).not.toHaveProperty('mentions');
      expect(body.nextCursor).toBeNull();
    });

    it('filters by source, language, entity, place (code or name), topic, keyword, cluster and date range', async () => {
      const list = async (query: string) => ids((await call<Page>(api(`/api/articles?${query}`))).body);
      expect(await list('source=src-b')).toEqual(['art_a5', 'art_a2']);
      expect(await list('language=de')).toEqual(['art_a2']);
      expect(await list('entity=Olaf%20Scholz')).toEqual(['art_a2']);
      expect(await list('place=fr')).toEqual(['art_a4']);
      expect(await list('place=Berlin')).toEqual(['art_a2']);
      expect(await list('topic=economy')).toEqual(['art_a2']);
      expect(await list('keyword=BUDGET')).toEqual(['art_a2']);
      expect(await list('cluster=cl_nato')).toEqual(['art_a3', 'art_a1']);
      expect(await list('from=2026-11-02&to=2026-11-04T10:00:00Z')).toEqual(['art_a4', 'art_a3', 'art_a2']);
      expect(await list('source=src-a&language=en')).toEqual(['art_a3', 'art_a1']);
    });

    it('matches entity, place and topic whatever the case and accents a reader types', async () => {
      const list = async (query: string) => ids((await call<Page>(api(`/api/articles?${query}`))).body);
      expect(await list('entity=olaf%20scholz')).toEqual(['art_a2']);
      expect(await list('entity=OLAF%20SCH%C3%96LZ')).toEqual(['art_a2']);
      expect(await list('place=berlin')).toEqual(['art_a2']);
      expect(await list('place=FR')).toEqual(['art_a4']);
      expect(await list('topic=Economy')).toEqual(['art_a2']);
    });

    it('searches title and body by relevance, with highlighted matches, paging by position', async () => {
      type Hit = { id: string; search: { score: number; highlights: Array<{ field: string; snippet: string }> } };
      const search = async (query: string) =>
        (await call<{ items: Hit[]; nextCursor: string | null }>(api(`/api/articles?${query}`))).body;
      const budget = await search('q=BUDGET');
      expect(budget).toMatchObject({ items: expect.any(Array) });
      // art_a4 says budget three times in its title (weighted 3x the body): more relevant than art_a2's once.
      expect(budget.items.map((hit) => hit.id)).toEqual(['art_a4', 'art_a2']);
      expect(budget.items[0].search.score).toBeGreaterThan(budget.items[1].search.score);
      expect(budget.items[1].search.highlights).toEqual([
        { field: 'title', snippet: '<mark>Budget</mark> talks in Berlin stall' },
      ]);
      const inBody = await search('q=ammunition&language=en&limit=2');
      expect(inBody.items).toHaveLength(2);
      expect(inBody.items[0].search.highlights[0].snippet).toContain('arms and <mark>ammunition</mark> into Ukraine');
      expect(inBody.items[0]).not.toHaveProperty('body');
      const rest = await search(
        `q=ammunition&language=en&limit=2&cursor=${encodeURIComponent(inBody.nextCursor ?? '')}`,
      );
      const everyHit = [...inBody.items, ...rest.items].map((hit) => hit.id);
      expect(new Set(everyHit).size).toBe(everyHit.length);
      expect(everyHit.sort()).toEqual(['art_a1', 'art_a3', 'art_a5']);
      expect((await search('q=%22talks%20in%20Berlin%22')).items.map((hit) => hit.id)).toEqual(['art_a2']);
      expect((await search('q=budget%20-berlin')).items.map((hit) => hit.id)).toEqual(['art_a4']);
      expect((await call(api('/api/articles?q=budget&sort=publishedAt'))).status).toBe(400);
    });

    it('answers filters and searches from indexes, never a scan', async () => {
      const collection = mongo.collection('articles');
      const plans = await Promise.all([
        collection.find({ filterKeys: 'entity:olaf scholz' }).explain(),
        collection.find({ $text: { $search: 'budget' } }).explain(),
      ]);
      for (const plan of plans) {
        const summary = summarisePlan(plan);
        expect(summary.scans).toEqual([]);
        expect(summary.indexes.length).toBeGreaterThan(0);
      }
    });

    it('answers 503 saying why while the articles have no text index (a rebuild), and lists still answer', async () => {
      const articles = mongo.collection('articles');
      const [text] = (await articles.indexes()).filter((index) => Object.values(index.key).includes('text'));
      // What a store rebuilding the index after a scope change leaves between its drop and its build.
      await articles.dropIndex(String(text.name));
      try {
        const refused = await call<{ message: string }>(api('/api/articles?q=budget'));
        expect(refused.status).toBe(503);
        expect(refused.body.message).toMatch(/full-text search is unavailable: the articles have no text index/);
        expect(ids((await call<Page>(api('/api/articles?language=de'))).body)).toEqual(['art_a2']);
      } finally {
        await ensureArticleIndexes(articleModels(mongo), { searchScope: DEFAULT_SEARCH_SCOPE, ownsSearchIndex: true });
      }
      expect((await call(api('/api/articles?q=budget'))).status).toBe(200);
    });

    it('pages with an opaque cursor: no overlap, nothing skipped, filters kept', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const query: string = `limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
        const { status, body }: { status: number; body: Page } = await call<Page>(api(`/api/articles?${query}`));
        expect(status).toBe(200);
        expect(body.items.length).toBeLessThanOrEqual(2);
        seen.push(...ids(body));
        cursor = body.nextCursor;
        pages += 1;
      } while (cursor && pages < 10);
      expect(seen).toEqual(['art_a5', 'art_a4', 'art_a3', 'art_a2', 'art_a1']);
      expect(pages).toBe(3);

      const first = (await call<Page>(api('/api/articles?source=src-a&limit=2'))).body;
      const second = (await call<Page>(api(`/api/articles?source=src-a&limit=2&cursor=${first.nextCursor}`))).body;
      expect([...ids(first), ...ids(second)]).toEqual(['art_a4', 'art_a3', 'art_a1']);
      expect(second.nextCursor).toBeNull();
    });

    it('sorts by publication time on request, paging through equal times by id', async () => {
      // All seeded articles share one publishedAt: only the id tie-break orders them and keeps pages apart.
      const first = (await call<Page>(api('/api/articles?sort=publishedAt&limit=3'))).body;
      const rest = (await call<Page>(api(`/api/articles?sort=publishedAt&limit=3&cursor=${first.nextCursor}`))).body;
      expect([...ids(first), ...ids(rest)]).toEqual(['art_a5', 'art_a4', 'art_a3', 'art_a2', 'art_a1']);
      const wrongSort = await call<{ message: string }>(api(`/api/articles?cursor=${first.nextCursor}`));
      expect(wrongSort.status).toBe(400);
      expect(wrongSort.body.message).toMatch(/cursor: was issued for sort=publishedAt/);
    });

    it('answers 400 naming the field for bad parameters', async () => {
      const expect400 = async (query: string, message: RegExp) => {
        const { status, body } = await call<{ message: string }>(api(`/api/articles?${query}`));
        expect(status).toBe(400);
        expect(body.message).toMatch(message);
      };
      await expect400('limit=101', /limit: must be at most 100/);
      await expect400('limit=0', /limit: must be at least 1/);
      await expect400('from=last-week', /from: must be an ISO-8601 date/);
      await expect400('colour=red', /unknown field\(s\): colour/);
      await expect400('cursor=bm9wZQ', /cursor: cursor is not one this API issued/);
      await expect400('source=a&source=b', /source: Expected string, received array/);
    });

    it('refuses MongoDB operators smuggled into the query string', async () => {
      for (const query of ['source[$ne]=x', 'source%5B%24ne%5D=x', 'source[$gt]=', 'entity[$regex]=.*']) {
        const { status, body } = await call<{ message: string }>(api(`/api/articles?${query}`));
        expect(status).toBe(400);
        expect(body.message).toMatch(/not allowed|unknown field/);
      }
    });

    it('returns one full article, and 404 for an unknown id', async () => {
      const { status, body } = await call<{ id: string; body: string; version: number }>(api('/api/articles/art_a2'));
      expect(status).toBe(200);
      expect(body).toMatchObject({ id: 'art_a2', version: 1 });
      expect(body.body.length).toBeGreaterThan(0);
      expect((await call(api('/api/articles/art_missing'))).status).toBe(404);
      expect((await call(api('/api/articles/%7B%22%24gt%22%3A%22%22%7D'))).status).toBe(400);
    });

    it('returns a story cluster with its stored articles and recorded duplicates', async () => {
      const { status, body } = await call<{
        articles: Array<{ id: string }>;
        duplicates: Array<Record<string, unknown>>;
      }>(api('/api/clusters/cl_nato'));
      expect(status).toBe(200);
      expect(body.articles.map((item) => item.id)).toEqual(['art_a3', 'art_a1']);
      expect(body.duplicates).toEqual([
        expect.objectContaining({ id: 'art_copy1', duplicateOf: 'art_a1', similarity: 0.97, title: 'Copy of art_a1' }),
      ]);
      expect((await call(api('/api/clusters/cl_nothing'))).status).toBe(404);
    });
  });

  describe('sources', () => {
    it('supports create, read, pause, resume, patch and delete, with status', async () => {
      const created = await call<{ id: string; enabled: boolean; status: Record<string, unknown> }>(
        api('/api/sources'),
        {
          method: 'POST',
          token: ADMIN,
          body: { kind: 'feed', url: 'https://example.org/feed.xml', name: 'Example feed', tags: ['test'] },
        },
      );
      expect(created.status).toBe(201);
      const id = created.body.id;
      expect(created.body).toMatchObject({ enabled: true, status: { consecutiveErrors: 0, lastFetchAt: null } });

      const again = await call(api('/api/sources'), {
        method: 'POST',
        token: ADMIN,
        body: { kind: 'feed', url: 'https://example.org/feed.xml', name: 'Twin' },
      });
      expect(again.status).toBe(409);

      const list = await call<{ sources: Array<{ id: string }> }>(api('/api/sources'));
      expect(list.body.sources.map((source) => source.id)).toEqual([id]);
      expect((await call(api(`/api/sources/${id}`))).body).toMatchObject({ id, name: 'Example feed' });

      const paused = await call(api(`/api/sources/${id}/pause`), { method: 'POST', token: ADMIN });
      expect(paused).toMatchObject({ status: 200, body: { enabled: false } });
      const resumed = await call(api(`/api/sources/${id}/resume`), { method: 'POST', token: ADMIN });
      expect(resumed).toMatchObject({ status: 200, body: { enabled: true } });
      const patched = await call(api(`/api/sources/${id}`), {
        method: 'PATCH',
        token: ADMIN,
        body: { enabled: false },
      });
      expect(patched).toMatchObject({ status: 200, body: { enabled: false } });

      expect((await call(api(`/api/sources/${id}`), { method: 'DELETE', token: ADMIN })).status).toBe(204);
      expect((await call(api(`/api/sources/${id}`))).status).toBe(404);
      expect((await call(api(`/api/sources/${id}/pause`), { method: 'POST', token: ADMIN })).status).toBe(404);
    });

    it('answers 400 naming the field for invalid bodies, including $ keys', async () => {
      const post = (body: unknown) =>
        call<{ message: string }>(api('/api/sources'), { method: 'POST', token: ADMIN, body });
      const badUrl = await post({ kind: 'feed', url: 'not a url', name: 'x' });
      expect(badUrl.status).toBe(400);
      expect(badUrl.body.message).toMatch(/url: must be an absolute URL/);
      const typo = await post({ kind: 'feed', url: 'https://example.org/a', name: 'x', pollInterval: 5 });
      expect(typo).toMatchObject({
        status: 400,
        body: { message: expect.stringMatching(/unknown field\(s\): pollInterval/) },
      });
      const injected = await post({ kind: 'feed', url: 'https://example.org/b', name: { $ne: null } });
      expect(injected).toMatchObject({
        status: 400,
        body: { message: expect.stringMatching(/"name\.\$ne" is not allowed/) },
      });
      const patchOperator = await call<{ message: string }>(api('/api/sources/src_x'), {
        method: 'PATCH',
        token: ADMIN,
        body: { $set: { enabled: true } },
      });
      expect(patchOperator.status).toBe(400);
      const malformed = await post('{"kind": ');
      expect(malformed.status).toBe(400);
    });

    it('refuses writes without the admin token (401) and with a wrong one', async () => {
      const body = { kind: 'feed', url: 'https://example.org/c', name: 'x' };
      const none = await call<{ message: string }>(api('/api/sources'), { method: 'POST', body });
      expect(none.status).toBe(401);
      expect(none.body.message).toMatch(/Authorization: Bearer <GATEWAY_ADMIN_TOKEN>/);
      expect((await call(api('/api/sources'), { method: 'POST', body, token: 'wrong' })).status).toBe(401);
      for (const [method, path] of [
        ['DELETE', '/api/sources/src_x'],
        ['PATCH', '/api/sources/src_x'],
        ['POST', '/api/sources/src_x/pause'],
        ['POST', '/api/sources/src_x/resume'],
        ['POST', `/api/dead-letters/${STORE_DLQ}/replay`],
        ['POST', `/api/dead-letters/${STORE_DLQ}/discard`],
      ]) {
        expect((await call(api(path), { method, body: { all: true } })).status).toBe(401);
      }
    });
  });

  describe('dead letters and stats', () => {
    const dlqPhysical = () => withPrefix(gateway.prefix, STORE_DLQ);
    const deadLetter = (key: string, value: string, replays?: number) => ({
      key,
      value,
      headers: {
        [Headers.traceId]: `trace-${key}`,
        [DeadLetterHeaders.error]: `InvalidMessageError: broken ${key}`,
        [DeadLetterHeaders.errorKind]: 'invalid-message',
        [DeadLetterHeaders.originalTopic]: Topics.enrichedArticles,
        [DeadLetterHeaders.originalPartition]: '1',
        [DeadLetterHeaders.originalOffset]: '17',
        [DeadLetterHeaders.attempts]: '0',
        [DeadLetterHeaders.consumerGroup]: 'inkstream.store',
        [DeadLetterHeaders.failedAt]: '2026-11-28T10:00:00.000Z',
        ...(replays ? { [DeadLetterHeaders.replayCount]: String(replays) } : {}),
      },
    });
    type Listing = {
      pending: number;
      messages: Array<{
        offset: string;
        key: string;
        error: string;
        kind: string;
        originalTopic: string;
        originalOffset: string;
        attempts: number;
        replayCount: number;
        payloadPreview: string;
      }>;
    };
    const listing = async () => (await call<Listing>(api(`/api/dead-letters/${STORE_DLQ}`))).body;

    it('lists, replays (to the prefixed original topic, replay count incremented) and discards dead letters', async () => {
      await producer.sendRaw(dlqPhysical(), [
        deadLetter('art_dl1', `{"id":"art_dl1","pad":"${'x'.repeat(800)}"}`, 1),
        deadLetter('art_dl2', '{"id":"art_dl2"}'),
      ]);
      const listed = await waitFor(async () => {
        const body = await listing();
        return body.messages.length === 2 ? body : null;
      });
      const [second, first] = listed.messages;
      expect(first).toMatchObject({
        key: 'art_dl1',
        error: 'InvalidMessageError: broken art_dl1',
        kind: 'invalid-message',
        originalTopic: Topics.enrichedArticles,
        originalOffset: '17',
        attempts: 0,
        replayCount: 1,
      });
      expect(first.payloadPreview.length).toBe(501);
      expect(second.key).toBe('art_dl2');

      const summary = await call<{ topics: Array<{ topic: string; total: number; pending: number }> }>(
        api('/api/dead-letters'),
      );
      expect(summary.body.topics.find((topic) => topic.topic === STORE_DLQ)).toMatchObject({ total: 2, pending: 2 });

      const replay = await call(api(`/api/dead-letters/${STORE_DLQ}/replay`), {
        method: 'POST',
        token: ADMIN,
        body: { partition: 0, offset: first.offset },
      });
      expect(replay).toMatchObject({ status: 200, body: { action: 'replayed', count: 1, notFound: [] } });
      const [replayed] = await consumeMessages(gateway.brokers, withPrefix(gateway.prefix, Topics.enrichedArticles), {
        count: 1,
      });
      expect(replayed.key).toBe('art_dl1');
      expect(replayed.rawValue).toBe(`{"id":"art_dl1","pad":"${'x'.repeat(800)}"}`);
      expect(replayed.headers[DeadLetterHeaders.replayCount]).toBe('2');
      expect(replayed.headers[Headers.traceId]).toBe('trace-art_dl1');
      expect(replayed.headers[DeadLetterHeaders.error]).toBeUndefined();

      const discard = await call(api(`/api/dead-letters/${STORE_DLQ}/discard`), {
        method: 'POST',
        token: ADMIN,
        body: {
          messages: [
            { partition: 0, offset: second.offset },
            { partition: 0, offset: '999' },
          ],
        },
      });
      expect(discard.body).toEqual({ action: 'discarded', count: 1, notFound: [{ partition: 0, offset: '999' }] });
      expect(await listing()).toEqual({ topic: STORE_DLQ, pending: 0, messages: [] });
      const again = await call(api(`/api/dead-letters/${STORE_DLQ}/replay`), {
        method: 'POST',
        token: ADMIN,
        body: { partition: 0, offset: first.offset },
      });
      expect(again.body).toMatchObject({ count: 0, notFound: [{ partition: 0, offset: first.offset }] });
    });

    it('validates dead-letter requests', async () => {
      expect((await call(api('/api/dead-letters/news.nope.dlq'))).status).toBe(404);
      const mixed = await call<{ message: string }>(api(`/api/dead-letters/${STORE_DLQ}/replay`), {
        method: 'POST',
        token: ADMIN,
        body: { all: true, partition: 0, offset: '1' },
      });
      expect(mixed.status).toBe(400);
      expect(mixed.body.message).toMatch(/exactly one of/);
      const operator = await call(api(`/api/dead-letters/${STORE_DLQ}/discard`), {
        method: 'POST',
        token: ADMIN,
        body: { messages: [{ partition: 0, offset: { $gt: '0' } }] },
      });
      expect(operator.status).toBe(400);
    });

    it('refuses unknown parameters on every read endpoint, as /api/articles does', async () => {
      for (const path of [
        '/api/stats?limit=5',
        '/api/services?verbose=1',
        '/api/dead-letters?topic=x',
        '/api/articles/art_x?fields=title',
        '/api/sources/src_x?full=1',
      ]) {
        const { status, body } = await call<{ message: string }>(api(path));
        expect([path, status]).toEqual([path, 400]);
        expect(body.message).toMatch(/unknown field\(s\)/);
      }
    });

    it('reports end offsets per partition, lag per consumer group and partition, and article counts', async () => {
      await producer.sendRaw(withPrefix(gateway.prefix, Topics.rawDocuments), [
        { key: 'k1', value: 'x', headers: {} },
        { key: 'k2', value: 'y', headers: {} },
        { key: 'k3', value: 'z', headers: {} },
      ]);
      const { status, body } = await call<{
        topics: Array<{
          topic: string;
          partitions: Array<{ partition: number; high: number }>;
          endOffsetTotal: number;
        }>;
        groups: Array<{
          group: string;
          topic: string;
          partitions: Array<{ partition: number; lag: number }>;
          totalLag: number;
        }>;
        deadLetters: Array<{ topic: string }>;
        articles: { stored: number; duplicates: number };
      }>(api('/api/stats'));
      expect(status).toBe(200);
      const raw = body.topics.find((topic) => topic.topic === Topics.rawDocuments);
      expect(raw?.partitions.map((partition) => partition.partition)).toEqual([0, 1]);
      expect(raw?.endOffsetTotal).toBe(3);
      const splitter = body.groups.find((group) => group.group === 'inkstream.splitter');
      expect(splitter).toMatchObject({ topic: Topics.rawDocuments, totalLag: 3 });
      expect(splitter?.partitions).toHaveLength(2);
      expect(body.deadLetters.map((topic) => topic.topic)).toContain(STORE_DLQ);
      expect(body.articles).toEqual({ stored: 5, duplicates: 1 });
    });

    it('reports services with their health and counters, showing an unreachable one as such', async () => {
      const { body } = await call<{
        services: Array<{ name: string; status: string; error: string | null; figures: Record<string, number> | null }>;
      }>(api('/api/services'));
      expect(body.services.map((service) => [service.name, service.status])).toEqual([
        ['gateway', 'up'],
        ['peer', 'up'],
        ['ghost', 'unreachable'],
      ]);
      expect(body.services[1].figures).toMatchObject({ consumed: 7, failed: 1 });
      expect(body.services[2]).toMatchObject({ figures: null, error: expect.stringMatching(/ECONNREFUSED/) });
    });
  });

  it('serves the API explorer and the OpenAPI document locally', async () => {
    const page = await call<string>(api('/docs'));
    expect(page.status).toBe(200);
    expect(page.body).toContain('swagger-ui');
    const document = await call<{ paths: Record<string, unknown> }>(api('/docs/openapi.json'));
    expect(Object.keys(document.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/articles',
        '/api/articles/{id}',
        '/api/stream',
        '/api/sources/{id}/pause',
        '/api/stats',
      ]),
    );
    const script = await call<string>(api('/docs/swagger-ui-bundle.js'));
    expect(script.status).toBe(200);
  });

  it('describes responses with component schemas generated from the contracts, not bare objects', async () => {
    type Schema = { $ref?: string; type?: string; properties?: Record<string, unknown>; required?: string[] };
    const { body } = await call<{
      components: { schemas: Record<string, Schema> };
      paths: Record<string, { get: { responses: Record<string, { content: Record<string, { schema: Schema }> }> } }>;
    }>(api('/docs/openapi.json'));
    expect(body.components.schemas.CleanArticle.required).toEqual(expect.arrayContaining(['id', 'title', 'version']));
    expect(Object.keys(body.components.schemas.ArticleSummary.properties ?? {})).not.toContain('body');
    const responseSchema = (path: string) => body.paths[path].get.responses['200'].content['application/json'].schema;
    expect(responseSchema('/api/articles/{id}').$ref).toBe('#/components/schemas/CleanArticle');
    expect(responseSchema('/api/articles').$ref).toBe('#/components/schemas/ArticlePage');
    // Search answers 503 while the text index is rebuilt ('answers 503 saying why' above): documented.
    expect(Object.keys(body.paths['/api/articles'].get.responses)).toEqual(expect.arrayContaining(['400', '503']));
  });

  it('serves the published contracts: the AsyncAPI document and a JSON Schema per message type', async () => {
    const index = await call<{ files: string[] }>(api('/contracts'));
    expect(index.body.files).toEqual(
      expect.arrayContaining(['/contracts/asyncapi.json', '/contracts/json-schema/clean-article.schema.json']),
    );
    const asyncApi = await call<{ asyncapi: string; channels: Record<string, { address: string }> }>(
      api('/contracts/asyncapi.json'),
    );
    expect(asyncApi.body.asyncapi).toBe('3.0.0');
    expect(asyncApi.body.channels.cleanArticles.address).toBe(Topics.cleanArticles);
    const schema = await call<{ title: string }>(api('/contracts/json-schema/clean-article.schema.json'));
    expect(schema.status).toBe(200);
    expect(schema.body.title).toBe('CleanArticle');
    expect((await call(api('/contracts/json-schema/nothing.schema.json'))).status).toBe(404);
  });
});
