import murmurhash from 'murmurhash';
import { hashString32 } from './hash32';

describe('hashString32', () => {
  // Stored fingerprints and keys hold these hashes: any change of value would make new articles miss old ones.
  it('gives the murmurhash package’s MurmurHash3 for every length, script and seed', () => {
    const texts = [
      '',
      'a',
      'ab',
      'abc',
      'abcd',
      'abcde',
      'the minister did not respond to a request for comment',
      'Ünïcödé — “quoted” ½ 東京都 กรุงเทพ 🚀 ß',
      'x'.repeat(5_000),
      '東'.repeat(2_000),
    ];
    for (const text of texts) {
      for (const seed of [0, 1, 0x7a3f, 0x5e4e, 0x4e55, 0xffffffff]) {
        expect(hashString32(text, seed)).toBe(murmurhash.v3(text, seed) >>> 0);
      }
    }
  });
});
