import { collapseWhitespace } from '../text-normalise';

/** Where a page states its title, in the order trusted: the social title is the one editors write for readers. */
export interface TitleSources {
  ogTitle: string | null;
  headline: string | null;
  twitterTitle: string | null;
  titleTag: string | null;
  h1: string | null;
  /** The JSON-LD article's `name`, often its headline again. */
  ldName: string | null;
  /** Other headings that may state the title: later `<h1>`s and the first `<h2>`s, in page order. */
  headings: readonly string[];
  /** Names the site goes by: og:site_name, the JSON-LD publisher, the host ("www.dw.com"). */
  siteNames: readonly string[];
}

/** Separators between a title and the site or section names a page appends or prepends ("Title | Section | Site"). */
const SEPARATOR = /\s+[|–—•»·:~/*-]\s+|\s*[|ㅣ｜：]\s*/u;

/** Letters and digits only, lower case: "DW.COM", "dw" and "D.W." compare equal. */
const squash = (text: string): string => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/** A separator-delimited segment that is a date ("28.04.2023", "2024-05-03") rather than words of a title. */
const DATE_SEGMENT = /^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$/;

/** Squashed names a site goes by, hosts reduced to their registrable label too ("dw" of "www.dw.com"). */
export function siteKeys(names: readonly string[]): Set<string> {
  const keys = new Set<string>();
  for (const name of names) {
    const host = /^(?:https?:\/\/)?(?:www\d?\.)?([^/\s]+\.[a-z]{2,})\/?$/i.exec(name.trim());
    if (host) {
      const labels = host[1].toLowerCase().split('.');
      keys.add(squash(host[1]));
      // The registrable label: "dw" of "dw.com", "spiegel" of "spiegel.de", "bbc" of "bbc.co.uk".
      const core = labels.length >= 3 && /^(co|com|org|net|gov|ac)$/.test(labels[labels.length - 2]) ? 3 : 2;
      keys.add(squash(labels[labels.length - core] ?? ''));
    } else keys.add(squash(name));
  }
  keys.delete('');
  return keys;
}

function isSiteSegment(segment: string, keys: Set<string>): boolean {
  const s = squash(segment);
  if (s === '' || DATE_SEGMENT.test(segment.trim())) return true;
  for (const key of keys) {
    // "Daily Mail Online" beside "Mail Online"; "DER SPIEGEL" beside "spiegel".
    if (s === key || (key.length >= 3 && s.length <= key.length + 12 && s.includes(key))) return true;
  }
  return false;
}

/**
 * A title with the site's name (and section or date segments after it) cut off either end. Segments are only cut
 * when one of them names the site, so a headline with a colon or a dash of its own stays whole.
 */
export function stripSiteName(title: string, siteNames: readonly string[]): string {
  const keys = siteKeys(siteNames);
  const parts = title.split(SEPARATOR);
  if (parts.length < 2) return title;
  const site = parts.map((p) => isSiteSegment(p, keys));
  // Suffix form: "Title | Section | Site": cut from the first site-like segment after the first.
  const cut = site.findIndex((s, i) => i > 0 && s);
  if (cut > 0 && !site[0]) return rejoin(title, parts.slice(0, cut).length);
  // Prefix form: "Site | Title".
  if (site[0] && !site[parts.length - 1]) return withoutFirstSegment(title);
  return title;
}

/** The first `count` segments of the title, with their original separators. */
function rejoin(title: string, count: number): string {
  let rest = title;
  let kept = '';
  for (let i = 0; i < count; i++) {
    const m = SEPARATOR.exec(rest);
    if (!m || i === count - 1) return (kept + (m ? rest.slice(0, m.index) : rest)).trim();
    kept += rest.slice(0, m.index + m[0].length);
    rest = rest.slice(m.index + m[0].length);
  }
  return kept.trim();
}

function withoutFirstSegment(title: string): string {
  const m = SEPARATOR.exec(title);
  return m ? title.slice(m.index + m[0].length).trim() : title;
}

const key = (text: string): string => collapseWhitespace(text).toLowerCase();

/** Two sources state the same title: equal, or one is the other plus a tail ("Title" and "Title – Section"). */
function agree(a: string, b: string): boolean {
  const [short, long] = key(a).length <= key(b).length ? [key(a), key(b)] : [key(b), key(a)];
  return short === long || (short.length >= 10 && long.startsWith(short));
}

/**
 * The page's title, reconciled: each source with the site name stripped, then the first in trust order. A source that is another source plus a tail after a separator
 * ("Title - Section" beside the h1 "Title") gives way to the shorter one.
 */
export function reconcileTitle(sources: TitleSources): string | null {
  const clean = (t: string | null): string => (t ? stripSiteName(collapseWhitespace(t).trim(), sources.siteNames) : '');
  const others = [sources.twitterTitle, sources.titleTag, sources.h1].map(clean).filter((t) => t !== '');
  const headline = clean(sources.headline);
  // Some sites fill the JSON-LD headline with a description ("constitutional monarchy in Oceania"): it counts
  // only when another source agrees with it, or none of the others agree among themselves.
  const othersAgree = others.some((t, i) => others.some((o, j) => j !== i && agree(t, o)));
  const headlineHolds = headline !== '' && (others.some((o) => agree(headline, o)) || !othersAgree);
  const ordered = [clean(sources.ogTitle), headlineHolds ? headline : '', ...others].filter((t) => t !== '');
  const first = ordered[0];
  if (first === undefined) return null;
  for (const other of ordered) {
    const k = key(other);
    if (k.length >= 10 && k.length < key(first).length && key(first).startsWith(k)) {
      const tail = first.slice(other.length);
      if (/^\s*[|–—•»·ㅣ｜-]/u.test(tail)) return other;
    }
  }
  return first;
}
