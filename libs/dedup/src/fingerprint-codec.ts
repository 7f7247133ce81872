import type { ArticleFingerprint } from './fingerprint';

/**
 * An article fingerprint as a document store keeps it: each typed array as the base64 of its little-endian bytes.
 * A BSON binary would do as well on MongoDB and FerretDB 2; base64 strings are ~4x smaller than arrays of numbers
 * in BSON, decode in one pass, and read the same in any tool, so stored fingerprints keep this form.
 */
export interface StoredFingerprint {
  bandKeys: string;
  paragraphKeys: string;
  numberKeys: string;
  sampleValues: string;
  sampleParagraphs: string;
  sampleShift: number;
  shingleCount: number;
}

/** Little-endian bytes whatever the host: a fingerprint written on one machine is read on any other. */
function encode(values: Uint32Array | Uint16Array, bytesPerValue: 2 | 4): string {
  const bytes = Buffer.allocUnsafe(values.length * bytesPerValue);
  for (let i = 0; i < values.length; i++) {
    if (bytesPerValue === 4) bytes.writeUInt32LE(values[i], i * 4);
    else bytes.writeUInt16LE(values[i], i * 2);
  }
  return bytes.toString('base64');
}

function decode32(text: string): Uint32Array {
  const bytes = Buffer.from(text, 'base64');
  const values = new Uint32Array(bytes.length >>> 2);
  for (let i = 0; i < values.length; i++) values[i] = bytes.readUInt32LE(i * 4);
  return values;
}

function decode16(text: string): Uint16Array {
  const bytes = Buffer.from(text, 'base64');
  const values = new Uint16Array(bytes.length >>> 1);
  for (let i = 0; i < values.length; i++) values[i] = bytes.readUInt16LE(i * 2);
  return values;
}

const NO_KEYS = new Uint32Array(0);

/**
 * The fingerprint as stored. Sentence keys are left out: they only find candidates (the index keeps them as
 * postings) and a stored fingerprint is never looked up by them, as in the in-memory arena. URL key and content
 * hash are stored beside it, as indexed fields of the record.
 */
export function encodeFingerprint(fingerprint: ArticleFingerprint): StoredFingerprint {
  return {
    bandKeys: encode(fingerprint.bandKeys, 4),
    paragraphKeys: encode(fingerprint.paragraphKeys, 4),
    numberKeys: encode(fingerprint.numberKeys, 4),
    sampleValues: encode(fingerprint.sample.values, 4),
    sampleParagraphs: encode(fingerprint.sample.paragraphOf, 2),
    sampleShift: fingerprint.sample.shift,
    shingleCount: fingerprint.shingleCount,
  };
}

export function decodeFingerprint(
  stored: StoredFingerprint,
  urlKey: string | null,
  contentHash: string,
): ArticleFingerprint {
  return {
    urlKey,
    contentHash,
    bandKeys: decode32(stored.bandKeys),
    paragraphKeys: decode32(stored.paragraphKeys),
    sentenceKeys: NO_KEYS,
    numberKeys: decode32(stored.numberKeys),
    sample: {
      values: decode32(stored.sampleValues),
      paragraphOf: decode16(stored.sampleParagraphs),
      shift: stored.sampleShift,
    },
    shingleCount: stored.shingleCount,
  };
}
