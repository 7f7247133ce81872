export type DedupVerdict = 'unique' | 'duplicate' | 'update';

/** What settled the verdict: the canonical URL, the exact content hash, a verified near-copy, or nothing. */
export type DedupMethod = 'url' | 'content-hash' | 'near-duplicate' | 'none' | 'disabled';

export interface DedupDecision {
  articleId: string;
  verdict: DedupVerdict;
  /** the original (first unique article) of the story this article copies; null unless a duplicate */
  duplicateOf: string | null;
  /** the earlier version this article replaces (same canonical URL, changed text); null unless an update */
  updates: string | null;
  /** verified overlap with the closest earlier article (containment of distinctive shingles, 0..1) */
  similarity: number;
  method: DedupMethod;
  /** story cluster: the id of the story's original; a unique article founds its own */
  clusterId: string;
}
