import { MAX_DOCUMENT_CHARS, refusedContentType, refusedDocument } from './limits';

describe('the shared document limits', () => {
  it('refuses content types that cannot be a news document, takes text of every kind and unlabelled bodies', () => {
    expect(refusedContentType('application/octet-stream')).toMatch(/application\/octet-stream is not a text document/);
    expect(refusedContentType('image/png')).not.toBeNull();
    expect(refusedContentType('application/pdf; name=x')).not.toBeNull();
    for (const type of ['text/html; charset=utf-8', 'application/rss+xml', 'application/xml', 'text/plain', null, '']) {
      expect(refusedContentType(type)).toBeNull();
    }
    expect(refusedContentType('application/vnd.api+json')).toBeNull();
  });

  it('refuses oversized, mistyped and binary documents with the reason', () => {
    expect(refusedDocument({ content: 'x'.repeat(MAX_DOCUMENT_CHARS + 1) })?.reason).toBe('too-large');
    expect(refusedDocument({ content: 'hello', contentType: 'application/octet-stream' })?.reason).toBe(
      'unsupported-type',
    );
    expect(refusedDocument({ content: '\u0000\u0001PNG\u0000'.repeat(100) })?.reason).toBe('binary');
    expect(refusedDocument({ content: '<p>news</p>', contentType: 'text/html' })).toBeNull();
  });
});
