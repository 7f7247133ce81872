import { MAX_HEADER_BYTES, MAX_MESSAGE_BYTES } from '@inkstream/contracts';
import { refusedInputSize } from './input-limits';

describe('refusedInputSize: inputs over the limits every producer applies', () => {
  it('accepts a message at the limit, headers and key included', () => {
    const value = Buffer.alloc(MAX_MESSAGE_BYTES - 10 - 6);
    expect(
      refusedInputSize({ key: Buffer.from('key123'), value, headers: { h: Buffer.from('123456789') } }),
    ).toBeNull();
    expect(refusedInputSize({ key: null, value: null, headers: {} })).toBeNull();
  });

  it('refuses a message over MAX_MESSAGE_BYTES, naming its size and the limit', () => {
    const reason = refusedInputSize({ key: null, value: Buffer.alloc(1024 * 1024), headers: {} });
    expect(reason).toBe(
      `message of 1048576 bytes (value 1048576, headers 0) is over the message limit of ${MAX_MESSAGE_BYTES} bytes (MAX_MESSAGE_BYTES)`,
    );
  });

  it('counts headers towards the message limit', () => {
    const headers = Object.fromEntries(
      Array.from({ length: 8 }, (_, i) => [`h${i}`, 'x'.repeat(MAX_HEADER_BYTES - 2)]),
    );
    const value = Buffer.alloc(MAX_MESSAGE_BYTES - 8 * MAX_HEADER_BYTES + 1);
    expect(refusedInputSize({ key: null, value, headers })).toMatch(/^message of \d+ bytes .*over the message limit/);
  });

  it('refuses one header over MAX_HEADER_BYTES, naming it, whatever its encoding (Buffer, string, repeated)', () => {
    const big = 'x'.repeat(600 * 1024);
    for (const value of [Buffer.from(big), big, [Buffer.from('a'), Buffer.from(big)]]) {
      expect(refusedInputSize({ key: null, value: Buffer.from('{}'), headers: { 'x-notes': value } })).toBe(
        `header "x-notes" of ${600 * 1024 + 7 + (Array.isArray(value) ? 1 : 0)} bytes is over the header limit of ${MAX_HEADER_BYTES} bytes (MAX_HEADER_BYTES)`,
      );
    }
  });
});
