import { Readable } from 'node:stream';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { FetchError } from './fetch-error';
import { decodeContent, readCapped } from './read-body';

const text = 'Nachrichten für alle — 新闻 '.repeat(50);

describe('readCapped', () => {
  it('returns the whole body under the cap', async () => {
    const body = Readable.from([Buffer.from('ab'), Buffer.from('cd')]);
    expect((await readCapped(body, 4, 'u')).toString()).toBe('abcd');
  });

  it('stops reading and destroys the stream past the cap', async () => {
    let produced = 0;
    const body = Readable.from(
      (function* () {
        for (;;) {
          produced += 1;
          yield Buffer.alloc(1024);
        }
      })(),
    );
    await expect(readCapped(body, 4096, 'http://x/big')).rejects.toThrow(
      'http://x/big: body exceeds the 4096-byte limit',
    );
    expect(produced).toBeLessThan(10);
    expect(body.destroyed).toBe(true);
  });
});

describe('decodeContent', () => {
  it.each([
    ['gzip', gzipSync(text)],
    ['x-gzip', gzipSync(text)],
    ['br', brotliCompressSync(text)],
    ['deflate', deflateSync(text)],
    ['deflate', deflateRawSync(text)],
    ['identity', Buffer.from(text)],
    [null, Buffer.from(text)],
  ])('undoes %s', async (encoding, bytes) => {
    expect((await decodeContent(bytes, encoding, 1e6, 'u')).toString('utf8')).toBe(text);
  });

  it('undoes stacked encodings in reverse order', async () => {
    const bytes = brotliCompressSync(gzipSync(text));
    expect((await decodeContent(bytes, 'gzip, br', 1e6, 'u')).toString('utf8')).toBe(text);
  });

  it('stops a decompression bomb at the cap', async () => {
    const bomb = gzipSync(Buffer.alloc(10_000_000));
    await expect(decodeContent(bomb, 'gzip', 100_000, 'http://x/bomb')).rejects.toThrow(
      'http://x/bomb: gzip body expands past the 100000-byte limit',
    );
  });

  it('names corrupt and unsupported encodings', async () => {
    const error = await decodeContent(Buffer.from('not gzip'), 'gzip', 1e6, 'u').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FetchError);
    expect((error as FetchError).kind).toBe('decoding');
    await expect(decodeContent(Buffer.from('x'), 'zstd', 1e6, 'u')).rejects.toThrow(
      'u: unsupported Content-Encoding "zstd"',
    );
  });
});
