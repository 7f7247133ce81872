/** The knobs of one duplicate decision. */
export interface DedupRules {
  /** a source with deduplication disabled lets every article through as unique */
  disabled: boolean;
  /** text first seen longer ago than this no longer makes a newer article a duplicate (a re-run counts as new) */
  windowMs: number;
  /** minimum share of the smaller article's distinctive shingles found in the other */
  minContainment: number;
  /** minimum estimated number of shared distinctive shingles: short texts need the exact content hash */
  minSharedShingles: number;
  /**
   * Below this many distinctive shingles (about as many words) the smaller article is a short text: every number
   * in it must also be in the other, since briefs cut from one template differ mostly in their figures.
   */
  shortTextShingles: number;
  /**
   * Largest share of the shorter article's distinctive shingles that may precede its first paragraph found in
   * the other: a copy keeps the start of the story (see `unmatchedLead`).
   */
  maxUnmatchedLead: number;
  /** a paragraph held by at least this many story clusters is boilerplate and never counts as shared content */
  boilerplateStories: number;
}

export interface DedupPolicy extends DedupRules {
  /** per-source overrides, by source id */
  sources: Readonly<Record<string, Partial<DedupRules>>>;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export const DEFAULT_DEDUP_POLICY: DedupPolicy = {
  disabled: false,
  windowMs: 30 * DAY_MS,
  minContainment: 0.6,
  minSharedShingles: 20,
  shortTextShingles: 80,
  maxUnmatchedLead: 0.3,
  boilerplateStories: 2,
  sources: {},
};

/** The rules that apply to an article of the given source. */
export function rulesFor(policy: DedupPolicy, sourceId: string | null | undefined): DedupRules {
  const { sources, ...defaults } = policy;
  const override = sourceId ? sources[sourceId] : undefined;
  return override ? { ...defaults, ...override } : defaults;
}
