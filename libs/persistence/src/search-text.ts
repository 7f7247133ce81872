import type { EnrichedArticle } from '@inkstream/contracts';

/**
 * What `GET /api/articles?q=` searches besides the title, an operator's choice (`ARTICLE_SEARCH_SCOPE`):
 * - `story`: what identifies the story: standfirst, lede, summary, and every entity, place and keyword the enricher
 *   found anywhere in the text. A word that is none of these and stands only deep in the body is not found.
 * - `body`: every word of the body as well.
 * On DocumentDB (FerretDB 2) each distinct word of an article is one entry of a RUM index, written in PostgreSQL with
 * a generic WAL record of its page: the body's ~300 words cost more CPU than the rest of the article's write
 * together, and more as the index grows (docs/benchmarks.md). The story text is about a third of the words.
 */
export const SEARCH_SCOPES = ['story', 'body'] as const;
export type SearchScope = (typeof SEARCH_SCOPES)[number];
export const DEFAULT_SEARCH_SCOPE: SearchScope = 'story';

/** The lede: the body's first words, where news puts who, what, where and when. */
export const LEDE_WORDS = 60;

type SearchSource = Pick<EnrichedArticle, 'standfirst' | 'body'> & {
  enrichment: Pick<EnrichedArticle['enrichment'], 'summary' | 'entities' | 'places' | 'keywords'>;
};

/** The story-scope search text of an article, one part per line; each name and keyword once. */
export function articleSearchText(article: SearchSource): string {
  const { enrichment } = article;
  const lede = article.body
    .split(/\s+/, LEDE_WORDS + 1)
    .slice(0, LEDE_WORDS)
    .join(' ')
    .trim();
  const names = new Set([
    ...enrichment.entities.map((entity) => entity.name),
    ...enrichment.places.map((place) => place.name),
    ...enrichment.keywords.map((keyword) => keyword.value),
  ]);
  return [article.standfirst ?? '', lede, enrichment.summary, ...names]
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .join('\n');
}

/** The fields of the text index for a scope, with their weights: a word in the title counts three times. */
export function searchIndexWeights(scope: SearchScope): Record<string, number> {
  return scope === 'story' ? { title: 3, searchText: 1 } : { title: 3, body: 1 };
}
