import iconv from 'iconv-lite';

export type CharsetSource = 'bom' | 'header' | 'xml-declaration' | 'meta' | 'sniffed' | 'default';

export interface DecodedBody {
  text: string;
  /** the encoding actually used, canonical name (e.g. `windows-1252` for a declared `iso-8859-1`) */
  charset: string;
  source: CharsetSource;
}

/**
 * WHATWG Encoding aliases that differ from what iconv-lite would do with the label: browsers decode these labels
 * with a superset, and real pages rely on it (a "latin1" page with curly quotes is windows-1252).
 */
const WHATWG_ALIASES: Record<string, string> = {
  'iso-8859-1': 'windows-1252',
  iso8859_1: 'windows-1252',
  'iso8859-1': 'windows-1252',
  'iso_8859-1': 'windows-1252',
  latin1: 'windows-1252',
  l1: 'windows-1252',
  'us-ascii': 'windows-1252',
  ascii: 'windows-1252',
  cp1252: 'windows-1252',
  'x-cp1252': 'windows-1252',
  'iso-8859-9': 'windows-1254',
  latin5: 'windows-1254',
  'iso-8859-11': 'windows-874',
  'tis-620': 'windows-874',
  utf8: 'utf-8',
  'unicode-1-1-utf-8': 'utf-8',
  'utf-16': 'utf-16le',
  unicode: 'utf-16le',
  'x-sjis': 'shift_jis',
  sjis: 'shift_jis',
  'shift-jis': 'shift_jis',
  ms_kanji: 'shift_jis',
  'windows-31j': 'shift_jis',
  gb2312: 'gbk',
  'x-gbk': 'gbk',
  cp936: 'gbk',
  'ks_c_5601-1987': 'euc-kr',
  'x-euc-jp': 'euc-jp',
  'x-mac-roman': 'macintosh',
};

/** Declarations are looked for in the first bytes only, as browsers do. */
const XML_DECLARATION_BYTES = 1024;
const META_PRESCAN_BYTES = 4096;

/**
 * Decodes a fetched body. Precedence: byte-order mark > Content-Type charset > XML declaration > HTML meta
 * (charset or http-equiv) > sniffing > UTF-8. A label we cannot decode is skipped, not fatal.
 */
export function decodeBody(bytes: Uint8Array, contentType?: string | null): DecodedBody {
  const bom = charsetFromBom(bytes);
  if (bom) return decodeWith(bytes, bom, 'bom');

  const header = supportedCharset(charsetFromContentType(contentType));
  if (header) return decodeWith(bytes, header, 'header');

  const head = latin1(bytes.subarray(0, META_PRESCAN_BYTES));
  const declared = supportedCharset(
    /^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([^"']+)["']/i.exec(head.slice(0, XML_DECLARATION_BYTES))?.[1],
  );
  if (declared) return decodeWith(bytes, asciiCompatible(declared), 'xml-declaration');

  const meta = supportedCharset(/<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head)?.[1]);
  if (meta) return decodeWith(bytes, asciiCompatible(meta), 'meta');

  const utf16 = utf16WithoutBom(bytes);
  if (utf16) return decodeWith(bytes, utf16, 'sniffed');
  // Undeclared bytes that are not valid UTF-8 are, in practice, almost always a Western legacy encoding.
  if (!isValidUtf8(bytes)) return decodeWith(bytes, 'windows-1252', 'sniffed');
  return decodeWith(bytes, 'utf-8', 'default');
}

/** The `charset` parameter of a Content-Type header value, unquoted. */
export function charsetFromContentType(contentType: string | null | undefined): string | null {
  const match = /;\s*charset\s*=\s*("?)([^";\s]+)\1/i.exec(contentType ?? '');
  return match ? match[2] : null;
}

function supportedCharset(label: string | null | undefined): string | null {
  const normalised = label?.trim().toLowerCase();
  if (!normalised) return null;
  const charset = WHATWG_ALIASES[normalised] ?? normalised;
  return iconv.encodingExists(charset) ? charset : null;
}

/**
 * A UTF-16 label found by reading the bytes as ASCII is necessarily wrong (WHATWG treats it as UTF-8): had the
 * document been UTF-16, the declaration would not have been readable that way.
 */
function asciiCompatible(charset: string): string {
  return /^utf-?16/.test(charset) ? 'utf-8' : charset;
}

function charsetFromBom(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  return null;
}

/** `<?` or `<` followed by a zero byte: an XML/HTML document in UTF-16 that omitted its byte-order mark. */
function utf16WithoutBom(bytes: Uint8Array): string | null {
  if (bytes.length < 4) return null;
  if (bytes[0] === 0x3c && bytes[1] === 0x00 && bytes[2] !== 0x00 && bytes[3] === 0x00) return 'utf-16le';
  if (bytes[0] === 0x00 && bytes[1] === 0x3c && bytes[2] === 0x00 && bytes[3] !== 0x00) return 'utf-16be';
  return null;
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

function decodeWith(bytes: Uint8Array, charset: string, source: CharsetSource): DecodedBody {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // iconv-lite strips a leading BOM of the encoding it decodes with, so the text never starts with U+FEFF.
  return { text: iconv.decode(buffer, charset), charset, source };
}
