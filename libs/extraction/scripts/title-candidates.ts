import { collapseWhitespace } from '../src/text-normalise';
import { reconcileTitle, siteKeys, stripSiteName, type TitleSources } from '../src/html/title';

/** Where a candidate title was stated. */
export const TITLE_SOURCE_KINDS = ['og', 'twitter', 'headline', 'ldName', 'titleTag', 'h1', 'heading'] as const;
export type TitleSourceKind = (typeof TITLE_SOURCE_KINDS)[number];

/** One text a page might mean as its title, with the general facts the title chooser weighs. */
export interface TitleCandidate {
  text: string;
  features: number[];
}

/** Separators a title tag joins its title, sections and site name with. */
const SEPARATOR = /\s+[|–—•»·:~/*-]\s+|\s*[|ㅣ｜：]\s*/u;

const squash = (text: string): string => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
const tokens = (text: string): Set<string> => new Set(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);

function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const t of a) if (b.has(t)) shared += 1;
  return shared / (a.size + b.size - shared);
}

/** Names of the features, in vector order: the model file records them so a stale model is refused at start. */
export const TITLE_FEATURES = [
  ...TITLE_SOURCE_KINDS.map((k) => `stated:${k}`),
  'as-stated',
  'site-stripped',
  'title-segment',
  'first-title-segment',
  'sources-stating/3',
  'sources-containing-share',
  'sources-contained-share',
  'mean-token-jaccard',
  'log-chars/5',
  'at-most-2-words',
  'over-25-words',
  'has-site-name',
  'site-name-cut-elsewhere',
  'rules-choice',
  'has-separator',
  'mostly-capitals',
  'ends-with-full-stop',
] as const;

interface Stated {
  kind: TitleSourceKind;
  raw: string;
}

function statedSources(sources: TitleSources): Stated[] {
  const stated: Stated[] = [];
  const add = (kind: TitleSourceKind, raw: string | null): void => {
    const text = raw ? collapseWhitespace(raw) : '';
    if (text !== '') stated.push({ kind, raw: text });
  };
  add('og', sources.ogTitle);
  add('twitter', sources.twitterTitle);
  add('headline', sources.headline);
  add('ldName', sources.ldName);
  add('titleTag', sources.titleTag);
  add('h1', sources.h1);
  for (const heading of sources.headings) add('heading', heading);
  return stated;
}

/**
 * Every text the page offers as its title — each source as stated, with the site name cut off, and each segment of
 * the title tag — described by where it was stated, how far the other sources agree with it, and its shape.
 */
export function titleCandidates(sources: TitleSources): TitleCandidate[] {
  const stated = statedSources(sources);
  const keys = [...siteKeys(sources.siteNames)].filter((k) => k.length >= 3);
  const texts = new Map<
    string,
    { kinds: Set<TitleSourceKind>; whole: boolean; stripped: boolean; segment: boolean; firstSegment: boolean }
  >();
  const note = (text: string, kind: TitleSourceKind, how: 'whole' | 'stripped' | 'segment', first = false): void => {
    const t = text.trim();
    if (t === '') return;
    const entry = texts.get(t) ?? {
      kinds: new Set(),
      whole: false,
      stripped: false,
      segment: false,
      firstSegment: false,
    };
    // A source's text with its site name cut, or one segment of it, still counts as stated by that source.
    entry.kinds.add(kind);
    if (how === 'whole') entry.whole = true;
    if (how === 'stripped') entry.stripped = true;
    if (how === 'segment') entry.segment = true;
    if (first) entry.firstSegment = true;
    texts.set(t, entry);
  };
  for (const s of stated) {
    note(s.raw, s.kind, 'whole');
    const stripped = stripSiteName(s.raw, sources.siteNames);
    if (stripped !== s.raw) note(stripped, s.kind, 'stripped');
    const parts = s.raw.split(SEPARATOR);
    if (s.kind === 'titleTag' && parts.length > 1) parts.forEach((part, i) => note(part, s.kind, 'segment', i === 0));
  }
  // Agreement is measured against each source's own text with its site name cut off.
  const others = stated.map((s) => {
    const text = stripSiteName(s.raw, sources.siteNames);
    return { kind: s.kind, key: text.toLowerCase(), tokens: tokens(text) };
  });
  // Texts that are a longer candidate with the site name cut off: the longer one carries the site's name.
  const cutTexts = new Set(stated.filter((s) => stripSiteName(s.raw, sources.siteNames) !== s.raw).map((s) => s.raw));
  const rulesChoice = reconcileTitle(sources);
  const candidates: TitleCandidate[] = [];
  for (const [text, entry] of texts) {
    const key = text.toLowerCase();
    const own = tokens(text);
    const rest = others.filter((o) => o.key !== key || !entry.kinds.has(o.kind));
    const share = (test: (o: (typeof others)[number]) => boolean): number =>
      rest.length === 0 ? 0 : rest.filter(test).length / rest.length;
    const squashed = squash(text);
    const letters = text.replace(/[^\p{L}]/gu, '');
    const upper = letters.replace(/[^\p{Lu}]/gu, '').length;
    const words = own.size;
    const kindsStating = new Set(others.filter((o) => o.key === key).map((o) => o.kind));
    for (const k of entry.kinds) kindsStating.add(k);
    candidates.push({
      text,
      features: [
        ...TITLE_SOURCE_KINDS.map((k) => (entry.kinds.has(k) ? 1 : 0)),
        entry.whole ? 1 : 0,
        entry.stripped ? 1 : 0,
        entry.segment ? 1 : 0,
        entry.firstSegment ? 1 : 0,
        kindsStating.size / 3,
        share((o) => o.key !== key && o.key.includes(key)),
        share((o) => o.key !== key && key.includes(o.key)),
        rest.length === 0 ? 0 : rest.reduce((sum, o) => sum + jaccard(own, o.tokens), 0) / rest.length,
        Math.log(1 + text.length) / 5,
        words <= 2 ? 1 : 0,
        words > 25 ? 1 : 0,
        keys.some((k) => squashed.includes(k)) ? 1 : 0,
        cutTexts.has(text) ? 1 : 0,
        text === rulesChoice ? 1 : 0,
        SEPARATOR.test(text) ? 1 : 0,
        letters.length >= 8 && upper / letters.length > 0.6 ? 1 : 0,
        /[^.]\.$/.test(text) ? 1 : 0,
      ],
    });
  }
  return candidates;
}
