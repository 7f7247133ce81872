import iconv from 'iconv-lite';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { contentOf, FetcherFixture, fetcherTestEnv, TestSite } from './fetcher-harness';

const FIXTURES = join(__dirname, '../../../libs/feeds/src/fixtures');
const RSS = readFileSync(join(FIXTURES, 'rss2-news.xml'), 'utf8');

describe('fetcher against a local site (real Kafka + MongoDB)', () => {
  const site = new TestSite();
  const fetcher = new FetcherFixture(
    fetcherTestEnv('fetcher-http', {
      FETCH_PARK_AFTER_ERRORS: '3',
      FETCH_BACKOFF_BASE_SECONDS: '60',
      FETCH_GZIP_THRESHOLD_BYTES: '50000',
      FETCH_MAX_MESSAGE_BYTES: '100000',
      GATEWAY_ADMIN_TOKEN: 'test-admin-token',
    }),
  );

  beforeAll(async () => {
    site.routes.set('/robots.txt', (_request, response) =>
      response.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nDisallow: /private/\n'),
    );
    await site.start();
    await fetcher.start();
  });

  afterAll(async () => {
    await fetcher.stop();
    await site.stop();
  });

  it('publishes each feed item once, nothing on a 304, and a changed item as an update', async () => {
    let feed = RSS;
    let etag = '"v1"';
    site.routes.set('/feed.xml', (request, response) => {
      if (request.headers['if-none-match'] === etag) return void response.writeHead(304, { etag }).end();
      response.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag }).end(feed);
    });
    const source = await fetcher.add({ kind: 'feed', url: site.url('/feed.xml'), name: 'Daily Ledger' });

    const first = await fetcher.settled(source._id);
    expect(first.status).toMatchObject({ lastHttpStatus: 200, etag: '"v1"', itemsSeen: 3, itemsPublished: 3 });

    const second = await fetcher.pollAgain(source._id);
    expect(second.status).toMatchObject({ lastHttpStatus: 304, itemsPublished: 3, consecutiveErrors: 0 });
    expect(site.requests.filter((r) => r.path === '/feed.xml')[1].headers['if-none-match']).toBe('"v1"');

    feed = RSS.replace('Stocks were little changed.', 'Stocks rose slightly after the decision.');
    etag = '"v2"';
    const third = await fetcher.pollAgain(source._id);
    expect(third.status).toMatchObject({ lastHttpStatus: 200, etag: '"v2"', itemsSeen: 3, itemsPublished: 4 });

    const documents = await fetcher.rawDocuments(source._id);
    expect(documents.map((d) => [d.feedItem?.title, d.isUpdate])).toEqual([
      ['NATO ministers meet in Brussels as Ukraine aid tops agenda', false],
      ['Floods displace thousands in southern Brazil', false],
      ['Markets steady ahead of central bank decision', false],
      ['Markets steady ahead of central bank decision', true],
    ]);
    expect(documents[0]).toMatchObject({
      source: { id: source._id, name: 'Daily Ledger', domain: '127.0.0.1', kind: 'feed' },
      url: 'https://www.dailyledger.example/world/2024/06/03/nato-ministers-brussels',
      // The feed's own text: not fetched from the item's URL, so not that site's to vouch for.
      fetchedFrom: null,
      content: '<p>Defence ministers gathered on Monday in Brussels.</p><p>They discussed a new aid package.</p>',
      feedItem: { guid: 'https://www.dailyledger.example/?p=88231', feedTitle: 'The Daily Ledger – World' },
      encoding: 'utf8',
    });
    expect(contentOf(documents[3])).toBe('Stocks rose slightly after the decision.');
    expect(documents[3].id).not.toBe(documents[2].id);
    expect(documents[0].traceId).not.toBe(documents[3].traceId);
  });

  it('in full-text mode publishes the item pages instead of the feed content', async () => {
    const item = site.url('/articles/one.html');
    site.routes.set('/fulltext.xml', (_request, response) =>
      response
        .writeHead(200, { 'content-type': 'application/rss+xml' })
        .end(
          `<rss version="2.0"><channel><title>FT</title><item><title>One</title><link>${item}</link>` +
            '<description>teaser only</description></item></channel></rss>',
        ),
    );
    site.routes.set('/articles/one.html', (_request, response) =>
      response.writeHead(200, { 'content-type': 'text/html' }).end('<html><body><p>The whole story.</p></body></html>'),
    );
    const source = await fetcher.add({ kind: 'feed', url: site.url('/fulltext.xml'), fullText: true });
    await fetcher.settled(source._id);
    await fetcher.pagesDone(source._id);
    const [document] = await fetcher.rawDocuments(source._id);
    expect(document).toMatchObject({
      url: item,
      // The page's text, fetched from its own URL (docs/reliability.md, "Who owns an article").
      fetchedFrom: item,
      httpStatus: 200,
      contentType: 'text/html; charset=utf-8',
      feedItem: { title: 'One', feedTitle: 'FT' },
    });
    expect(document.content).toContain('The whole story.');
  });

  it("in full-text mode publishes the feed's own text for an item whose page cannot be had", async () => {
    const gone = site.url('/articles/gone.html');
    site.routes.set('/fulltext-gone.xml', (_request, response) =>
      response
        .writeHead(200, { 'content-type': 'application/rss+xml' })
        .end(
          `<rss version="2.0"><channel><title>FT</title><item><title>Gone</title><link>${gone}</link>` +
            '<description>the teaser survives</description></item></channel></rss>',
        ),
    );
    const source = await fetcher.add({ kind: 'feed', url: site.url('/fulltext-gone.xml'), fullText: true });
    await fetcher.settled(source._id);
    await fetcher.pagesDone(source._id);
    const documents = await fetcher.rawDocuments(source._id);
    expect(documents).toHaveLength(1);
    expect(documents[0]).toMatchObject({ url: gone, fetchedFrom: null, feedItem: { title: 'Gone' } });
    expect(contentOf(documents[0])).toBe('the teaser survives');
    expect(site.count('/articles/gone.html')).toBe(1);
  });

  it("polls a source without its own interval by the feed's hints, within the operator's bounds", async () => {
    site.routes.set('/hinted.xml', (_request, response) =>
      response
        .writeHead(200, { 'content-type': 'application/rss+xml', 'cache-control': 'max-age=600' })
        .end('<rss version="2.0"><channel><title>H</title><ttl>30</ttl><item><title>a</title></item></channel></rss>'),
    );
    const source = await fetcher.add({ kind: 'feed', url: site.url('/hinted.xml'), pollIntervalSeconds: null });
    const polled = await fetcher.settled(source._id);
    expect(polled.status).toMatchObject({
      intervalSeconds: 1800,
      cadence: { ttlSeconds: 1800, cacheMaxAgeSeconds: 600, unchangedPolls: 0 },
    });
    const delaySeconds = (polled.nextRunAt.getTime() - (polled.status.lastFetchAt?.getTime() ?? 0)) / 1000;
    expect(delaySeconds).toBeGreaterThan(1800 * 0.85);
    expect(delaySeconds).toBeLessThan(1800 * 1.15);
  });

  it('records an unparseable feed as an error on the source', async () => {
    site.routes.set('/broken.xml', (_request, response) =>
      response.writeHead(200, { 'content-type': 'application/rss+xml' }).end('<html><body>moved</body></html>'),
    );
    const source = await fetcher.add({ kind: 'feed', url: site.url('/broken.xml') });
    const status = (await fetcher.settled(source._id)).status;
    expect(status.consecutiveErrors).toBe(1);
    expect(status.lastError).toMatch(/broken\.xml is not a readable feed: not a feed/);
  });

  it('backs off on 500s and timeouts, then parks the source after the threshold', async () => {
    site.routes.set('/error', (_request, response) => response.writeHead(500).end('boom'));
    const source = await fetcher.add({ kind: 'page', url: site.url('/error'), pollIntervalSeconds: 30 });
    const first = await fetcher.settled(source._id);
    expect(first.status).toMatchObject({
      consecutiveErrors: 1,
      lastHttpStatus: 500,
      lastError: expect.stringMatching(/HTTP 500 from/),
    });
    const firstDelay = first.nextRunAt.getTime() - (first.status.lastFetchAt as Date).getTime();
    expect(firstDelay).toBeGreaterThanOrEqual(54_000); // backoff base 60 s ± 10 % jitter, above the 30 s interval

    const second = await fetcher.pollAgain(source._id);
    const secondDelay = second.nextRunAt.getTime() - (second.status.lastFetchAt as Date).getTime();
    expect(second.status.consecutiveErrors).toBe(2);
    expect(secondDelay).toBeGreaterThan(firstDelay);
    expect(second.parked).toBe(false);

    const third = await fetcher.pollAgain(source._id);
    expect(third).toMatchObject({ parked: true, status: { consecutiveErrors: 3 } });

    site.routes.set('/slow', (_request, response) => {
      setTimeout(() => response.writeHead(200).end('too late'), 3_000).unref();
    });
    const slow = await fetcher.add({ kind: 'page', url: site.url('/slow') });
    const slowStatus = (await fetcher.settled(slow._id)).status;
    expect(slowStatus.consecutiveErrors).toBe(1);
    expect(slowStatus.lastError).toMatch(/slow: no complete response within 1000 ms/);
    expect((await fetcher.rawDocuments(slow._id)).length).toBe(0);
  });

  it('refuses oversized bodies (declared, streamed, decompressed, too big for a message) and redirect loops', async () => {
    const big = 'x'.repeat(300_000);
    site.routes.set('/big-declared', (_request, response) =>
      response.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(big.length) }).end(big),
    );
    site.routes.set('/big-streamed', (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.write(big.slice(0, 150_000));
      response.end(big.slice(150_000));
    });
    site.routes.set('/bomb', (_request, response) =>
      response
        .writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'gzip' })
        .end(gzipSync(Buffer.alloc(5_000_000, 'a'))),
    );
    // Random text barely compresses: 150 KB of it is still over the 100 KB message cap after gzip.
    const incompressible = randomBytes(112_000).toString('base64');
    site.routes.set('/incompressible', (_request, response) =>
      response.writeHead(200, { 'content-type': 'text/plain' }).end(incompressible),
    );
    site.routes.set('/loop-a', (_request, response) => response.writeHead(302, { location: '/loop-b' }).end());
    site.routes.set('/loop-b', (_request, response) =>
      response.writeHead(301, { location: site.url('/loop-a') }).end(),
    );
    const expectations: Array<[string, RegExp]> = [
      ['/big-declared', /big-declared: body of 300000 bytes exceeds the 200000-byte limit/],
      ['/big-streamed', /big-streamed: body exceeds the 200000-byte limit/],
      ['/bomb', /bomb: gzip body expands past the 400000-byte limit/],
      ['/loop-a', /loop-a: redirect loop at http:\/\/127\.0\.0\.1:\d+\/loop-a/],
      [
        '/incompressible',
        /incompressible: document of 149336 bytes is \d+ bytes gzipped and exceeds the 100000-byte message limit/,
      ],
    ];
    const sources = await Promise.all(expectations.map(([path]) => fetcher.add({ kind: 'page', url: site.url(path) })));
    for (const [index, source] of sources.entries()) {
      const { status } = await fetcher.settled(source._id);
      expect(status.lastError).toMatch(expectations[index][1]);
      expect(status.consecutiveErrors).toBe(1);
    }
  });

  it('refuses an application/octet-stream body on the source status instead of publishing it', async () => {
    site.routes.set('/blob', (_request, response) =>
      response.writeHead(200, { 'content-type': 'application/octet-stream' }).end('<p>looks like text</p>'),
    );
    const source = await fetcher.add({ kind: 'page', url: site.url('/blob') });
    const settled = await fetcher.settled(source._id);
    expect(settled.status.lastError).toMatch(/content type application\/octet-stream is not a text document/);
    expect(await fetcher.rawDocuments(source._id)).toHaveLength(0);
  });

  it('decodes ISO-8859-1, Windows-1251 and Shift_JIS pages to UTF-8', async () => {
    const pages: Array<[string, string, string, string]> = [
      ['/latin1.html', 'text/html; charset=iso-8859-1', 'latin1', 'Café déjà vu, naïve façade'],
      ['/cp1251.html', 'text/html', 'windows-1251', 'Привет, мир! Новости дня'],
      ['/sjis.html', 'text/html; charset=Shift_JIS', 'shift_jis', '日本語のニュース記事です'],
    ];
    for (const [path, contentType, charset, text] of pages) {
      const meta = charset === 'windows-1251' ? '<meta charset="windows-1251">' : '';
      const html = `<html><head>${meta}<title>t</title></head><body><p>${text}</p></body></html>`;
      site.routes.set(path, (_request, response) =>
        response.writeHead(200, { 'content-type': contentType }).end(iconv.encode(html, charset)),
      );
    }
    for (const [path, , , text] of pages) {
      const source = await fetcher.add({ kind: 'page', url: site.url(path) });
      await fetcher.settled(source._id);
      const [document] = await fetcher.rawDocuments(source._id);
      expect(document.content).toContain(`<p>${text}</p>`);
      expect(document.contentType).toBe('text/html; charset=utf-8');
    }
  });

  it('honours robots.txt and refuses private addresses that are not allow-listed', async () => {
    site.routes.set('/private/secret.html', (_request, response) => response.writeHead(200).end('secret'));
    const disallowed = await fetcher.add({ kind: 'page', url: site.url('/private/secret.html') });
    expect((await fetcher.settled(disallowed._id)).status.lastError).toMatch(
      /robots\.txt of http:\/\/127\.0\.0\.1:\d+ disallows .*\/private\/secret\.html/,
    );
    expect(site.count('/private/secret.html')).toBe(0);
    expect(site.count('/robots.txt')).toBe(1);

    const port = new URL(site.origin).port;
    const loopback = await fetcher.add({ kind: 'page', url: `http://127.0.0.2:${port}/x` });
    const metadata = await fetcher.add({ kind: 'page', url: 'http://169.254.169.254/latest/meta-data/' });
    site.routes.set('/to-private', (_request, response) =>
      response.writeHead(302, { location: `http://10.0.0.1:${port}/` }).end(),
    );
    const redirected = await fetcher.add({ kind: 'page', url: site.url('/to-private') });
    expect((await fetcher.settled(loopback._id)).status.lastError).toMatch(
      /refused to fetch http:\/\/127\.0\.0\.2:\d+\/x: host 127\.0\.0\.2 resolves to 127\.0\.0\.2 \(loopback\), which is not allow-listed/,
    );
    expect((await fetcher.settled(metadata._id)).status.lastError).toMatch(
      /169\.254\.169\.254 \(metadata\), which is not allow-listed/,
    );
    expect((await fetcher.settled(redirected._id)).status.lastError).toMatch(
      /refused to fetch http:\/\/10\.0\.0\.1.*private/,
    );
  });

  it('publishes the recent pages a news sitemap lists, once', async () => {
    const recent = new Date(Date.now() - 3_600_000).toISOString();
    const old = new Date(Date.now() - 10 * 86_400_000).toISOString();
    const entry = (path: string, date: string) =>
      `<url><loc>${site.url(path)}</loc><news:news><news:publication><news:name>W</news:name>` +
      `<news:language>en</news:language></news:publication><news:publication_date>${date}</news:publication_date>` +
      `<news:title>${path}</news:title></news:news></url>`;
    site.routes.set('/news-sitemap.xml', (_request, response) =>
      response
        .writeHead(200, { 'content-type': 'application/xml' })
        .end(
          '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" ' +
            'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">' +
            entry('/n/1', recent) +
            entry('/n/2', recent) +
            entry('/n/old', old) +
            '</urlset>',
        ),
    );
    for (const path of ['/n/1', '/n/2', '/n/old']) {
      site.routes.set(path, (_request, response) =>
        response.writeHead(200, { 'content-type': 'text/html' }).end(`<p>${path}</p>`),
      );
    }
    const source = await fetcher.add({ kind: 'sitemap', url: site.url('/news-sitemap.xml') });
    await fetcher.settled(source._id);
    await fetcher.pollAgain(source._id);
    const documents = await fetcher.rawDocuments(source._id);
    expect(documents.map((document) => document.content).sort()).toEqual(['<p>/n/1</p>', '<p>/n/2</p>']);
    expect([site.count('/n/1'), site.count('/n/2'), site.count('/n/old')]).toEqual([1, 1, 0]);
  });

  it('runs a source on POST /sources/:id/fetch-now and counts runs in /metrics', async () => {
    let hits = 0;
    site.routes.set('/ops.html', (_request, response) => {
      hits += 1;
      response.writeHead(200, { 'content-type': 'text/html' }).end(`<p>version ${hits}</p>`);
    });
    const source = await fetcher.add({ kind: 'page', url: site.url('/ops.html') });
    const first = await fetcher.settled(source._id);
    const { url } = fetcher.services[0];
    // The fetcher's own API is behind the gateway's admin token; /health and /metrics stay open.
    const admin = { authorization: 'Bearer test-admin-token' };
    expect((await fetch(`${url}/sources/${source._id}/fetch-now`, { method: 'POST' })).status).toBe(401);
    expect((await fetch(`${url}/sources`)).status).toBe(401);
    expect((await fetch(`${url}/sources`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    expect((await fetch(`${url}/health`)).status).toBe(200);
    const response = await fetch(`${url}/sources/${source._id}/fetch-now`, { method: 'POST', headers: admin });
    expect(response.status).toBe(202);
    const second = await fetcher.settled(source._id, first.status.lastFetchAt);
    expect(second.status.itemsPublished).toBe(2);
    expect((await fetcher.rawDocuments(source._id)).map((document) => document.isUpdate)).toEqual([false, true]);
    expect((await fetch(`${url}/sources/nope/fetch-now`, { method: 'POST', headers: admin })).status).toBe(404);
    expect(await (await fetch(`${url}/sources/${source._id}`, { headers: admin })).json()).toMatchObject({
      _id: source._id,
    });

    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toMatch(/inkstream_fetch_runs_total\{kind="page",outcome="ok",service="fetcher"\} [1-9]/);
    expect(metrics).toMatch(/inkstream_fetch_documents_published_total\{kind="feed",service="fetcher"\} [1-9]/);
    expect(metrics).toMatch(/inkstream_fetch_errors_total\{kind="page",error="robots",service="fetcher"\} 1/);
  });

  it('follows a sitemap index and republishes a page whose lastmod moved, as an update', async () => {
    let lastmod = '2026-11-01T00:00:00Z';
    site.routes.set('/sitemap-index.xml', (_request, response) =>
      response
        .writeHead(200, { 'content-type': 'application/xml' })
        .end(
          '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">' +
            `<sitemap><loc>${site.url('/sitemap-1.xml')}</loc></sitemap></sitemapindex>`,
        ),
    );
    site.routes.set('/sitemap-1.xml', (_request, response) =>
      response
        .writeHead(200, { 'content-type': 'application/xml' })
        .end(
          '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">' +
            `<url><loc>${site.url('/s/1')}</loc><lastmod>${lastmod}</lastmod></url></urlset>`,
        ),
    );
    site.routes.set('/s/1', (_request, response) =>
      response.writeHead(200, { 'content-type': 'text/html' }).end(`<p>as of ${lastmod}</p>`),
    );
    const source = await fetcher.add({ kind: 'sitemap', url: site.url('/sitemap-index.xml') });
    await fetcher.settled(source._id);
    await fetcher.pollAgain(source._id);
    lastmod = '2026-11-28T00:00:00Z';
    await fetcher.pollAgain(source._id);
    const documents = await fetcher.rawDocuments(source._id);
    expect(documents.map((document) => [document.content, document.isUpdate])).toEqual([
      ['<p>as of 2026-11-01T00:00:00Z</p>', false],
      ['<p>as of 2026-11-28T00:00:00Z</p>', true],
    ]);
    expect(site.count('/s/1')).toBe(2);
  });
});
