import { findCity } from '../gazetteer/cities';
import { findCountry } from '../gazetteer/countries';
import type { AnalysedText } from '../text/analysed-text';
import { personShortForms } from './document-consistency';
import { titleBefore } from './person-title';
import { spanKey } from './tag-spans';
import { ENTITY_TYPE, type Entity, type Mention, type TokenSpan } from './types';

interface Group {
  name: string;
  type: Entity['type'];
  title: string | null;
  mentions: Mention[];
}

/** "KYIV" → "Kyiv" when the body also writes it in normal case, or the gazetteer knows the city. */
function unshout(name: string, normalCase: ReadonlyMap<string, string>, isPlace: boolean): string {
  if (name !== name.toUpperCase()) return name;
  return normalCase.get(name.toLowerCase()) ?? (isPlace ? findCity(name)?.name : undefined) ?? name;
}

function canonicalName(
  doc: AnalysedText,
  span: TokenSpan,
  shortForms: ReadonlyMap<string, string>,
  normalCase: ReadonlyMap<string, string>,
): string {
  const key = spanKey(doc, span);
  if (span.cls === 'PER') return span.last - span.first === 1 ? (shortForms.get(key.toLowerCase()) ?? key) : key;
  if (span.cls === 'LOC') {
    // Country aliases ("US", "U.S.", "Britain") collapse to one name; other places keep the article's spelling.
    const country = findCountry(key);
    if (country && (key.length <= 4 || key === key.toUpperCase() || /^the /iu.test(key))) return country.name;
  }
  return unshout(key, normalCase, span.cls === 'LOC');
}

export interface SalienceContext {
  readonly title?: string;
}

function salience(group: Group, textLength: number, context: SalienceContext): number {
  const firstAt = group.mentions[0]?.start ?? textLength;
  const early = 1 - firstAt / Math.max(1, textLength);
  const title = context.title?.toLowerCase() ?? '';
  const inTitle = group.mentions.some((mention) => title.includes(mention.text.toLowerCase())) ? 2 : 0;
  return Math.round((Math.log2(1 + group.mentions.length) + early + inTitle) * 1000) / 1000;
}

/** Groups spans into canonical entities with titles, mentions and salience, most salient first. */
export function buildEntities(doc: AnalysedText, spans: readonly TokenSpan[], context: SalienceContext): Entity[] {
  const shortForms = personShortForms(doc, spans);
  const normalCase = new Map<string, string>();
  for (const span of spans) {
    const key = spanKey(doc, span);
    if (key !== key.toUpperCase()) normalCase.set(key.toLowerCase(), key);
  }
  const organisationTokens = new Set<number>();
  for (const span of spans) {
    if (span.cls !== 'PER') for (let i = span.first; i < span.last; i++) organisationTokens.add(i);
  }
  const groups = new Map<string, Group>();
  for (const span of spans) {
    const name = canonicalName(doc, span, shortForms, normalCase);
    const type = ENTITY_TYPE[span.cls];
    const id = `${type}:${name.toLowerCase()}`;
    const group = groups.get(id) ?? { name, type, title: null, mentions: [] };
    const start = doc.tokens[span.first].start;
    const end = doc.tokens[span.last - 1].end;
    group.mentions.push({ start, end, text: doc.text.slice(start, end) });
    if (span.cls === 'PER' && group.title === null) group.title = titleBefore(doc, span, organisationTokens);
    groups.set(id, group);
  }
  return [...groups.values()]
    .map((group): Entity => ({
      ...group,
      count: group.mentions.length,
      salience: salience(group, doc.text.length, context),
    }))
    .sort((a, b) => b.salience - a.salience || a.mentions[0].start - b.mentions[0].start);
}
