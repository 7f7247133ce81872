import type { ArticleCandidate, DuplicateNotice, UniqueArticle } from '@inkstream/contracts';
import type { DedupDecision, DedupMethod, DedupVerdict } from '@inkstream/dedup';
import type { StoredDecision } from './fingerprint-records';

export type DedupOutcome = { kind: 'unique'; message: UniqueArticle } | { kind: 'duplicate'; message: DuplicateNotice };

type NoticeMethod = DuplicateNotice['method'];

/**
 * The contract's methods are the lib's evidence for a duplicate. 'none' and 'disabled' only come with a unique
 * verdict, so a duplicate carrying one is a broken invariant, not something to publish.
 */
export function noticeMethod(method: DedupMethod): NoticeMethod {
  if (method === 'url' || method === 'content-hash' || method === 'near-duplicate') return method;
  throw new Error(`a duplicate decision cannot have method "${method}"`);
}

/** Similarity as published: 0..1 with four decimals (the estimate is not more precise than that). */
export const roundSimilarity = (value: number): number => Math.round(Math.min(1, Math.max(0, value)) * 1e4) / 1e4;

/**
 * The message for a decision. `checkedAt` is when the article was first decided (recorded with its fingerprint),
 * so a redelivery publishes exactly the same message.
 */
export function outcomeFor(
  candidate: ArticleCandidate,
  decision: DedupDecision,
  checkedAt: string,
  repeatedParagraphsRemoved: number,
): DedupOutcome {
  if (decision.verdict === 'duplicate') {
    return {
      kind: 'duplicate',
      message: {
        schemaVersion: 1,
        id: candidate.id,
        traceId: candidate.traceId,
        sourceId: candidate.sourceId,
        url: candidate.url,
        title: candidate.title,
        source: candidate.source,
        rawDocumentId: candidate.rawDocumentId,
        duplicateOf: decision.duplicateOf ?? decision.clusterId,
        clusterId: decision.clusterId,
        similarity: roundSimilarity(decision.similarity),
        method: noticeMethod(decision.method),
        detectedAt: checkedAt,
      },
    };
  }
  return {
    kind: 'unique',
    message: {
      ...candidate,
      clusterId: decision.clusterId,
      dedup: { verdict: decision.verdict, checkedAt, repeatedParagraphsRemoved },
    },
  };
}

/**
 * Places a decision in the story its cluster's founder turned out to belong to: a founder decided at the same
 * instant as a copy of it may lose the race and become a duplicate itself; `duplicateOf` names the original.
 */
export function joinStory(decision: DedupDecision, clusterId: string): DedupDecision {
  if (clusterId === decision.clusterId) return decision;
  return {
    ...decision,
    clusterId,
    duplicateOf: decision.verdict === 'duplicate' ? clusterId : decision.duplicateOf,
  };
}

export function storedDecision(decision: DedupDecision, checkedAt: string): StoredDecision {
  const { verdict, duplicateOf, updates, similarity, method, clusterId } = decision;
  return { verdict, duplicateOf, updates, similarity, method, clusterId, checkedAt };
}

/**
 * An article judged a duplicate of the story it founded is that story's original. It happens only when an article
 * is decided again (crash before its decision was recorded) after its own copies were placed in its cluster.
 */
export function ownStory(decision: DedupDecision): DedupDecision {
  if (decision.verdict !== 'duplicate' || decision.clusterId !== decision.articleId) return decision;
  return { ...decision, verdict: 'unique', duplicateOf: null, method: 'none' };
}

const VERDICTS: readonly string[] = ['unique', 'duplicate', 'update'] satisfies DedupVerdict[];
const METHODS: readonly string[] = [
  'url',
  'content-hash',
  'near-duplicate',
  'none',
  'disabled',
] satisfies DedupMethod[];

export function decisionFrom(
  articleId: string,
  stored: StoredDecision,
): { decision: DedupDecision; checkedAt: string } {
  const { checkedAt, ...fields } = stored;
  if (!VERDICTS.includes(fields.verdict) || !METHODS.includes(fields.method)) {
    throw new Error(`article ${articleId}: unreadable stored decision ${JSON.stringify(stored)}`);
  }
  return {
    decision: { articleId, ...fields, verdict: fields.verdict as DedupVerdict, method: fields.method as DedupMethod },
    checkedAt,
  };
}
