import cityMap from 'city-timezones/data/cityMap.json';
import { CITY_EXONYMS } from './city-exonyms';

/** A populated place from Natural Earth (via city-timezones) with its ISO country. */
export interface City {
  readonly name: string;
  readonly country: string | null;
  readonly population: number;
}

interface CityRecord {
  readonly city: string;
  readonly city_ascii: string;
  /** Natural Earth writes -99 (a number) where a territory has no ISO 3166-1 code. */
  readonly iso2: string | number;
  readonly iso3: string;
  readonly pop: number;
}

/** Natural Earth's own codes for territories without an ISO alpha-2 code: Kosovo's user-assigned XK, Somaliland SO. */
const ISO2_FOR_ISO3: Readonly<Record<string, string>> = { KOS: 'XK', SOL: 'SO' };

/**
 * The record's country as an alpha-2 code, never anything else: a number here once reached the enricher's output
 * schema and dead-lettered good articles (Pristina, Hargeysa).
 */
export function countryCodeOf(record: Pick<CityRecord, 'iso2' | 'iso3'>): string | null {
  if (typeof record.iso2 === 'string' && /^[A-Z]{2}$/.test(record.iso2)) return record.iso2;
  return ISO2_FOR_ISO3[record.iso3] ?? null;
}

// Newsroom spellings differ from the dataset's; keys are the forms we see in copy, values the dataset's names.
const SPELLING_ALIASES: Readonly<Record<string, string>> = {
  kiev: 'kyiv',
  washington: 'washington, d.c.',
  'washington dc': 'washington, d.c.',
  zaporizhzhia: 'zaporizhzhya',
  zaporozhye: 'zaporizhzhya',
  odesa: 'odessa',
  dnipro: 'dnipropetrovsk',
};

// A name shared by cities in several countries is only resolved when one city dwarfs the others
// ("Paris" France vs "Paris" Texas); otherwise the country is left unknown rather than guessed.
const DOMINANCE_RATIO = 5;

function buildIndex(): Map<string, City | null> {
  const candidates = new Map<string, CityRecord[]>();
  for (const record of cityMap as readonly CityRecord[]) {
    for (const key of new Set([record.city.toLowerCase(), record.city_ascii.toLowerCase()])) {
      const list = candidates.get(key) ?? [];
      list.push(record);
      candidates.set(key, list);
    }
  }
  const index = new Map<string, City | null>();
  for (const [key, records] of candidates) {
    const sorted = [...records].sort((a, b) => b.pop - a.pop);
    const [best, runnerUp] = sorted;
    const clear = runnerUp === undefined || runnerUp.iso2 === best.iso2 || best.pop >= runnerUp.pop * DOMINANCE_RATIO;
    index.set(key, clear ? { name: best.city, country: countryCodeOf(best), population: best.pop } : null);
  }
  for (const [alias, target] of Object.entries(SPELLING_ALIASES)) {
    const city = index.get(target);
    if (city !== undefined && !index.has(alias)) index.set(alias, city);
  }
  return index;
}

const INDEX = buildIndex();

/**
 * The city's country when the name is known and unambiguous; `null` when known but ambiguous. With the text's
 * language, that language's name for a city ("Köln", "Londres") is read first, as the English name it stands for.
 */
export function findCity(name: string, language?: string): City | null | undefined {
  const key = name.trim().toLowerCase();
  const english = language ? CITY_EXONYMS[language]?.[key] : undefined;
  return (english !== undefined ? INDEX.get(english) : undefined) ?? INDEX.get(key);
}

/**
 * Every lower-cased city name in the gazetteer, for gazetteer features, plus the given language's own names for
 * cities ("köln", "londres") when it has any.
 */
export function cityNames(language?: string): string[] {
  return [...INDEX.keys(), ...Object.keys((language ? CITY_EXONYMS[language] : undefined) ?? {})];
}
