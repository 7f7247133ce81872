import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { HttpClient, type FetchError, type HttpClientOptions } from '@inkstream/fetching';
import { loopbackClientOptions } from './loopback-client-options';

// Forced garbage collection while every request waits: a deadline held only weakly (a combined AbortSignal.any of
// the run's signal and an AbortSignal.timeout) can be collected and never fire; ours must fire on every attempt.
// A full collection in a jest worker takes about half a second, so it runs once per request, not on a timer.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/** A server that answers 200 and then sends one byte every 200 ms, forever. */
function tricklingServer() {
  const responses = new Set<ServerResponse>();
  let requests = 0;
  const server: Server = createServer((_request, response) => {
    requests += 1;
    responses.add(response);
    setTimeout(collectGarbage, 100);
    response.writeHead(200, { 'content-type': 'application/rss+xml' });
    const timer = setInterval(() => response.write(' '), 200);
    response.on('close', () => {
      clearInterval(timer);
      responses.delete(response);
    });
  });
  return {
    server,
    requests: () => requests,
    /** responses whose connection the client has not closed */
    open: () => responses.size,
  };
}

/** Polls `condition` (up to 5 s): a closed connection reaches the server a moment after the client dropped it. */
async function waitUntil(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 50) {
    if (waited > 5_000) throw new Error('condition not reached within 5 s');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('HttpClient request deadlines (trickling server, forced GC)', () => {
  jest.setTimeout(20_000);
  const trickler = tricklingServer();
  let url = '';
  const clients: HttpClient[] = [];

  beforeAll(async () => {
    await new Promise<void>((resolve) => trickler.server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(trickler.server.address() as AddressInfo).port}/feed.xml`;
  });

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    trickler.server.closeAllConnections();
    await new Promise((resolve) => trickler.server.close(resolve));
  });

  const client = (overrides: Partial<HttpClientOptions>, retries: FetchError[]) => {
    const created = new HttpClient(
      loopbackClientOptions({
        totalTimeoutMs: 1_500,
        deadlineMs: 60_000,
        maxBodyBytes: 1_000_000,
        maxDecompressedBytes: 1_000_000,
        retries: 1,
        ...overrides,
      }),
      { onRetry: (_host, error) => retries.push(error) },
    );
    clients.push(created);
    return created;
  };

  it('cuts the first attempt and the retry at the exchange timeout, under a run signal, and closes both', async () => {
    const retries: FetchError[] = [];
    const before = trickler.requests();
    const run = new AbortController();
    const failure = await client({}, retries)
      .fetch({ url, signal: run.signal })
      .then(
        () => null,
        (error: FetchError) => error,
      );
    expect(retries).toEqual([expect.objectContaining({ kind: 'timeout', transient: true })]);
    expect(failure).toMatchObject({ kind: 'timeout', message: expect.stringContaining('within 1500 ms') });
    expect(trickler.requests() - before).toBe(2);
    expect(run.signal.aborted).toBe(false);
    await waitUntil(() => trickler.open() === 0);
  });

  it('ends retries at the whole-request deadline, without another attempt', async () => {
    const retries: FetchError[] = [];
    const before = trickler.requests();
    const failure = await client({ retries: 10, deadlineMs: 4_000 }, retries)
      .fetch({ url })
      .then(
        () => null,
        (error: FetchError) => error,
      );
    expect(failure).toMatchObject({
      kind: 'timeout',
      transient: false,
      message: expect.stringContaining('(all attempts): no complete response within 4000 ms'),
    });
    // Every attempt but the last was cut and retried; the last was cut by the deadline and none followed it.
    const attempts = trickler.requests() - before;
    expect(attempts).toBeGreaterThanOrEqual(2);
    expect(attempts).toBeLessThan(10);
    expect(retries).toHaveLength(attempts - 1);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(trickler.requests() - before).toBe(attempts);
    await waitUntil(() => trickler.open() === 0);
  });

  it('ends at once when the run is aborted (shutdown), whatever the deadlines', async () => {
    const run = new AbortController();
    const pending = client({ totalTimeoutMs: 60_000 }, [])
      .fetch({ url, signal: run.signal })
      .then(
        () => null,
        (error: unknown) => error,
      );
    await new Promise((resolve) => setTimeout(resolve, 300));
    run.abort(new Error('fetcher shutting down'));
    const failure = await pending;
    expect(failure).toMatchObject({ message: expect.stringContaining('fetcher shutting down') });
    await waitUntil(() => trickler.open() === 0);
  });

  it('ends at once when the run is aborted while robots.txt of the origin is still loading (a stop in order)', async () => {
    const run = new AbortController();
    const robotsClient = client({ totalTimeoutMs: 60_000, respectRobots: true }, []);
    const pending = robotsClient.fetch({ url, signal: run.signal }).then(
      () => null,
      (error: unknown) => error,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    const abortedAt = Date.now();
    run.abort(new Error('fetcher shutting down'));
    expect(await pending).toMatchObject({ message: expect.stringContaining('fetcher shutting down') });
    expect(Date.now() - abortedAt).toBeLessThan(1_000);
    // The robots.txt request itself, shared by every source on the origin, ends when the client closes.
    const closedAt = Date.now();
    await robotsClient.close();
    expect(Date.now() - closedAt).toBeLessThan(1_000);
    await waitUntil(() => trickler.open() === 0);
  });
});
