// Builds the word-frequency bands (libs/nlp/src/model/word-bands-<language>.model.json) from the frequency lists
// of wordfreq 3.1.1 (PyPI `wordfreq`; code Apache-2.0, data CC BY-SA 4.0), read straight from its wheel:
//   pip download wordfreq==3.1.1 --no-deps -d /tmp/wf
//   node -r @swc-node/register libs/nlp/scripts/build-word-bands.ts /tmp/wf/wordfreq-3.1.1-py3-none-any.whl
// (or WORDFREQ_WHEEL=<path>). Deterministic: languages in a fixed order, each band's words sorted, so rebuilding
// gives the same files byte for byte.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { decode } from '@msgpack/msgpack';
import { unzipSync } from 'fflate';
import type { WordBandList } from '../src/ner/word-bands';

/** The languages the taggers serve. Danish has only wordfreq's "small" list (down to Zipf 3), the rest "large". */
const LANGUAGES: readonly string[] = ['ar', 'da', 'de', 'en', 'es', 'fr', 'it', 'nl', 'pt', 'sv'];
const SMALL_ONLY: ReadonlySet<string> = new Set(['da']);
const WHEEL_NAME = 'wordfreq-3.1.1-py3-none-any.whl';
// Zipf 3 is one occurrence per million words: the 29,000-57,000 commonest words of each language, 230-690 KB a
// language. Zipf 2 would add 65,000-145,000 words a language, about 8 MB more in all.
export const BAND_FLOOR = 3;

/**
 * wordfreq's cBpack: a header map, then buckets of words, bucket i holding the words of frequency 10^(-i/100)
 * (centibels below 1), so of Zipf 9 - i/100. Returns the integer Zipf band of each word at or above `floor`.
 */
export function bandsOfCbPack(pack: unknown, floor: number): Map<number, string[]> {
  if (!Array.isArray(pack)) throw new Error('wordfreq list: not an array');
  const [header, ...buckets] = pack as unknown[];
  const { format, version } = (header ?? {}) as { format?: unknown; version?: unknown };
  if (format !== 'cB' || version !== 1) throw new Error(`wordfreq list: unexpected header ${JSON.stringify(header)}`);
  const bands = new Map<number, string[]>();
  buckets.forEach((bucket, index) => {
    // Integer arithmetic: index 200 (Zipf exactly 7) is band 7, index 201 band 6.
    const band = 9 - Math.ceil(index / 100);
    if (band < floor) return;
    if (!Array.isArray(bucket)) throw new Error(`wordfreq list: bucket ${index} is not an array`);
    for (const word of bucket) {
      if (typeof word !== 'string' || word === '' || /\s/u.test(word)) {
        throw new Error(`wordfreq list: bucket ${index} holds ${JSON.stringify(word)}, not a word without spaces`);
      }
      const words = bands.get(band) ?? [];
      words.push(word);
      bands.set(band, words);
    }
  });
  return bands;
}

/** The committed form: each band's words sorted by code unit (bands in ascending order, as JSON keeps integer keys). */
export function wordBandList(language: string, source: string, bands: Map<number, string[]>): WordBandList {
  const sorted = [...bands].sort(([a], [b]) => a - b);
  return {
    source,
    licence: 'CC BY-SA 4.0 (wordfreq data; https://creativecommons.org/licenses/by-sa/4.0/legalcode)',
    language,
    floor: BAND_FLOOR,
    bands: Object.fromEntries(
      sorted.map(([band, words]) => [
        String(band),
        [...new Set(words)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).join(' '),
      ]),
    ),
  };
}

function main(): void {
  const wheel = process.argv[2] ?? process.env.WORDFREQ_WHEEL;
  if (!wheel) throw new Error(`give the path of ${WHEEL_NAME} as an argument or WORDFREQ_WHEEL`);
  if (basename(wheel) !== WHEEL_NAME) throw new Error(`expected ${WHEEL_NAME}, got ${basename(wheel)}`);
  const zip = readFileSync(wheel);
  const digest = createHash('sha256').update(zip).digest('hex');
  for (const language of LANGUAGES) {
    const entry = `wordfreq/data/${SMALL_ONLY.has(language) ? 'small' : 'large'}_${language}.msgpack.gz`;
    const packed = unzipSync(zip, { filter: (file) => file.name === entry })[entry];
    if (!packed) throw new Error(`${wheel}: no ${entry} in the wheel`);
    const pack = decode(gunzipSync(packed));
    const bands = bandsOfCbPack(pack, BAND_FLOOR);
    const source = `wordfreq 3.1.1 (PyPI "wordfreq", wheel sha256 ${digest}), ${entry}: Zipf bands ${BAND_FLOOR} and up`;
    const file = join(__dirname, '..', 'src', 'model', `word-bands-${language}.model.json`);
    writeFileSync(file, `${JSON.stringify(wordBandList(language, source, bands))}\n`);
    const counts = [...bands].sort(([a], [b]) => b - a).map(([band, words]) => `${band}: ${words.length}`);
    console.log(`${language}: ${counts.join(', ')}`);
  }
}

if (require.main === module) main();
