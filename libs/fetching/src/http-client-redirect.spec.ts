import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpClient } from './http-client';
import type { FetchPolicies } from './fetch-policies';

const openPolicies: FetchPolicies = {
  checkTarget: () => ({ ok: true }),
  robots: {
    parse: () => null,
    allowAll: () => null,
    disallowAll: () => null,
    isAllowed: () => true,
    crawlDelaySeconds: () => null,
  },
};

describe('HttpClient redirects on a busy origin', () => {
  let server: Server;
  let base: string;
  const hits: string[] = [];
  let releaseFirst!: () => void;
  const firstHeld = new Promise<void>((resolve) => (releaseFirst = resolve));

  beforeAll(async () => {
    server = createServer((req, res) => {
      hits.push(req.url ?? '');
      if (req.url === '/chain/1') {
        // Held until the newcomers have queued behind it, so the next hop has to compete with them.
        void firstHeld.then(() => res.writeHead(302, { location: '/chain/2' }).end());
        return;
      }
      if (req.url === '/chain/2') return void res.writeHead(302, { location: '/chain/3' }).end();
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("queues each next hop of a redirect chain ahead of the origin's newcomers, not behind them all", async () => {
    const client = new HttpClient({
      userAgent: 'test',
      allowList: [],
      connectTimeoutMs: 5_000,
      totalTimeoutMs: 5_000,
      deadlineMs: 10_000,
      maxBodyBytes: 1_000_000,
      maxDecompressedBytes: 1_000_000,
      maxRedirects: 5,
      retries: 0,
      retryDelayMs: 0,
      maxRetryWaitMs: 0,
      perOriginConcurrency: 1,
      perOriginIntervalMs: 0,
      respectRobots: false,
      robotsTtlMs: 60_000,
      robotsErrorTtlMs: 60_000,
      maxCrawlDelayMs: 0,
      policies: openPolicies,
    });
    try {
      const chain = client.fetch({ url: `${base}/chain/1` });
      await new Promise((resolve) => setTimeout(resolve, 100));
      const newcomers = ['/feed/a', '/feed/b', '/feed/c', '/feed/d'].map((path) =>
        client.fetch({ url: `${base}${path}` }),
      );
      await new Promise((resolve) => setTimeout(resolve, 100));
      releaseFirst();
      const responses = await Promise.all([chain, ...newcomers]);
      expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200, 200]);
      // A hop's slot goes to the head of the queue when it ends, before the next hop asks again: each next hop
      // waits for one request at most, where it used to wait for the whole queue (…, /feed/d, /chain/2).
      expect(hits).toEqual(['/chain/1', '/feed/a', '/chain/2', '/feed/b', '/chain/3', '/feed/c', '/feed/d']);
    } finally {
      await client.close();
    }
  });
});
