// An operator edits a source the fetcher has polled: what it has seen must survive, so the next poll republishes
// nothing and fetches no item page again; and every poll lands in the source's history.
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
    await site.start();
    await fetcher.start();
  });

  afterAll(async () => {
    await fetcher.stop();
    await site.stop();
  });

  it('keeps seen items through an edit of interval, full-text mode, tags and name: nothing is republished', async () => {
    const source = await fetcher.add({ kind: 'feed', url: site.url('/feed.xml'), name: 'Ledger' });
    const first = await fetcher.settled(source._id);
    expect(first.status).toMatchObject({ itemsSeen: 3, itemsPublished: 3 });
    expect(await fetcher.sources.countSeen(source._id)).toBe(3);

    const edited = await fetcher.sources.edit(
      source._id,
      { pollIntervalSeconds: 600, fullText: true, tags: ['world'], name: 'The Ledger' },
      new Date(),
    );
    expect(edited).toMatchObject({ pollIntervalSeconds: 600, fullText: true, status: { itemsSeen: 3 } });

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
});
