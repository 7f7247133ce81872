import { connectMongo, SourceRepository } from '@inkstream/persistence';
import { mongoUriFor, uniqueName } from '@inkstream/testing';
import type { Connection } from 'mongoose';

describe('SourceRepository (real MongoDB-protocol server)', () => {
  let mongo: Connection;
  let sources: SourceRepository;
  const t0 = new Date('2026-11-28T12:00:00Z');
  const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

  beforeAll(async () => {
    mongo = await connectMongo(mongoUriFor(uniqueName('sources')), { appName: 'sources-test' });
    sources = new SourceRepository(mongo);
    await sources.ensureIndexes();
  });

  afterAll(async () => {
    await mongo?.close();
  });

  it('leases a due source to one owner, hands it over when the lease expires, and only the holder releases', async () => {
    const source = await sources.add({ kind: 'feed', url: 'https://lease.example/rss', name: 'L' }, t0);
    const claimed = await sources.claimDue('a', at(1), 60_000);
    expect(claimed).toMatchObject({ _id: source._id, leaseOwner: 'a', runSeq: 1 });
    expect(await sources.claimDue('b', at(2), 60_000)).toBeNull();

    expect(await sources.renewLease(source._id, 'a', at(90))).toBe(true);
    expect(await sources.claimDue('b', at(70), 60_000)).toBeNull(); // renewed: still a's
    const takenOver = await sources.claimDue('b', at(91), 60_000);
    expect(takenOver).toMatchObject({ leaseOwner: 'b', runSeq: 2 });

    const update = { status: { ...source.status, itemsSeen: 9 }, nextRunAt: at(400), parked: false };
    expect(await sources.release(source._id, 'a', update, at(92))).toBe(false); // a's run was taken over
    expect(await sources.renewLease(source._id, 'a', at(200))).toBe(false);
    expect(await sources.release(source._id, 'b', update, at(93))).toBe(true);
    expect(await sources.get(source._id)).toMatchObject({
      leaseOwner: null,
      leaseUntil: null,
      nextRunAt: at(400),
      status: { itemsSeen: 9 },
    });
    expect(await sources.claimDue('c', at(399), 60_000)).toBeNull(); // not due yet
    expect(await mongo.collection('source_runs').countDocuments({ sourceId: source._id })).toBe(1);
  });

  it('skips paused and parked sources; resume unparks, resets errors and makes the source due', async () => {
    const paused = await sources.add({ kind: 'page', url: 'https://paused.example/', name: 'P', enabled: false }, t0);
    const parked = await sources.add({ kind: 'page', url: 'https://parked.example/', name: 'Q' }, t0);
    await sources.claimDue('a', at(1), 60_000);
    await sources.release(
      parked._id,
      'a',
      { status: { ...parked.status, consecutiveErrors: 10 }, nextRunAt: at(5), parked: true },
      at(2),
    );
    expect(await sources.claimDue('a', at(10), 60_000)).toBeNull();

    const resumed = await sources.setEnabled(parked._id, true, at(20));
    expect(resumed).toMatchObject({ parked: false, nextRunAt: at(20), status: { consecutiveErrors: 0 } });
    expect((await sources.claimDue('a', at(21), 60_000))?._id).toBe(parked._id);
    expect(await sources.setEnabled(paused._id, false, at(22))).toMatchObject({ enabled: false });
    expect(await sources.fetchNow('missing', at(23))).toBeNull();
  });

  it('remembers seen items per source and forgets them with the source', async () => {
    const source = await sources.add({ kind: 'drop', url: 'file:///srv/drop/', name: 'D' }, t0);
    const other = await sources.add({ kind: 'drop', url: 'file:///srv/other/', name: 'E' }, t0);
    await sources.recordSeen(source._id, [{ itemKey: 'file:a.txt', contentHash: 'h1', stamp: '1:1' }], at(1));
    await sources.recordSeen(
      source._id,
      [
        { itemKey: 'file:a.txt', contentHash: 'h2', stamp: '2:2' },
        { itemKey: 'file:b.txt', contentHash: 'h3' },
      ],
      at(2),
    );
    await sources.recordSeen(other._id, [{ itemKey: 'file:a.txt', contentHash: 'x' }], at(2));
    const seen = await sources.seenItems(source._id, ['file:a.txt', 'file:b.txt', 'file:c.txt']);
    expect([...seen.values()]).toEqual([
      { itemKey: 'file:a.txt', contentHash: 'h2', stamp: '2:2' },
      { itemKey: 'file:b.txt', contentHash: 'h3', stamp: null },
    ]);
    expect(await sources.countSeen(source._id)).toBe(2);
    expect(await sources.remove(source._id)).toBe(true);
    expect(await sources.countSeen(source._id)).toBe(0);
    expect(await sources.countSeen(other._id)).toBe(1);
    expect(await sources.remove(source._id)).toBe(false);
  });
});
