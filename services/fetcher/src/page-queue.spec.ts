import type { RawDocument } from '@inkstream/contracts';
import { FetchError, type FetchRequest, type FetchResponse } from '@inkstream/fetching';
import { createLogger } from '@inkstream/observability';
import type { PageJobRecord, PageJobRepository } from '@inkstream/persistence';
import { Registry } from 'prom-client';
import { FetcherMetrics } from './fetcher-metrics';
import { PageQueue, type PageQueueDeps } from './page-queue';

const page = (url: string): FetchResponse => ({
  url,
  finalUrl: url,
  status: 200,
  notModified: false,
  contentType: 'text/html',
  etag: null,
  lastModified: null,
  body: Buffer.from('<p>The whole story.</p>'),
  crawlDelaySeconds: null,
  cacheMaxAgeSeconds: null,
  movedPermanentlyTo: null,
});

const job = (n: number, attempts = 0): PageJobRecord => ({
  _id: `src_a:${n}`,
  sourceId: 'src_a',
  source: { id: 'src_a', name: 'A', kind: 'feed', url: 'https://a.example/rss', sites: [], allowListed: false },
  traceId: 'trace-1',
  url: `https://a.example/${n}`,
  itemKey: `guid:${n}`,
  contentHash: 'sha256:a',
  fallback: {
    url: `https://a.example/${n}`,
    content: `teaser ${n}`,
    contentType: 'text/html; charset=utf-8',
    feedItem: { guid: `${n}`, title: `T${n}`, author: null, publishedAt: null, categories: [], feedTitle: 'A' },
    isUpdate: false,
  },
  dueAt: new Date(),
  attempts,
  leaseOwner: 'test',
  leaseUntil: new Date(Date.now() + 60_000),
  leaseSeq: 1,
  leaseToken: 't',
  createdAt: new Date(),
});

/** A queue over stand-ins (the repository is tested on the real server in test/page-job-repository.int.spec.ts). */
function queueOver(jobs: PageJobRecord[], fetch: (req: FetchRequest) => Promise<FetchResponse>, publishFails = false) {
  const published: RawDocument[] = [];
  const completed: string[] = [];
  const handedBack: Array<{ id: string; inMs: number; failed: boolean }> = [];
  let settle!: () => void;
  const settled = new Promise<void>((resolve) => (settle = resolve));
  const done = () => {
    if (completed.length + handedBack.length === jobs.length) settle();
  };
  const pending = [jobs];
  const metrics = new FetcherMetrics(new Registry());
  const deps = {
    http: { fetch },
    pages: {
      claimDue: async () => pending.shift() ?? [],
      renewLease: async () => true,
      complete: async (id: string) => {
        completed.push(id);
        done();
        return true;
      },
      retryLater: async (id: string, _owner: string, dueAt: Date, failed: boolean) => {
        handedBack.push({ id, inMs: dueAt.getTime() - Date.now(), failed });
        done();
        return true;
      },
    } as unknown as PageJobRepository,
    publish: async (documents: RawDocument[]) => {
      if (publishFails) throw new Error('Kafka unavailable');
      published.push(...documents);
    },
    documentLimits: { gzipThresholdBytes: 100_000, maxContentBytes: 200_000 },
  } as unknown as PageQueueDeps;
  const queue = new PageQueue(
    deps,
    {
      ownerId: 'test',
      concurrency: 4,
      claimIntervalMs: 10,
      leaseMs: 60_000,
      stopGraceMs: 50,
      retry: { maxAttempts: 3, baseDelayMs: 30_000 },
    },
    createLogger('test', 'silent'),
    metrics,
  );
  return { queue, published, completed, handedBack, settled, metrics };
}

describe('PageQueue', () => {
  it('publishes a page with its feed item, and the feed text for a page that cannot be had', async () => {
    const { queue, published, completed, settled, metrics } = queueOver([job(1), job(2)], async (req) => {
      if (req.url.endsWith('/2')) throw new FetchError('http', 'HTTP 404 from https://a.example/2', { status: 404 });
      return page(req.url);
    });
    queue.start();
    await settled;
    await queue.stop();
    expect(completed.sort()).toEqual(['src_a:1', 'src_a:2']);
    const byUrl = new Map(published.map((document) => [document.url, document]));
    expect(byUrl.get('https://a.example/1')).toMatchObject({
      fetchedFrom: 'https://a.example/1',
      content: '<p>The whole story.</p>',
      feedItem: { title: 'T1', feedTitle: 'A' },
      traceId: 'trace-1',
    });
    expect(byUrl.get('https://a.example/2')).toMatchObject({ fetchedFrom: null, content: 'teaser 2' });
    const countedByKind = await metrics.published.get();
    expect(countedByKind.values).toEqual([expect.objectContaining({ labels: { kind: 'feed' }, value: 2 })]);
  });

  it("waits out an origin's Retry-After uncounted, retries a transient failure counted, then falls back", async () => {
    const { queue, published, completed, handedBack, settled } = queueOver([job(1), job(2), job(3, 2)], async (req) => {
      if (req.url.endsWith('/1')) throw new FetchError('deferred', 'asked to wait', { retryAfterSeconds: 120 });
      throw new FetchError('timeout', `${req.url}: timed out`, { transient: true });
    });
    queue.start();
    await settled;
    await queue.stop();
    const back = new Map(handedBack.map((entry) => [entry.id, entry]));
    expect(back.get('src_a:1')).toMatchObject({ failed: false });
    expect(back.get('src_a:1')?.inMs).toBeGreaterThan(110_000);
    expect(back.get('src_a:2')).toMatchObject({ failed: true });
    expect(back.get('src_a:2')?.inMs).toBeGreaterThan(25_000);
    // Its third failure: the feed's own text instead.
    expect(completed).toEqual(['src_a:3']);
    expect(published.map((document) => document.content)).toEqual(['teaser 3']);
  });

  it('hands a job back uncounted when Kafka fails, and at once when stopped mid-fetch', async () => {
    const failing = queueOver([job(1)], async (req) => page(req.url), true);
    failing.queue.start();
    await failing.settled;
    await failing.queue.stop();
    expect(failing.completed).toEqual([]);
    expect(failing.handedBack).toEqual([expect.objectContaining({ id: 'src_a:1', failed: false })]);
    expect(failing.handedBack[0].inMs).toBeGreaterThan(10_000);

    const hanging = queueOver(
      [job(2)],
      (req) =>
        new Promise((_resolve, reject) =>
          req.signal?.addEventListener('abort', () => reject(req.signal?.reason), { once: true }),
        ),
    );
    hanging.queue.start();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await hanging.queue.stop();
    expect(hanging.handedBack).toEqual([expect.objectContaining({ id: 'src_a:2', failed: false })]);
    expect(hanging.handedBack[0].inMs).toBeLessThanOrEqual(0);
  });
});
