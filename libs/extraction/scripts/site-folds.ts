// Cross-validation folds by site: every page of one host lands in the same fold, so a fold's figures say how the
// extractor does on sites it was not looked at on.

export const FOLDS = 5;

/** The registrable-ish part of a host ("www.bbc.com" and "news.bbc.com" are one site). */
export function siteOf(url: string): string {
  let host = '';
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return url;
  }
  const parts = host.split('.');
  // Two-letter second-level labels under a country code ("co.uk", "com.br") belong to the suffix.
  const keep = parts.length >= 3 && /^(co|com|org|net|gov|ac|edu)$/.test(parts[parts.length - 2]) ? 3 : 2;
  return parts.slice(-keep).join('.');
}

/** FNV-1a of the site name, so the fold of a page never depends on which other pages are in the set. */
export function foldOf(url: string, folds = FOLDS): number {
  let hash = 0x811c9dc5;
  for (const char of siteOf(url)) {
    hash ^= char.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % folds;
}
