import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileUrl, listDropFiles, readDropFile } from './drop-folder';

describe('drop folders', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'drop-spec-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('lists files recursively in path order, leaving out hidden, partial and linked files', async () => {
    mkdirSync(join(dir, 'b'));
    writeFileSync(join(dir, 'b', 'two.txt'), '2');
    writeFileSync(join(dir, 'a.txt'), '1');
    writeFileSync(join(dir, '.hidden'), 'x');
    writeFileSync(join(dir, 'upload.part'), 'x');
    writeFileSync(join(dir, 'draft.tmp'), 'x');
    symlinkSync('/etc/hostname', join(dir, 'link.txt'));
    const { files, truncated } = await listDropFiles(dir, 10);
    expect(files.map((file) => file.relativePath)).toEqual(['a.txt', 'b/two.txt']);
    expect(truncated).toBe(false);
    expect(files[0]).toMatchObject({ path: join(dir, 'a.txt'), size: 1 });
    const limited = await listDropFiles(dir, 1);
    expect(limited).toMatchObject({ truncated: true, files: [{ relativePath: 'a.txt' }] });
  });

  it('names a folder it cannot list', async () => {
    await expect(listDropFiles(join(dir, 'nope'), 10)).rejects.toThrow(/cannot list drop folder .*nope: ENOENT/);
  });

  it('reads files, gunzipping .gz ones, within the caps', async () => {
    writeFileSync(join(dir, 'plain.txt'), 'hello');
    writeFileSync(join(dir, 'story.txt.gz'), gzipSync('compressed story'));
    writeFileSync(join(dir, 'bomb.gz'), gzipSync(Buffer.alloc(1_000_000)));
    const limits = { maxBodyBytes: 100_000, maxDecompressedBytes: 1000 };
    const read = (name: string, size = 10) => readDropFile({ path: join(dir, name), size }, limits);
    expect((await read('plain.txt')).toString()).toBe('hello');
    expect((await read('story.txt.gz')).toString()).toBe('compressed story');
    await expect(read('bomb.gz')).rejects.toThrow(/bomb\.gz: gzip body expands past the 1000-byte limit/);
    await expect(read('plain.txt', 200_000)).rejects.toThrow(/plain\.txt: 200000 bytes exceeds the 100000-byte limit/);
    expect(fileUrl('/srv/drop/a b.txt')).toBe('file:///srv/drop/a%20b.txt');
  });
});
