import { toTitleCase } from './text-normalise';

export interface DatelineMatch {
  /** The place in title case: "Brussels", "New York". */
  place: string;
  /** The paragraph with the dateline prefix removed. */
  rest: string;
}

/*
 * A wire-style dateline: a place in capitals, optionally followed by a comma-separated qualifier (", Calif.",
 * ", March 3"), an agency in parentheses ("(AP)", "(Reuters)"), then a colon or a dash:
 *   "BRUSSELS: …", "KYIV (AFP) – …", "NEW YORK, March 3 (Reuters) - …", "WASHINGTON — …".
 */
const DATELINE =
  /^((?:\p{Lu}[\p{Lu}\p{M}'’.-]*)(?:[ -]\p{Lu}[\p{Lu}\p{M}'’.-]*){0,3})((?:,\s*[\p{L}\p{M}0-9. ]{1,30})?(?:\s*\([\p{L}\p{M}0-9 .&/-]{1,40}\))?)\s*(?::|\s[-–—]{1,2})\s+(?=\S)/u;

/** Finds a dateline at the start of a paragraph. Only all-caps places count: "Mr. Smith: …" is not a dateline. */
export function matchDateline(paragraph: string): DatelineMatch | null {
  const m = DATELINE.exec(paragraph);
  if (!m) return null;
  const place = m[1].replace(/[.,]+$/, '');
  const letters = place.replace(/[^\p{L}]/gu, '');
  if (letters.length < 2 || place.length > 40) return null;
  return { place: toTitleCase(place), rest: paragraph.slice(m[0].length) };
}
