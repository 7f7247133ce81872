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

/**
 * Resolves a place name: countries to their own code, cities to their country when the name is unambiguous. With
 * the text's language (ISO 639-1), that language's names count too: "Köln" and "Cologne" both resolve to DE.
 */
export function resolvePlace(name: string, language?: string): Place {
  // The article's own spelling ("Zaporizhzhia", "Russia", "Köln") is kept unless it is an acronym or shouted.
  const written = properCase(name);
  const country = findCountry(name, language);
  if (country) return { name: /^[\p{Lu}.]+$/u.test(name) ? country.name : written, country: country.code };
  const city = findCity(name, language);
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
  language?: string,
): Place | null {
  const given = dateline?.trim() ? dateline.trim().split(',')[0].trim() : null;
  const name = given ?? findDatelines(text, isCommonWord)[0]?.name;
  if (!name || name.length > 40) return null;
  return resolvePlace(name, language);
}

/** Dateline first, then locations by salience; one entry per place. */
export function collectPlaces(entities: readonly Entity[], dateline: Place | null, language?: string): Place[] {
  const places: Place[] = dateline ? [dateline] : [];
  const seen = new Set(places.map((place) => place.name.toLowerCase()));
  for (const entity of entities) {
    if (entity.type !== 'LOCATION') continue;
    const place = resolvePlace(entity.name, language);
    if (seen.has(place.name.toLowerCase())) continue;
    seen.add(place.name.toLowerCase());
    places.push(place);
  }
  return places;
}
