import { sourceRecordFrom, SourceExistsError, type SourceRecord } from '@inkstream/persistence';
import { Command } from 'commander';
import { registerSourcesCommand, stateOf, type SourcesIo, type SourcesStore } from './sources';

/** The repository's contract in memory (validation is the real one, from sourceRecordFrom). */
function memoryStore(): SourcesStore & { records: Map<string, SourceRecord> } {
  const records = new Map<string, SourceRecord>();
  return {
    records,
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

async function run(args: string[], store = memoryStore()) {
  const lines: string[] = [];
  const io: SourcesIo = { store, writeLine: (line) => lines.push(line), now: () => new Date('2026-11-28T12:00:00Z') };
  const program = new Command('inkstream').exitOverride().configureOutput({ writeErr: () => undefined });
  registerSourcesCommand(program, async (body) => void (await body(io)));
  let error: Error | null = null;
  try {
    await program.parseAsync(['node', 'inkstream', 'sources', ...args]);
  } catch (caught) {
    error = caught as Error;
  }
  return { lines, store, error };
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
      'active',
      '0',
      '0',
      '2026-11-28T12:00:00.000Z',
      'A',
      'https://x.example/a',
    ]);
    expect((await run(['list', '--json'], store)).lines.map((line) => JSON.parse(line)._id)).toEqual([a._id, drop._id]);

    expect(JSON.parse((await run(['show', a._id], store)).lines.join('\n'))).toMatchObject({
      _id: a._id,
      status: { itemsSeen: 0 },
    });
    expect((await run(['pause', a._id], store)).lines).toEqual([`paused ${a._id} (paused)`]);
    a.parked = true;
    expect((await run(['resume', a._id], store)).lines).toEqual([`resumed ${a._id} (active)`]);
    expect((await run(['remove', a._id], store)).lines).toEqual([`removed ${a._id}`]);
    expect((await run(['show', a._id], store)).error?.message).toBe(`no source ${a._id}`);
    expect((await run(['remove', a._id], store)).error?.message).toBe(`no source ${a._id}`);
  });

  it('names the state: paused beats parked', () => {
    expect(stateOf({ enabled: false, parked: true })).toBe('paused');
    expect(stateOf({ enabled: true, parked: true })).toBe('parked');
  });
});
