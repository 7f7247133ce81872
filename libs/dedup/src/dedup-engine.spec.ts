import { kyivParagraphs, natoParagraphs, onSite } from './__fixtures__/articles';
import { DedupEngine, decide } from './dedup-engine';
import { DEFAULT_DEDUP_POLICY, type DedupPolicy } from './dedup-policy';
import type { DedupArticle } from './fingerprint';
import { InMemoryFingerprintIndex } from './in-memory-fingerprint-index';

const HOUR = 3_600_000;
const nato = natoParagraphs.join('\n');
const kyiv = kyivParagraphs.join('\n');

function engineWith(policy: DedupPolicy = DEFAULT_DEDUP_POLICY) {
  const index = new InMemoryFingerprintIndex();
  return { index, engine: new DedupEngine(index, policy) };
}

const article = (
  id: string,
  body: string,
  url: string | null = null,
  sourceId: string | null = null,
): DedupArticle => ({
  id,
  body,
  url,
  sourceId,
  title: id,
});

/** The NATO article as paragraphs of three of its source paragraphs each. */
const natoInThrees = (count: number): string[] =>
  Array.from({ length: count }, (_, i) => natoParagraphs.slice(i * 3, i * 3 + 3).join(' '));

/** Decides `original` then `copy` (an hour later) and returns the copy's decision. */
async function copyDecision(original: readonly string[], copy: readonly string[]) {
  const { engine } = engineWith();
  await engine.process(article('original', original.join('\n')), 0);
  return engine.process(article('copy', copy.join('\n')), HOUR);
}

