import type { CleanArticle } from '@inkstream/contracts';

/**
 * Entity, place and topic filters match whatever case and accents a reader types (`china`, `CHINA`, `Chína` all find
 * "China"): each article stores the normalised keys it can be found by (`filterKeys`, one multikey index), so the
 * comparison is an index seek rather than a case-insensitive regex or a collation, which FerretDB 2 does not index.
 */
export type FilterKeyKind = 'entity' | 'place' | 'country' | 'topic';

const COMBINING_MARKS = /\p{M}+/gu;
const SPACES = /\s+/g;

/** Lower case, accents and other combining marks removed, compatibility forms unified (`ﬁ` = `fi`), spaces folded. */
export function foldForMatch(text: string): string {
  return text.normalize('NFKD').replace(COMBINING_MARKS, '').toLowerCase().replace(SPACES, ' ').trim();
}

export function filterKey(kind: FilterKeyKind, value: string): string {
  return `${kind}:${kind === 'country' ? value.trim().toUpperCase() : foldForMatch(value)}`;
}

/** Every key an article can be found by: its entities' names, its places' names and countries, its topics. */
export function articleFilterKeys(article: Pick<CleanArticle, 'entities' | 'places' | 'topics'>): string[] {
  const keys = new Set<string>();
  for (const entity of article.entities) keys.add(filterKey('entity', entity.name));
  for (const place of article.places) {
    keys.add(filterKey('place', place.name));
    if (place.country) keys.add(filterKey('country', place.country));
  }
  for (const topic of article.topics) keys.add(filterKey('topic', topic.value));
  return [...keys].sort();
}
