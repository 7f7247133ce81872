import { candidateOf, DedupFill } from './dedup-fill';
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

describe('the dedup fill: what the rules alone decide, in order', () => {
  it('notes which articles were stored as their own: originals yes, their copies no', async () => {
    const articles = new StreamCorpus(pool).next(300);
    const fill = new DedupFill(null as never);
    const candidates = articles.map(candidateOf);
    await fill.add(candidates, (i) => 1_000_000 + i * 1_000, false);
    const stored = (key: string) => fill.storedAlone.get(candidates[articles.findIndex((a) => a.key === key)].id);
    const copies = articles.filter((article) => article.kind === 'copy');
    expect(copies.length).toBeGreaterThan(10);
    expect(copies.filter((copy) => stored(copy.key) === false).length).toBeGreaterThan(copies.length * 0.9);
    expect(stored(articles[0].key)).toBe(true);
    expect(fill.storedAlone.size).toBe(articles.length);
  });
});

describe('the dedup fill: one article id, two documents', () => {
  it('decides the article once and leaves the second document out, counting it', async () => {
    const [first, second] = new StreamCorpus(pool).next(2).map(candidateOf);
    // What the splitter gives two documents whose first article has the same text (ids come from the text).
    const again = { ...second, id: first.id };
    const fill = new DedupFill(null as never);
    const decided = await fill.add([first, again, second], (i) => 1_000_000 + i * 1_000, false);
    expect(decided).toEqual([first, second]);
    expect(fill.written.repeatedIds).toBe(1);
    // A later call, a window the pipeline decided, is remembered too.
    expect(await fill.add([again], () => 2_000_000, false)).toEqual([]);
    expect(fill.written.repeatedIds).toBe(2);
  });
});
