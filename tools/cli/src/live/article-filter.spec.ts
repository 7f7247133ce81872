import { exampleEnrichedArticle } from '@inkstream/contracts';
import { articleRecordFrom, cleanArticleFrom } from '@inkstream/persistence';
import { formatArticleLine, matchesFilter, parseArticleFilter } from './article-filter';

const article = cleanArticleFrom(
  articleRecordFrom(exampleEnrichedArticle(), {
    version: 1,
    storedAt: '2026-11-28T10:00:00.000Z',
    now: '2026-11-28T10:00:00.000Z',
    duplicates: [],
    publishedVersion: 0,
  }),
);

describe('tail filters', () => {
  it('parses key=value pairs, comma-separated or repeated', () => {
    expect(parseArticleFilter(['language=en,source=arab.news', 'entity=Jens Stoltenberg'])).toEqual({
      language: 'en',
      source: 'arab.news',
      entity: 'Jens Stoltenberg',
    });
  });

  it('names a bad filter', () => {
    expect(() => parseArticleFilter(['lang=en'])).toThrow(
      /bad filter "lang=en": use key=value with key one of language/,
    );
  });

  it('matches case-insensitively on every given key', () => {
    expect(matchesFilter(article, { language: 'EN', entity: 'jens stoltenberg', topic: 'politics' })).toBe(true);
    expect(matchesFilter(article, { source: 'src-arabnews' })).toBe(true);
    expect(matchesFilter(article, { language: 'fr' })).toBe(false);
    expect(matchesFilter(article, { entity: 'Joe Biden' })).toBe(false);
  });

  it('prints title, source, language and top entities on one line', () => {
    expect(formatArticleLine(article)).toBe(
      'NATO leaders will vow to pour weapons into Ukraine for another year, but membership is off the table  —  arab.news  [en]  Jens Stoltenberg  v1',
    );
  });
});
