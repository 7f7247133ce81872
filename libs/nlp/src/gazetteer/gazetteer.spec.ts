import { isCalendarWord } from './calendar-words';
import { cityNames, countryCodeOf, findCity } from './cities';
import { countryByCode, findCountry } from './countries';
import { isDemonym } from './demonyms';
import { isOrganisationHead } from './organisation-words';
import { markPlacePhrases } from './place-phrases';
import { isTitleHead, isTitleWord } from './titles';

describe('gazetteer', () => {
  it('resolves country names, aliases and abbreviations to ISO codes with newsroom names', () => {
    expect(findCountry('U.S.')).toEqual({ code: 'US', name: 'United States' });
    expect(findCountry('US')?.code).toBe('US');
    expect(findCountry('Britain')?.code).toBe('GB');
    expect(findCountry('Russian Federation')).toEqual({ code: 'RU', name: 'Russia' });
    expect(findCountry('the Netherlands')?.code).toBe('NL');
    expect(countryByCode('UA')?.name).toBe('Ukraine');
  });

  it('does not read short lower-case words as country codes', () => {
    expect(findCountry('us')).toBeUndefined();
    expect(findCountry('Concessions')).toBeUndefined();
  });

  it('resolves cities to their country, spelling variants included, and refuses ambiguous names', () => {
    expect(findCity('Kyiv')).toEqual(expect.objectContaining({ name: 'Kyiv', country: 'UA' }));
    expect(findCity('Kiev')?.country).toBe('UA');
    expect(findCity('Washington')?.country).toBe('US');
    expect(findCity('Wiesbaden')?.country).toBe('DE');
    expect(findCity('Nowhereville')).toBeUndefined();
  });

  it('tells nationality adjectives from country names', () => {
    expect(['Iraqi', 'Ukrainian', 'Chinese', 'British', 'French', 'Serbs'].every(isDemonym)).toBe(true);
    expect(['Japan', 'Oman', 'Iran', 'Sudan', 'Ukraine'].some(isDemonym)).toBe(false);
  });

  it('knows titles, title heads, organisation heads and calendar words', () => {
    expect(isTitleWord('President')).toBe(true);
    expect(isTitleWord('Secretary-General')).toBe(true);
    expect(isTitleHead('envoy')).toBe(true);
    expect(isTitleHead('senior')).toBe(false);
    expect(isOrganisationHead('Council')).toBe(true);
    expect(isCalendarWord('Tuesday')).toBe(true);
    expect(isCalendarWord('Brussels')).toBe(false);
  });

  it('marks multi-word places, capitalised only', () => {
    expect(markPlacePhrases(['in', 'New', 'York', 'and', 'South', 'Korea'])).toEqual([
      '',
      'B-city',
      'I-city',
      '',
      'B-country',
      'I-country',
    ]);
    expect(markPlacePhrases(['a', 'nice', 'day'])).toEqual(['', '', '']);
  });

  it("marks a language's own names for countries and cities only in that language", () => {
    const words = ['in', 'Deutschland', 'und', 'Köln'];
    expect(markPlacePhrases(words)).toEqual(['', '', '', '']);
    expect(markPlacePhrases(words, 'de')).toEqual(['', 'B-country', '', 'B-city']);
    expect(markPlacePhrases(['los', 'Estados', 'Unidos', 'y', 'Alemania'], 'es')).toEqual([
      '',
      'B-country',
      'I-country',
      '',
      'B-country',
    ]);
  });

  it('marks places in a script without capitals (Arabic) beyond English only', () => {
    expect(markPlacePhrases(['زار', 'ألمانيا'], 'ar')).toEqual(['', 'B-country']);
    expect(markPlacePhrases(['زار', 'ألمانيا'])).toEqual(['', '']);
    // "in Egypt", "for Portugal": the preposition is written onto the name.
    expect(markPlacePhrases(['بمصر', 'للبرتغال'], 'ar')).toEqual(['B-country', 'B-country']);
  });
});

describe('city countries', () => {
  it('are always an alpha-2 code or null, including territories Natural Earth codes as -99', () => {
    expect(findCity('Pristina')?.country).toBe('XK');
    expect(findCity('Hargeysa')?.country).toBe('SO');
    expect(countryCodeOf({ iso2: -99, iso3: 'XYZ' })).toBeNull();
    for (const name of cityNames()) {
      const country = findCity(name)?.country;
      if (country !== undefined && country !== null) expect(country).toMatch(/^[A-Z]{2}$/);
    }
  });
});
