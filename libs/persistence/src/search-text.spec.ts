import { exampleEnrichedArticle } from '@inkstream/contracts';
import { articleSearchText, LEDE_WORDS, searchIndexWeights } from './search-text';

const words = (count: number, tag: string) => Array.from({ length: count }, (_, i) => `${tag}${i}`).join(' ');

describe('articleSearchText', () => {
  it('holds the standfirst, the lede, the summary and the names and keywords of the whole text, each once', () => {
    const base = exampleEnrichedArticle();
    const article = exampleEnrichedArticle({
      standfirst: 'A standfirst',
      body: `${words(LEDE_WORDS, 'lede')} deepword ${words(200, 'rest')}`,
      enrichment: {
        ...base.enrichment,
        summary: 'The summary sentence.',
        entities: [base.enrichment.entities[0], { ...base.enrichment.entities[0], name: 'Acme Corporation' }],
        places: [{ name: 'Brussels', country: 'BE' }],
        keywords: [
          { value: 'acme corporation', score: 1 },
          { value: 'Brussels', score: 0.5 },
        ],
      },
    });
    const text = articleSearchText(article);
    expect(text.split('\n')).toEqual([
      'A standfirst',
      words(LEDE_WORDS, 'lede'),
      'The summary sentence.',
      'Jens Stoltenberg',
      'Acme Corporation',
      'Brussels',
      'acme corporation',
    ]);
    expect(text).not.toContain('deepword');
  });

  it('leaves out what an article does not have', () => {
    const base = exampleEnrichedArticle();
    const text = articleSearchText(
      exampleEnrichedArticle({
        standfirst: null,
        body: 'Short body.',
        enrichment: { ...base.enrichment, summary: '', entities: [], places: [], keywords: [] },
      }),
    );
    expect(text).toBe('Short body.');
  });
});

describe('searchIndexWeights', () => {
  it('weighs the title three times the story text or the body', () => {
    expect(searchIndexWeights('story')).toEqual({ title: 3, searchText: 1 });
    expect(searchIndexWeights('body')).toEqual({ title: 3, body: 1 });
  });
});
