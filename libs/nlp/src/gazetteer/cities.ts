import cityMap from 'city-timezones/data/cityMap.json';

/** A populated place from Natural Earth (via city-timezones) with its ISO country. */
export interface City {
  readonly name: string;
  readonly country: string;
  readonly population: number;
}

interface CityRecord {
  readonly city: string;
  readonly city_ascii: string;
  readonly iso2: string;
  readonly pop: number;
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
    index.set(key, clear ? { name: best.city, country: best.iso2, population: best.pop } : null);
  }
  for (const [alias, target] of Object.entries(SPELLING_ALIASES)) {
    const city = index.get(target);
    if (city !== undefined && !index.has(alias)) index.set(alias, city);
  }
  return index;
}

const INDEX = buildIndex();

/** The city's country when the name is known and unambiguous; `null` when known but ambiguous. */
export function findCity(name: string): City | null | undefined {
  return INDEX.get(name.trim().toLowerCase());
}

/** Every lower-cased city name in the gazetteer, for gazetteer features. */
export function cityNames(): IterableIterator<string> {
  return INDEX.keys();
}
