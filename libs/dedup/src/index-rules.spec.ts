import { fingerprintArticle } from './fingerprint';
import { claimKeys } from './fingerprint-index';
import {
  bandKeyId,
  DEFAULT_INDEX_SHAPE,
  indexedParagraphKeys,
  paragraphKeyId,
  postingKeyIds,
  rankCandidates,
  sentenceKeyId,
  takesPosting,
  takesStory,
  unknownParagraphKeys,
  type PostingsView,
} from './index-rules';

const BODY = [
  'NATO leaders plan to pledge next week to keep pouring arms and ammunition into Ukraine for at least another year.',
  'Allies have provided around 40 billion euros a year in military assistance since Russia invaded in February 2022.',
  'Read more',
  'Officials said the pledge would be formally agreed at the summit in Washington on Wednesday after long talks.',
].join('\n');
const fingerprint = fingerprintArticle({ body: BODY, url: 'https://example.com/nato' });

/** Postings by key id, each holder its own story. */
const view = (posted: Map<string, string[]>): PostingsView<string> => ({
  band: (key) => posted.get(bandKeyId(key)) ?? [],
  sentence: (key) => {
    const holders = posted.get(sentenceKeyId(key)) ?? [];
    return { holders, stories: holders.length };
  },
  paragraph: (key) => {
    const holders = posted.get(paragraphKeyId(key)) ?? [];
    return { holders, stories: holders.length };
  },
});
const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

describe('index rules', () => {
  it('names band and paragraph keys as their claims', () => {
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

  it('caps postings: a full band key, a stock sentence, a boilerplate paragraph, text its story holds', () => {
    expect(takesPosting(31, DEFAULT_INDEX_SHAPE)).toBe(true);
    expect(takesPosting(32, DEFAULT_INDEX_SHAPE)).toBe(false);
    expect(takesStory(7, false, DEFAULT_INDEX_SHAPE.maxStoriesPerParagraph)).toBe(true);
    expect(takesStory(8, false, DEFAULT_INDEX_SHAPE.maxStoriesPerParagraph)).toBe(false);
    expect(takesStory(3, false, DEFAULT_INDEX_SHAPE.maxStoriesPerSentence)).toBe(true);
    expect(takesStory(4, false, DEFAULT_INDEX_SHAPE.maxStoriesPerSentence)).toBe(false);
    expect(takesStory(1, true, DEFAULT_INDEX_SHAPE.maxStoriesPerParagraph)).toBe(false);
  });

  it('ranks candidates by shared keys, skips chance collisions and boilerplate paragraphs', () => {
    const [p1, p2, p3] = indexedParagraphKeys(fingerprint);
    const postings = view(
      new Map([
        [bandKeyId(fingerprint.bandKeys[0]), ['x', 'y']],
        [bandKeyId(fingerprint.bandKeys[1]), ['y']],
        [sentenceKeyId(fingerprint.sentenceKeys[0]), ['y', 'z']],
        [paragraphKeyId(p1), ['z']],
        // one shared sentence: an exact text match, a candidate on its own
        [sentenceKeyId(fingerprint.sentenceKeys[1]), ['w']],
        // held by 8 stories: boilerplate, finds no candidate
        [paragraphKeyId(p2), 'abcdefgh'.split('')],
      ]),
    );
    const { candidates, paragraphStories } = rankCandidates(fingerprint, postings, DEFAULT_INDEX_SHAPE, byName);
    // x shares a single band key: a chance collision, no candidate.
    expect(candidates).toEqual(['y', 'z', 'w']);
    const loose = rankCandidates(fingerprint, postings, { ...DEFAULT_INDEX_SHAPE, minSharedKeys: 1 }, byName);
    expect(loose.candidates).toEqual(['y', 'z', 'w', 'x']);
    expect(paragraphStories).toEqual(
      new Map([
        [p1, 1],
        [p2, 8],
        [p3, 0],
      ]),
    );
    const capped = rankCandidates(fingerprint, postings, { ...DEFAULT_INDEX_SHAPE, maxCandidates: 1 }, byName);
    expect(capped.candidates).toEqual(['y']);
  });

  it('finds no candidate through a stock sentence: one held by maxStoriesPerSentence stories', () => {
    const sentence = sentenceKeyId(fingerprint.sentenceKeys[0]);
    const rank = (holders: string[]) =>
      rankCandidates(fingerprint, view(new Map([[sentence, holders]])), DEFAULT_INDEX_SHAPE, byName).candidates;
    expect(rank(['a', 'b', 'c'])).toEqual(['a', 'b', 'c']);
    expect(rank(['a', 'b', 'c', 'd'])).toEqual([]);
  });

  it("asks for the story counts of the candidates' paragraphs it does not know yet", () => {
    const other = fingerprintArticle({
      body: `${BODY}\nA paragraph only the other article has, long enough to count.`,
    });
    const known = new Map(indexedParagraphKeys(fingerprint).map((key) => [key, 1]));
    expect(unknownParagraphKeys([other], known)).toHaveLength(1);
    expect(unknownParagraphKeys([fingerprint], known)).toEqual([]);
  });
});
