// An operator's tools for many sources, against the real MongoDB-protocol server: bulk add, edit, the paged and
// filtered listing (every query shape held to an index seek) and the poll history the fetcher writes.
import {
  connectMongo,
  decodeSourceCursor,
  MAX_SOURCE_POLLS,
  observeMongoCommands,
  queriesOf,
  sourceRecordFrom,
  SourceEditError,
  SourceRepository,
  summarisePlan,
  type ObservedCommand,
  type SourceListFilter,
  type SourceRecord,
  type SourceSort,
} from '@inkstream/persistence';
import { mongoUriFor, uniqueName } from '@inkstream/testing';
import type { Connection } from 'mongoose';
import { ZodError } from 'zod';

const t0 = new Date('2026-12-06T09:00:00Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

describe('SourceRepository: operator tools (real MongoDB-protocol server)', () => {
  const connections: Connection[] = [];
  const open = async (name: string) => {
    const mongo = await connectMongo(mongoUriFor(uniqueName(name)), { appName: `sources-ops-${name}` });
    connections.push(mongo);
    const sources = new SourceRepository(mongo);
    await sources.ensureIndexes();
    return { mongo, sources };
  };

  afterAll(async () => {
    await Promise.all(connections.map((connection) => connection.close()));
  });

  it('adds many sources in one insert, each with its outcome: added, existing or refused with the reason', async () => {
    const { mongo, sources } = await open('bulk');
    await sources.add({ kind: 'feed', url: 'https://old.example/rss', name: 'Old' }, t0);
    const inserts: string[] = [];
    const stop = observeMongoCommands((observed) => {
      if (observed.database === mongo.db?.databaseName && 'insert' in observed.command) inserts.push('insert');
    });
    let results;
    try {
      results = await sources.addMany(
        [
          { kind: 'feed', url: 'https://a.example/rss', name: 'A', tags: ['x'] },
          { kind: 'feed', url: 'https://old.example/rss', name: 'Old again' },
          { kind: 'feed', url: 'not a url', name: 'Bad' },
          { kind: 'page', url: 'https://b.example/', name: 'B', fullText: true },
          { kind: 'feed', url: 'https://a.example/rss', name: 'A twice in one list' },
          { kind: 'sitemap', url: 'https://c.example/sitemap.xml', name: 'C', pollIntervalSeconds: 600 },
        ],
        t0,
      );
    } finally {
      stop();
    }
    expect(inserts).toEqual(['insert']);
    expect(results.map((result) => [result.index, result.outcome])).toEqual([
      [0, 'added'],
      [1, 'existing'],
      [2, 'refused'],
      [3, 'refused'],
      [4, 'existing'],
      [5, 'added'],
    ]);
    expect(results[2]).toMatchObject({ url: 'not a url', reason: 'url: must be an absolute URL' });
    expect(results[3]).toMatchObject({ reason: 'fullText: full-text mode applies to feed sources only' });
    expect(await sources.get(results[5].outcome === 'added' ? results[5].id : '')).toMatchObject({
      kind: 'sitemap',
      pollIntervalSeconds: 600,
      host: 'c.example',
    });
    expect((await sources.page({}, { sort: 'name', limit: 10 }, t0)).total).toBe(3);
  });

  it('edits interval, full-text mode, tags and name and keeps seen items, validators and the run sequence', async () => {
    const { sources } = await open('edit');
    const feed = await sources.add({ kind: 'feed', url: 'https://edit.example/rss', name: 'Edit', tags: ['a'] }, t0);
    const claimed = (await sources.claimDue('f', at(1), 60_000, 1))[0];
    const status = { ...feed.status, etag: '"v1"', itemsSeen: 2, itemsPublished: 2, lastFetchAt: at(1) };
    await sources.release(feed._id, 'f', { status, nextRunAt: at(3601), parked: false }, at(2));
    await sources.recordSeen(
      feed._id,
      [
        { itemKey: 'guid:1', contentHash: 'h1' },
        { itemKey: 'guid:2', contentHash: 'h2' },
      ],
      at(2),
    );

    const edited = await sources.edit(
      feed._id,
      { pollIntervalSeconds: 120, fullText: true, tags: ['World'], name: 'Edited News' },
      at(10),
    );
    expect(edited).toMatchObject({
      pollIntervalSeconds: 120,
      fullText: true,
      tags: ['World'],
      name: 'Edited News',
      runSeq: claimed.runSeq,
      // A shorter interval takes effect now, not after the hour the last poll scheduled.
      nextRunAt: at(130),
      status: { etag: '"v1"', itemsSeen: 2, itemsPublished: 2 },
    });
    expect(edited?.terms).toEqual(expect.arrayContaining(['edited', 'news', 'world']));
    expect(await sources.countSeen(feed._id)).toBe(2);
    const seen = await sources.seenItems(feed._id, ['guid:1', 'guid:2']);
    expect([...seen.keys()]).toEqual(['guid:1', 'guid:2']);
    // A longer interval leaves the next run where it is.
    expect((await sources.edit(feed._id, { pollIntervalSeconds: 7200 }, at(11)))?.nextRunAt).toEqual(at(130));

    const page = await sources.add({ kind: 'page', url: 'https://edit.example/page', name: 'P' }, t0);
    await expect(sources.edit(page._id, { fullText: true }, at(12))).rejects.toThrow(SourceEditError);
    await expect(sources.edit(feed._id, { pollInterval: 5 } as never, at(12))).rejects.toThrow(ZodError);
    await expect(sources.edit(feed._id, {}, at(12))).rejects.toThrow(/at least one field/);
    expect(await sources.edit('src_missing', { name: 'x' }, at(12))).toBeNull();
  });

  it('keeps the last polls with duration and lateness, and moves the host with a permanent redirect', async () => {
    const { sources } = await open('history');
    const feed = await sources.add({ kind: 'feed', url: 'https://h.example/rss', name: 'H' }, t0);
    for (let run = 0; run < MAX_SOURCE_POLLS + 3; run += 1) {
      const start = at(run * 100);
      await sources.claimDue('f', start, 60_000, 1);
      const poll = {
        at: start,
        outcome: 'ok' as const,
        httpStatus: 200,
        latenessMs: run,
        published: 0,
        error: null,
      };
      const moved = run === MAX_SOURCE_POLLS + 2 ? { url: 'https://moved.example/rss' } : {};
      const update = { status: feed.status, nextRunAt: at(run * 100 + 50), parked: false, poll, ...moved };
      expect(await sources.release(feed._id, 'f', update, new Date(start.getTime() + 250))).toBe(true);
    }
    const stored = await sources.get(feed._id);
    expect(stored?.polls).toHaveLength(MAX_SOURCE_POLLS);
    expect(stored?.polls?.[0]).toEqual({
      at: at(300),
      durationMs: 250,
      outcome: 'ok',
      httpStatus: 200,
      latenessMs: 3,
      published: 0,
      error: null,
    });
    expect(stored?.polls?.at(-1)?.latenessMs).toBe(MAX_SOURCE_POLLS + 2);
    expect(stored).toMatchObject({ url: 'https://moved.example/rss', host: 'moved.example' });
    expect(stored?.terms).toContain('moved');
    // The listing leaves histories out.
    expect((await sources.page({}, { sort: 'name', limit: 5 }, t0)).sources[0].polls).toBeUndefined();
  });

  it('gives records from before the listing fields their host and terms', async () => {
    const { mongo, sources } = await open('backfill');
    const {
      host: _host,
      terms: _terms,
      polls: _polls,
      ...old
    } = sourceRecordFrom({ kind: 'feed', url: 'https://legacy.example/rss', name: 'Legacy Times' }, t0);
    await mongo.collection('sources').insertOne(old as never);
    await sources.ensureIndexes();
    const found = await sources.page({ host: 'legacy.example', q: 'times' }, { sort: 'name', limit: 5 }, t0);
    expect(found.sources.map((source) => source.name)).toEqual(['Legacy Times']);
  });

  describe('the listing', () => {
    let mongo: Connection;
    let sources: SourceRepository;
    const COUNT = 2_000;
    let all: SourceRecord[];

    /** Many sources of few hosts, names and run times (ties everywhere), in every state. */
    beforeAll(async () => {
      ({ mongo, sources } = await open('listing'));
      const records = Array.from({ length: COUNT }, (_unused, index) => {
        const record = sourceRecordFrom(
          {
            kind: index % 10 === 0 ? 'page' : 'feed',
            url: `https://origin${index % 10}.example:${8000 + (index % 3)}/feed/${index}.xml`,
            name: `Feed ${index % 37} ${index % 2 ? 'Daily' : 'Weekly'}`,
            tags: index % 5 === 0 ? ['world'] : [],
            enabled: index % 11 !== 0,
          },
          t0,
        );
        const failing = index % 7 === 0;
        return {
          ...record,
          parked: index % 13 === 0,
          nextRunAt: at((index % 20) * 30 - 300),
          status: {
            ...record.status,
            consecutiveErrors: failing ? 2 : 0,
            lastFetchAt: index % 4 === 0 ? null : at(-(index % 9) * 60),
          },
        };
      });
      await mongo.collection('sources').insertMany(records as never[]);
      all = records;
    });

    const now = at(0);
    const expected = (filter: (source: SourceRecord) => boolean, sort: SourceSort): string[] => {
      const key = (source: SourceRecord): number | string =>
        sort === 'name'
          ? source.name
          : sort === 'lateness'
            ? source.nextRunAt.getTime()
            : -(source.status.lastFetchAt?.getTime() ?? -Infinity);
      return all
        .filter(filter)
        .sort((a, b) => {
          const [x, y] = [key(a), key(b)];
          if (x !== y) return x < y ? -1 : 1;
          return a._id < b._id ? -1 : 1;
        })
        .map((source) => source._id);
    };
    const readAll = async (filter: SourceListFilter, sort: SourceSort, limit: number) => {
      const ids: string[] = [];
      let cursor: string | null = null;
      let total = -1;
      do {
        const page = await sources.page(
          filter,
          { sort, limit, cursor: cursor ? decodeSourceCursor(cursor) : undefined },
          now,
        );
        expect(page.sources.length).toBeLessThanOrEqual(limit);
        ids.push(...page.sources.map((source) => source._id));
        total = page.total;
        cursor = page.nextCursor;
      } while (cursor);
      return { ids, total };
    };

    it('pages through every sort order without overlap or gap, ties broken by id', async () => {
      for (const sort of ['lateness', 'name', 'lastFetch'] as const) {
        const { ids, total } = await readAll({}, sort, 150);
        expect(total).toBe(COUNT);
        expect(ids).toEqual(expected(() => true, sort));
      }
    });

    it('filters by state, host, words, tag and kind, and counts the matches', async () => {
      const ok = (source: SourceRecord) => source.enabled && !source.parked;
      const cases: Array<[SourceListFilter, (source: SourceRecord) => boolean]> = [
        [{ state: 'paused' }, (source) => !source.enabled],
        [{ state: 'parked' }, (source) => source.enabled && source.parked],
        [{ state: 'failing' }, (source) => ok(source) && source.status.consecutiveErrors > 0],
        [{ state: 'ok' }, (source) => ok(source) && source.status.consecutiveErrors === 0],
        [{ state: 'due' }, (source) => ok(source) && source.nextRunAt <= now],
        [{ host: 'ORIGIN3.example' }, (source) => source.host === 'origin3.example'],
        [{ q: 'feed 12 daily' }, (source) => source.name === 'Feed 12 Daily'],
        [{ q: 'dai orig' }, (source) => source.name.endsWith('Daily')],
        [
          { state: 'due', tag: 'world', kind: 'page' },
          (source) => ok(source) && source.nextRunAt <= now && source.tags.includes('world') && source.kind === 'page',
        ],
      ];
      for (const [filter, predicate] of cases) {
        const want = expected(predicate, 'lateness');
        expect(want.length).toBeGreaterThan(0);
        const { ids, total } = await readAll(filter, 'lateness', 97);
        expect({ filter, ids, total }).toEqual({ filter, ids: want, total: want.length });
      }
    });

    it('reads every page through an index, whatever the filter and sort', async () => {
      const sent: ObservedCommand[] = [];
      const stop = observeMongoCommands((observed) => {
        if (observed.database === mongo.db?.databaseName) sent.push(observed);
      });
      try {
        for (const sort of ['lateness', 'name', 'lastFetch'] as const) {
          for (const filter of [
            {},
            { state: 'failing' },
            { state: 'due' },
            { state: 'paused' },
            { state: 'parked' },
            { host: 'origin1.example' },
            { q: 'daily' },
            { tag: 'world' },
          ] as SourceListFilter[]) {
            const first = await sources.page(filter, { sort, limit: 20 }, now);
            if (first.nextCursor) {
              await sources.page(filter, { sort, limit: 20, cursor: decodeSourceCursor(first.nextCursor) }, now);
            }
          }
        }
      } finally {
        stop();
      }
      // An unfiltered total is estimatedDocumentCount: collection metadata, not a query.
      const queries = sent
        .flatMap((observed) => queriesOf(observed.command))
        .filter((query) => query.command !== 'count' || Object.keys(query.filter).length > 0);
      expect(queries.length).toBeGreaterThan(40);
      const unindexed: unknown[] = [];
      for (const query of queries) {
        const explain = await mongo.db?.command({
          explain: { find: query.collection, filter: query.filter, ...(query.sort ? { sort: query.sort } : {}) },
          verbosity: 'queryPlanner',
        });
        const plan = summarisePlan(explain);
        if (plan.scans.length > 0 || plan.indexes.length === 0) unindexed.push({ query, scans: plan.scans });
      }
      expect(unindexed).toEqual([]);
    });
  });
});
