import { claimKeys, fingerprintArticle } from '@inkstream/dedup';
import type { FingerprintStamp } from '@inkstream/persistence';
import {
  addParagraphStories,
  bandKeyId,
  DEFAULT_INDEX_SHAPE,
  indexedParagraphKeys,
  paragraphKeyId,
  pickSameUrlAndContent,
  postedUnder,
  postingKeyIds,
  postingKeysFor,
  rankCandidates,
  sentenceKeyId,
  storiesHolding,
  unknownParagraphKeys,
} from './index-keys';

const BODY = [
  'NATO leaders plan to pledge next week to keep pouring arms and ammunition into Ukraine for at least another year.',
  'Allies have provided around 40 billion euros a year in military assistance since Russia invaded in February 2022.',
  'Read more',
  'Officials said the pledge would be formally agreed at the summit in Washington on Wednesday after long talks.',
].join('\n');
const fingerprint = fingerprintArticle({ body: BODY, url: 'https://example.com/nato' });

/** An article as a lookup reads it: posted under `postingKeys`, in story `clusterId` (its own by default). */
const stamp = (
  id: string,
  postingKeys: string[],
  clusterId = id,
  seconds = 0,
  urlKey: string | null = null,
  contentHash = `h-${id}`,
): FingerprintStamp => ({
  _id: id,
  clusterId,
  seenAt: new Date(seconds * 1_000),
  urlKey,
  contentHash,
  postingKeys,
});
/** `key` held by each of `articles`, each its own story. */
const posted = (key: string, ...articles: string[]): [string, FingerprintStamp[]] => [
  key,
  articles.map((article) => stamp(article, [key])),
];

