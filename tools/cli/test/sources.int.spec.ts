import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mongoUriFor, uniqueName } from '@inkstream/testing';
import { cli } from './run-cli';

const FEEDS = 300;

// The sources commands through the real entry point against the real database: an OPML file in, pages out, an
// edit, and an export that a second database imports to the same sources.
describe('inkstream sources against the real stack', () => {
  const folder = mkdtempSync(join(tmpdir(), 'inkstream-sources-'));

  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('imports an OPML file in one call, pages the listing, edits (limits too), and exports what re-imports the same', async () => {
    const env = { MONGODB_URI: mongoUriFor(uniqueName('sources-cli')) };
    const outlines = Array.from(
      { length: FEEDS },
      (_unused, index) =>
        `<outline type="rss" text="Feed ${index}" xmlUrl="https://origin${index % 5}.example/${index}.xml"/>`,
    ).join('');
    const file = join(folder, 'feeds.opml');
    writeFileSync(file, `<opml version="2.0"><body><outline text="News">${outlines}</outline></body></opml>`);

    expect(await cli(['sources', 'import', file], env)).toMatchObject({
      code: 0,
      out: `added ${FEEDS}, existing 0, refused 0\n`,
    });

    const first = await cli(['sources', 'list', '--limit', '100', '--json', '--host', 'origin2.example'], env);
    expect(first.code).toBe(0);
    const rows = first.out
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { _id: string; tags: string[] });
    expect(rows).toHaveLength(60);
    expect(rows[0].tags).toEqual(['News']);
    expect(first.err).toBe('60 of 60 sources\n');
    const paged = await cli(['sources', 'list', '--limit', '250'], env);
    const cursor = /--cursor (\S+)/.exec(paged.err)?.[1] ?? '';
    expect(paged.err).toBe(`250 of ${FEEDS} sources; next page: --cursor ${cursor}\n`);
    const rest = await cli(['sources', 'list', '--limit', '250', '--cursor', cursor, '--json'], env);
    expect(rest.out.trim().split('\n')).toHaveLength(FEEDS - 250);

    const edited = await cli(['sources', 'edit', rows[0]._id, '--interval', '120', '--full-text'], env);
    expect(edited.out).toMatch(new RegExp(`^edited ${rows[0]._id}: interval 120s, full text on, ok`));
    const shown = JSON.parse((await cli(['sources', 'show', rows[0]._id], env)).out);
    expect(shown).toMatchObject({ pollIntervalSeconds: 120, fullText: true, polls: [] });
    const limited = await cli(['sources', 'edit', rows[1]._id, '--max-items', '5000', '--min-interval', '600'], env);
    expect(limited.out).toMatch(
      /; limits: min-interval 600s, max-interval default, max-items 5000, backoff-max default\n$/,
    );
    const refused = await cli(['sources', 'edit', rows[1]._id, '--max-interval', '60'], env);
    expect([refused.code, refused.err]).toEqual([
      1,
      expect.stringContaining('maxIntervalSeconds: must be at least minIntervalSeconds (600), got 60'),
    ]);

    const exported = await cli(['sources', 'export'], env);
    expect(exported.code).toBe(0);
    const copy = join(folder, 'export.opml');
    writeFileSync(copy, exported.out);
    const other = { MONGODB_URI: mongoUriFor(uniqueName('sources-cli-copy')) };
    expect((await cli(['sources', 'import', copy, '--json'], other)).out).toBe(
      `${JSON.stringify({ added: FEEDS, existing: 0, refused: [] })}\n`,
    );
    const listAll = async (target: Record<string, string>) =>
      (await cli(['sources', 'list', '--all', '--json'], target)).out
        .trim()
        .split('\n')
        .map((line) => {
          const { _id, url, name, tags, pollIntervalSeconds, fullText, enabled, maxItemsPerRun, minIntervalSeconds } =
            JSON.parse(line);
          return { _id, url, name, tags, pollIntervalSeconds, fullText, enabled, maxItemsPerRun, minIntervalSeconds };
        });
    expect(await listAll(other)).toEqual(await listAll(env));
    // The limits travel in the OPML export.
    expect((await listAll(other)).find((row) => row._id === rows[1]._id)).toMatchObject({
      maxItemsPerRun: 5000,
      minIntervalSeconds: 600,
    });
  });
});
