import { decode, encodingExists } from 'iconv-lite';

/** Bytes this far into a document are searched for a declared charset (HTML5 prescan uses 1024; pages lie). */
const PRESCAN_BYTES = 4096;

/**
 * The charset of a document: byte-order mark, then the Content-Type header, then <meta charset> / http-equiv,
 * then the XML declaration; UTF-8 when nothing is declared.
 */
export function detectCharset(bytes: Uint8Array, contentType?: string | null): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  const fromHeader = /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType ?? '')?.[1];
  if (fromHeader && encodingExists(fromHeader)) return fromHeader.toLowerCase();
  const head = Buffer.from(bytes.subarray(0, PRESCAN_BYTES)).toString('latin1');
  const declared =
    /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head)?.[1] ??
    /<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)/i.exec(head)?.[1];
  if (declared && encodingExists(declared)) {
    const name = declared.toLowerCase();
    // A page declaring UTF-16 in ASCII-compatible bytes is not UTF-16 (HTML spec: treat as UTF-8).
    if (name.startsWith('utf-16')) return 'utf-8';
    // A page saved or re-served as UTF-8 keeps its old declaration ("gb2312"): multi-byte UTF-8 that decodes
    // without error is all but never legacy-encoded text, so the bytes win over the meta tag.
    return isMultiByteUtf8(bytes) ? 'utf-8' : name;
  }
  return 'utf-8';
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Bytes beyond ASCII that are valid UTF-8 throughout. */
function isMultiByteUtf8(bytes: Uint8Array): boolean {
  if (!bytes.some((b) => b >= 0x80)) return false;
  try {
    strictUtf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Decodes a raw document's bytes to text by its declared charset. */
export function decodeDocument(bytes: Uint8Array, contentType?: string | null): string {
  const charset = detectCharset(bytes, contentType);
  return decode(Buffer.from(bytes), charset, { stripBOM: true });
}
