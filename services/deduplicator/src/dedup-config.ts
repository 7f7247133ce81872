import { ConfigError, env, loadConfig, type Env } from '@inkstream/config';
import { DEFAULT_DEDUP_POLICY, type DedupPolicy, type DedupRules } from '@inkstream/dedup';
import { z } from 'zod';

const HOUR_MS = 3_600_000;
const share = (fallback: number) =>
  z.coerce.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1').default(fallback);

/** One source's overrides, as an operator writes them: the window in hours, the rest as in `DedupRules`. */
const sourceOverride = z
  .object({
    disabled: z.boolean(),
    windowHours: z.number().positive(),
    minContainment: z.number().min(0).max(1),
    minSharedShingles: z.number().int().positive(),
    shortTextShingles: z.number().int().nonnegative(),
    maxUnmatchedLead: z.number().min(0).max(1),
    boilerplateStories: z.number().int().min(2),
  })
  .partial()
  .strict();

const overrides = z
  .string()
  .default('{}')
  .transform((text, context) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      context.addIssue({ code: z.ZodIssueCode.custom, message: 'must be JSON: {"<sourceId>": {"windowHours": 48}}' });
      return z.NEVER;
    }
  })
  .pipe(z.record(z.string().min(1), sourceOverride));

/** The deduplicator's own variables (the common ones come from the runtime). Every one is in the README. */
export const dedupShape = {
  /** text first seen longer ago than this no longer makes a newer article a duplicate (a re-run counts as new) */
  DEDUP_WINDOW_HOURS: z.coerce
    .number()
    .positive('must be a positive number of hours')
    .default(30 * 24),
  /** share of the smaller article's distinctive shingles that must be found in the other */
  DEDUP_MIN_CONTAINMENT: share(DEFAULT_DEDUP_POLICY.minContainment),
  /** estimated shared distinctive shingles a near-duplicate needs at least */
  DEDUP_MIN_SHARED_SHINGLES: env.positiveInt(DEFAULT_DEDUP_POLICY.minSharedShingles),
  /** a paragraph held by this many story clusters is site boilerplate and never counts as shared content */
  DEDUP_BOILERPLATE_STORIES: env.positiveInt(DEFAULT_DEDUP_POLICY.boilerplateStories),
  /** per-source overrides, JSON by source id: disabled, windowHours, minContainment, minSharedShingles, … */
  DEDUP_SOURCE_OVERRIDES: overrides,
  /** how long a replica waits for another one deciding the same article (partition handover) before deciding it */
  DEDUP_DECISION_WAIT_MS: env.nonNegativeInt(5_000),
  /**
   * fingerprints (with their posting keys), claims and decisions older than this expire (TTL indexes): the index
   * stays bounded by what can still match. At least the longest dedup window (default: the 30-day window plus half
   * again, 45 days); at most what a TTL index holds (2^31 - 1 seconds).
   */
  DEDUP_RETENTION_HOURS: z.coerce
    .number()
    .positive('must be a positive number of hours')
    .max(596_523, 'must be at most 596523 hours (a TTL index counts seconds in 31 bits)')
    .default(45 * 24),
};

export type DedupConfig = ReturnType<typeof loadDedupConfig>;

export function loadDedupConfig(source: Env = process.env) {
  const config = loadConfig(dedupShape, source);
  // Pruning inside a window would forget texts that can still make a newer article a duplicate.
  const longestWindowHours = Math.max(
    config.DEDUP_WINDOW_HOURS,
    ...Object.values(config.DEDUP_SOURCE_OVERRIDES).map((rules) => rules.windowHours ?? 0),
  );
  if (config.DEDUP_RETENTION_HOURS < longestWindowHours) {
    throw new ConfigError([
      `DEDUP_RETENTION_HOURS: must be at least the longest dedup window, ${longestWindowHours} hours ` +
        `(DEDUP_WINDOW_HOURS or a windowHours in DEDUP_SOURCE_OVERRIDES) (got ${config.DEDUP_RETENTION_HOURS})`,
    ]);
  }
  return config;
}

export function dedupPolicyFrom(config: DedupConfig): DedupPolicy {
  const sources: Record<string, Partial<DedupRules>> = {};
  for (const [sourceId, { windowHours, ...rules }] of Object.entries(config.DEDUP_SOURCE_OVERRIDES)) {
    sources[sourceId] = windowHours === undefined ? rules : { ...rules, windowMs: windowHours * HOUR_MS };
  }
  return {
    ...DEFAULT_DEDUP_POLICY,
    windowMs: config.DEDUP_WINDOW_HOURS * HOUR_MS,
    minContainment: config.DEDUP_MIN_CONTAINMENT,
    minSharedShingles: config.DEDUP_MIN_SHARED_SHINGLES,
    boilerplateStories: config.DEDUP_BOILERPLATE_STORIES,
    sources,
  };
}

export const DEDUP_POLICY = Symbol('DEDUP_POLICY');
