import { kyivParagraphs, natoParagraphs, onSite } from './__fixtures__/articles';
import { fingerprintArticle, isIndexedParagraph } from './fingerprint';
import { claimKeys } from './fingerprint-index';
import { InMemoryFingerprintIndex } from './in-memory-fingerprint-index';

const fp = (body: string, url: string | null = null) => fingerprintArticle({ body, url });
const record = (id: string, fingerprint: ReturnType<typeof fp>, clusterId = id) => ({
  id,
  clusterId,
  sourceId: null,
  seenAt: 0,
  fingerprint,
});

describe('InMemoryFingerprintIndex', () => {
  it('finds articles by canonical URL, by content hash and as candidates, and returns their fingerprints', () => {
    const index = new InMemoryFingerprintIndex();
    const nato = fp(natoParagraphs.join('\n'), 'https://arab.news/wdxkx');
    index.insert(record('nato', nato));
    index.insert(record('kyiv', fp(kyivParagraphs.join('\n'))));

    const byUrl = index.lookup(fp('other text entirely', 'https://www.arab.news/wdxkx/'));
    expect(byUrl.sameUrl?.id).toBe('nato');
    expect(byUrl.sameUrl?.fingerprint.sample.values).toEqual(nato.sample.values);
    expect(index.lookup(fp(natoParagraphs.join('\n\n'))).sameContent?.id).toBe('nato');
    const candidates = index.lookup(fp(natoParagraphs.slice(0, 5).join('\n'))).candidates;
    expect(candidates.map((c) => c.id)).toEqual(['nato']);
    expect(candidates[0].fingerprint.paragraphKeys).toEqual(nato.paragraphKeys);
  });

  it('takes an article sharing a single key for a chance collision, not a candidate', () => {
    const nato = fp(natoParagraphs.join('\n'));
    // Another article that shares exactly one band key with it, and nothing else.
    const other = fp(kyivParagraphs.join('\n'));
    const lone = { ...other, bandKeys: Uint32Array.from([nato.bandKeys[0], ...other.bandKeys.slice(1)]) };
    const strict = new InMemoryFingerprintIndex();
    const loose = new InMemoryFingerprintIndex({ minSharedKeys: 1 });
    for (const index of [strict, loose]) index.insert(record('nato', nato));
    expect(strict.lookup(lone).candidates).toEqual([]);
    expect(loose.lookup(lone).candidates.map((c) => c.id)).toEqual(['nato']);
    // One shared sentence is an exact text match: a candidate on its own.
    const quoting = { ...other, sentenceKeys: Uint32Array.from([nato.sentenceKeys[0]]) };
    expect(strict.lookup(quoting).candidates.map((c) => c.id)).toEqual(['nato']);
    // A real copy shares many.
    expect(strict.lookup(fp(natoParagraphs.slice(0, 5).join('\n'))).candidates.map((c) => c.id)).toEqual(['nato']);
  });

  it('counts the story clusters holding a paragraph, not the copies', () => {
    const index = new InMemoryFingerprintIndex();
    index.insert(record('nato', fp(onSite(natoParagraphs))));
    index.insert(record('nato-copy', fp(onSite(natoParagraphs.slice(0, 20))), 'nato'));
    const query = fp(onSite(kyivParagraphs));
    const stories = index.lookup(query).paragraphStories;
    const footer = query.paragraphKeys[query.paragraphKeys.length - 1];
    expect(stories.get(footer)).toBe(1);
    index.insert(record('kyiv', query));
    expect(index.lookup(query).paragraphStories.get(footer)).toBe(2);
  });

  it('reports claims: who first held its keys, none of whom it beat to a key (one process never races)', () => {
    const index = new InMemoryFingerprintIndex();
    const nato = fp(natoParagraphs.join('\n'), 'https://arab.news/wdxkx');
    const first = index.insert(record('nato', nato));
    expect(first.lostTo).toEqual([]);
    expect(first.beaten).toEqual([]);

    const copy = fp(natoParagraphs.slice(0, 10).join('\n'), 'https://copy.example/1');
    const second = index.insert(record('copy', copy));
    expect(second.lostTo.map((a) => a.id)).toEqual(['nato']);
    expect(claimKeys(copy).filter((key) => claimKeys(nato).includes(key)).length).toBeGreaterThan(0);
    expect(second.beaten).toEqual([]);
  });

  it('leaves out of lostTo a holder its lookup found that was seen longer than the race window before', () => {
    const nato = fp(natoParagraphs.join('\n'));
    const copyOf = () => fp(natoParagraphs.slice(0, 10).join('\n'));
    const at = (id: string, fingerprint: ReturnType<typeof fp>, seenAt: number) => ({
      ...record(id, fingerprint),
      seenAt,
    });
    const index = new InMemoryFingerprintIndex();
    index.insert(at('nato', nato, 0));
    // Looked up a minute later: the lookup judged it, it cannot be racing.
    const settled = copyOf();
    index.lookup(settled);
    expect(index.insert(at('late', settled, 60_000)).lostTo).toEqual([]);
    // Seen within the race window of it (and before the later one): they may be racing, both are returned.
    const close = copyOf();
    index.lookup(close);
    expect(
      index
        .insert(at('close', close, 10_000))
        .lostTo.map((a) => a.id)
        .sort(),
    ).toEqual(['late', 'nato']);
    // Indexed after the lookup (another decision in between): returned however old; the settled one is not.
    const fresh = new InMemoryFingerprintIndex();
    fresh.insert(at('nato', nato, 0));
    const racing = copyOf();
    fresh.lookup(racing);
    fresh.insert(at('between', copyOf(), 0));
    expect(fresh.insert(at('racing', racing, 120_000)).lostTo.map((a) => a.id)).toEqual(['between']);
  });

  it('moves an article to another story cluster', () => {
    const index = new InMemoryFingerprintIndex();
    index.insert(record('a', fp(natoParagraphs.join('\n'))));
    index.insert(record('b', fp(onSite(natoParagraphs))));
    index.moveToCluster('b', 'a');
    expect(index.lookup(fp(onSite(natoParagraphs))).sameContent?.clusterId).toBe('a');
  });

  it('keeps a million-scale layout: one index serves many inserts and stays consistent across growth', () => {
    const index = new InMemoryFingerprintIndex({ expectedArticles: 2 });
    for (let i = 0; i < 300; i++) index.insert(record(`k${i}`, fp(`${kyivParagraphs[i % 31]} number ${i}`)));
    expect(index.size).toBe(300);
    expect(index.lookup(fp(`${kyivParagraphs[5]} number 5`)).sameContent?.id).toBe('k5');
  });
});

describe('paragraph keys', () => {
  it('mark short paragraphs as not indexed', () => {
    const keys = fp('Concessions\nA paragraph long enough to be indexed as one of the article’s own.').paragraphKeys;
    expect([...keys].map(isIndexedParagraph)).toEqual([false, true]);
  });
});
