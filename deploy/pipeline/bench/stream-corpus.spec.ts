import { splitText } from '@inkstream/extraction';
import { describeCorpus, STREAM_SHAPE, StreamCorpus } from './stream-corpus';

const words = (n: number, tag: string) => [...Array.from({ length: n }, (_, i) => `${tag}${i}`), '.'];
const pool = Array.from({ length: 400 }, (_, i) => words(12 + (i % 5), `w${i}x`));

describe('stream-shaped benchmark corpus', () => {
  const articles = new StreamCorpus(pool).next(3_000);

  it('is deterministic for a seed and a sequence of batches', () => {
    const again = new StreamCorpus(pool);
    expect([...again.next(1_000), ...again.next(2_000)]).toEqual(articles);
  });

  it('has distinct documents: originals, follow-ups and syndicated copies in the shape it documents', () => {
    expect(new Set(articles.map((article) => article.text)).size).toBe(articles.length);
    const { kinds } = describeCorpus(articles);
    expect(kinds.copy / articles.length).toBeCloseTo(STREAM_SHAPE.copyShare, 1);
    expect(kinds['follow-up'] / articles.length).toBeCloseTo(STREAM_SHAPE.followUpShare, 1);
    for (const copy of articles.filter((article) => article.kind === 'copy').slice(0, 50)) {
      const original = articles.find((article) => article.key === copy.copyOf);
      expect(original?.kind).not.toBe('copy');
      expect(copy.sourceId).not.toBe(original?.sourceId);
    }
  });

  it('makes sentences recur with a heavy tail: most in one article, stock ones in hundreds', () => {
    const { sentenceRecurrence, commonestSentenceArticles } = describeCorpus(articles);
    expect(sentenceRecurrence['1']).toBeGreaterThan(sentenceRecurrence['2-5']);
    expect(sentenceRecurrence['2-5']).toBeGreaterThan(0);
    expect(sentenceRecurrence['6-50']).toBeGreaterThan(0);
    // Per-source boilerplate stands in every article of its source; the top stock sentence in a few percent of all.
    expect(commonestSentenceArticles).toBeGreaterThan(150);
  });

  it('lets a follow-up repeat paragraphs of an earlier story word for word', () => {
    const paragraphsOf = (text: string) => new Set(text.split('\n\n').slice(1, -2));
    const followUp = articles.find((article) => article.kind === 'follow-up');
    const shared = articles
      .filter((article) => article.kind !== 'copy' && article.key !== followUp?.key)
      .some(
        (article) =>
          [...paragraphsOf(article.text)].filter((p) => paragraphsOf(followUp?.text ?? '').has(p)).length >= 1,
      );
    expect(shared).toBe(true);
  });

  it('produces documents the splitter reads as one article with its headline', () => {
    const [article] = articles;
    const result = splitText(article.text);
    expect(result.articles).toHaveLength(1);
    expect(result.articles[0].title).toBe(article.title);
  });
});
