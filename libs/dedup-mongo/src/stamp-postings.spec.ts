import {
  bandKeyId,
  DEFAULT_INDEX_SHAPE,
  fingerprintArticle,
  indexedParagraphKeys,
  paragraphKeyId,
  rankCandidates,
  sentenceKeyId,
} from '@inkstream/dedup';
import type { FingerprintStamp } from './fingerprint-records';
import {
  byId,
  pickSameUrlAndContent,
  postedUnder,
  postingKeysFor,
  saturatedPostingKeys,
  stampPostings,
  storiesHolding,
} from './stamp-postings';

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

describe('stamp postings', () => {
  it('calls full only the keys no article is posted under any more, whatever its story', () => {
    const band = bandKeyId(fingerprint.bandKeys[0]);
    const openBand = bandKeyId(fingerprint.bandKeys[1]);
    const sentence = sentenceKeyId(fingerprint.sentenceKeys[0]);
    const [boilerplate, held] = indexedParagraphKeys(fingerprint).map(paragraphKeyId);
    const posted = new Map([
      [band, Array.from({ length: 32 }, (_, i) => stamp(`x${i}`, [band]))],
      [openBand, Array.from({ length: 31 }, (_, i) => stamp(`y${i}`, [openBand]))],
      // stock text: four stories hold it
      [sentence, 'abcd'.split('').map((id) => stamp(id, [sentence]))],
      [boilerplate, 'abcdefgh'.split('').map((id) => stamp(id, [boilerplate]))],
      // one story holds it: its own copies skip it, another story's article still takes it
      [held, [stamp('art_a', [held], 'story')]],
    ]);
    expect(saturatedPostingKeys(fingerprint, posted, DEFAULT_INDEX_SHAPE).sort()).toEqual(
      [band, sentence, boilerplate].sort(),
    );
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

  it('gives the candidate rule what a lookup read: stories by cluster, ties by id', () => {
    const [p1] = indexedParagraphKeys(fingerprint);
    const [b0, b1] = [bandKeyId(fingerprint.bandKeys[0]), bandKeyId(fingerprint.bandKeys[1])];
    const stamps = [
      stamp('m', [b0, b1]),
      stamp('k', [b0, b1]),
      stamp('one', [paragraphKeyId(p1)], 'story'),
      stamp('two', [paragraphKeyId(p1)], 'story'),
    ];
    const posted = postedUnder(stamps, [b0, b1, paragraphKeyId(p1)], null);
    const ranked = rankCandidates(fingerprint, stampPostings(posted), DEFAULT_INDEX_SHAPE, byId);
    expect(ranked.candidates.map((candidate) => candidate._id)).toEqual(['k', 'm', 'one', 'two']);
    expect(ranked.paragraphStories.get(p1)).toBe(1);
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
