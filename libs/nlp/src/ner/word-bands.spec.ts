import { TAGGED_LANGUAGES } from './default-tagger';
import {
  decodeWordBands,
  frequencyKey,
  UNLISTED_BAND,
  WORD_BAND_LANGUAGES,
  wordBand,
  wordBandsFor,
  type WordBandList,
} from './word-bands';

describe('word-frequency bands', () => {
  const list: WordBandList = {
    source: 'test',
    licence: 'CC BY-SA 4.0',
    language: 'de',
    floor: 3,
    bands: { '7': 'der die und', '5': 'haus strasse', '3': 'bundeskanzler 0000' },
  };
  const bands = decodeWordBands(list);

  it('looks a word up in any case, as wordfreq keys it', () => {
    expect(wordBand('Der', 'de', bands)).toBe(7);
    expect(wordBand('HAUS', 'de', bands)).toBe(5);
    expect(wordBand('Straße', 'de', bands)).toBe(5);
    expect(wordBand('2024', 'de', bands)).toBe(3);
    expect(wordBand('Bundeskanzler', 'de', bands)).toBe(3);
  });

  it('gives words below the floor and unknown words one band', () => {
    expect(wordBand('Vorstandschef', 'de', bands)).toBe(UNLISTED_BAND);
    expect(wordBand('', 'de', bands)).toBe(UNLISTED_BAND);
  });

  it('keys Arabic without vowel marks or tatweel, and digits as zeros', () => {
    expect(frequencyKey('مُحَمَّد', 'ar')).toBe('محمد');
    expect(frequencyKey('محـمد', 'ar')).toBe('محمد');
    expect(frequencyKey('COVID-19', 'en')).toBe('covid-00');
  });

  it('has a committed list for every language tagged, and English', () => {
    expect([...WORD_BAND_LANGUAGES].sort()).toEqual([...TAGGED_LANGUAGES, 'en'].sort());
    expect(wordBandsFor('pl')).toBeUndefined();
    expect(wordBandsFor('constructor')).toBeUndefined();
  });

  it('reads the committed lists: function words at the top, common nouns below, new names unlisted', () => {
    const german = wordBandsFor('de');
    if (!german) throw new Error('no German list');
    expect(wordBand('der', 'de', german)).toBe(7);
    expect(wordBand('Haus', 'de', german)).toBe(5);
    expect(wordBand('Straße', 'de', german)).toBe(5);
    expect(wordBand('Vorstandschef', 'de', german)).toBe(UNLISTED_BAND);
    expect(wordBandsFor('de')).toBe(german);
    const arabic = wordBandsFor('ar');
    if (!arabic) throw new Error('no Arabic list');
    expect(wordBand('القاهرة', 'ar', arabic)).toBe(5);
  });
});
