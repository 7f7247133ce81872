// How common a word is in its language's general text: the integer Zipf band (log10 of occurrences per billion
// words) from wordfreq's frequency lists (libs/nlp/scripts/build-word-bands.ts). In German every noun is
// capitalised, so capitals alone cannot tell "Haus" from "Scholz"; how common the word is in German can. Words
// below the lists' floor, and words absent from them, share band 0: new names look like this.

/** One language's committed list: each band's words, lower-cased as wordfreq keys them, joined by spaces. */
export interface WordBandList {
  readonly source: string;
  readonly licence: string;
  readonly language: string;
  /** Zipf band (`floor`, ..., 7) → the words in it, sorted, separated by single spaces. */
  readonly bands: Readonly<Record<string, string>>;
  /** Lowest band kept: words rarer than this are left out (band 0). */
  readonly floor: number;
}

/** Band of a word absent from the list (or below its floor). */
export const UNLISTED_BAND = 0;

export function decodeWordBands(list: WordBandList): ReadonlyMap<string, number> {
  const bands = new Map<string, number>();
  for (const [band, words] of Object.entries(list.bands)) {
    for (const word of words.split(' ')) bands.set(word, Number(band));
  }
  return bands;
}

/**
 * The form wordfreq keys a word by: case-folded ("Straße" → "strasse"), digits as 0 ("2024" → "0000"), and in
 * Arabic without vowel marks or tatweel. Unicode normalisation is left out: news text arrives composed.
 */
export function frequencyKey(word: string, language: string): string {
  let key = word.toLowerCase().replace(/\d/gu, '0');
  if (key.includes('ß')) key = key.replace(/ß/gu, 'ss');
  if (language === 'ar') key = key.replace(/[\p{Mn}\u0640]/gu, '');
  return key;
}

/** The word's band in a decoded list: `floor`..7, or `UNLISTED_BAND`. */
export function wordBand(word: string, language: string, bands: ReadonlyMap<string, number>): number {
  return bands.get(frequencyKey(word, language)) ?? UNLISTED_BAND;
}

// The committed lists are data imported like code, so the library stays free of file I/O; each is decoded on first
// use. Literal paths keep them visible to bundlers.
const LISTS: ReadonlyMap<string, () => WordBandList> = new Map([
  ['ar', () => require('../model/word-bands-ar.model.json') as WordBandList],
  ['da', () => require('../model/word-bands-da.model.json') as WordBandList],
  ['de', () => require('../model/word-bands-de.model.json') as WordBandList],
  ['en', () => require('../model/word-bands-en.model.json') as WordBandList],
  ['es', () => require('../model/word-bands-es.model.json') as WordBandList],
  ['fr', () => require('../model/word-bands-fr.model.json') as WordBandList],
  ['it', () => require('../model/word-bands-it.model.json') as WordBandList],
  ['nl', () => require('../model/word-bands-nl.model.json') as WordBandList],
  ['pt', () => require('../model/word-bands-pt.model.json') as WordBandList],
  ['sv', () => require('../model/word-bands-sv.model.json') as WordBandList],
]);

/** Languages with a committed frequency list. */
export const WORD_BAND_LANGUAGES: readonly string[] = [...LISTS.keys()];

const decoded = new Map<string, ReadonlyMap<string, number>>();

/** The committed bands of an ISO 639-1 language, or undefined when it has no list. */
export function wordBandsFor(language: string): ReadonlyMap<string, number> | undefined {
  const load = LISTS.get(language);
  if (!load) return undefined;
  let bands = decoded.get(language);
  if (!bands) {
    bands = decodeWordBands(load());
    decoded.set(language, bands);
  }
  return bands;
}
