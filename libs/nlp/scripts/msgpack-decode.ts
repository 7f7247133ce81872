// A MessagePack decoder for the subset wordfreq's frequency lists use (nil, booleans, integers, strings, arrays,
// maps): enough to read them in a build script without a dependency. Anything else is an error naming the byte.

/** Decodes one MessagePack value that fills `bytes` exactly. */
export function decodeMsgpack(bytes: Uint8Array): unknown {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = new TextDecoder('utf-8', { fatal: true });
  let at = 0;

  const need = (count: number): void => {
    if (at + count > bytes.length) throw new Error(`msgpack: truncated at byte ${at} (needs ${count} more)`);
  };
  const uint = (size: 1 | 2 | 4): number => {
    need(size);
    const value = size === 1 ? view.getUint8(at) : size === 2 ? view.getUint16(at) : view.getUint32(at);
    at += size;
    return value;
  };
  const string = (length: number): string => {
    need(length);
    const value = text.decode(bytes.subarray(at, at + length));
    at += length;
    return value;
  };
  const array = (length: number): unknown[] => Array.from({ length }, () => value());
  const map = (length: number): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (let k = 0; k < length; k++) {
      const key = value();
      if (typeof key !== 'string' && typeof key !== 'number') throw new Error(`msgpack: map key at ${at} not scalar`);
      out[String(key)] = value();
    }
    return out;
  };

  function value(): unknown {
    const start = at;
    const type = uint(1);
    if (type <= 0x7f) return type;
    if (type >= 0xe0) return type - 0x100;
    if (type >= 0xa0 && type <= 0xbf) return string(type & 0x1f);
    if (type >= 0x90 && type <= 0x9f) return array(type & 0x0f);
    if (type >= 0x80 && type <= 0x8f) return map(type & 0x0f);
    switch (type) {
      case 0xc0:
        return null;
      case 0xc2:
        return false;
      case 0xc3:
        return true;
      case 0xcc:
        return uint(1);
      case 0xcd:
        return uint(2);
      case 0xce:
        return uint(4);
      case 0xd0:
        return (uint(1) << 24) >> 24;
      case 0xd1:
        return (uint(2) << 16) >> 16;
      case 0xd2:
        return uint(4) | 0;
      case 0xd9:
        return string(uint(1));
      case 0xda:
        return string(uint(2));
      case 0xdb:
        return string(uint(4));
      case 0xdc:
        return array(uint(2));
      case 0xdd:
        return array(uint(4));
      case 0xde:
        return map(uint(2));
      case 0xdf:
        return map(uint(4));
      default:
        throw new Error(`msgpack: unsupported type byte 0x${type.toString(16)} at ${start}`);
    }
  }

  const result = value();
  if (at !== bytes.length) throw new Error(`msgpack: ${bytes.length - at} bytes left after the value`);
  return result;
}
