import {
  connectMongo,
  observeMongoCommands,
  summarisePlan,
  SourceRepository,
  type SourceRecord,
} from '@inkstream/persistence';
import {
  mongoUriFor,
  postgresSessionsStarted,
  startPrivateStack,
  uniqueName,
  type PrivateStack,
} from '@inkstream/testing';
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

  const claimOne = async (owner: string, now: Date): Promise<SourceRecord | null> =>
    (await sources.claimDue(owner, now, 60_000, 1))[0] ?? null;

  it('leases a due source to one owner, hands it over when the lease expires, and only the holder releases', async () => {
    const source = await sources.add({ kind: 'feed', url: 'https://lease.example/rss', name: 'L' }, t0);
    const claimed = await claimOne('a', at(1));
    expect(claimed).toMatchObject({ _id: source._id, leaseOwner: 'a', runSeq: 1 });
    expect(await claimOne('b', at(2))).toBeNull();

    expect(await sources.renewLease(source._id, 'a', at(90))).toBe(true);
    expect(await claimOne('b', at(70))).toBeNull(); // renewed: still a's
    const takenOver = await claimOne('b', at(91));
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
    expect(await claimOne('c', at(399))).toBeNull(); // not due yet
    expect(await mongo.collection('source_runs').countDocuments({ sourceId: source._id })).toBe(1);
  });

  it('stores the new URL a run reports (a permanent redirect), keeping the id', async () => {
    const source = await sources.add({ kind: 'feed', url: 'https://moved.example/old.xml', name: 'M' }, t0);
    expect((await claimOne('m', at(1)))?._id).toBe(source._id);
    const update = { status: source.status, nextRunAt: at(300), parked: false, url: 'https://moved.example/new.xml' };
    expect(await sources.release(source._id, 'm', update, at(2))).toBe(true);
    expect(await sources.get(source._id)).toMatchObject({ _id: source._id, url: 'https://moved.example/new.xml' });
  });

  it('skips paused and parked sources; resume unparks, resets errors and makes the source due', async () => {
    const paused = await sources.add({ kind: 'page', url: 'https://paused.example/', name: 'P', enabled: false }, t0);
    const parked = await sources.add({ kind: 'page', url: 'https://parked.example/', name: 'Q' }, t0);
    await claimOne('a', at(1));
    await sources.release(
      parked._id,
      'a',
      { status: { ...parked.status, consecutiveErrors: 10 }, nextRunAt: at(5), parked: true },
      at(2),
    );
    expect(await claimOne('a', at(10))).toBeNull();

    const resumed = await sources.setEnabled(parked._id, true, at(20));
    expect(resumed).toMatchObject({ parked: false, nextRunAt: at(20), status: { consecutiveErrors: 0 } });
    expect((await claimOne('a', at(21)))?._id).toBe(parked._id);
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

describe('SourceRepository batch claims (real MongoDB-protocol server)', () => {
  const connections: Connection[] = [];
  const t0 = new Date('2026-11-28T12:00:00Z');
  const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
  let database = '';

  /** One repository per simulated replica, each on a connection of its own. */
  const replica = async (name: string) => {
    const mongo = await connectMongo(mongoUriFor(database), { appName: `claims-${name}` });
    connections.push(mongo);
    const repository = new SourceRepository(mongo);
    await repository.ensureIndexes();
    return { mongo, repository };
  };

  /** `count` feeds, the i-th due at `dueAt(i)`. */
  const addFeeds = async (repository: SourceRepository, prefix: string, count: number, dueAt: (i: number) => Date) => {
    for (let index = 0; index < count; index += 1) {
      const source = await repository.add(
        { kind: 'feed', url: `https://${prefix}.example/${index}.xml`, name: 'F' },
        t0,
      );
      await connections[0]
        .collection('sources')
        .updateOne({ _id: source._id as never }, { $set: { nextRunAt: dueAt(index) } });
    }
  };

  beforeEach(() => {
    database = uniqueName('claims');
  });

  afterEach(async () => {
    await Promise.all(connections.splice(0).map((connection) => connection.close()));
  });

  it('claims many due sources in due order in a bounded number of round trips', async () => {
    const { mongo, repository } = await replica('a');
    await addFeeds(repository, 'batch', 30, (index) => at(100 - index));
    const sent: string[] = [];
    const finds: Array<Record<string, unknown>> = [];
    const stop = observeMongoCommands((observed) => {
      if (observed.database !== mongo.db?.databaseName) return;
      sent.push(Object.keys(observed.command)[0]);
      if ('find' in observed.command) finds.push(observed.command);
    });
    let claimed: SourceRecord[];
    try {
      claimed = await repository.claimDue('a', at(200), 60_000, 20);
    } finally {
      stop();
    }
    expect(claimed).toHaveLength(20);
    expect(claimed.map((source) => source.nextRunAt.getTime())).toEqual(
      [...claimed.map((source) => source.nextRunAt.getTime())].sort((x, y) => x - y),
    );
    expect(claimed[0].nextRunAt).toEqual(at(71));
    expect(claimed.every((source) => source.leaseOwner === 'a' && source.runSeq === 1)).toBe(true);
    expect(sent).toEqual(['find', 'insert', 'update', 'find']);
    // The due read is taken whole, in one batch (no cursor left open: whole-batch.ts).
    expect(finds[0]).toMatchObject({ limit: 20, singleBatch: true });
    expect(finds[0].batchSize).toBeGreaterThanOrEqual(20);
    // The rest, then nothing: leased sources are not due again until their lease expires.
    expect(await repository.claimDue('a', at(200), 60_000, 20)).toHaveLength(10);
    expect(await repository.claimDue('b', at(200), 60_000, 20)).toHaveLength(0);
    expect(await repository.claimDue('b', at(261), 60_000, 50)).toHaveLength(30);
  });

  it('never gives one run of a source to two replicas claiming at the same time', async () => {
    const replicas = await Promise.all(['a', 'b', 'c'].map((name) => replica(name)));
    await addFeeds(replicas[0].repository, 'race', 60, () => at(1));
    const owners = new Map<string, string[]>();
    for (let round = 0; round < 10; round += 1) {
      const batches = await Promise.all(
        replicas.map(({ repository }, index) => repository.claimDue(`r${index}`, at(10), 60_000, 16)),
      );
      batches.forEach((batch, index) => {
        for (const source of batch) owners.set(source._id, [...(owners.get(source._id) ?? []), `r${index}`]);
      });
    }
    expect(owners.size).toBe(60);
    expect([...owners.values()].filter((list) => list.length > 1)).toEqual([]);
    const stored = await replicas[0].mongo.collection('sources').find({}).toArray();
    for (const source of stored) expect(owners.get(String(source._id))).toEqual([source.leaseOwner]);
  });

  it('finds due sources through the claim index and reads claims back by _id', async () => {
    const { mongo, repository } = await replica('a');
    await addFeeds(repository, 'plan', 200, (index) => (index < 10 ? at(1) : at(3600 + index)));
    const sent: Array<{ command: Record<string, unknown> }> = [];
    const stop = observeMongoCommands((observed) => {
      if (observed.database === mongo.db?.databaseName) sent.push(observed);
    });
    try {
      expect(await repository.claimDue('a', at(10), 60_000, 8)).toHaveLength(8);
    } finally {
      stop();
    }
    const finds = sent.map((observed) => observed.command).filter((command) => 'find' in command);
    expect(finds).toHaveLength(2);
    for (const find of finds) {
      const explain = await mongo.db?.command({
        explain: { find: find.find, filter: find.filter, ...(find.sort ? { sort: find.sort } : {}) },
        verbosity: 'queryPlanner',
      });
      const plan = summarisePlan(explain);
      expect({ filter: find.filter, scans: plan.scans }).toEqual({ filter: find.filter, scans: [] });
      expect(plan.indexes.length).toBeGreaterThan(0);
    }
  });
});

// Sessions are counted on a server of this file's own: on the run's shared server, other test files' reads start
// backends in the same window (32 once, in a window of 60 reads that started none).
describe('SourceRepository claim reads on a server of their own (FerretDB on PostgreSQL)', () => {
  let stack: PrivateStack;
  const connections: Connection[] = [];
  const t0 = new Date('2026-11-28T12:00:00Z');
  const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

  beforeAll(async () => {
    stack = await startPrivateStack({ components: ['postgres', 'ferretdb'] });
  }, 120_000);

  afterAll(async () => {
    await Promise.all(connections.splice(0).map((connection) => connection.close()));
    await stack?.stop();
  });

  it('reads due sources without starting a PostgreSQL backend per read (FerretDB keeps its pooled connection)', async () => {
    const mongo = await connectMongo(`${stack.mongoUri}${uniqueName('pool')}`, { appName: 'claims-pool' });
    connections.push(mongo);
    const repository = new SourceRepository(mongo);
    await repository.ensureIndexes();
    for (let index = 0; index < 5; index += 1) {
      const source = await repository.add({ kind: 'feed', url: `https://pool.example/${index}.xml`, name: 'F' }, t0);
      await mongo.collection('sources').updateOne({ _id: source._id as never }, { $set: { nextRunAt: at(3600) } });
    }
    const reads = 60;
    const started = async (read: () => Promise<unknown>) => {
      const before = postgresSessionsStarted(stack.ports.postgres);
      for (let i = 0; i < reads; i += 1) await read();
      // Backends report their start to the statistics at most once a second.
      await new Promise((settled) => setTimeout(settled, 1_500));
      const after = postgresSessionsStarted(stack.ports.postgres);
      return before === null || after === null ? null : after - before;
    };
    // Nothing is due: the read every idle claim loop makes, over and over.
    const claims = await started(() => repository.claimDue('a', at(10), 60_000, 16));
    // The same sorted, limited read with a cursor: how DocumentDB and FerretDB 2 treat it (a backend per read).
    const sources = mongo.collection('sources');
    const withCursor = await started(() =>
      sources
        .find({ nextRunAt: { $lte: at(10) } })
        .sort({ nextRunAt: 1 })
        .limit(16)
        .toArray(),
    );
    expect(await repository.claimDue('a', at(3601), 60_000, 16)).toHaveLength(5);
    expect(withCursor).toBeGreaterThanOrEqual(reads / 2);
    // The server is this test's alone: pg_cron's job may start a session in the window, the reads none.
    expect(claims).toBeLessThan(reads / 6);
  });
});
