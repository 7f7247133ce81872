import { exampleEnrichedArticle } from '@inkstream/contracts';
import { articleRecordFrom, cleanArticleFrom } from '@inkstream/persistence';
import { articleMatchesFilter } from '@inkstream/persistence';
import { formatArticleLine, parseArticleFilter } from './article-filter';

const article = cleanArticleFrom(
  articleRecordFrom(exampleEnrichedArticle(), {
    version: 1,
    storedAt: '2026-11-28T10:00:00.000Z',
    now: '2026-11-28T10:00:00.000Z',
    duplicates: [],
  }),
);

describe('tail filters', () => {
  it('parses key=value pairs, comma-separated or repeated', () => {
    expect(parseArticleFilter(['language=en,source=src-arabnews', 'entity=Jens Stoltenberg', 'cluster=c1'])).toEqual({
      language: 'en',
      sourceId: 'src-arabnews',
      entity: 'Jens Stoltenberg',
      clusterId: 'c1',
    });
  });

  it('names a bad filter', () => {
    expect(() => parseArticleFilter(['lang=en'])).toThrow(
      /bad filter "lang=en": use key=value with key one of source, language, entity, place/,
    );
  });

  it('matches with the same predicate as the API and the live stream', () => {
    expect(
      articleMatchesFilter(article, parseArticleFilter(['language=en', 'entity=Jens Stoltenberg', 'topic=politics'])),
    ).toBe(true);
    expect(articleMatchesFilter(article, parseArticleFilter(['source=src-arabnews', 'place=BE']))).toBe(true);
    expect(articleMatchesFilter(article, parseArticleFilter(['language=fr']))).toBe(false);
    expect(articleMatchesFilter(article, parseArticleFilter(['entity=Joe Biden']))).toBe(false);
  });

  it('prints title, source, language and top entities on one line', () => {
    expect(formatArticleLine(article)).toBe(
      'NATO leaders will vow to pour weapons into Ukraine for another year, but membership is off the table  —  arab.news  [en]  Jens Stoltenberg  v1',
    );
  });
});