describe('index keys', () => {
  it('names band and paragraph keys as libs/dedup names their claims', () => {
    const claims = new Set(claimKeys(fingerprint));
    const ids = postingKeyIds(fingerprint).filter((key) => !key.startsWith('s:'));
    expect(ids.length).toBeGreaterThan(20);
    for (const id of ids) expect(claims).toContain(id);
  });

  it('leaves short paragraphs unindexed, like the claim keys', () => {
    expect(fingerprint.paragraphKeys).toHaveLength(4);
    expect(indexedParagraphKeys(fingerprint)).toHaveLength(3);
    expect(postingKeyIds(fingerprint).filter((key) => key.startsWith('p:'))).toHaveLength(3);
  });

  it('posts the article under its band, sentence and paragraph keys, not under full keys', () => {
    const band = bandKeyId(fingerprint.bandKeys[0]);
    const [full, held, free] = indexedParagraphKeys(fingerprint).map(paragraphKeyId);
    const posted = new Map([
      [band, Array.from({ length: 32 }, (_, i) => stamp(`x${i}`, [band]))],
      // 8 stories hold it: boilerplate, takes no new story
      [full, 'abcdefgh'.split('').map((id) => stamp(id, [full]))],
      // the article's own story holds it already (another of its articles)
      [held, [stamp('art_a', [held], 'story')]],
    ]);
    const keys = postingKeysFor(fingerprint, 'story', posted, DEFAULT_INDEX_SHAPE);
    expect(keys).not.toContain(band);
    expect(keys).not.toContain(full);
    expect(keys).not.toContain(held);
    expect(keys).toContain(free);
    expect(keys).toContain(bandKeyId(fingerprint.bandKeys[1]));
    expect(keys).toContain(sentenceKeyId(fingerprint.sentenceKeys[0]));
    expect(new Set(keys).size).toBe(keys.length);
    // Another story with that paragraph: this one is the second to hold it.
    expect(postingKeysFor(fingerprint, 'other-story', posted, DEFAULT_INDEX_SHAPE)).toContain(held);
  });

  it('groups what a lookup read by the asked keys, never listing the article itself', () => {
    const [b0, b1] = [bandKeyId(fingerprint.bandKeys[0]), bandKeyId(fingerprint.bandKeys[1])];
    const stamps = [stamp('x', [b0, b1, 'b:unasked']), stamp('self', [b0]), stamp('legacy', undefined as never)];
    const byKey = postedUnder(stamps, [b0, b1], 'self');
    expect([...byKey.keys()].sort()).toEqual([b0, b1].sort());
    expect(byKey.get(b0)?.map((holder) => holder._id)).toEqual(['x']);
    expect(byKey.has('b:unasked')).toBe(false);
  });

  it('counts the stories holding a paragraph, not the articles', () => {
    const key = paragraphKeyId(indexedParagraphKeys(fingerprint)[0]);
    // Two articles of one story (one moved there when a race was settled) and one of another.
    expect(storiesHolding([stamp('a', [key], 's1'), stamp('b', [key], 's1'), stamp('c', [key], 's2')])).toBe(2);
    expect(storiesHolding(undefined)).toBe(0);
  });

  it('ranks candidates by shared keys, skips chance collisions and boilerplate paragraphs', () => {
    const [p1, p2, p3] = indexedParagraphKeys(fingerprint);
    const postings = new Map([
      posted(bandKeyId(fingerprint.bandKeys[0]), 'x', 'y'),
      posted(bandKeyId(fingerprint.bandKeys[1]), 'y'),
      posted(sentenceKeyId(fingerprint.sentenceKeys[0]), 'y', 'z'),
      posted(paragraphKeyId(p1), 'z'),
      // one shared sentence: an exact text match, a candidate on its own
      posted(sentenceKeyId(fingerprint.sentenceKeys[1]), 'w'),
      // held by 8 stories: boilerplate, finds no candidate
      posted(paragraphKeyId(p2), ...'abcdefgh'.split('')),
    ]);
    const { candidateIds, paragraphStories } = rankCandidates(fingerprint, postings, DEFAULT_INDEX_SHAPE);
    // x shares a single band key: a chance collision, no candidate.
    expect(candidateIds).toEqual(['y', 'z', 'w']);
    const loose = rankCandidates(fingerprint, postings, { ...DEFAULT_INDEX_SHAPE, minSharedKeys: 1 });
    expect(loose.candidateIds).toEqual(['y', 'z', 'w', 'x']);
    expect(paragraphStories).toEqual(
      new Map([
        [p1, 1],
        [p2, 8],
        [p3, 0],
      ]),
    );
    const capped = rankCandidates(fingerprint, postings, { ...DEFAULT_INDEX_SHAPE, maxCandidates: 1 });
    expect(capped.candidateIds).toEqual(['y']);
  });

  it("asks for the story counts of the candidates' paragraphs it does not know yet", () => {
    const other = fingerprintArticle({
      body: `${BODY}\nA paragraph only the other article has, long enough to count.`,
    });
    const known = new Map(indexedParagraphKeys(fingerprint).map((key) => [key, 1]));
    const unknown = unknownParagraphKeys([other], known);
    expect(unknown).toHaveLength(1);
    addParagraphStories(known, unknown, new Map([posted(paragraphKeyId(unknown[0]), 'q', 'r')]));
    expect(known.get(unknown[0])).toBe(2);
  });
});

describe('pickSameUrlAndContent', () => {
  const at = (id: string, seconds: number, urlKey: string | null, contentHash: string) =>
    stamp(id, [], id, seconds, urlKey, contentHash);
  // Unsorted, as the store returns them.
  const stamps = [at('b', 20, 'u1', 'h2'), at('a', 10, 'u1', 'h1'), at('d', 30, 'u2', 'h1'), at('c', 30, 'u1', 'h3')];

  it('picks the latest with the URL and the first with the text', () => {
    expect(pickSameUrlAndContent(stamps, 'u1', 'h1', null)).toEqual({ sameUrl: 'c', sameContent: 'a' });
  });

  it('breaks ties in time by id, as the in-memory index', () => {
    const tied = [at('y', 5, 'u', 'h'), at('x', 5, 'u', 'h')];
    expect(pickSameUrlAndContent(tied, 'u', 'h', null)).toEqual({ sameUrl: 'y', sameContent: 'x' });
  });

  it('never picks the article itself (a redelivery), and finds nothing without a URL or a match', () => {
    expect(pickSameUrlAndContent(stamps, 'u1', 'h1', 'c')).toEqual({ sameUrl: 'b', sameContent: 'a' });
    expect(pickSameUrlAndContent(stamps, null, 'h9', null)).toEqual({ sameUrl: null, sameContent: null });
  });
});
