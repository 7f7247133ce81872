import { exampleEnrichedArticle } from '@inkstream/contracts';
import {
  articleSearchText,
  LEDE_WORDS,
  searchIndexName,
  searchIndexWeights,
  storySearchQuery,
  withoutCommonWords,
} from './search-text';

const words = (count: number, tag: string) => Array.from({ length: count }, (_, i) => `${tag}${i}`).join(' ');

describe('articleSearchText', () => {
  it('holds the title, the standfirst, the lede, the summary and the names and keywords of the whole text, each once', () => {
    const base = exampleEnrichedArticle();
    const article = exampleEnrichedArticle({
      title: 'Allies meet in Brussels',
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
      'Allies meet Brussels',
      'standfirst',
      words(LEDE_WORDS, 'lede'),
      'summary sentence.',
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
        title: '',
        standfirst: null,
        body: 'Short body.',
        enrichment: { ...base.enrichment, summary: '', entities: [], places: [], keywords: [] },
      }),
    );
    expect(text).toBe('Short body.');
  });
});

describe('withoutCommonWords', () => {
  it('drops the function words of every language the enricher reads, in any case, and nothing else', () => {
    expect(withoutCommonWords('The talks in Berlin, and the vote.')).toBe('talks Berlin, vote.');
    expect(withoutCommonWords('Die Gespräche in der Hauptstadt und das Ergebnis')).toBe(
      'Die Gespräche Hauptstadt Ergebnis',
    );
    expect(withoutCommonWords('Les pourparlers de la paix à Genève')).toBe('pourparlers la paix Genève');
    expect(withoutCommonWords('Los acuerdos del gobierno en Madrid')).toBe('acuerdos gobierno Madrid');
  });

  it('keeps words that are also what news is searched by, and words joined by hyphens or apostrophes', () => {
    expect(withoutCommonWords('US and UN officials told WHO of the EU plan')).toBe('US UN officials told WHO EU plan');
    expect(withoutCommonWords('a well-known voice in it’s place')).toBe('well-known voice it’s place');
  });

  it('keeps the lines of a text apart', () => {
    expect(withoutCommonWords('the first line\nand of the second')).toBe('first line\nsecond');
  });
});

describe('storySearchQuery', () => {
  it('reads each quoted phrase without its common words, as the story text holds it', () => {
    expect(storySearchQuery('"talks in Berlin" budget -the')).toBe('"talks Berlin" budget -the');
    expect(storySearchQuery('"der Rat der Stadt" "peace talks"')).toBe('"Rat Stadt" "peace talks"');
  });

  it('leaves a phrase of nothing but common words as it is, for the titles that hold it', () => {
    expect(storySearchQuery('"to be or not"')).toBe('"to be or not"');
  });
});

describe('searchIndexName', () => {
  it('names the story index apart from the index of older releases, so an upgraded store rebuilds it', () => {
    expect(searchIndexName('story')).toBe('article_story_text');
    expect(searchIndexName('body')).toBe('article_text');
  });
});

describe('searchIndexWeights', () => {
  it('weighs the title three times the story text or the body', () => {
    expect(searchIndexWeights('story')).toEqual({ title: 3, searchText: 1 });
    expect(searchIndexWeights('body')).toEqual({ title: 3, body: 1 });
  });
});
