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

// One index per language: English names alone, or English names plus the language's own.
const cached = new Map<string, PlacePhraseIndex>();

/**
 * The English country and city names, plus, given a language (ISO 639-1), that language's names for countries and
 * cities ("Deutschland", "Alemania", "Köln"): a tagger beyond English sees its own language's places marked.
 */
export function placePhraseIndex(language?: string): PlacePhraseIndex {
  const key = language ?? '';
  const known = cached.get(key);
  if (known) return known;
  const index = buildIndex(language);
  cached.set(key, index);
  return index;
}

function buildIndex(language: string | undefined): PlacePhraseIndex {
  const phrases = new Map<string, PlaceKind>();
  let maxTokens = 1;
  const add = (name: string, kind: PlaceKind): void => {
    const key = name.replace(/\./gu, '').replace(/,/gu, ' ').split(/\s+/u).filter(Boolean).join(' ');
    if (key.length < 3 || (phrases.get(key) === 'country' && kind === 'city')) return;
    phrases.set(key, kind);
    maxTokens = Math.max(maxTokens, key.split(' ').length);
  };
  for (const name of cityNames(language)) add(name, 'city');
  for (const name of countryNames(language)) add(name, 'country');
  const firstWords = new Set([...phrases.keys()].map((key) => key.split(' ')[0]));
  return { phrases, firstWords, maxTokens: Math.min(maxTokens, 4) };
}

/**
 * Whether a word may open a place name: capitalised; or, beyond English, written in a script without letter case
 * (Arabic), where only the gazetteer lookup can tell.
 */
function mayOpen(first: string, language: string | undefined): boolean {
  if (first !== first.toLowerCase()) return true;
  return language !== undefined && first === first.toUpperCase() && /\p{L}/u.test(first);
}

/**
 * Arabic writes "and", "in", "for" and "like" (و ف ب ل ك) onto the next word, and "for the" (لل) in place of ل + ال:
 * "بمصر" is "in Egypt", "للبرتغال" "for Portugal". The name without its proclitic, when that is a known first word.
 */
function withoutArabicProclitic(key: string, firstWords: ReadonlySet<string>): string | undefined {
  if (key.length < 4 || !'وفبلك'.includes(key.charAt(0))) return undefined;
  const rest = key.slice(1);
  if (firstWords.has(rest)) return rest;
  const defined = rest.startsWith('ل') ? `ا${rest}` : undefined;
  return defined !== undefined && firstWords.has(defined) ? defined : undefined;
}

/**
 * Per token, "B-country"/"I-city"/"" for the longest capitalised gazetteer phrase starting there. Lower-case text
 * never matches, so "nice weather" is not a French city. With a language, its own place names count too.
 */
export function markPlacePhrases(words: readonly string[], language?: string): string[] {
  const { phrases, firstWords, maxTokens } = placePhraseIndex(language);
  const marks = new Array<string>(words.length).fill('');
  const keys = new Array<string | undefined>(words.length);
  const keyOf = (j: number): string => {
    const word = words[j];
    return (keys[j] ??= word.includes('.') ? word.toLowerCase().replace(/\./gu, '') : word.toLowerCase());
  };
  for (let i = 0; i < words.length; i++) {
    const first = words[i].charAt(0);
    if (!mayOpen(first, language)) continue;
    if (!firstWords.has(keyOf(i))) {
      const bare = language === 'ar' ? withoutArabicProclitic(keyOf(i), firstWords) : undefined;
      if (bare === undefined) continue;
      keys[i] = bare;
    }
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
