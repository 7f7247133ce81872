import {
  sourceCursorAfter,
  sourceEditSchema,
  SourceEditError,
  sourceLimitProblems,
  sourceLimitsOf,
  sourceRecordFrom,
  SourceExistsError,
  sourceStateOf,
  type BulkAddResult,
  type SourceListFilter,
  type SourceRecord,
} from '@inkstream/persistence';
import { Command } from 'commander';
import { ZodError } from 'zod';
import { registerSourcesCommand, type SourcesIo, type SourcesStore } from './sources';

/**
 * The repository's contract in memory (validation is the real one, from sourceRecordFrom and sourceEditSchema); the
 * listing orders by name only and filters by tag, kind and state: the real query is tested against the database.
 */
function memoryStore(): SourcesStore & { records: Map<string, SourceRecord>; filters: SourceListFilter[] } {
  const records = new Map<string, SourceRecord>();
  const filters: SourceListFilter[] = [];
  return {
    records,
    filters,
    addMany: async (inputs, now) =>
      inputs.map((input, index): BulkAddResult => {
        try {
          const record = sourceRecordFrom(input, now);
          if (records.has(record._id)) return { index, url: record.url, outcome: 'existing', id: record._id };
          records.set(record._id, record);
          return { index, url: record.url, outcome: 'added', id: record._id };
        } catch (error) {
          return { index, url: input.url, outcome: 'refused', reason: (error as ZodError).issues[0].message };
        }
      }),
    page: async (filter, options) => {
      filters.push(filter);
      const matching = [...records.values()]
        .filter(
          (r) =>
            (!filter.tag || r.tags.includes(filter.tag)) &&
            (!filter.kind || r.kind === filter.kind) &&
            (!filter.state || sourceStateOf(r) === filter.state),
        )
        .sort((a, b) => a.name.localeCompare(b.name) || a._id.localeCompare(b._id));
      const start = options.cursor ? matching.findIndex((r) => r._id === options.cursor?.id) + 1 : 0;
      const sources = matching.slice(start, start + options.limit);
      const more = start + options.limit < matching.length;
      return {
        sources,
        nextCursor: more ? sourceCursorAfter(sources[sources.length - 1], options.sort) : null,
        total: matching.length,
      };
    },
    edit: async (id, input, now) => {
      const edit = sourceEditSchema.parse(input);
      const record = records.get(id);
      if (!record) return null;
      if (edit.fullText && record.kind !== 'feed') throw new SourceEditError('fullText: feeds only');
      const problems = sourceLimitProblems(record.kind, sourceLimitsOf({ ...record, ...edit }));
      if (problems.length > 0) throw new SourceEditError(`${problems[0].field}: ${problems[0].message}`);
      Object.assign(record, edit, { updatedAt: now });
      return record;
    },
    add: async (input, now) => {
      const record = sourceRecordFrom(input, now);
      if (records.has(record._id)) throw new SourceExistsError(`a source with id ${record._id} already exists`);
      records.set(record._id, record);
      return record;
    },
    list: async (filter = {}) =>
      [...records.values()].filter(
        (r) => (!filter.tag || r.tags.includes(filter.tag)) && (!filter.kind || r.kind === filter.kind),
      ),
    get: async (id) => records.get(id) ?? null,
    setEnabled: async (id, enabled, now) => {
      const record = records.get(id);
      if (!record) return null;
      Object.assign(record, { enabled }, enabled ? { parked: false, nextRunAt: now } : {});
      return record;
    },
    remove: async (id) => records.delete(id),
  };
}

async function run(args: string[], store = memoryStore(), files: Record<string, string> = {}) {
  const lines: string[] = [];
  const notes: string[] = [];
  const io: SourcesIo = {
    store,
    writeLine: (line) => lines.push(line),
    writeNote: (line) => notes.push(line),
    readInput: async (path) => Buffer.from(files[path] ?? ''),
    now: () => new Date('2026-11-28T12:00:00Z'),
  };
  const program = new Command('inkstream').exitOverride().configureOutput({ writeErr: () => undefined });
  registerSourcesCommand(program, async (body) => void (await body(io)));
  let error: Error | null = null;
  try {
    await program.parseAsync(['node', 'inkstream', 'sources', ...args]);
  } catch (caught) {
    error = caught as Error;
  }
  return { lines, notes, store, error };
}

