import { Topics } from '@inkstream/contracts';
import { formatLostTrail } from './lost-trail';

describe('formatLostTrail', () => {
  it('names the topics each lost document reached, in pipeline order, and says when it reached none', () => {
    const trail = new Map([
      ['raw_a', [Topics.articleCandidates, Topics.uniqueArticles]],
      ['raw_b', []],
    ]);
    expect(formatLostTrail(trail).split('\n')).toEqual([
      'Where each lost document was last seen (topics carrying its raw document id):',
      '  raw_a: news.articles.v1 → news.unique.v1',
      '  raw_b: on no topic after the raw one',
    ]);
  });
});
