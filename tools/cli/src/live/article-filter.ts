import type { CleanArticle } from '@inkstream/contracts';
import { ARTICLE_FILTER_PARAMS, type ArticleFilter } from '@inkstream/persistence';

/**
 * `inkstream tail --filter key=value`: the same keys and meaning as the API's article filters (`/api/articles`,
 * `/api/stream`), matched by the same predicate (`articleMatchesFilter`).
 */
const KEYS: Readonly<Record<string, keyof ArticleFilter>> = ARTICLE_FILTER_PARAMS;

export function parseArticleFilter(expressions: string[]): ArticleFilter {
  const filter: ArticleFilter = {};
  for (const expression of expressions.flatMap((item) => item.split(','))) {
    const [key, ...rest] = expression.split('=');
    const field = KEYS[key.trim()];
    const value = rest.join('=').trim();
    if (!field || value === '') {
      throw new Error(`bad filter "${expression}": use key=value with key one of ${Object.keys(KEYS).join(', ')}`);
    }
    filter[field] = value;
  }
  return filter;
}

/** One terminal line per article: title, source, language, top entities. */
export function formatArticleLine(article: CleanArticle): string {
  const entities = [...article.entities]
    .sort((a, b) => b.salience - a.salience)
    .slice(0, 4)
    .map((entity) => entity.name)
    .join(', ');
  const source = article.source.domain ?? article.source.name;
  return `${article.title || '(untitled)'}  —  ${source}  [${article.language}]${entities ? `  ${entities}` : ''}  v${article.version}`;
}
