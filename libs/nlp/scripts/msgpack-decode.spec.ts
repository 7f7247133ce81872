import { decodeMsgpack } from './msgpack-decode';

const bytes = (...values: number[]): Uint8Array => new Uint8Array(values);

describe('decodeMsgpack', () => {
  it('decodes the shapes of a wordfreq list: a header map, then arrays of strings', () => {
    // [{"format": "cB", "version": 1}, [], ["der", "die"]]
    const header = [
      0x82,
      0xa6,
      ...Buffer.from('format'),
      0xa2,
      ...Buffer.from('cB'),
      0xa7,
      ...Buffer.from('version'),
      1,
    ];
    const encoded = bytes(0x93, ...header, 0x90, 0x92, 0xa3, ...Buffer.from('der'), 0xa3, ...Buffer.from('die'));
    expect(decodeMsgpack(encoded)).toEqual([{ format: 'cB', version: 1 }, [], ['der', 'die']]);
  });

  it('decodes longer strings and arrays, UTF-8 text and integers', () => {
    const word = Buffer.from('Straße'.repeat(10));
    expect(decodeMsgpack(bytes(0xd9, word.length, ...word))).toBe('Straße'.repeat(10));
    expect(decodeMsgpack(bytes(0xdc, 0, 3, 0x01, 0xcd, 0x01, 0x00, 0xff))).toEqual([1, 256, -1]);
    expect(decodeMsgpack(bytes(0xd0, 0x80))).toBe(-128);
    expect(decodeMsgpack(bytes(0xc0))).toBeNull();
  });

  it('names what it cannot read: an unsupported type, a truncated value, bytes left over', () => {
    expect(() => decodeMsgpack(bytes(0xcb, 0, 0, 0, 0, 0, 0, 0, 0))).toThrow('unsupported type byte 0xcb at 0');
    expect(() => decodeMsgpack(bytes(0xa5, 0x61))).toThrow(/truncated at byte 1/u);
    expect(() => decodeMsgpack(bytes(0x01, 0x02))).toThrow('1 bytes left after the value');
  });
});
