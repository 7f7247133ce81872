/** A dateline opening an article: "KYIV:", "WASHINGTON, Jan 5 (Reuters) -", "LONDON 1996-08-30". */
export interface DatelineMatch {
  /** The place as written ("KYIV"). */
  readonly name: string;
  readonly start: number;
  readonly end: number;
  /** Where the article's first sentence starts, after the dateline and its separator. */
  readonly bodyStart: number;
}

const PLACE_IN_CAPS = /^\s*(\p{Lu}[\p{Lu}\p{M}'’.-]+(?: \p{Lu}[\p{Lu}\p{M}'’.-]+){0,3})(?=[\s:,(—–-])/u;
const SEPARATOR = /^[^\n]{0,60}?(?:[:—–]|\s-\s|\d{4}-\d\d-\d\d)\s*/u;

/**
 * Wire copy puts the dateline on its own line under a headline and byline ("BRUSSELS 1996-08-22"): the datelines
 * opening any of the first `lines` lines, in order.
 */
export function findDatelines(text: string, isCommonWord: (word: string) => boolean, lines = 4): DatelineMatch[] {
  const found: DatelineMatch[] = [];
  let offset = 0;
  for (let line = 0; line < lines && offset < text.length; line++) {
    const end = text.indexOf('\n', offset);
    const match = matchDateline(text.slice(offset, end < 0 ? text.length : end), isCommonWord);
    if (match) {
      // A dateline alone on its line: the body starts on the next one.
      let bodyStart = match.bodyStart + offset;
      while (bodyStart < text.length && /\s/u.test(text.charAt(bodyStart))) bodyStart++;
      found.push({ name: match.name, start: match.start + offset, end: match.end + offset, bodyStart });
    }
    if (end < 0) break;
    offset = end + 1;
  }
  return found;
}

/**
 * Finds an all-caps place opening the text and followed (within the line) by a colon, dash or ISO date.
 * `isCommonWord` rejects section labels such as "SOCCER - JAPAN WIN", which share the shape.
 */
export function matchDateline(text: string, isCommonWord: (word: string) => boolean): DatelineMatch | null {
  const place = PLACE_IN_CAPS.exec(text);
  if (!place) return null;
  const name = place[1];
  const start = place.index + place[0].indexOf(name);
  const end = start + name.length;
  const separator = SEPARATOR.exec(text.slice(end));
  if (!separator) return null;
  if (name.split(' ').some((word) => isCommonWord(word.toLowerCase()))) return null;
  return { name, start, end, bodyStart: end + separator[0].length };
}
