import type { DuplicateNotice, DuplicateRef } from '@inkstream/contracts';

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
