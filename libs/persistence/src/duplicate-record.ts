import { scopedArticleId, type DuplicateNotice, type DuplicateRef, type EnrichedArticle } from '@inkstream/contracts';
import type { ArticleRecord } from './article-record';

/** A duplicate notice as stored: kept even when its original is not stored yet, and attached when it arrives. */
export interface DuplicateRecord {
  _id: string;
  duplicateOf: string;
  clusterId: string;
  ref: DuplicateRef;
  traceId: string;
  rawDocumentId: string;
  title: string;
}

export function duplicateRecordFrom(notice: DuplicateNotice): DuplicateRecord {
  return {
    _id: notice.id,
    duplicateOf: notice.duplicateOf,
    clusterId: notice.clusterId,
    ref: {
      id: notice.id,
      url: notice.url,
      source: notice.source,
      similarity: notice.similarity,
      method: notice.method,
      detectedAt: notice.detectedAt,
    },
    traceId: notice.traceId,
    rawDocumentId: notice.rawDocumentId,
    title: notice.title,
  };
}

/**
 * Another source's delivery of a stored article under the same id: a second source registered for the article's site
 * (a publisher's feed and its sitemap). It is recorded as a duplicate of the stored article, named by its id scoped
 * to the delivering source (docs/reliability.md, "Who owns an article"). `detectedAt` is the delivery's extraction
 * time, so a redelivery builds the same record.
 */
export function sharedDuplicateRecordFrom(article: EnrichedArticle, original: ArticleRecord): DuplicateRecord {
  const id = scopedArticleId(article.sourceId, article.id);
  return {
    _id: id,
    duplicateOf: original._id,
    clusterId: original.clusterId,
    ref: {
      id,
      url: article.url,
      source: article.source,
      similarity: paragraphContainment(article.paragraphs, original.paragraphs),
      method: 'url',
      detectedAt: article.extractedAt,
    },
    traceId: article.traceId,
    rawDocumentId: article.rawDocumentId,
    title: article.title,
  };
}

/**
 * Share of the copy's paragraphs (whitespace and case folded) that the original has too, 0..1 with four decimals:
 * the same text delivered twice scores 1, a feed summary against its page about 0 (one measure the store can take
 * without the deduplicator's fingerprints; `method: 'url'` is what says the two are one article).
 */
export function paragraphContainment(copy: readonly string[], original: readonly string[]): number {
  const fold = (text: string) => text.replace(/\s+/g, ' ').trim().toLowerCase();
  const kept = copy.map(fold).filter((paragraph) => paragraph.length > 0);
  if (kept.length === 0) return 0;
  const known = new Set(original.map(fold));
  const shared = kept.filter((paragraph) => known.has(paragraph)).length;
  return Math.round((shared / kept.length) * 1e4) / 1e4;
}
