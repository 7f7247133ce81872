// One normal form for every comparison: two copies of a story that differ only in typography (curly vs straight
// quotes, en vs em dashes, full-width digits, letter case, spacing, punctuation) must produce the same tokens.

const QUOTES_AND_DASHES: ReadonlyArray<[RegExp, string]> = [
  [/[\u2018\u2019\u201a\u201b\u2032\u00b4`]/g, "'"],
  [/[\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb]/g, '"'],
  [/[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]/g, '-'],
];

// Scripts written without spaces between words: each character is a token, else a whole sentence would be one.
const UNSPACED_SCRIPT =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
const UNSPACED_SCRIPT_GLOBAL = new RegExp(UNSPACED_SCRIPT.source, 'gu');
const NOT_WORD = /[^\p{L}\p{N}\p{M}]+/gu;

/** NFKC, case-folded, typographic quotes/dashes unified, punctuation removed, single spaces. */
export function normaliseText(text: string): string {
  let result = text.normalize('NFKC');
  for (const [pattern, replacement] of QUOTES_AND_DASHES) result = result.replace(pattern, replacement);
  // toLowerCase after toUpperCase folds the few letters (ß, ς, ǅ…) whose lower case alone is not the fold.
  result = result.toUpperCase().toLowerCase();
  return result.replace(NOT_WORD, ' ').trim();
}

/** Word tokens of already normalised text; characters of unspaced scripts are tokens of their own. */
export function tokenise(normalised: string): string[] {
  if (normalised === '') return [];
  const spaced = UNSPACED_SCRIPT.test(normalised)
    ? normalised.replace(UNSPACED_SCRIPT_GLOBAL, (char) => ` ${char} `).trim()
    : normalised;
  return spaced.split(/\s+/u);
}

/** Paragraphs of an article body: one per non-blank line (the splitter joins paragraphs with newlines). */
export function splitParagraphs(body: string): string[] {
  return body
    .split(/\r?\n/u)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}
