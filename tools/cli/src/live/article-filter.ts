import type { CleanArticle } from '@inkstream/contracts';

/** What `inkstream tail --filter` accepts: `key=value` pairs, all of which must match. */
export interface ArticleFilter {
  language?: string;
  source?: string;
  entity?: string;
  topic?: string;
  cluster?: string;
}

const KEYS: ReadonlyArray<keyof ArticleFilter> = ['language', 'source', 'entity', 'topic', 'cluster'];

export function parseArticleFilter(expressions: string[]): ArticleFilter {
  const filter: ArticleFilter = {};
  for (const expression of expressions.flatMap((item) => item.split(','))) {
    const [key, ...rest] = expression.split('=');
    const value = rest.join('=').trim();
    if (!KEYS.includes(key.trim() as keyof ArticleFilter) || value === '') {
      throw new Error(`bad filter "${expression}": use key=value with key one of ${KEYS.join(', ')}`);
    }
    filter[key.trim() as keyof ArticleFilter] = value;
  }
  return filter;
}

/** Case-insensitive: operators type "nato", the article says "NATO". */
export function matchesFilter(article: CleanArticle, filter: ArticleFilter): boolean {
  const same = (a: string | null | undefined, b: string) => (a ?? '').toLowerCase() === b.toLowerCase();
  if (filter.language && !same(article.language, filter.language)) return false;
  if (filter.source && !same(article.source.id, filter.source) && !same(article.source.domain, filter.source)) {
    return false;
  }
  if (filter.entity && !article.entities.some((entity) => same(entity.name, filter.entity as string))) return false;
  if (filter.topic && !article.topics.some((topic) => same(topic.value, filter.topic as string))) return false;
  if (filter.cluster && article.clusterId !== filter.cluster) return false;
  return true;
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
