import { exampleRawDocument, MAX_DECOMPRESSED_BYTES } from '@inkstream/contracts';
import { PermanentError } from '@inkstream/errors';
import { gzipSync } from 'node:zlib';
import { rawContent } from './raw-content';

const gzipped = (content: string) => exampleRawDocument({ encoding: 'gzip-base64', content });

describe('rawContent', () => {
  it('decompresses gzip-base64 content', () => {
    expect(rawContent(gzipped(gzipSync('a story').toString('base64')))).toBe('a story');
  });

  it('refuses a gzip bomb as permanent, naming the limit', () => {
    const bomb = gzipSync(Buffer.alloc(MAX_DECOMPRESSED_BYTES + 1)).toString('base64');
    expect(() => rawContent(gzipped(bomb))).toThrow(PermanentError);
    expect(() => rawContent(gzipped(bomb))).toThrow(/MAX_DECOMPRESSED_BYTES/);
  });

  it('refuses corrupt gzip as permanent', () => {
    expect(() => rawContent(gzipped(Buffer.from('not gzip at all').toString('base64')))).toThrow(
      /gzip content is corrupt/,
    );
  });
});
