/** Entity classes of news NER conventions (CoNLL): person, organisation, location. */
export type EntityClass = 'PER' | 'ORG' | 'LOC';

/** BIO tags in a fixed order: the model's weight rows follow it. */
export const TAGS = ['O', 'B-PER', 'I-PER', 'B-ORG', 'I-ORG', 'B-LOC', 'I-LOC'] as const;
export type Tag = (typeof TAGS)[number];

export function tagClass(tag: Tag): EntityClass | null {
  return tag === 'O' ? null : (tag.slice(2) as EntityClass);
}

/** An I- tag may only continue an entity of the same class; anything else would make a malformed span. */
export function isAllowedAfter(tag: Tag, previous: Tag): boolean {
  if (!tag.startsWith('I-')) return true;
  return previous !== 'O' && previous.slice(2) === tag.slice(2);
}

// Lower-case words that do occur inside names: "Institute for the Study of War", "Osama bin Laden".
const NAME_PARTICLES = new Set([
  'of',
  'for',
  'the',
  'and',
  'on',
  'de',
  'del',
  'della',
  'di',
  'da',
  'das',
  'dos',
  'du',
  'la',
  'le',
  'van',
  'von',
  'der',
  'den',
  'ter',
  'bin',
  'ibn',
  'al',
  'el',
  'y',
  'e',
  'und',
  'at',
  'in',
  '&',
]);

/**
 * Hard limits on what a token can be, whatever the weights say: a name never starts with a lower-case word or a
 * bare number, and continues over lower-case words only through particles ("of", "bin") or camel case ("al-Qaida").
 */
export function isAllowedFor(tag: Tag, word: string, kind: TokenKind = tokenKind(word)): boolean {
  if (tag === 'O') return true;
  if (tag.charCodeAt(0) === 66 /* B */) return kind === TokenKind.Capitalised;
  if (kind === TokenKind.NoLetter) return /^(?:\d+|&|-|\.)$/u.test(word);
  return kind === TokenKind.Capitalised || NAME_PARTICLES.has(word);
}

export const enum TokenKind {
  Capitalised,
  LowerCase,
  NoLetter,
}

export function tokenKind(word: string): TokenKind {
  const first = word.charCodeAt(0);
  // ASCII fast paths; the regexes below handle every other script.
  if (first >= 97 && first <= 122) return /\p{Lu}/u.test(word) ? TokenKind.Capitalised : TokenKind.LowerCase;
  if (first >= 65 && first <= 90) return TokenKind.Capitalised;
  if (!/\p{L}/u.test(word)) return TokenKind.NoLetter;
  return /^\p{Ll}/u.test(word) && !/\p{Lu}/u.test(word) ? TokenKind.LowerCase : TokenKind.Capitalised;
}
