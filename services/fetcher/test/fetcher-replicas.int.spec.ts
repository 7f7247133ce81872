import { waitFor } from '@inkstream/testing';
import { FetcherFixture, fetcherTestEnv, TestSite } from './fetcher-harness';

describe('two fetcher replicas on one database', () => {
  const site = new TestSite();
  const fetcher = new FetcherFixture(fetcherTestEnv('fetcher-replicas', { FETCHER_CONCURRENCY: '8' }));
  const paths = Array.from({ length: 50 }, (_, index) => `/page/${index}`);

  beforeAll(async () => {
    site.routes.set('/robots.txt', (_request, response) => response.writeHead(404).end());
    for (const path of paths) {
      site.routes.set(path, (_request, response) =>
        // A little latency so the two replicas' runs overlap.
        setTimeout(() => response.writeHead(200, { 'content-type': 'text/html' }).end(`<p>${path}</p>`), 20),
      );
    }
    await site.start();
    await fetcher.start(2, (index) => ({ FETCHER_OWNER_ID: `replica-${index}` }));
  });

  afterAll(async () => {
    await fetcher.stop();
    await site.stop();
  });

  it('fetches every due source exactly once between them', async () => {
    // Added while both schedulers poll: they race for the same due sources.
    const sources = await Promise.all(paths.map((path) => fetcher.add({ kind: 'page', url: site.url(path) })));
    for (const source of sources) await fetcher.settled(source._id);

    expect(paths.map((path) => site.count(path))).toEqual(paths.map(() => 1));
    const documents = await fetcher.rawDocuments();
    expect(documents).toHaveLength(50);
    expect(new Set(documents.map((document) => document.url)).size).toBe(50);
    // Both replicas did a share of the work (each run's claim names its owner).
    const owners = await fetcher.mongo.collection('source_runs').distinct('owner');
    expect(owners.sort()).toEqual(['replica-0', 'replica-1']);
  });

  it('on shutdown finishes the run in flight and releases its lease', async () => {
    site.routes.set('/slow-page', (_request, response) =>
      setTimeout(() => response.writeHead(200, { 'content-type': 'text/html' }).end('<p>slow</p>'), 400),
    );
    const source = await fetcher.add({ kind: 'page', url: site.url('/slow-page') });
    await waitFor(async () => (await fetcher.sources.get(source._id))?.leaseOwner, { intervalMs: 10 });
    await Promise.all(fetcher.services.map((service) => service.stop()));
    expect(await fetcher.sources.get(source._id)).toMatchObject({
      leaseOwner: null,
      status: { lastHttpStatus: 200, itemsPublished: 1 },
    });
  });
});
