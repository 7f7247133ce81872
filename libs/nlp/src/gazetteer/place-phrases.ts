import { cityNames } from './cities';
import { countryNames } from './countries';

export type PlaceKind = 'country' | 'city';

/** Country and city names as token sequences, for matching multi-word names ("New York", "South Korea"). */
export interface PlacePhraseIndex {
  readonly phrases: ReadonlyMap<string, PlaceKind>;
  /** First words of all phrases: most capitalised words start none, and are rejected with one lookup. */
  readonly firstWords: ReadonlySet<string>;
  readonly maxTokens: number;
}

let cached: PlacePhraseIndex | undefined;

export function placePhraseIndex(): PlacePhraseIndex {
  if (cached) return cached;
  const phrases = new Map<string, PlaceKind>();
  let maxTokens = 1;
  const add = (name: string, kind: PlaceKind): void => {
    const key = name.replace(/\./gu, '').replace(/,/gu, ' ').split(/\s+/u).filter(Boolean).join(' ');
    if (key.length < 3 || (phrases.get(key) === 'country' && kind === 'city')) return;
    phrases.set(key, kind);
    maxTokens = Math.max(maxTokens, key.split(' ').length);
  };
  for (const name of cityNames()) add(name, 'city');
  for (const name of countryNames()) add(name, 'country');
  const firstWords = new Set([...phrases.keys()].map((key) => key.split(' ')[0]));
  cached = { phrases, firstWords, maxTokens: Math.min(maxTokens, 4) };
  return cached;
}

/**
 * Per token, "B-country"/"I-city"/"" for the longest capitalised gazetteer phrase starting there. Lower-case text
 * never matches, so "nice weather" is not a French city.
 */
export function markPlacePhrases(words: readonly string[]): string[] {
  const { phrases, firstWords, maxTokens } = placePhraseIndex();
  const marks = new Array<string>(words.length).fill('');
  const keys = new Array<string | undefined>(words.length);
  const keyOf = (j: number): string => {
    const word = words[j];
    return (keys[j] ??= word.includes('.') ? word.toLowerCase().replace(/\./gu, '') : word.toLowerCase());
  };
  for (let i = 0; i < words.length; i++) {
    const first = words[i].charAt(0);
    if (first === first.toLowerCase() || !firstWords.has(keyOf(i))) continue;
    let key = '';
    let longest = 0;
    let kind: PlaceKind | undefined;
    for (let length = 1; length <= maxTokens && i + length <= words.length; length++) {
      key = length === 1 ? keyOf(i) : `${key} ${keyOf(i + length - 1)}`;
      const found = phrases.get(key);
      if (found) {
        longest = length;
        kind = found;
      }
    }
    if (!kind) continue;
    marks[i] = `B-${kind}`;
    for (let j = i + 1; j < i + longest; j++) marks[j] = `I-${kind}`;
    i += longest - 1;
  }
  return marks;
}
