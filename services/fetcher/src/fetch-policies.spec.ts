import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpClient, type FetchError, type HttpClientOptions, type Resolver } from '@inkstream/fetching';
import { loopbackClientOptions } from './loopback-client-options';

// A local server and a fake resolver: names that do not exist in real DNS reach 127.0.0.1 only through the
// resolver the guard checked, which is what proves the connection goes to the checked address.
describe('HttpClient with the feeds policies (SSRF guard, robots.txt)', () => {
  let server: Server;
  let port = 0;
  const requests: IncomingMessage[] = [];
  let handler: (request: IncomingMessage, response: ServerResponse) => void = (_q, r) => r.end();
  const clients: HttpClient[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      requests.push(request);
      if (request.url === '/robots.txt') {
        return void response.writeHead(200).end('User-agent: *\nDisallow: /no/\nCrawl-delay: 7');
      }
      handler(request, response);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  beforeEach(() => {
    requests.length = 0;
  });

  const fakeDns: Record<string, string[]> = {
    'wire.test': ['127.0.0.1'],
    'rebind.test': ['93.184.216.34', '127.0.0.1'],
  };
  const resolve: Resolver = async (hostname) => {
    const addresses = fakeDns[hostname];
    if (!addresses) throw new Error(`ENOTFOUND ${hostname}`);
    return addresses.map((address) => ({ address, family: 4 }));
  };
  const client = (overrides: Partial<HttpClientOptions> = {}) => {
    const created = new HttpClient(
      loopbackClientOptions({ totalTimeoutMs: 1000, deadlineMs: 10_000, respectRobots: true, resolve, ...overrides }),
    );
    clients.push(created);
    return created;
  };
  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => null,
      (error: FetchError) => error,
    );

  it('connects to the address the guard checked, with our user agent and conditional headers', async () => {
    handler = (request, response) => {
      if (request.headers['if-none-match'] === '"v1"') return void response.writeHead(304).end();
      response.writeHead(200, { etag: '"v1"', 'content-type': 'text/plain' }).end('hello');
    };
    const http = client();
    const first = await http.fetch({ url: `http://wire.test:${port}/a` });
    expect(first).toMatchObject({ status: 200, notModified: false, etag: '"v1"', contentType: 'text/plain' });
    expect(first.body.toString()).toBe('hello');
    expect(first.crawlDelaySeconds).toBe(7);
    const second = await http.fetch({ url: `http://wire.test:${port}/a`, etag: '"v1"' });
    expect(second).toMatchObject({ status: 304, notModified: true });
    const page = requests.filter((request) => request.url === '/a');
    expect(page[0].headers).toMatchObject({
      host: `wire.test:${port}`,
      'user-agent': 'Inkstream/0.1 (+https://github.com/inkstream)',
      'accept-encoding': 'gzip, deflate, br',
    });
  });

  it('refuses names resolving to a non-allow-listed address, even one among public ones', async () => {
    const http = client({ allowList: [] });
    const refused = await failure(http.fetch({ url: `http://wire.test:${port}/a` }));
    expect(refused).toMatchObject({ kind: 'refused' });
    expect(refused?.message).toMatch(
      /host wire\.test resolves to 127\.0\.0\.1 \(loopback\), which is not allow-listed/,
    );
    const rebind = await failure(client({ allowList: [] }).fetch({ url: `http://rebind.test:${port}/a` }));
    expect(rebind?.message).toMatch(/rebind\.test resolves to 127\.0\.0\.1 \(loopback\)/);
    expect(requests).toHaveLength(0);
  });

  it('lets a request add its own host to the allow-list', async () => {
    handler = (_request, response) => response.end('ok');
    const http = client({ allowList: [] });
    const response = await http.fetch({ url: `http://wire.test:${port}/a`, allowList: ['wire.test'] });
    expect(response.body.toString()).toBe('ok');
  });

  it('an origin entry allows that origin only: a redirect to another port of the same host is refused', async () => {
    // "another service's API on the same host": a second server that must never be reached
    const inner: IncomingMessage[] = [];
    const api = createServer((request, response) => {
      inner.push(request);
      response.end('{"sources":[]}');
    });
    await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
    const apiPort = (api.address() as AddressInfo).port;
    try {
      handler = (request, response) => {
        if (request.url === '/ip-hop') {
          return void response.writeHead(302, { location: `http://127.0.0.1:${apiPort}/sources` }).end();
        }
        if (request.url === '/name-hop') {
          return void response.writeHead(302, { location: `http://wire.test:${apiPort}/sources` }).end();
        }
        response.end('own page');
      };
      const http = client({ allowList: [], respectRobots: false });
      const own = await http.fetch({ url: `http://127.0.0.1:${port}/page`, allowList: [`http://127.0.0.1:${port}`] });
      expect(own.body.toString()).toBe('own page');
      const byIp = await failure(
        http.fetch({ url: `http://127.0.0.1:${port}/ip-hop`, allowList: [`http://127.0.0.1:${port}`] }),
      );
      expect(byIp).toMatchObject({ kind: 'refused' });
      expect(byIp?.message).toContain(`refused to fetch http://127.0.0.1:${apiPort}/sources`);
      const byName = await failure(
        http.fetch({ url: `http://wire.test:${port}/name-hop`, allowList: [`http://wire.test:${port}`] }),
      );
      expect(byName).toMatchObject({ kind: 'refused' });
      expect(byName?.message).toMatch(/wire\.test resolves to 127\.0\.0\.1 \(loopback\), which is not allow-listed/);
      expect(inner).toHaveLength(0);
    } finally {
      api.closeAllConnections();
      await new Promise((resolve) => api.close(resolve));
    }
  });

  it('says robots.txt could not be fetched, not that it disallows, when it does not answer', async () => {
    handler = (_request, response) => response.end('page');
    // robots.txt on a port nobody listens on: the connection is refused
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const error = await failure(client({ retries: 0 }).fetch({ url: `http://127.0.0.1:${closedPort}/news` }));
    expect(error).toMatchObject({ kind: 'robots' });
    expect(error?.message).toMatch(
      /robots\.txt of http:\/\/127\.0\.0\.1:\d+ could not be fetched \(.+\); not fetching/,
    );
    expect(error?.message).not.toMatch(/disallows/);
  });

  it('retries transient failures only', async () => {
    let calls = 0;
    handler = (_request, response) => {
      calls += 1;
      if (calls < 3) response.writeHead(503).end();
      else response.end('third time');
    };
    expect((await client().fetch({ url: `http://wire.test:${port}/flaky` })).body.toString()).toBe('third time');
    expect(calls).toBe(3);

    calls = 0;
    handler = (_request, response) => {
      calls += 1;
      response.writeHead(404).end();
    };
    const notFound = await failure(client().fetch({ url: `http://wire.test:${port}/gone` }));
    expect(notFound).toMatchObject({ kind: 'http', status: 404, transient: false });
    expect(calls).toBe(1);
  });

  it('follows relative redirects within the bound, checking robots.txt on every hop', async () => {
    handler = (request, response) => {
      if (request.url === '/r1') return void response.writeHead(301, { location: '/r2' }).end();
      if (request.url === '/r2') return void response.writeHead(302, { location: 'r3' }).end();
      if (request.url === '/r3') return void response.end('landed');
      if (request.url === '/to-no') return void response.writeHead(302, { location: '/no/x' }).end();
      if (request.url === '/far') return void response.writeHead(302, { location: '/r1' }).end();
      if (request.url === '/to-file') return void response.writeHead(302, { location: 'file:///etc/passwd' }).end();
      response.writeHead(500).end();
    };
    const http = client();
    const landed = await http.fetch({ url: `http://wire.test:${port}/r1` });
    expect(landed).toMatchObject({ finalUrl: `http://wire.test:${port}/r3`, url: `http://wire.test:${port}/r1` });
    expect(await failure(http.fetch({ url: `http://wire.test:${port}/to-no` }))).toMatchObject({
      kind: 'robots',
      message: expect.stringContaining('disallows http://wire.test'),
    });
    expect(requests.some((request) => request.url === '/no/x')).toBe(false);
    expect(
      await failure(http.fetch({ url: `http://wire.test:${port}/to-file`, allowList: ['file:///etc/'] })),
    ).toMatchObject({
      kind: 'refused',
      message: 'refused to fetch file:///etc/passwd: only http and https URLs are fetched',
    });
    expect(await failure(http.fetch({ url: `http://wire.test:${port}/far` }))).toMatchObject({
      kind: 'redirect',
      message: expect.stringContaining('more than 2 redirects'),
    });
  });

  it('reports where a URL moved for good: the leading 301/308 hops, not a temporary one after them', async () => {
    handler = (request, response) => {
      if (request.url === '/old') return void response.writeHead(301, { location: '/newer' }).end();
      if (request.url === '/newer') return void response.writeHead(308, { location: '/new' }).end();
      if (request.url === '/new') return void response.writeHead(302, { location: '/today' }).end();
      if (request.url === '/temp') return void response.writeHead(307, { location: '/new' }).end();
      response.end('here');
    };
    const http = client({ maxRedirects: 3 });
    const moved = await http.fetch({ url: `http://wire.test:${port}/old` });
    expect(moved).toMatchObject({
      finalUrl: `http://wire.test:${port}/today`,
      movedPermanentlyTo: `http://wire.test:${port}/new`,
    });
    expect((await http.fetch({ url: `http://wire.test:${port}/temp` })).movedPermanentlyTo).toBeNull();
    expect((await http.fetch({ url: `http://wire.test:${port}/today` })).movedPermanentlyTo).toBeNull();
  });
});
