// An operator edits a source the fetcher has polled: what it has seen must survive, so the next poll republishes
// nothing and fetches no item page again; and every poll lands in the source's history. The source's own limits
// (items per poll, bounds of its adaptive interval) are what the fetcher applies, and an edit of them keeps its
// seen items too.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FetcherFixture, fetcherTestEnv, TestSite } from './fetcher-harness';

const RSS = readFileSync(join(__dirname, '../../../libs/feeds/src/fixtures/rss2-news.xml'), 'utf8');

describe('editing a polled source (real Kafka + MongoDB)', () => {
  const site = new TestSite();
  // Timeouts with room: on a busy machine a 1 s timeout turns a poll into an error this test is not about.
  const fetcher = new FetcherFixture(
    fetcherTestEnv('fetcher-edit', { FETCH_TIMEOUT_MS: '10000', FETCH_CONNECT_TIMEOUT_MS: '5000' }),
  );

  beforeAll(async () => {
    site.routes.set('/robots.txt', (_request, response) => response.writeHead(404).end());
    // No validators: every poll downloads the whole feed, so only the seen items keep it from republishing. The
    // items link to this site, so a page fetched again in full-text mode would show in its requests.
    site.routes.set('/feed.xml', (_request, response) =>
      response
        .writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' })
        .end(RSS.replaceAll('https://www.dailyledger.example', site.origin)),
    );
    // A sitemap of three pages (fetched newest first).
    const pages = ['/s/1', '/s/2', '/s/3'];
    site.routes.set('/sitemap.xml', (_request, response) =>
      response
        .writeHead(200, { 'content-type': 'application/xml' })
        .end(
          '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">' +
            pages
              .map((path, index) => `<url><loc>${site.url(path)}</loc><lastmod>2026-12-0${index + 1}</lastmod></url>`)
              .join('') +
            '</urlset>',
        ),
    );
    for (const path of pages) {
      site.routes.set(path, (_request, response) =>
        response.writeHead(200, { 'content-type': 'text/html' }).end(`<p>${path}</p>`),
      );
    }
    await site.start();
    await fetcher.start();
  });

  afterAll(async () => {
    await fetcher.stop();
    await site.stop();
  });

  it('keeps seen items through an edit of interval, full-text mode, limits, tags and name: nothing is republished', async () => {
    const source = await fetcher.add({ kind: 'feed', url: site.url('/feed.xml'), name: 'Ledger' });
    const first = await fetcher.settled(source._id);
    expect(first.status).toMatchObject({ itemsSeen: 3, itemsPublished: 3 });
    expect(await fetcher.sources.countSeen(source._id)).toBe(3);

    const edited = await fetcher.sources.edit(
      source._id,
      {
        pollIntervalSeconds: 600,
        fullText: true,
        tags: ['world'],
        name: 'The Ledger',
        maxItemsPerRun: 10,
        minIntervalSeconds: 120,
        backoffMaxSeconds: 900,
      },
      new Date(),
    );
    expect(edited).toMatchObject({
      pollIntervalSeconds: 600,
      fullText: true,
      maxItemsPerRun: 10,
      minIntervalSeconds: 120,
      backoffMaxSeconds: 900,
      status: { itemsSeen: 3, itemsPublished: 3, lastHttpStatus: 200 },
    });

    const second = await fetcher.pollAgain(source._id);
    expect(second).toMatchObject({ name: 'The Ledger', fullText: true, tags: ['world'] });
    expect(second.status).toMatchObject({ lastHttpStatus: 200, itemsSeen: 3, itemsPublished: 3 });
    expect(await fetcher.sources.countSeen(source._id)).toBe(3);
    // Full-text mode fetches the pages of new items only: the seen ones are not fetched again.
    const pages = site.requests
      .map((request) => request.path)
      .filter((path) => !/^\/(feed\.xml|robots\.txt)$/.test(path));
    expect(pages).toEqual([]);
    expect(await fetcher.rawDocuments(source._id)).toHaveLength(3);

    const polls = (await fetcher.sources.get(source._id))?.polls ?? [];
    expect(polls.map((poll) => [poll.outcome, poll.httpStatus, poll.published])).toEqual([
      ['ok', 200, 3],
      ['ok', 200, 0],
    ]);
    for (const poll of polls) {
      expect(poll.durationMs).toBeGreaterThanOrEqual(0);
      expect(poll.latenessMs).toBeGreaterThanOrEqual(0);
    }
  });

  it('cuts a feed at its own maxItemsPerRun and keeps its adaptive interval within its own bounds', async () => {
    const source = await fetcher.add({
      kind: 'feed',
      url: site.url('/feed.xml?limited'),
      name: 'Limited',
      pollIntervalSeconds: null,
      maxItemsPerRun: 1,
      // Above the fetcher's FETCH_MAX_INTERVAL_SECONDS (3600): the source's own bound holds.
      minIntervalSeconds: 7200,
    });
    const polledAt = Date.now();
    const first = await fetcher.settled(source._id);
    expect(first.status).toMatchObject({ itemsSeen: 1, itemsPublished: 1, intervalSeconds: 7200 });
    expect(first.status.lastNotice).toMatch(/feed lists 3 entries.*the other 2 left out \(maxItemsPerRun=1\)/);
    // ±10 % jitter around the source's minimum.
    expect(new Date(first.nextRunAt).getTime()).toBeGreaterThan(polledAt + 6000_000);

    // The operator raises the limit and lowers the maximum: the next run moves within it, the seen item stays seen.
    const edited = await fetcher.sources.edit(
      source._id,
      { maxItemsPerRun: null, minIntervalSeconds: null, maxIntervalSeconds: 120 },
      new Date(),
    );
    expect(new Date(edited?.nextRunAt ?? 0).getTime()).toBeLessThanOrEqual(Date.now() + 120_000);
    const second = await fetcher.pollAgain(source._id);
    expect(second.status).toMatchObject({ itemsSeen: 3, itemsPublished: 3, lastNotice: null });
    expect(second.status.intervalSeconds).toBeLessThanOrEqual(120);
    expect(await fetcher.rawDocuments(source._id)).toHaveLength(3);
  });

  it("fetches a sitemap's pages up to its own maxItemsPerRun per poll, the rest on the next poll", async () => {
    const source = await fetcher.add({ kind: 'sitemap', url: site.url('/sitemap.xml'), maxItemsPerRun: 2 });
    const first = await fetcher.settled(source._id);
    expect(first.status).toMatchObject({ itemsPublished: 2 });
    expect(first.status.lastNotice).toMatch(/3 pages are new or changed.*\(maxItemsPerRun=2\)/);
    expect([site.count('/s/3'), site.count('/s/2'), site.count('/s/1')]).toEqual([1, 1, 0]);
    const second = await fetcher.pollAgain(source._id);
    expect(second.status).toMatchObject({ itemsPublished: 3, lastNotice: null });
    expect(site.count('/s/1')).toBe(1);
  });

  it('polls a source stored before the limits existed with the fetcher defaults (no migration)', async () => {
    const source = await fetcher.add({ kind: 'feed', url: site.url('/feed.xml?old'), name: 'Old' });
    await fetcher.settled(source._id);
    // As such a record is stored: without the fields.
    await fetcher.mongo
      .collection('sources')
      .updateOne(
        { _id: source._id as never },
        { $unset: { minIntervalSeconds: '', maxIntervalSeconds: '', maxItemsPerRun: '', backoffMaxSeconds: '' } },
      );
    expect(await fetcher.mongo.collection('sources').findOne({ _id: source._id as never })).not.toHaveProperty(
      'maxItemsPerRun',
    );
    await fetcher.sources.edit(source._id, { pollIntervalSeconds: null }, new Date());
    const polled = await fetcher.pollAgain(source._id);
    expect(polled.status).toMatchObject({ itemsSeen: 3, itemsPublished: 3, lastNotice: null });
    // Adaptive within FETCH_MIN_INTERVAL_SECONDS..FETCH_MAX_INTERVAL_SECONDS (60..3600).
    expect(polled.status.intervalSeconds).toBeGreaterThanOrEqual(60);
    expect(polled.status.intervalSeconds).toBeLessThanOrEqual(3600);
  });
});
