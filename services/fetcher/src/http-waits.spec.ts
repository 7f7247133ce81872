import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpClient, type FetchError, type HttpClientOptions } from '@inkstream/fetching';
import { loopbackClientOptions } from './loopback-client-options';

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

/** A local origin that records the paths asked for. */
async function origin(handler: Handler) {
  const paths: string[] = [];
  const server: Server = createServer((request, response) => {
    paths.push(request.url ?? '');
    handler(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, paths, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('HttpClient waits (Retry-After per origin, long waits not slept in the run)', () => {
  const servers: Server[] = [];
  const clients: HttpClient[] = [];

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    for (const server of servers) server.closeAllConnections();
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  });

  const start = async (handler: Handler) => {
    const created = await origin(handler);
    servers.push(created.server);
    return created;
  };

  const client = (retries: FetchError[], overrides: Partial<HttpClientOptions> = {}) => {
    const created = new HttpClient(loopbackClientOptions({ maxRetryWaitMs: 2_000, ...overrides }), {
      onRetry: (_host, error) => retries.push(error),
    });
    clients.push(created);
    return created;
  };

  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => null,
      (error: FetchError) => error,
    );

  it('fails at once with a long Retry-After, and holds back the whole origin (not another) until it ends', async () => {
    const limited = await start((request, response) => {
      if (request.url === '/busy.xml') return void response.writeHead(429, { 'retry-after': '120' }).end();
      response.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
    const other = await start((_request, response) => response.writeHead(200).end('other'));
    const retries: FetchError[] = [];
    const http = client(retries);

    const busy = await failure(http.fetch({ url: `${limited.base}/busy.xml` }));
    expect(busy).toMatchObject({ kind: 'http', status: 429, retryAfterSeconds: 120 });
    expect(retries).toEqual([]); // the 120 s were not slept inside the request
    expect(limited.paths).toEqual(['/busy.xml']);

    const sibling = await failure(http.fetch({ url: `${limited.base}/healthy.xml` }));
    expect(sibling).toMatchObject({ kind: 'deferred', retryAfterSeconds: expect.any(Number) });
    expect(sibling?.retryAfterSeconds).toBeGreaterThan(100);
    expect(limited.paths).toEqual(['/busy.xml']); // not contacted

    const elsewhere = await http.fetch({ url: `${other.base}/feed.xml` });
    expect(elsewhere.body.toString()).toBe('other');
  });

  it('sleeps a short Retry-After inside the request and succeeds on the retry', async () => {
    let calls = 0;
    const flaky = await start((_request, response) => {
      calls += 1;
      if (calls === 1) return void response.writeHead(503, { 'retry-after': '1' }).end();
      response.writeHead(200).end('back');
    });
    const retries: FetchError[] = [];
    const response = await client(retries).fetch({ url: `${flaky.base}/feed.xml` });
    expect(response.body.toString()).toBe('back');
    expect(retries).toEqual([expect.objectContaining({ status: 503, retryAfterSeconds: 1 })]);
    expect(flaky.paths).toEqual(['/feed.xml', '/feed.xml']);
  });

  it("defers, without contact, a request whose deadline passes in its origin's politeness queue", async () => {
    const spaced = await start((_request, response) => response.writeHead(200).end('ok'));
    const http = client([], { perOriginIntervalMs: 3_000, deadlineMs: 500 });
    expect((await http.fetch({ url: `${spaced.base}/first.xml` })).body.toString()).toBe('ok');
    const queued = await failure(http.fetch({ url: `${spaced.base}/second.xml` }));
    expect(queued).toMatchObject({ kind: 'deferred', message: expect.stringContaining('politeness queue') });
    // Rescheduled for when the origin's spacing has room again, not at once.
    expect(queued?.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(spaced.paths).toEqual(['/first.xml']);
  });
});
