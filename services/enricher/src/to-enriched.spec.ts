import { enrichedArticleSchema, exampleEnrichedArticle, type UniqueArticle } from '@inkstream/contracts';
import { toEnrichedArticle } from './to-enriched';

describe('toEnrichedArticle', () => {
  it('adds an enrichment that satisfies the enriched-article contract, offsets into the body', () => {
    const { enrichment: _drop, ...unique } = exampleEnrichedArticle();
    const article: UniqueArticle = unique;
    const enriched = toEnrichedArticle(article, '2026-11-28T10:00:00.000Z');
    expect(enrichedArticleSchema.safeParse(enriched).success).toBe(true);
    const stoltenberg = enriched.enrichment.entities.find((entity) => entity.name.endsWith('Stoltenberg'));
    expect(stoltenberg?.type).toBe('PERSON');
    for (const mention of stoltenberg?.mentions ?? []) {
      expect(article.body.slice(mention.start, mention.end)).toBe(mention.text);
    }
    expect(enriched.enrichment.places[0]).toEqual({ name: 'Brussels', country: 'BE' });
    expect(enriched.enrichment.language).toBe('en');
  });
});
