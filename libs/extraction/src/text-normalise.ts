/** Collapses every run of whitespace (including NBSP and zero-width characters) to one space and trims. */
export function collapseWhitespace(text: string): string {
  return text
    .replace(/[\u200b-\u200d\u2060\ufeff\u00ad]/g, '')
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();
}

/** A key under which two spellings of the same text compare equal: NFKC, case-folded, whitespace collapsed. */
export function foldForComparison(text: string): string {
  return collapseWhitespace(text.normalize('NFKC').toLowerCase());
}

/** Title case for place names written in capitals ("NEW YORK" → "New York", "SAN JOSÉ" → "San José"). */
export function toTitleCase(text: string): string {
  return text
    .toLowerCase()
    .replace(/(^|[\s\-'’.(/])(\p{L})/gu, (_m, sep: string, ch: string) => sep + ch.toUpperCase());
}
