import { waitFor } from '@inkstream/testing';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { contentOf, FetcherFixture, fetcherTestEnv } from './fetcher-harness';

const SAMPLE = join(__dirname, '../../../samples/arabnews-nato-ukraine-page.txt');

describe('drop folder source', () => {
  const dir = mkdtempSync(join(tmpdir(), 'inkstream-drop-'));
  const folderUrl = pathToFileURL(`${dir}/`).href;
  const fetcher = new FetcherFixture(fetcherTestEnv('fetcher-drop', { FETCH_ALLOW_LIST: `127.0.0.1,${folderUrl}` }));

  beforeAll(async () => {
    copyFileSync(SAMPLE, join(dir, 'arabnews-nato-ukraine-page.txt'));
    await fetcher.start();
  });

  afterAll(async () => {
    await fetcher.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('publishes the sample page once, not again on the next poll, and a changed or gzipped file as new', async () => {
    const source = await fetcher.add({ kind: 'drop', url: folderUrl, name: 'Arab News drop' });
    const first = await fetcher.settled(source._id);
    expect(first.status).toMatchObject({ itemsSeen: 1, itemsPublished: 1, consecutiveErrors: 0, lastError: null });

    const second = await fetcher.pollAgain(source._id);
    expect(second.status.itemsPublished).toBe(1);

    const sample = readFileSync(SAMPLE, 'utf8');
    writeFileSync(join(dir, 'second.txt.gz'), gzipSync('DUBAI: A second story arrived compressed.\n'));
    const third = await fetcher.pollAgain(source._id);
    expect(third.status).toMatchObject({ itemsSeen: 2, itemsPublished: 2 });

    const documents = await fetcher.rawDocuments(source._id);
    expect(documents).toHaveLength(2);
    expect(documents[0]).toMatchObject({
      sourceId: source._id,
      source: { kind: 'drop', name: 'Arab News drop', domain: null },
      url: pathToFileURL(join(dir, 'arabnews-nato-ukraine-page.txt')).href,
      contentType: 'text/plain; charset=utf-8',
      isUpdate: false,
      httpStatus: null,
    });
    expect(contentOf(documents[0])).toBe(sample);
    expect(contentOf(documents[1])).toBe('DUBAI: A second story arrived compressed.\n');
  });

  it('refuses a folder outside the drop roots, even for a source marked allow-listed, and a symlink out of a root', async () => {
    const other = mkdtempSync(join(tmpdir(), 'inkstream-other-'));
    const link = join(dir, 'escape');
    symlinkSync(other, link);
    try {
      const outside = await fetcher.add({ kind: 'drop', url: pathToFileURL(`${other}/`).href, allowListed: true });
      const viaLink = await fetcher.add({ kind: 'drop', url: pathToFileURL(`${link}/`).href, allowListed: true });
      for (const source of [outside, viaLink]) {
        const settled = await waitFor(async () => {
          const current = await fetcher.sources.get(source._id);
          return current?.status.lastError ? current : null;
        });
        expect(settled.status.lastError).toMatch(/refused to read file:.*: the folder .* is outside the drop roots/);
      }
    } finally {
      rmSync(link, { force: true });
      rmSync(other, { recursive: true, force: true });
    }
  });
});
