import { MAX_DOCUMENT_CHARS, rawDocumentSchema } from '@inkstream/contracts';
import { gunzipSync } from 'node:zlib';
import { buildRawDocument, contentTypeForKind, domainOf, utf8ContentType, type RawDocumentInput } from './raw-document';

const input = (overrides: Partial<RawDocumentInput> = {}): RawDocumentInput => ({
  source: { id: 'src_1', name: 'Ledger', kind: 'page', url: 'https://www.ledger.example/world' },
  url: 'https://www.ledger.example/world/a',
  itemKey: 'url:https://www.ledger.example/world/a',
  content: '<p>Hello</p>',
  contentType: 'text/html; charset=utf-8',
  fetchedAt: new Date('2026-11-28T10:00:00Z'),
  traceId: 'trace-1',
  ...overrides,
});
const limits = { gzipThresholdBytes: 1000, maxContentBytes: 5000 };

describe('buildRawDocument', () => {
  it('builds a valid raw document whose id depends on source, item and content only', () => {
    const document = buildRawDocument(input(), limits);
    expect(rawDocumentSchema.parse(document)).toEqual(document);
    expect(document).toMatchObject({
      sourceId: 'src_1',
      source: { id: 'src_1', name: 'Ledger', domain: 'ledger.example', kind: 'page' },
      encoding: 'utf8',
      content: '<p>Hello</p>',
      contentLength: 12,
      contentHash: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
      isUpdate: false,
      feedItem: null,
    });
    expect(buildRawDocument(input({ traceId: 'other', fetchedAt: new Date() }), limits).id).toBe(document.id);
    expect(buildRawDocument(input({ content: '<p>Changed</p>' }), limits).id).not.toBe(document.id);
    expect(buildRawDocument(input({ itemKey: 'url:other' }), limits).id).not.toBe(document.id);
  });

  it('gzips bodies above the threshold and counts the UTF-8 length of the text', () => {
    const content = 'é'.repeat(600); // 1200 bytes
    const document = buildRawDocument(input({ content }), limits);
    expect(document.encoding).toBe('gzip-base64');
    expect(document.contentLength).toBe(1200);
    expect(gunzipSync(Buffer.from(document.content, 'base64')).toString('utf8')).toBe(content);
  });

  it('refuses a document that does not fit in a message, with a clear error', () => {
    const content = Array.from({ length: 4000 }, (_, i) => `${i * 7919}`).join(' ');
    expect(() => buildRawDocument(input({ content }), limits)).toThrow(
      /world\/a: document of \d+ bytes is \d+ bytes gzipped and exceeds the 5000-byte message limit/,
    );
  });

  it("applies the splitter's limits before publishing: too large (even if it gzips small), not text, binary", () => {
    const big = { gzipThresholdBytes: 1000, maxContentBytes: 10 * 1024 * 1024 };
    const huge = '<p>again</p>'.repeat(Math.ceil((MAX_DOCUMENT_CHARS + 1) / 12));
    expect(() => buildRawDocument(input({ content: huge }), big)).toThrow(
      expect.objectContaining({ kind: 'too-large', message: expect.stringMatching(/exceeds the limit of 10485760/) }),
    );
    expect(() =>
      buildRawDocument(input({ content: 'bytes', contentType: 'application/octet-stream' }), limits),
    ).toThrow(expect.objectContaining({ kind: 'unsupported', message: expect.stringMatching(/octet-stream/) }));
    expect(() => buildRawDocument(input({ content: '\u0000\u0001PNG\u0000'.repeat(50) }), limits)).toThrow(
      expect.objectContaining({ kind: 'unsupported', message: expect.stringMatching(/looks binary/) }),
    );
  });
});

describe('content types and domains', () => {
  it('labels decoded text UTF-8 and names sniffed kinds', () => {
    expect(utf8ContentType('text/html; charset=Shift_JIS')).toBe('text/html; charset=utf-8');
    expect(utf8ContentType(null)).toBeNull();
    expect(contentTypeForKind('feed', '{"version":"https://jsonfeed.org/version/1.1"}')).toBe(
      'application/feed+json; charset=utf-8',
    );
    expect(contentTypeForKind('text', 'BRUSSELS: …')).toBe('text/plain; charset=utf-8');
    expect(domainOf('https://www.arabnews.com/x')).toBe('arabnews.com');
    expect(domainOf('file:///drop/')).toBeNull();
  });
});
