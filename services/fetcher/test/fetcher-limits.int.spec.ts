import { waitFor } from '@inkstream/testing';
import type { SourceRecord } from '@inkstream/persistence';
import { FetcherFixture, fetcherTestEnv, TestSite } from './fetcher-harness';

// A source that lists far more than a poll should take: 100,000 feed items (about 9 MB). Before the bound, every
// poll failed ("Kafka refused a send"), published nothing and grew the fetcher by hundreds of MB.
describe('fetcher per-poll bounds (real Kafka + MongoDB)', () => {
  const site = new TestSite();
  const fetcher = new FetcherFixture(
    fetcherTestEnv('fetcher-limits', {
      FETCH_FEED_MAX_ITEMS: '500',
      FETCH_SITEMAP_MAX_LISTED: '40',
      FETCH_SITEMAP_MAX_URLS: '5',
      FETCH_MAX_BODY_BYTES: String(20 * 1024 * 1024),
      FETCH_MAX_DECOMPRESSED_BYTES: String(40 * 1024 * 1024),
      FETCH_TIMEOUT_MS: '30000',
    }),
  );

  beforeAll(async () => {
    await site.start();
    await fetcher.start();
  });

  afterAll(async () => {
    await fetcher.stop();
    await site.stop();
  });

  /** Waits for the source's first finished run (a 9 MB feed takes longer than the harness's 20 s on a busy host). */
  async function firstRun(id: string): Promise<SourceRecord> {
    let record: SourceRecord | null = null;
    await waitFor(
      async () => {
        record = await fetcher.sources.get(id);
        return record?.status.lastFetchAt != null && record.leaseOwner === null;
      },
      { timeoutMs: 110_000, intervalMs: 100, description: `source ${id} to finish its first run` },
    );
    return record as unknown as SourceRecord;
  }

  it('publishes the first FETCH_FEED_MAX_ITEMS of a 100,000-item feed and names the cut on a healthy status', async () => {
    const items = Array.from(
      { length: 100_000 },
      (_, i) =>
        `<item><title>Item ${i}</title><link>${site.url(`/a/${i}`)}</link><guid>g-${i}</guid>` +
        `<description>Figure ${i}: ${i * 7} units</description></item>`,
    );
    const feed = `<?xml version="1.0"?><rss version="2.0"><channel><title>Huge</title>${items.join('')}</channel></rss>`;
    site.routes.set('/huge.xml', (_request, response) =>
      response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(feed),
    );
    const rssBefore = process.memoryUsage().rss;
    const source = await fetcher.add({ kind: 'feed', url: site.url('/huge.xml'), name: 'Huge feed' });
    const { status } = await firstRun(source._id);
    const rssGrowthMb = (process.memoryUsage().rss - rssBefore) / 1024 / 1024;

    expect(status).toMatchObject({ consecutiveErrors: 0, lastError: null, itemsSeen: 500, itemsPublished: 500 });
    expect(status.lastNotice).toBe(
      'feed lists 100000 entries, more than one poll reads: the first 500 were read and the other 99500 left out ' +
        '(FETCH_FEED_MAX_ITEMS=500)',
    );
    const documents = await fetcher.rawDocuments(source._id);
    expect(documents).toHaveLength(500);
    expect(documents[0].feedItem?.title).toBe('Item 0');
    expect(documents[499].feedItem?.title).toBe('Item 499');
    // Loose on purpose (the fetcher shares this process with jest and the harness): before the bound it grew by
    // about 770 MB on this feed.
    expect(rssGrowthMb).toBeLessThan(400);
  });

  it('reads at most FETCH_SITEMAP_MAX_LISTED entries of a sitemap and notes the cut', async () => {
    const entries = Array.from({ length: 100 }, (_, i) => `<url><loc>${site.url(`/s/${i}`)}</loc></url>`).join('');
    site.routes.set('/sitemap.xml', (_request, response) =>
      response
        .writeHead(200, { 'content-type': 'application/xml' })
        .end(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${entries}</urlset>`),
    );
    for (let i = 0; i < 100; i += 1) {
      site.routes.set(`/s/${i}`, (_request, response) =>
        response.writeHead(200, { 'content-type': 'text/html' }).end(`<html><body><p>Page ${i}.</p></body></html>`),
      );
    }
    const source = await fetcher.add({ kind: 'sitemap', url: site.url('/sitemap.xml') });
    const { status } = await firstRun(source._id);
    expect(status).toMatchObject({ consecutiveErrors: 0, itemsPublished: 5 });
    expect(status.lastNotice).toBe(
      'sitemap lists 100 entries, more than one poll reads: the first 40 were read and the other 60 left out ' +
        '(FETCH_SITEMAP_MAX_LISTED=40); 40 pages are new or changed, more than one poll fetches: 5 fetched now, ' +
        'the other 35 on the next polls (FETCH_SITEMAP_MAX_URLS=5)',
    );
  });
});
