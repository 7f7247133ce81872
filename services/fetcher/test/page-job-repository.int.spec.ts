import { connectMongo, PageJobRepository, type NewPageJob } from '@inkstream/persistence';
import { mongoUriFor, uniqueName } from '@inkstream/testing';
import type { Connection } from 'mongoose';

describe('PageJobRepository (real MongoDB-protocol server)', () => {
  let mongo: Connection;
  let pages: PageJobRepository;
  const t0 = new Date('2026-11-28T12:00:00Z');
  const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
  const job = (n: number, contentHash = 'sha256:a'): NewPageJob => ({
    source: { id: 'src_a', name: 'A', kind: 'feed', url: 'https://a.example/rss', sites: [], allowListed: false },
    traceId: 'trace-1',
    url: `https://a.example/${n}`,
    itemKey: `guid:${n}`,
    contentHash,
    fallback: {
      url: `https://a.example/${n}`,
      content: `teaser ${n}`,
      contentType: 'text/html; charset=utf-8',
      feedItem: { guid: `${n}`, title: `T${n}`, author: null, publishedAt: null, categories: [], feedTitle: 'A' },
      isUpdate: false,
    },
  });

  beforeAll(async () => {
    mongo = await connectMongo(mongoUriFor(uniqueName('page-jobs')), { appName: 'page-jobs-test' });
    pages = new PageJobRepository(mongo);
    await pages.ensureIndexes();
  });

  afterAll(async () => {
    await mongo?.close();
  });

  it('queues an item version once, however often it is enqueued; a changed item is a new job', async () => {
    expect(await pages.enqueue([job(1), job(2)], t0)).toBe(2);
    expect(await pages.enqueue([job(1), job(2), job(2, 'sha256:b')], t0)).toBe(1);
    expect(await pages.countQueued('src_a')).toBe(3);
  });

  it('leases each job to one of two owners claiming at once, hands it over when the lease lapses, and only the holder completes it', async () => {
    const [first, second] = await Promise.all([
      pages.claimDue('one', at(1), 10_000, 10),
      pages.claimDue('two', at(1), 10_000, 10),
    ]);
    const ids = [...first, ...second].map((claimed) => claimed._id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(3);
    expect(await pages.claimDue('three', at(5), 10_000, 10)).toEqual([]);

    // The holders die: their leases lapse and another owner takes the jobs, the page and its fallback intact.
    const taken = await pages.claimDue('three', at(12), 10_000, 10);
    expect(taken).toHaveLength(3);
    expect(taken[0]).toMatchObject({ leaseOwner: 'three', attempts: 0, fallback: { feedItem: { feedTitle: 'A' } } });
    expect(await pages.complete(taken[0]._id, 'one')).toBe(false);
    expect(await pages.complete(taken[0]._id, 'three')).toBe(true);

    // Handed back for later with a failed attempt counted: not due before then.
    expect(await pages.retryLater(taken[1]._id, 'three', at(100), true)).toBe(true);
    expect(await pages.retryLater(taken[2]._id, 'three', at(12), false)).toBe(true);
    const due = await pages.claimDue('four', at(13), 10_000, 10);
    expect(due.map((claimed) => claimed._id)).toEqual([taken[2]._id]);
    expect(await pages.complete(taken[2]._id, 'four')).toBe(true);
    const later = await pages.claimDue('four', at(100), 10_000, 10);
    expect(later).toEqual([expect.objectContaining({ _id: taken[1]._id, attempts: 1 })]);
    expect(await pages.countQueued()).toBe(1);
  });
});
