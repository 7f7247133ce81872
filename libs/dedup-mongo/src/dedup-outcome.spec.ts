import {
  articleCandidateSchema,
  duplicateNoticeSchema,
  exampleArticleCandidate,
  uniqueArticleSchema,
  type ArticleCandidate,
} from '@inkstream/contracts';
import type { DedupDecision } from '@inkstream/dedup';
import {
  decisionFrom,
  joinStory,
  noticeMethod,
  outcomeFor,
  ownStory,
  roundSimilarity,
  storedDecision,
} from './dedup-outcome';

const candidate: ArticleCandidate = articleCandidateSchema.parse(
  exampleArticleCandidate([{ type: 'paragraph', text: 'Text.' }], {
    id: 'art_copy',
    traceId: 'trace',
    sourceId: 'src-b',
    source: { id: 'src-b', name: 'B', domain: 'b.example' },
    url: 'https://b.example/story',
    title: 'Copy',
    language: null,
    rawDocumentId: 'raw',
    extractedAt: '2026-11-28T10:00:00.000Z',
  }),
);

const decision = (overrides: Partial<DedupDecision>): DedupDecision => ({
  articleId: 'art_copy',
  verdict: 'unique',
  duplicateOf: null,
  updates: null,
  similarity: 0,
  method: 'none',
  clusterId: 'art_copy',
  ...overrides,
});

const AT = '2026-11-28T10:00:05.000Z';

describe('outcomeFor', () => {
  it('makes a unique article of a unique or update verdict, valid for its topic', () => {
    const unique = outcomeFor(candidate, decision({}), AT, 3);
    expect(unique.kind).toBe('unique');
    expect(uniqueArticleSchema.parse(unique.message)).toMatchObject({
      id: 'art_copy',
      clusterId: 'art_copy',
      dedup: { verdict: 'unique', checkedAt: AT, repeatedParagraphsRemoved: 3 },
    });
    const update = outcomeFor(candidate, decision({ verdict: 'update', method: 'url', clusterId: 'art_a' }), AT, 0);
    expect(update.message).toMatchObject({ clusterId: 'art_a', dedup: { verdict: 'update' } });
  });

  it('makes a duplicate notice naming the original and its cluster, valid for its topic', () => {
    const notice = outcomeFor(
      candidate,
      decision({
        verdict: 'duplicate',
        duplicateOf: 'art_a',
        clusterId: 'art_a',
        method: 'near-duplicate',
        similarity: 0.873456,
      }),
      AT,
      0,
    );
    expect(notice.kind).toBe('duplicate');
    expect(duplicateNoticeSchema.parse(notice.message)).toEqual({
      schemaVersion: 1,
      id: 'art_copy',
      traceId: 'trace',
      sourceId: 'src-b',
      url: 'https://b.example/story',
      title: 'Copy',
      source: { id: 'src-b', name: 'B', domain: 'b.example' },
      rawDocumentId: 'raw',
      duplicateOf: 'art_a',
      clusterId: 'art_a',
      similarity: 0.8735,
      method: 'near-duplicate',
      detectedAt: AT,
    });
  });

  it("maps the lib's methods to the contract's, refusing the ones a duplicate cannot have", () => {
    expect(noticeMethod('url')).toBe('url');
    expect(noticeMethod('content-hash')).toBe('content-hash');
    expect(noticeMethod('near-duplicate')).toBe('near-duplicate');
    expect(() => noticeMethod('none')).toThrow(/cannot have method "none"/);
    expect(() => noticeMethod('disabled')).toThrow(/disabled/);
    expect(roundSimilarity(1.0000001)).toBe(1);
    expect(roundSimilarity(-0.1)).toBe(0);
  });
});

describe('stored decisions', () => {
  it('round-trip, and an unreadable one is an error rather than a guess', () => {
    const original = decision({ verdict: 'duplicate', duplicateOf: 'art_a', clusterId: 'art_a', method: 'url' });
    expect(decisionFrom('art_copy', storedDecision(original, AT))).toEqual({ decision: original, checkedAt: AT });
    expect(() => decisionFrom('x', { ...storedDecision(original, AT), method: 'simhash' })).toThrow(/unreadable/);
  });

  it('follows a founder that became a duplicate to the story original', () => {
    const copy = decision({ verdict: 'duplicate', duplicateOf: 'art_b', clusterId: 'art_b', method: 'content-hash' });
    expect(joinStory(copy, 'art_a')).toMatchObject({
      duplicateOf: 'art_a',
      clusterId: 'art_a',
      method: 'content-hash',
    });
    const update = decision({ verdict: 'update', updates: 'art_u', clusterId: 'art_b', method: 'url' });
    expect(joinStory(update, 'art_a')).toMatchObject({ duplicateOf: null, updates: 'art_u', clusterId: 'art_a' });
    expect(joinStory(copy, 'art_b')).toBe(copy);
  });

  it('an article placed in the story it founded is its original, not a duplicate of itself', () => {
    const self = decision({ verdict: 'duplicate', duplicateOf: 'art_copy', clusterId: 'art_copy', method: 'url' });
    expect(ownStory(self)).toMatchObject({ verdict: 'unique', duplicateOf: null, clusterId: 'art_copy' });
    const other = decision({ verdict: 'duplicate', duplicateOf: 'art_a', clusterId: 'art_a', method: 'url' });
    expect(ownStory(other)).toBe(other);
  });
});
