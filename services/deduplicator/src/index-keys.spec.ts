import { claimKeys, fingerprintArticle } from '@inkstream/dedup';
import type { PostingRecord } from '@inkstream/persistence';
import {
  addParagraphStories,
  bandKeyId,
  DEFAULT_INDEX_SHAPE,
  indexedParagraphKeys,
  paragraphKeyId,
  pickSameUrlAndContent,
  postingCounts,
  postingKeyIds,
  postingsFor,
  rankCandidates,
  sentenceKeyId,
  unknownParagraphKeys,
} from './index-keys';

const BODY = [
  'NATO leaders plan to pledge next week to keep pouring arms and ammunition into Ukraine for at least another year.',
  'Allies have provided around 40 billion euros a year in military assistance since Russia invaded in February 2022.',
  'Read more',
  'Officials said the pledge would be formally agreed at the summit in Washington on Wednesday after long talks.',
].join('\n');
const fingerprint = fingerprintArticle({ body: BODY, url: 'https://example.com/nato' });

const posted = (key: string, ...articles: string[]): [string, PostingRecord[]] => [
  key,
  articles.map((article) => ({ _id: `${key}|${article}`, key, article, cluster: article, createdAt: new Date(0) })),
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

  it('posts the article under band and sentence keys, its story under paragraph keys, not under full keys', () => {
    const band = bandKeyId(fingerprint.bandKeys[0]);
    const paragraph = paragraphKeyId(indexedParagraphKeys(fingerprint)[0]);
    const counts = new Map([
      [band, 32],
      [paragraph, 8],
    ]);
    const postings = postingsFor(fingerprint, 'art_b', 'art_a', counts, DEFAULT_INDEX_SHAPE);
    const byKey = new Map(postings.map((posting) => [posting.key, posting]));
    expect(byKey.has(band)).toBe(false);
    expect(byKey.has(paragraph)).toBe(false);
    expect(byKey.get(bandKeyId(fingerprint.bandKeys[1]))).toMatchObject({ member: 'art_b', article: 'art_b' });
    expect(byKey.get(sentenceKeyId(fingerprint.sentenceKeys[0]))).toMatchObject({ member: 'art_b' });
    const other = paragraphKeyId(indexedParagraphKeys(fingerprint)[1]);
    expect(byKey.get(other)).toEqual({ key: other, member: 'art_a', article: 'art_b', cluster: 'art_a' });
  });

  it('ranks candidates by shared keys, skips boilerplate paragraphs and the article itself', () => {
    const [p1, p2, p3] = indexedParagraphKeys(fingerprint);
    const postings = new Map([
      posted(bandKeyId(fingerprint.bandKeys[0]), 'x', 'y', 'self'),
      posted(bandKeyId(fingerprint.bandKeys[1]), 'y'),
      posted(sentenceKeyId(fingerprint.sentenceKeys[0]), 'y', 'z'),
      posted(paragraphKeyId(p1), 'z'),
      // held by 8 stories: boilerplate, finds no candidate
      posted(paragraphKeyId(p2), ...'abcdefgh'.split('')),
    ]);
    const { candidateIds, paragraphStories } = rankCandidates(fingerprint, postings, DEFAULT_INDEX_SHAPE, 'self');
    expect(candidateIds).toEqual(['y', 'z', 'x']);
    expect(paragraphStories).toEqual(
      new Map([
        [p1, 1],
        [p2, 8],
        [p3, 0],
      ]),
    );
    expect(postingCounts(postings).get(paragraphKeyId(p2))).toBe(8);
    const capped = rankCandidates(fingerprint, postings, { ...DEFAULT_INDEX_SHAPE, maxCandidates: 1 }, null);
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
  const stamp = (id: string, seconds: number, urlKey: string | null, contentHash: string) => ({
    _id: id,
    seenAt: new Date(seconds * 1_000),
    urlKey,
    contentHash,
  });
  // Unsorted, as the store returns them.
  const stamps = [
    stamp('b', 20, 'u1', 'h2'),
    stamp('a', 10, 'u1', 'h1'),
    stamp('d', 30, 'u2', 'h1'),
    stamp('c', 30, 'u1', 'h3'),
  ];

  it('picks the latest with the URL and the first with the text', () => {
    expect(pickSameUrlAndContent(stamps, 'u1', 'h1', null)).toEqual({ sameUrl: 'c', sameContent: 'a' });
  });

  it('breaks ties in time by id, as the in-memory index', () => {
    const tied = [stamp('y', 5, 'u', 'h'), stamp('x', 5, 'u', 'h')];
    expect(pickSameUrlAndContent(tied, 'u', 'h', null)).toEqual({ sameUrl: 'y', sameContent: 'x' });
  });

  it('never picks the article itself (a redelivery), and finds nothing without a URL or a match', () => {
    expect(pickSameUrlAndContent(stamps, 'u1', 'h1', 'c')).toEqual({ sameUrl: 'b', sameContent: 'a' });
    expect(pickSameUrlAndContent(stamps, null, 'h9', null)).toEqual({ sameUrl: null, sameContent: null });
  });
});
