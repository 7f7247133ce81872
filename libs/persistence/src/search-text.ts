import type { EnrichedArticle } from '@inkstream/contracts';

/**
 * What `GET /api/articles?q=` searches besides the title, an operator's choice (`ARTICLE_SEARCH_SCOPE`):
 * - `story`: what identifies the story: standfirst, lede, summary, and every entity, place and keyword the enricher
 *   found anywhere in the text. A word that is none of these and stands only deep in the body is not found, nor is a
 *   common word (the, der, le: COMMON_WORDS) outside the title.
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

/**
 * Function words of the languages the enricher reads, left out of the story text. Nearly every article holds them, so
 * each one is an index entry written on every insert into a posting list that holds nearly the whole store, and no
 * reader searches for one alone (docs/benchmarks.md, "Store cost": about an eighth of the text index's entries).
 * Kept: words that are also what news is searched by (US, UN, WHO, EU) and words common in one language that mean
 * something in another (die, war, con, son, van, den; la, el, al as in names). Compared lower-cased.
 */
const COMMON_WORDS: ReadonlySet<string> = new Set(
  [
    // English
    'a an and are as at be been but by for from had has have he her his i in into is it its of on or our over said',
    'says she not than that the their them then there these they this those to was we were which will with would you',
    // German
    'der das dem des ein eine einem einen einer eines und oder aber im am auf aus bei mit nach von vom zu zum zur',
    'für über um ist sind wird werden wurde hat haben sich nicht auch als wie es er sie wir ich dass',
    // French
    'le les une du de et ou à au aux en dans par pour sur avec est sont été il elle ils qui que ne pas ce cette ces',
    'se sa ses leur plus',
    // Spanish, Italian, Portuguese
    'los las unos unas y del por para su sus es fue ha han lo no gli il della dei delle da dal nel nella per che non',
    'è sono hanno si o os as um uma do da dos das em na nos nas com não são foi',
    // Dutch
    'het een van op te met voor door aan bij uit zijn werd wordt dat niet ook',
  ]
    .join(' ')
    .split(' '),
);

/** A word as the text index reads one: letters and digits, joined by hyphens or apostrophes (`well-known`, `it's`). */
const WORD = /[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu;

/**
 * The text without its common words, everything else as it was: the index parses the rest exactly as before, and the
 * words around a removed one become neighbours, so a phrase without its common words still matches them in order.
 */
export function withoutCommonWords(text: string): string {
  return text
    .replace(WORD, (word) => (COMMON_WORDS.has(word.toLowerCase()) ? '' : word))
    .replace(/[^\S\n]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .trim();
}

/**
 * A `$text` query for the story text: each quoted phrase without its common words, as the story text holds it
 * (`"talks in Berlin"` finds "talks in Berlin" as `"talks Berlin"`). A phrase of nothing but common words stays as it
 * is, and finds titles that hold it. Words outside quotes need no change: a common word alone finds titles only.
 */
export function storySearchQuery(query: string): string {
  return query.replace(/"([^"]*)"/g, (quoted, phrase: string) => {
    const kept = withoutCommonWords(phrase);
    return kept === '' ? quoted : `"${kept}"`;
  });
}

type SearchSource = Pick<EnrichedArticle, 'title' | 'standfirst' | 'body'> & {
  enrichment: Pick<EnrichedArticle['enrichment'], 'summary' | 'entities' | 'places' | 'keywords'>;
};

/**
 * The story-scope search text of an article, one part per line, without common words; each name and keyword once.
 * It starts with the title, also indexed as written, so a phrase read without its common words finds titles too.
 */
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
  return [article.title, article.standfirst ?? '', lede, enrichment.summary, ...names]
    .map((part) => withoutCommonWords(part))
    .filter((part) => part !== '')
    .join('\n');
}

/**
 * The name of a scope's text index. The story index was renamed when its text lost the common words, so a store
 * upgraded from a release before that rebuilds it (and rewrites the older articles' search text first).
 */
export function searchIndexName(scope: SearchScope): string {
  return scope === 'story' ? 'article_story_text' : 'article_text';
}

/** The fields of the text index for a scope, with their weights: a word in the title counts three times. */
export function searchIndexWeights(scope: SearchScope): Record<string, number> {
  return scope === 'story' ? { title: 3, searchText: 1 } : { title: 3, body: 1 };
}
