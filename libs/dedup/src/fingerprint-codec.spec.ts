import { fingerprintArticle } from './fingerprint';
import { decodeFingerprint, encodeFingerprint } from './fingerprint-codec';

const BODY = [
  'NATO leaders plan to pledge next week to keep pouring arms and ammunition into Ukraine for at least another year.',
  'Allies have provided around 40 billion euros a year in military assistance since Russia invaded in February 2022.',
].join('\n');

describe('fingerprint codec', () => {
  it('round-trips every stored part of a fingerprint exactly, leaving out the sentence keys', () => {
    const fingerprint = fingerprintArticle({ body: BODY, url: 'https://example.com/nato?utm_source=x' });
    const stored = encodeFingerprint(fingerprint);
    const decoded = decodeFingerprint(stored, fingerprint.urlKey, fingerprint.contentHash);
    expect(decoded).toEqual({ ...fingerprint, sentenceKeys: new Uint32Array(0) });
    expect(decoded.bandKeys).toBeInstanceOf(Uint32Array);
    expect(decoded.sample.paragraphOf).toBeInstanceOf(Uint16Array);
  });

  it('stores strings and numbers only (no typed arrays), compactly and in little-endian byte order', () => {
    const fingerprint = fingerprintArticle({ body: BODY });
    const stored = encodeFingerprint({ ...fingerprint, bandKeys: Uint32Array.of(0x01020304, 0xffffffff) });
    expect(Buffer.from(stored.bandKeys, 'base64')).toEqual(Buffer.from([4, 3, 2, 1, 255, 255, 255, 255]));
    for (const value of Object.values(stored)) expect(['string', 'number']).toContain(typeof value);
  });

  it('decodes empty arrays', () => {
    const fingerprint = fingerprintArticle({ body: 'Short.' });
    const decoded = decodeFingerprint(encodeFingerprint(fingerprint), null, fingerprint.contentHash);
    expect(decoded.paragraphKeys).toEqual(fingerprint.paragraphKeys);
    expect(decoded.numberKeys).toHaveLength(0);
  });
});
