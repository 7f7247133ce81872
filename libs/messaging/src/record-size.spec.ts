import { exampleRawDocument, MAX_MESSAGE_BYTES, Topics } from '@inkstream/contracts';
import { PermanentError } from '@inkstream/errors';
import { MAX_HEADER_BYTES } from '@inkstream/contracts';
import { oversizedMessage, oversizedOutput, recordSize } from './record-size';

describe('recordSize', () => {
  it('counts UTF-8 bytes of key, value and every header name and value', () => {
    expect(recordSize({ key: 'é', value: 'ü€', headers: { a: 'bé' } })).toEqual({
      key: 2,
      value: 5,
      headers: 4,
      total: 11,
    });
    expect(recordSize({ key: null, value: Buffer.alloc(10), headers: {} }).total).toBe(10);
    expect(recordSize({ key: null, value: null, headers: {} }).total).toBe(0);
  });
});

describe('oversizedOutput', () => {
  it('accepts records up to the limit, counting headers too', () => {
    expect(oversizedOutput('t', [{ key: 'k', value: 'x'.repeat(8), headers: { h: 'v' } }], 11)).toBeNull();
    expect(oversizedOutput('t', [{ key: 'k', value: 'x'.repeat(8), headers: { h: 'vv' } }], 11)).toBeInstanceOf(
      PermanentError,
    );
  });

  it('names the topic, the record, its size and the limit', () => {
    const error = oversizedOutput('news.enriched.v1', [
      { key: 'a', value: 'small', headers: {} },
      { key: 'art_big', value: 'x'.repeat(MAX_MESSAGE_BYTES), headers: { 'trace-id': 't' } },
    ]);
    expect(error).toBeInstanceOf(PermanentError);
    expect(error?.message).toBe(
      `output message too large: news.enriched.v1 message (2 of 2) with key art_big would be ${MAX_MESSAGE_BYTES + 16} ` +
        `bytes (value ${MAX_MESSAGE_BYTES}, headers 9), over the message limit of ${MAX_MESSAGE_BYTES} bytes ` +
        `(MAX_MESSAGE_BYTES); nothing was sent`,
    );
  });

  it('refuses an oversized header alone', () => {
    const error = oversizedOutput('t', [{ key: null, value: '{}', headers: { note: 'h'.repeat(600 * 1024) } }]);
    expect(error).toBeInstanceOf(PermanentError);
    expect(error?.message).toBe(
      `output header too large: t message with key (none) has header "note" of 614404 bytes, over the header limit ` +
        `of ${MAX_HEADER_BYTES} bytes; nothing was sent`,
    );
    expect(
      oversizedOutput('t', [{ key: null, value: '{}', headers: { note: 'h'.repeat(MAX_HEADER_BYTES - 4) } }]),
    ).toBeNull();
  });
});

describe('oversizedMessage', () => {
  it('measures the message as it would be encoded: content under the limit plus metadata can be over it', () => {
    expect(oversizedMessage(Topics.rawDocuments, exampleRawDocument())).toBeNull();
    const content = 'x'.repeat(MAX_MESSAGE_BYTES - 100);
    expect(
      oversizedMessage(Topics.rawDocuments, exampleRawDocument({ content, contentLength: content.length }))?.message,
    ).toMatch(/output message too large: news\.raw\.v1 message with key \S+ would be \d+ bytes/);
  });
});