describe('DedupEngine', () => {
  it('lets a first-seen article through as unique, founding its own story cluster', async () => {
    const { engine } = engineWith();
    expect(await engine.process(article('a', nato, 'https://arab.news/wdxkx'), 0)).toEqual({
      articleId: 'a',
      verdict: 'unique',
      duplicateOf: null,
      updates: null,
      similarity: 0,
      method: 'none',
      clusterId: 'a',
    });
  });

  it('finds the same page behind another link by its canonical URL', async () => {
    const { engine } = engineWith();
    await engine.process(article('a', nato, 'https://www.arabnews.com/node/1'), 0);
    const again = await engine.process(article('b', nato, 'https://m.arabnews.com/node/1/amp?utm_source=x'), HOUR);
    expect(again).toMatchObject({
      verdict: 'duplicate',
      duplicateOf: 'a',
      method: 'url',
      clusterId: 'a',
      similarity: 1,
    });
  });

  it('treats changed text at the same URL as an update of that article, in its cluster', async () => {
    const { engine } = engineWith();
    await engine.process(article('a', nato, 'https://www.arabnews.com/node/1'), 0);
    const updated = `${nato}\nUpdate: the summit communiqué was published on Wednesday.`;
    const decision = await engine.process(article('a2', updated, 'https://www.arabnews.com/node/1'), HOUR);
    expect(decision).toMatchObject({
      verdict: 'update',
      duplicateOf: null,
      updates: 'a',
      method: 'url',
      clusterId: 'a',
    });
  });

  it("records another source's changed text at the same URL as a duplicate (a syndicated copy), never an update", async () => {
    const { engine } = engineWith();
    await engine.process(article('a', nato, 'https://www.arabnews.com/node/1', 'src-arabnews'), 0);
    const copy = `${nato}\nRepublished by an aggregator with its own note.`;
    const decision = await engine.process(
      article('agg', copy, 'https://www.arabnews.com/node/1', 'src-aggregator'),
      HOUR,
    );
    expect(decision).toMatchObject({ verdict: 'duplicate', duplicateOf: 'a', updates: null, method: 'url' });
  });

  it('finds an exact copy under another URL by its content hash', async () => {
    const { engine } = engineWith();
    await engine.process(article('a', nato, 'https://arab.news/wdxkx'), 0);
    const copy = await engine.process(article('b', nato.toUpperCase(), 'https://other.example/story'), HOUR);
    expect(copy).toMatchObject({ verdict: 'duplicate', duplicateOf: 'a', method: 'content-hash' });
  });

  it.each([
    ['syndicated with another site’s boilerplate', onSite(natoParagraphs)],
    [
      'truncated to half with a read-more line',
      [...natoParagraphs.slice(0, 12), 'Read more at arabnews.com'].join('\n'),
    ],
    ['with reordered paragraphs', [...natoParagraphs.slice(13), ...natoParagraphs.slice(0, 13)].join('\n')],
    [
      'lightly edited',
      natoParagraphs
        .map((p, i) => (i % 5 === 0 ? p.replace('NATO', 'the alliance').replace(/\.$/, ', officials said.') : p))
        .join('\n'),
    ],
    [
      'embedded in a longer page',
      [...kyivParagraphs.slice(0, 3), ...natoParagraphs, 'Most read', 'Latest news'].join('\n'),
    ],
  ])('traces a copy %s to its original', async (_, body) => {
    const { engine } = engineWith();
    await engine.process(article('original', nato), 0);
    const copy = await engine.process(article('copy', body), HOUR);
    expect(copy).toMatchObject({ verdict: 'duplicate', duplicateOf: 'original', method: 'near-duplicate' });
    expect(copy.similarity).toBeGreaterThan(0.8);
  });

  it('links a copy of a copy to the story’s original', async () => {
    const { engine } = engineWith();
    await engine.process(article('original', nato), 0);
    await engine.process(article('copy', onSite(natoParagraphs)), HOUR);
    const second = await engine.process(article('copy-2', onSite(natoParagraphs.slice(0, 15))), 2 * HOUR);
    expect(second).toMatchObject({ verdict: 'duplicate', duplicateOf: 'original', clusterId: 'original' });
  });

  it('does not take two articles of one site for copies because they share its boilerplate', async () => {
    const { engine } = engineWith();
    await engine.process(article('nato', onSite(natoParagraphs)), 0);
    // A short article: the site's header and footer are about as long as its body.
    const short = await engine.process(article('kyiv', onSite(kyivParagraphs.slice(0, 1))), HOUR);
    expect(short).toMatchObject({ verdict: 'unique', clusterId: 'kyiv' });
  });

  it('does not take an article sharing only a footer with another for a copy (frame check)', async () => {
    const { engine } = engineWith();
    await engine.process(article('nato', [...natoParagraphs.slice(0, 3), ...natoParagraphs.slice(20)].join('\n')), 0);
    const other = [...kyivParagraphs.slice(0, 3), ...natoParagraphs.slice(20)].join('\n');
    expect(await engine.process(article('kyiv', other), HOUR)).toMatchObject({ verdict: 'unique' });
  });

  it('finds an edited copy whose unchanged paragraphs all lie in the shared frame (edits inside it)', async () => {
    // Six paragraphs of three source paragraphs each; the copy rewrites two parts of paragraphs 2 and 3, so its
    // unchanged paragraphs (1, 4, 5, 6) are exactly the identical start and end the frame check sets aside.
    const paragraphs = natoInThrees(6);
    const edited = paragraphs.map((paragraph, i) =>
      i === 1 || i === 2
        ? [natoParagraphs[i * 3], kyivParagraphs[i * 2], kyivParagraphs[i * 2 + 1]].join(' ')
        : paragraph,
    );
    expect(await copyDecision(paragraphs, edited)).toMatchObject({ verdict: 'duplicate', duplicateOf: 'original' });
  });

  it('finds an edited copy whose only edit rewrote most of one paragraph, everything else identical', async () => {
    // The first two of the three parts of one middle paragraph rewritten: inside the frame (paragraphs 1-2 and 4-6
    // identical) only its short last part is left in common, a fifth of the inside; the frame holds most of the text.
    const paragraphs = natoInThrees(6);
    const edited = paragraphs.map((paragraph, i) =>
      i === 2 ? [kyivParagraphs[3], kyivParagraphs[4], natoParagraphs[8]].join(' ') : paragraph,
    );
    expect(await copyDecision(paragraphs, edited)).toMatchObject({ verdict: 'duplicate', duplicateOf: 'original' });
  });

  it('finds a copy that adds a paragraph inside the story, or leaves one out, everything else identical', async () => {
    // Inside the identical start and end one side has nothing: every paragraph of it is in the other, in order. (A
    // different story in a template has a body of its own inside the frame.)
    const paragraphs = natoInThrees(6);
    const added = [...paragraphs.slice(0, 2), kyivParagraphs.slice(0, 2).join(' '), ...paragraphs.slice(2)];
    expect(await copyDecision(paragraphs, added)).toMatchObject({ verdict: 'duplicate', duplicateOf: 'original' });
    const cut = [...paragraphs.slice(0, 2), ...paragraphs.slice(3)];
    expect(await copyDecision(paragraphs, cut)).toMatchObject({ verdict: 'duplicate', duplicateOf: 'original' });
  });

  it('does not take a different story inside a frame that holds most of the text for a copy', async () => {
    // A long template (five paragraphs) around a one-paragraph story: the frame is most of the text, but the two
    // stories inside it share nothing.
    const template = natoInThrees(5);
    const page = (story: string) => [...template.slice(0, 2), story, ...template.slice(2)];
    const second = await copyDecision(
      page(kyivParagraphs.slice(0, 2).join(' ')),
      page(kyivParagraphs.slice(6, 8).join(' ')),
    );
    expect(second).toMatchObject({ verdict: 'unique' });
  });

  it('does not link two different articles on the same topic', async () => {
    const { engine } = engineWith();
    await engine.process(article('nato', nato), 0);
    expect(await engine.process(article('kyiv', kyiv), HOUR)).toMatchObject({ verdict: 'unique', clusterId: 'kyiv' });
  });

  it('does not link short briefs from one template that report other figures', async () => {
    const { engine } = engineWith();
    const brief = (company: string, move: string, price: string) =>
      `Shares of ${company} rose ${move} percent to ${price} dollars in early trading on Tuesday after the company reported quarterly earnings that beat analyst expectations.`;
    await engine.process(article('a', brief('Acme', '2.5', '41.10')), 0);
    expect(await engine.process(article('b', brief('Acme', '3.1', '44.80')), HOUR)).toMatchObject({
      verdict: 'unique',
    });
  });

  it('counts a re-run of old text after the window as new', async () => {
    const policy = { ...DEFAULT_DEDUP_POLICY, windowMs: 24 * HOUR };
    const { engine } = engineWith(policy);
    await engine.process(article('a', nato), 0);
    expect(await engine.process(article('b', onSite(natoParagraphs)), 23 * HOUR)).toMatchObject({
      verdict: 'duplicate',
    });
    expect(await engine.process(article('c', nato.toUpperCase()), 48 * HOUR)).toMatchObject({ verdict: 'unique' });
  });

  it('applies per-source overrides: disabled sources and stricter thresholds', async () => {
    const policy: DedupPolicy = {
      ...DEFAULT_DEDUP_POLICY,
      sources: { press: { disabled: true }, strict: { minContainment: 0.99 } },
    };
    const { engine } = engineWith(policy);
    await engine.process(article('a', nato), 0);
    expect(await engine.process(article('b', nato, null, 'press'), HOUR)).toMatchObject({
      verdict: 'unique',
      method: 'disabled',
    });
    const truncated = [...natoParagraphs.slice(0, 12), 'Read more at arabnews.com'].join('\n');
    expect(await engine.process(article('c', truncated, null, 'strict'), HOUR)).toMatchObject({ verdict: 'unique' });
    expect(await engine.process(article('d', truncated, null, 'other'), HOUR)).toMatchObject({ verdict: 'duplicate' });
  });

  it('lets one of two copies decided at the same instant through, whichever is recorded first', async () => {
    // Two replicas look the index up before either records: both see nothing and think they are unique.
    const { index, engine } = engineWith();
    const first = await engine.decide(article('x', nato), 0);
    const second = await engine.decide(article('y', onSite(natoParagraphs)), 0);
    expect(first.decision.verdict).toBe('unique');
    expect(second.decision.verdict).toBe('unique');
    expect(await engine.commit(first)).toMatchObject({ verdict: 'unique', clusterId: 'x' });
    expect(await engine.commit(second)).toMatchObject({ verdict: 'duplicate', duplicateOf: 'x', clusterId: 'x' });
    // The index now files the copy under the original's story.
    const later = await decide(article('z', nato.slice(0, 4000)), index, DEFAULT_DEDUP_POLICY, HOUR);
    expect(later.lookup.candidates.map((c) => c.clusterId)).toEqual(['x', 'x']);
  });

  it('lets two concurrent exact copies through once', async () => {
    const { engine } = engineWith();
    const first = await engine.decide(article('x', kyiv, 'https://a.example/1'), 0);
    const second = await engine.decide(article('y', kyiv, 'https://b.example/2'), 0);
    await engine.commit(first);
    expect(await engine.commit(second)).toMatchObject({
      verdict: 'duplicate',
      duplicateOf: 'x',
      method: 'content-hash',
    });
  });
});
