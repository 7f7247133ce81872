import type { EnrichedArticle, UniqueArticle } from '@inkstream/contracts';
import { enrichArticle } from '@inkstream/nlp';

/**
 * A unique article plus what the enricher found in its body. Offsets (entity mentions, quotes, figures) index into
 * `body` — the paragraphs joined by newlines — which is what consumers display.
 */
export function toEnrichedArticle(article: UniqueArticle, enrichedAt: string): EnrichedArticle {
  const result = enrichArticle({
    text: article.body,
    title: article.title,
    standfirst: article.standfirst,
    dateline: article.dateline,
    publishedAt: article.publishedAt,
    fetchedAt: article.fetchedAt,
    language: article.language,
  });
  const places =
    result.dateline && !result.places.some((place) => place.name === result.dateline?.name)
      ? [result.dateline, ...result.places]
      : result.places;
  return {
    ...article,
    enrichment: {
      language: result.language,
      languageConfidence: result.languageConfidence,
      entities: result.entities.map((entity) => ({ ...entity, mentions: [...entity.mentions] })),
      places: places.map(({ name, country }) => ({ name, country })),
      keywords: result.keywords.map(({ value, score }) => ({ value, score })),
      topics: result.topics.map(({ value, score }) => ({ value, score })),
      summary: result.summary,
      quotes: result.quotes.map(({ text, speaker }) => ({ text, speaker })),
      figures: result.figures.map((figure) => ({ ...figure })),
      wordCount: result.wordCount,
      readingTimeMinutes: result.readingTimeMinutes,
      enrichmentVersion: result.enrichmentVersion,
      enrichedAt,
    },
  };
}
