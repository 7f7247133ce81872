import { candidateOf } from './dedup-fill';
import { StreamCorpus } from './stream-corpus';

const words = (n: number, tag: string) => [...Array.from({ length: n }, (_, i) => `${tag}${i}`), '.'];
const pool = Array.from({ length: 400 }, (_, i) => words(12 + (i % 5), `w${i}x`));

describe('the dedup fill: stream articles as the splitter hands them on', () => {
  const articles = new StreamCorpus(pool).next(400);

  it("keeps the headline and the paragraphs, without the source's learned boilerplate and a copy's credit line", () => {
    const copy = articles.find((article) => article.kind === 'copy');
    if (!copy) throw new Error('the corpus has no copy');
    const candidate = candidateOf(copy);
    expect(candidate.title).toBe(copy.title);
    expect(candidate.paragraphs.length).toBeGreaterThan(3);
    expect(candidate.body).not.toMatch(/Distributed by|Follow stream-src|All rights reserved/);
    expect(copy.text).toContain(candidate.paragraphs[0]);
  });

  it('gives every article its own id and raw document, the same on every run', () => {
    const candidates = articles.map(candidateOf);
    expect(new Set(candidates.map((candidate) => candidate.id)).size).toBe(articles.length);
    expect(new Set(candidates.map((candidate) => candidate.rawDocumentId)).size).toBe(articles.length);
    expect(candidateOf(articles[7]).id).toBe(candidates[7].id);
  });
});