describe('inkstream sources', () => {
  it('adds a feed with interval, repeated tags and full-text mode', async () => {
    const { store, lines, error } = await run([
      'add',
      '--kind',
      'feed',
      '--url',
      'https://www.arabnews.com/rss.xml',
      '--name',
      'Arab News',
      '--interval',
      '300',
      '--tag',
      'world',
      '--tag',
      'mena',
      '--full-text',
    ]);
    expect(error).toBeNull();
    const [record] = store.records.values();
    expect(record).toMatchObject({
      kind: 'feed',
      url: 'https://www.arabnews.com/rss.xml',
      name: 'Arab News',
      pollIntervalSeconds: 300,
      tags: ['world', 'mena'],
      fullText: true,
      allowListed: false,
      enabled: true,
      parked: false,
    });
    expect(lines).toEqual([`added ${record._id} (feed https://www.arabnews.com/rss.xml)`]);
  });

  it('rejects bad arguments with messages naming the option', async () => {
    expect(
      (await run(['add', '--kind', 'feed', '--url', 'https://x.example/', '--interval', '5m'])).error?.message,
    ).toMatch(/option '--interval <seconds>' argument '5m' is invalid. "5m" is not a whole number above 0/);
    expect((await run(['add', '--url', 'https://x.example/'])).error?.message).toMatch(
      /required option '--kind <kind>' not specified/,
    );
    expect((await run(['add', '--kind', 'blog', '--url', 'https://x.example/'])).error?.message).toMatch(
      /cannot add source: --kind: Invalid enum value/,
    );
    expect((await run(['add', '--kind', 'drop', '--url', 'https://x.example/'])).error?.message).toBe(
      'cannot add source: --url: a drop source needs a file:///absolute/dir URL',
    );
    expect((await run(['add', '--kind', 'page', '--url', 'https://x.example/', '--full-text'])).error?.message).toBe(
      'cannot add source: --full-text: full-text mode applies to feed sources only',
    );
  });

  it('refuses a second source for the same URL', async () => {
    const store = memoryStore();
    await run(['add', '--kind', 'page', '--url', 'https://x.example/a'], store);
    const { error } = await run(['add', '--kind', 'page', '--url', 'https://x.example/a'], store);
    expect(error?.message).toMatch(/already exists/);
    expect(store.records.size).toBe(1);
  });

  it('lists, shows, pauses, resumes and removes', async () => {
    const store = memoryStore();
    await run(['add', '--kind', 'page', '--url', 'https://x.example/a', '--name', 'A', '--tag', 't'], store);
    await run(['add', '--kind', 'drop', '--url', 'file:///srv/drop/', '--disabled'], store);
    const [a, drop] = store.records.values();
    expect(drop).toMatchObject({ name: '/srv/drop/', enabled: false });

    const listed = await run(['list', '--tag', 't'], store);
    expect(listed.lines).toHaveLength(2);
    expect(listed.lines[1].split('\t')).toEqual([
      a._id,
      'page',
      'ok',
      '0',
      '0s',
      '0',
      '2026-11-28T12:00:00.000Z',
      'A',
      'https://x.example/a',
    ]);
    expect((await run(['list', '--json'], store)).lines.map((line) => JSON.parse(line)._id)).toEqual([drop._id, a._id]);

    expect(JSON.parse((await run(['show', a._id], store)).lines.join('\n'))).toMatchObject({
      _id: a._id,
      status: { itemsSeen: 0 },
      polls: [],
      pollSummary: null,
    });
    expect((await run(['pause', a._id], store)).lines).toEqual([`paused ${a._id} (paused)`]);
    a.parked = true;
    expect((await run(['resume', a._id], store)).lines).toEqual([`resumed ${a._id} (ok)`]);
    expect((await run(['remove', a._id], store)).lines).toEqual([`removed ${a._id}`]);
    expect((await run(['show', a._id], store)).error?.message).toBe(`no source ${a._id}`);
    expect((await run(['remove', a._id], store)).error?.message).toBe(`no source ${a._id}`);
  });

  it('pages the listing, says how to get the next page, walks every page with --all and passes filters', async () => {
    const store = memoryStore();
    for (let index = 0; index < 5; index += 1) {
      await run(['add', '--kind', 'feed', '--url', `https://p${index}.example/rss`, '--name', `P${index}`], store);
    }
    const first = await run(['list', '--limit', '2', '--json'], store);
    expect(first.lines.map((line) => JSON.parse(line).name)).toEqual(['P0', 'P1']);
    const cursor = /--cursor (\S+)$/.exec(first.notes[0])?.[1] ?? '';
    expect(first.notes).toEqual([`2 of 5 sources; next page: --cursor ${cursor}`]);
    const second = await run(['list', '--limit', '2', '--json', '--cursor', cursor], store);
    expect(second.lines.map((line) => JSON.parse(line).name)).toEqual(['P2', 'P3']);
    const all = await run(['list', '--all', '--json'], store);
    expect(all.lines).toHaveLength(5);
    expect(all.notes).toEqual(['5 of 5 sources']);

    await run(['list', '--state', 'failing', '--host', 'p1.example', '--q', 'p1', '--kind', 'feed'], store);
    expect(store.filters.at(-1)).toEqual({ state: 'failing', host: 'p1.example', q: 'p1', kind: 'feed' });
    expect((await run(['list', '--state', 'broken'], store)).error?.message).toMatch(
      /"broken" is not one of ok, failing, parked, paused, due/,
    );
    expect((await run(['list', '--sort', 'lateness', '--cursor', cursor], store)).error?.message).toMatch(
      /--cursor: was issued for --sort name/,
    );
  });

  it('edits interval, full-text mode, tags and name, and refuses what does not apply', async () => {
    const store = memoryStore();
    await run(['add', '--kind', 'feed', '--url', 'https://e.example/rss', '--interval', '900'], store);
    const [feed] = store.records.values();
    const edited = await run(['edit', feed._id, '--interval', '120', '--full-text', '--tag', 'a', '--tag', 'b'], store);
    expect(edited.error).toBeNull();
    expect(edited.lines[0]).toMatch(new RegExp(`^edited ${feed._id}: interval 120s, full text on, ok, next run`));
    expect(store.records.get(feed._id)).toMatchObject({ pollIntervalSeconds: 120, fullText: true, tags: ['a', 'b'] });
    expect(
      (await run(['edit', feed._id, '--interval', 'default', '--no-full-text', '--name', 'E'], store)).error,
    ).toBeNull();
    expect(store.records.get(feed._id)).toMatchObject({ pollIntervalSeconds: null, fullText: false, name: 'E' });

    expect((await run(['edit', feed._id], store)).error?.message).toMatch(/^nothing to change/);
    expect((await run(['edit', feed._id, '--interval', '0'], store)).error?.message).toMatch(/not a whole number/);
    expect((await run(['edit', feed._id, '--enable', '--disable'], store)).error?.message).toMatch(/exclude/);
    expect((await run(['edit', 'src_none', '--name', 'x'], store)).error?.message).toBe('no source src_none');
    await run(['add', '--kind', 'page', '--url', 'https://e.example/page'], store);
    const page = [...store.records.values()].find((record) => record.kind === 'page');
    expect((await run(['edit', page?._id ?? '', '--full-text'], store)).error?.message).toMatch(
      /^cannot edit source: fullText/,
    );
  });

  it('adds and edits per-source limits, clears them with "default", and names the flag it refuses', async () => {
    const store = memoryStore();
    const added = await run(
      ['add', '--kind', 'feed', '--url', 'https://l.example/rss', '--max-items', '5000', '--min-interval', '120'],
      store,
    );
    expect(added.error).toBeNull();
    const [feed] = store.records.values();
    expect(feed).toMatchObject({
      maxItemsPerRun: 5000,
      minIntervalSeconds: 120,
      maxIntervalSeconds: null,
      backoffMaxSeconds: null,
    });

    const edited = await run(
      ['edit', feed._id, '--max-interval', '900', '--backoff-max', '600', '--max-items', 'default'],
      store,
    );
    expect(edited.error).toBeNull();
    expect(edited.lines[0]).toMatch(
      /; limits: min-interval 120s, max-interval 900s, max-items default, backoff-max 600s$/,
    );
    expect(store.records.get(feed._id)).toMatchObject({
      maxItemsPerRun: null,
      minIntervalSeconds: 120,
      maxIntervalSeconds: 900,
      backoffMaxSeconds: 600,
    });
    expect((await run(['edit', feed._id, '--max-items', '60000'], store)).error?.message).toBe(
      'cannot edit source: --max-items: must be at most 50000 items',
    );
    expect((await run(['edit', feed._id, '--min-interval', '1000'], store)).error?.message).toMatch(
      /^cannot edit source: maxIntervalSeconds: must be at least minIntervalSeconds \(1000\)/,
    );
    expect((await run(['edit', feed._id, '--backoff-max', 'soon'], store)).error?.message).toMatch(
      /"soon" is not a whole number/,
    );
    expect(
      (await run(['add', '--kind', 'page', '--url', 'https://l.example/p', '--max-items', '3'], store)).error?.message,
    ).toBe('cannot add source: --max-items: applies to feed, sitemap and drop sources (a page is one item)');
    // A record from before the limits shows them as null (the defaults), as the API does.
    delete store.records.get(feed._id)?.maxIntervalSeconds;
    const shown = JSON.parse((await run(['show', feed._id], store)).lines.join('\n'));
    expect(shown).toMatchObject({ maxIntervalSeconds: null, minIntervalSeconds: 120, backoffMaxSeconds: 600 });
    const listed = JSON.parse((await run(['list', '--json'], store)).lines[0]);
    expect(listed).toMatchObject({ maxIntervalSeconds: null, minIntervalSeconds: 120 });
  });

  it('exports OPML that imports back to the same sources, and lists what an import refused', async () => {
    const store = memoryStore();
    await run(
      ['add', '--kind', 'feed', '--url', 'https://a.example/rss', '--name', 'A', '--tag', 'w', '--full-text'],
      store,
    );
    await run(
      ['add', '--kind', 'sitemap', '--url', 'https://b.example/sitemap.xml', '--interval', '600', '--disabled'],
      store,
    );
    const exported = await run(['export'], store);
    const opml = exported.lines.join('\n');
    expect(opml).toContain('xmlUrl="https://a.example/rss"');

    const fresh = memoryStore();
    const imported = await run(['import', 'feeds.opml'], fresh, { 'feeds.opml': opml });
    expect(imported.lines).toEqual(['added 2, existing 0, refused 0']);
    const fields = (records: Map<string, SourceRecord>) =>
      [...records.values()].map(({ _id, kind, url, name, tags, pollIntervalSeconds, fullText, enabled, sites }) => ({
        _id,
        kind,
        url,
        name,
        tags,
        pollIntervalSeconds,
        fullText,
        enabled,
        sites,
      }));
    expect(fields(fresh.records)).toEqual(fields(store.records));

    const again = await run(['import', '-'], fresh, {
      '-': opml.replace(
        '</body>',
        '<outline type="rss" text="x"/><outline type="rss" xmlUrl="ftp://c.example/"/></body>',
      ),
    });
    expect(again.lines).toEqual(['added 0, existing 2, refused 2']);
    expect(again.notes).toEqual([
      'refused (no URL): outline 3 ("x") has no xmlUrl or url',
      'refused ftp://c.example/: a feed source needs an http(s) URL',
    ]);
    const json = await run(['import', 'feeds.opml', '--json'], fresh, { 'feeds.opml': opml });
    expect(json.lines.map((line) => JSON.parse(line))).toEqual([{ added: 0, existing: 2, refused: [] }]);
    expect((await run(['import', 'x.opml'], fresh, { 'x.opml': '<rss/>' })).error?.message).toMatch(
      /^x.opml: not an OPML document/,
    );
  });

  it('names the state: paused beats parked', () => {
    const status = sourceRecordFrom({ kind: 'feed', url: 'https://s.example/', name: 's' }, new Date()).status;
    expect(sourceStateOf({ enabled: false, parked: true, status })).toBe('paused');
    expect(sourceStateOf({ enabled: true, parked: true, status })).toBe('parked');
    expect(sourceStateOf({ enabled: true, parked: false, status: { ...status, consecutiveErrors: 1 } })).toBe(
      'failing',
    );
  });
});
