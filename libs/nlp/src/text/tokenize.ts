import { MONTH_ABBREVIATIONS } from '../gazetteer/calendar-words';

/** A token with its UTF-16 offsets into the text as given, so mentions can point back at the source. */
export interface Token {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

// Abbreviations whose trailing period belongs to the word: titles before names and a few common shorthands.
const DOTTED_ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'st',
  'jr',
  'sr',
  'gen',
  'lt',
  'col',
  'sgt',
  'capt',
  'cmdr',
  'adm',
  'maj',
  'sen',
  'rep',
  'gov',
  'prof',
  'rev',
  'hon',
  'pres',
  'inc',
  'corp',
  'ltd',
  'co',
  'vs',
  'etc',
  ...MONTH_ABBREVIATIONS,
  'mt',
  'approx',
  'dept',
  'univ',
]);

// A detached clitic ("'s" in already-tokenised copy such as "Germany 's"), letter-period runs ("U.S.", "U.N."), numbers with separators, words with inner hyphens/apostrophes, or any other
// single non-space character. Word pieces are capped so a text with no spaces cannot produce one giant token.
const TOKEN_PATTERN =
  /['’](?:[sSdDmMtT]|re|ve|ll)(?![\p{L}\p{N}])|(?:\p{L}\.){2,}|\d+(?:[.,:]\d+)*(?:st|nd|rd|th)?|[\p{L}\p{M}\p{N}]{1,64}(?:[-'’][\p{L}\p{M}\p{N}]{1,64})*|\S/gu;

// Possessives and contractions are split off as separate tokens, the way the training corpora were tokenised.
const POSSESSIVE = /^(.+?)(['’](?:[sSdDmM]|ve|re|ll)?)$/u;

/** Splits text into word and punctuation tokens; possessive `'s` is its own token, as in the training data. */
export function tokenize(text: string, offset = 0, maxTokens = Number.POSITIVE_INFINITY): Token[] {
  const tokens: Token[] = [];
  TOKEN_PATTERN.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = TOKEN_PATTERN.exec(text)) !== null && tokens.length < maxTokens) {
    const value = match[0];
    const start = match.index + offset;
    const possessive = /['’]/u.test(value) ? POSSESSIVE.exec(value) : null;
    if (possessive && (possessive[2].length >= 2 || /s$/iu.test(possessive[1]))) {
      const head = possessive[1];
      tokens.push({ text: head, start, end: start + head.length });
      tokens.push({ text: possessive[2], start: start + head.length, end: start + value.length });
      continue;
    }
    const next = text.charAt(match.index + value.length);
    if (next === '.' && DOTTED_ABBREVIATIONS.has(value.toLowerCase())) {
      TOKEN_PATTERN.lastIndex += 1;
      tokens.push({ text: `${value}.`, start, end: start + value.length + 1 });
      continue;
    }
    tokens.push({ text: value, start, end: start + value.length });
  }
  return tokens;
}
