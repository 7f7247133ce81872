import { splitText } from '@inkstream/extraction';
import { seededRandom } from '@inkstream/measure';
import { detokenise, generateArticles, parseConllSentences, parseGmbSentences, usableSentences } from './corpus';

const words = (n: number, tag: string) => [...Array.from({ length: n }, (_, i) => `${tag}${i}`), '.'];
const pool = Array.from({ length: 200 }, (_, i) => words(12 + (i % 5), `w${i}x`));

describe('benchmark corpus', () => {
  it('joins dataset tokens back into text', () => {
    expect(
      detokenise(['The', 'U.S.', 'army', "'s", 'chief', ',', 'Mr.', 'Smith', ',', 'said', '(', 'today', ')', '.']),
    ).toBe("The U.S. army's chief, Mr. Smith, said (today).");
  });

  it('reads GMB rows and CoNLL lines into sentences', () => {
    const csv =
      'Sentence #,Word,POS,Tag\r\nSentence: 1,Thousands,NNS,O\r\n,of,IN,O\r\n,".",.,O\r\nSentence: 2,Iranian,JJ,B-gpe\r\n';
    expect(parseGmbSentences(csv)).toEqual([['Thousands', 'of', '.']]);
    expect(parseConllSentences('-DOCSTART- O\n\nThe O\nBBC I-ORG\n\nIt O\n')).toEqual([['The', 'BBC'], ['It']]);
    expect(usableSentences([['short', '.'], words(12, 'a')])).toEqual([words(12, 'a')]);
  });

  it('is deterministic for a seed, distinct per article, and a fifth are near-copies of earlier originals', () => {
    const articles = generateArticles(pool, 100);
    expect(generateArticles(pool, 100)).toEqual(articles);
    expect(new Set(articles.map((article) => article.text)).size).toBe(100);
    const copies = articles.filter((article) => article.copyOf !== null);
    expect(copies).toHaveLength(20);
    const keys = articles.map((article) => article.key);
    for (const copy of copies) {
      const original = articles.find((article) => article.key === copy.copyOf);
      expect(original).toBeDefined();
      expect(keys.indexOf(copy.key)).toBeGreaterThan(keys.indexOf(original?.key ?? ''));
      expect(copy.sourceId).not.toBe(original?.sourceId);
      const originalParagraphs = new Set(original?.text.split('\n\n'));
      const shared = copy.text.split('\n\n').filter((paragraph) => originalParagraphs.has(paragraph));
      expect(shared.length).toBeGreaterThanOrEqual(3); // a near-copy, not a new story
    }
    // the next stretch continues the numbering without repeating articles
    const next = generateArticles(pool, 10, { offset: 100 });
    expect(next[0].key).toBe('a100');
    expect(articles.map((article) => article.text)).not.toContain(next[0].text);
  });

  it('produces documents the splitter reads as one article with its headline', () => {
    const [article] = generateArticles(usableSentences(pool), 1);
    const result = splitText(article.text);
    expect(result.articles).toHaveLength(1);
    expect(result.articles[0].title).toBe(article.title);
  });

  it('has a small seeded random stream', () => {
    const a = seededRandom(1);
    const b = seededRandom(1);
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
  });
});
