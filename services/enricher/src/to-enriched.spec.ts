import { enrichedArticleSchema, exampleEnrichedArticle, type UniqueArticle } from '@inkstream/contracts';
import { toEnrichedArticle } from './to-enriched';

describe('toEnrichedArticle', () => {
  it('adds an enrichment that satisfies the enriched-article contract, offsets into the body', () => {
    const { enrichment: _drop, ...unique } = exampleEnrichedArticle();
    const paragraphs = [
      'Speaking to reporters Friday, NATO Secretary-General Jens Stoltenberg said member countries have been spending around 40 billion euros each year on military equipment for Ukraine.',
      '“I expect allies will decide at the summit to sustain this level within the next year,” Stoltenberg said.',
    ];
    const article: UniqueArticle = { ...unique, paragraphs, body: paragraphs.join('\n') };
    const enriched = toEnrichedArticle(article, '2026-11-28T10:00:00.000Z');
    expect(enrichedArticleSchema.safeParse(enriched).success).toBe(true);
    const stoltenberg = enriched.enrichment.entities.find((entity) => entity.name === 'Jens Stoltenberg');
    expect(stoltenberg?.type).toBe('PERSON');
    for (const mention of stoltenberg?.mentions ?? []) {
      expect(article.body.slice(mention.start, mention.end)).toBe(mention.text);
    }
    expect(enriched.enrichment.places[0]).toEqual({ name: 'Brussels', country: 'BE' });
    expect(stoltenberg?.count).toBe(2);
    expect(enriched.enrichment.language).toBe('en');
    expect(enriched.enrichment.figures.some((figure) => figure.kind === 'money')).toBe(true);
  });

  it('dates relative figures from the fetch time when the article has no publication date', () => {
    const { enrichment: _drop, ...unique } = exampleEnrichedArticle();
    const body = 'The talks will resume next week, the minister said.';
    const article: UniqueArticle = {
      ...unique,
      paragraphs: [body],
      body,
      publishedAt: null,
      fetchedAt: '2024-07-05T12:00:00.000Z',
    };
    const dates = toEnrichedArticle(article, '2026-11-28T10:00:00.000Z').enrichment.figures.filter(
      (figure) => figure.kind === 'date',
    );
    expect(dates).toEqual([expect.objectContaining({ text: 'next week', date: '2024-07-12' })]);
  });
});
