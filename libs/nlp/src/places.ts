import type { Entity } from './entities/types';
import { findCity } from './gazetteer/cities';
import { findCountry } from './gazetteer/countries';
import { findDatelines } from './text/dateline';

/** A place the article is about or reports from, with its ISO 3166-1 alpha-2 country when known. */
export interface Place {
  readonly name: string;
  readonly country: string | null;
}

function properCase(name: string): string {
  if (name !== name.toUpperCase()) return name;
  return name
    .toLowerCase()
    .replace(/(^|[\s'’-])(\p{L})/gu, (_, boundary: string, letter: string) => boundary + letter.toUpperCase());
}

/** Resolves a place name: countries to their own code, cities to their country when the name is unambiguous. */
export function resolvePlace(name: string): Place {
  // The article's own spelling ("Zaporizhzhia", "Russia") is kept unless it is an acronym or shouted.
  const written = properCase(name);
  const country = findCountry(name);
  if (country) return { name: /^[\p{Lu}.]+$/u.test(name) ? country.name : written, country: country.code };
  const city = findCity(name);
  return { name: written, country: city ? city.country : null };
}

/**
 * The dateline's place: the given dateline, or an opening "KYIV:" / "WASHINGTON, Jan 5 —" in the text.
 * `isCommonWord` keeps section labels ("SOCCER - …") from passing for places.
 */
export function datelinePlace(
  text: string,
  dateline?: string | null,
  isCommonWord: (word: string) => boolean = () => false,
): Place | null {
  const given = dateline?.trim() ? dateline.trim().split(',')[0].trim() : null;
  const name = given ?? findDatelines(text, isCommonWord)[0]?.name;
  if (!name || name.length > 40) return null;
  return resolvePlace(name);
}

/** Dateline first, then locations by salience; one entry per place. */
export function collectPlaces(entities: readonly Entity[], dateline: Place | null): Place[] {
  const places: Place[] = dateline ? [dateline] : [];
  const seen = new Set(places.map((place) => place.name.toLowerCase()));
  for (const entity of entities) {
    if (entity.type !== 'LOCATION') continue;
    const place = resolvePlace(entity.name);
    if (seen.has(place.name.toLowerCase())) continue;
    seen.add(place.name.toLowerCase());
    places.push(place);
  }
  return places;
}
