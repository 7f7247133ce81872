import arabicCountryNames from 'i18n-iso-countries/langs/ar.json';
import danishCountryNames from 'i18n-iso-countries/langs/da.json';
import germanCountryNames from 'i18n-iso-countries/langs/de.json';
import englishCountryNames from 'i18n-iso-countries/langs/en.json';
import spanishCountryNames from 'i18n-iso-countries/langs/es.json';
import frenchCountryNames from 'i18n-iso-countries/langs/fr.json';
import italianCountryNames from 'i18n-iso-countries/langs/it.json';
import dutchCountryNames from 'i18n-iso-countries/langs/nl.json';
import portugueseCountryNames from 'i18n-iso-countries/langs/pt.json';
import swedishCountryNames from 'i18n-iso-countries/langs/sv.json';

/** A country from ISO 3166-1 with the English name consumers should see. */
export interface Country {
  readonly code: string;
  readonly name: string;
}

type NameList = string | readonly string[];

// Extra English forms newsrooms use that the ISO dataset lacks; each maps onto an ISO code.
const EXTRA_ALIASES: Readonly<Record<string, string>> = {
  America: 'US',
  Britain: 'GB',
  England: 'GB',
  Scotland: 'GB',
  Wales: 'GB',
  'Great Britain': 'GB',
  Holland: 'NL',
  'South Korea': 'KR',
  'North Korea': 'KP',
  'Ivory Coast': 'CI',
  Burma: 'MM',
  Czechia: 'CZ',
  'Czech Republic': 'CZ',
  Kosovo: 'XK',
  Vatican: 'VA',
  Palestine: 'PS',
  Taiwan: 'TW',
  Syria: 'SY',
  Iran: 'IR',
  Laos: 'LA',
  Moldova: 'MD',
  Tanzania: 'TZ',
  Bolivia: 'BO',
  Venezuela: 'VE',
  Vietnam: 'VN',
  Congo: 'CD',
};

// ISO's names are formal ("Russian Federation", "Korea, Republic of"); these are the names newsrooms print.
const DISPLAY_NAMES: Readonly<Record<string, string>> = {
  US: 'United States',
  GB: 'United Kingdom',
  RU: 'Russia',
  KR: 'South Korea',
  KP: 'North Korea',
  IR: 'Iran',
  SY: 'Syria',
  VN: 'Vietnam',
  TW: 'Taiwan',
  LA: 'Laos',
  MD: 'Moldova',
  TZ: 'Tanzania',
  BO: 'Bolivia',
  VE: 'Venezuela',
  CD: 'DR Congo',
  CZ: 'Czech Republic',
  PS: 'Palestine',
};

function displayName(code: string, names: readonly string[]): string {
  const readable = names.filter((name) => !/^[A-Z.]+$/u.test(name) && !name.includes(','));
  const shortest = [...readable].sort((a, b) => a.length - b.length)[0];
  return DISPLAY_NAMES[code] ?? shortest ?? names[0];
}

function buildIndex(): { byName: Map<string, Country>; byCode: Map<string, Country> } {
  const byName = new Map<string, Country>();
  const byCode = new Map<string, Country>();
  const entries = Object.entries(englishCountryNames.countries as Record<string, NameList>);
  for (const [code, value] of entries) {
    const names = typeof value === 'string' ? [value] : [...value];
    const country = { code, name: displayName(code, names) };
    byCode.set(code, country);
    for (const name of names) byName.set(name.toLowerCase(), country);
  }
  for (const [alias, code] of Object.entries(EXTRA_ALIASES)) {
    const country = byCode.get(code) ?? { code, name: alias };
    byCode.set(code, country);
    if (!byName.has(alias.toLowerCase())) byName.set(alias.toLowerCase(), country);
  }
  return { byName, byCode };
}

const INDEX = buildIndex();

// Country names in the languages tagged beyond English (i18n-iso-countries, MIT): "Deutschland", "Alemania" and
// "ألمانيا" are Germany.
const NAMES_BY_LANGUAGE: Readonly<Record<string, { countries: Record<string, NameList> }>> = {
  ar: arabicCountryNames,
  da: danishCountryNames,
  de: germanCountryNames,
  es: spanishCountryNames,
  fr: frenchCountryNames,
  it: italianCountryNames,
  nl: dutchCountryNames,
  pt: portugueseCountryNames,
  sv: swedishCountryNames,
};
const languageIndexes = new Map<string, Map<string, Country>>();

function languageIndex(language: string): Map<string, Country> | undefined {
  const names = NAMES_BY_LANGUAGE[language];
  if (!names) return undefined;
  let index = languageIndexes.get(language);
  if (!index) {
    index = new Map();
    for (const [code, value] of Object.entries(names.countries)) {
      const country = INDEX.byCode.get(code);
      if (!country) continue;
      for (const name of typeof value === 'string' ? [value] : value) index.set(name.toLowerCase(), country);
    }
    languageIndexes.set(language, index);
  }
  return index;
}

/**
 * Resolves a country name, common alias or abbreviation ("US", "U.S.", "Britain") to its ISO code: English names,
 * then, given the text's language, that language's names ("Deutschland", "Espanha").
 */
export function findCountry(name: string, language?: string): Country | undefined {
  const key = name.trim().toLowerCase();
  // "US" and "UK" are short enough to be words ("us"); only accept them as written in capitals.
  if (key.length <= 3 && name !== name.toUpperCase()) return undefined;
  const english = INDEX.byName.get(key) ?? INDEX.byName.get(key.replace(/^the /u, ''));
  return english ?? (language ? languageIndex(language)?.get(key) : undefined);
}

export function countryByCode(code: string): Country | undefined {
  return INDEX.byCode.get(code);
}

/**
 * Every lower-cased country name and alias, for gazetteer features: the English ones, plus the given language's
 * ("deutschland", "alemania") when it has any.
 */
export function countryNames(language?: string): string[] {
  const own = language ? languageIndex(language) : undefined;
  return [...INDEX.byName.keys(), ...(own ? own.keys() : [])];
}
