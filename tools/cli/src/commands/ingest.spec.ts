import { MAX_DOCUMENT_CHARS, type RawDocument } from '@inkstream/contracts';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { runIngest, type IngestIo } from './ingest';

describe('inkstream ingest', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ingest-spec-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function io() {
    const published: RawDocument[][] = [];
    const err: string[] = [];
    const out: string[] = [];
    const sink: IngestIo = {
      publish: async (documents) => void published.push(documents),
      writeErr: (text) => err.push(text),
      writeLine: (line) => out.push(line),
      now: () => new Date('2026-11-28T12:00:00Z'),
      // the start, then 3 s later for every progress line
      clock: (() => {
        let calls = 0;
        return () => (calls++ === 0 ? 0 : 3_000);
      })(),
    };
    return { sink, published, err, out };
  }

  it('publishes files and folders recursively, skipping empty, binary and hidden files', async () => {
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'a.txt'), 'BRUSSELS: first story.');
    writeFileSync(join(dir, 'sub', 'b.html.gz'), gzipSync('<html><body><p>second</p></body></html>'));
    writeFileSync(join(dir, 'empty.txt'), '  \n');
    writeFileSync(join(dir, 'image.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]));
    writeFileSync(join(dir, '.hidden'), 'not me');
    const single = join(dir, 'single.xml');
    writeFileSync(single, '<rss version="2.0"><channel><title>t</title></channel></rss>');
    const { sink, published, out, err } = io();

    const summary = await runIngest([join(dir, 'sub'), dir], sink);
    expect(summary).toEqual({ files: 6, published: 4, skipped: 2, errors: 0 });
    // every skipped file is named, with why
    expect(err).toEqual([
      `skipped: ${join(dir, 'empty.txt')}: empty (nothing but whitespace)\n`,
      `skipped: ${join(dir, 'image.png')}: binary (NUL bytes in the first KB): not a text document\n`,
    ]);
    // the sub folder was named first, then the whole folder (which contains it again)
    const documents = published.flat();
    expect(
      documents.map((d) => [d.url?.slice(d.url.indexOf('ingest-spec-')).replace(/^[^/]+/, ''), d.contentType]),
    ).toEqual([
      ['/sub/b.html.gz', 'text/html; charset=utf-8'],
      ['/a.txt', 'text/plain; charset=utf-8'],
      ['/single.xml', 'application/xml; charset=utf-8'],
      ['/sub/b.html.gz', 'text/html; charset=utf-8'],
    ]);
    expect(documents[0]).toMatchObject({
      sourceId: 'cli-ingest',
      source: { id: 'cli-ingest', name: 'CLI ingest', kind: 'drop', domain: null },
      content: '<html><body><p>second</p></body></html>',
      isUpdate: false,
    });
    expect(documents[3].id).toBe(documents[0].id);
    expect(out).toEqual(['files 6, published 4, skipped 2, errors 0']);
  });

  it('reports missing and oversized files, goes on, and prints progress for large folders', async () => {
    for (let index = 0; index < 5; index += 1) writeFileSync(join(dir, `f${index}.txt`), `story ${index}`);
    writeFileSync(join(dir, 'huge.txt'), 'x'.repeat(200));
    const { sink, published, err, out } = io();
    const summary = await runIngest([dir, join(dir, 'missing.txt')], sink, {
      maxFileBytes: 100,
      progressAbove: 3,
      batchSize: 2,
      sourceId: 'my-import',
    });
    expect(summary).toEqual({ files: 6, published: 5, skipped: 0, errors: 2 });
    expect(published.map((batch) => batch.length)).toEqual([2, 2, 1]);
    expect(published[0][0].sourceId).toBe('my-import');
    expect(err.join('')).toMatch(/missing\.txt: ENOENT/);
    expect(err.join('')).toMatch(/huge\.txt: 200 bytes exceeds the 100-byte limit/);
    expect(err.at(-1)).toBe('ingest: 6/6 files, 5 published, 0 skipped, 2 errors (100%, 2.0 files/s)\n');
    expect(out).toEqual(['files 6, published 5, skipped 0, errors 2']);
  });

  it('refuses (as an error, exit 1) a page larger than the splitter accepts, even when it gzips small', async () => {
    const huge = `<html><body>${'<p>The council met again.</p>'.repeat(400_000)}</body></html>`;
    expect(huge.length).toBeGreaterThan(MAX_DOCUMENT_CHARS);
    writeFileSync(join(dir, 'huge.html'), huge);
    writeFileSync(join(dir, 'ok.txt'), 'BRUSSELS: a normal story.');
    const { sink, published, err } = io();
    const summary = await runIngest([dir], sink);
    expect(summary).toMatchObject({ files: 2, published: 1, errors: 1 });
    expect(published.flat().map((document) => document.url?.endsWith('ok.txt'))).toEqual([true]);
    expect(err.join('')).toMatch(/huge\.html: document of \d+ characters exceeds the limit of 10485760/);
  });
});
