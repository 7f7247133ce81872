// Given names from many languages ("Olaf", "Giuseppe", "Fatima"), built from openly licensed data by
// libs/nlp/scripts/build-given-names.ts; the committed JSON is imported like code so the library stays free of I/O.

interface GivenNameList {
  readonly source: string;
  readonly licence: string;
  readonly names: readonly string[];
}

let cached: ReadonlySet<string> | undefined;

/** Whether the word, in any case, is a known given name: a person's name usually follows or contains it. */
export function isGivenName(word: string): boolean {
  cached ??= new Set((require('../model/given-names.model.json') as GivenNameList).names);
  return cached.has(word.toLowerCase());
}
