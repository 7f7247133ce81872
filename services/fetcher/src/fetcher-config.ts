import { commonShape, ConfigError, env, loadConfig, type Env } from '@inkstream/config';
import { DEFAULT_USER_AGENT, parseOriginLimits } from '@inkstream/fetching';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { z } from 'zod';
import { webSubShape } from './websub/websub-config';

/** The fetcher's own variables (the common ones come from the runtime). Every one is in the README. */
export const fetcherShape = {
  /** false: HTTP endpoints only, no polling (a replica kept for ops, or tests driving schedulers themselves) */
  FETCHER_SCHEDULER_ENABLED: env.boolean(true),
  /** lease owner id of this replica; default host-pid-random, unique per process */
  FETCHER_OWNER_ID: env.optionalString(),
  /** source runs at once by this replica at the start, and the least it shrinks to (it grows with measured latency) */
  FETCHER_CONCURRENCY: env.positiveInt(8),
  /** the most source runs at once this replica grows to; equal to FETCHER_CONCURRENCY for a fixed number */
  FETCH_MAX_CONCURRENCY: env.positiveInt(64),
  /** full-text article pages fetched at once by this replica, from the durable page queue */
  FETCH_PAGE_CONCURRENCY: env.positiveInt(8),
  /** how often an idle scheduler looks for due sources */
  FETCHER_CLAIM_INTERVAL_MS: env.positiveInt(1_000),
  /** how long a claimed source stays ours without renewal; renewed every third of it while a run lasts */
  FETCHER_LEASE_MS: env.positiveInt(120_000),
  /** on shutdown, how long in-flight runs may finish before they are aborted (and handed back, due at once) */
  FETCHER_STOP_GRACE_MS: env.positiveInt(10_000),
  FETCH_USER_AGENT: env.string(DEFAULT_USER_AGENT),
  /** hosts, CIDRs, IPs and file: prefixes that may be fetched although private (SSRF guard), comma-separated */
  FETCH_ALLOW_LIST: env.list(''),
  /** absolute folders drop sources may read (their subfolders too); file: entries of FETCH_ALLOW_LIST count as well */
  FETCH_DROP_ROOTS: env.list(''),
  FETCH_CONNECT_TIMEOUT_MS: env.positiveInt(10_000),
  /** one exchange (connect, headers, body), per redirect hop and per attempt */
  FETCH_TIMEOUT_MS: env.positiveInt(30_000),
  /** one request as a whole: every attempt, redirect hop, body and retry wait */
  FETCH_DEADLINE_MS: env.positiveInt(90_000),
  FETCH_MAX_BODY_BYTES: env.positiveInt(10 * 1024 * 1024),
  FETCH_MAX_DECOMPRESSED_BYTES: env.positiveInt(32 * 1024 * 1024),
  FETCH_MAX_REDIRECTS: env.nonNegativeInt(5),
  /** extra attempts after a transient failure (network, timeout, 408/425/429/5xx) within one run */
  FETCH_RETRIES: env.nonNegativeInt(2),
  FETCH_RETRY_DELAY_MS: env.positiveInt(1_000),
  /** longest retry wait (backoff, Retry-After) slept inside a run; a longer one ends the run, rescheduled after it */
  FETCH_MAX_RETRY_WAIT_MS: env.nonNegativeInt(5_000),
  FETCH_PER_ORIGIN_CONCURRENCY: env.positiveInt(2),
  FETCH_PER_ORIGIN_INTERVAL_MS: env.nonNegativeInt(1_000),
  /** overrides per origin or host: `https://a.example:8443=4/250,b.example=1/2000` (concurrency/intervalMs) */
  FETCH_ORIGIN_LIMITS: z
    .string()
    .default('')
    .transform((value, context) => {
      const parsed = parseOriginLimits(value);
      if (parsed.ok) return parsed.limits;
      context.addIssue({ code: z.ZodIssueCode.custom, message: parsed.error });
      return z.NEVER;
    }),
  FETCH_RESPECT_ROBOTS: env.boolean(true),
  FETCH_ROBOTS_TTL_MS: env.positiveInt(3_600_000),
  FETCH_ROBOTS_ERROR_TTL_MS: env.positiveInt(300_000),
  FETCH_MAX_CRAWL_DELAY_MS: env.nonNegativeInt(30_000),
  /** adaptive polling (sources without their own pollIntervalSeconds): never more often than this */
  FETCH_MIN_INTERVAL_SECONDS: env.positiveInt(60),
  /** adaptive polling: a quiet source is still polled at least this often */
  FETCH_MAX_INTERVAL_SECONDS: env.positiveInt(3600),
  FETCH_BACKOFF_BASE_SECONDS: env.positiveInt(60),
  FETCH_BACKOFF_MAX_SECONDS: env.positiveInt(6 * 3600),
  FETCH_JITTER_RATIO: z.coerce.number().min(0, 'must be 0..0.5').max(0.5, 'must be 0..0.5').default(0.1),
  /** consecutive failures after which a source is parked until resumed; 0 never parks */
  FETCH_PARK_AFTER_ERRORS: env.nonNegativeInt(10),
  /** hours a source may keep failing (3 failures or more) before it is parked; 0: only the count parks */
  FETCH_PARK_AFTER_HOURS: env.nonNegativeInt(4),
  FETCH_GZIP_THRESHOLD_BYTES: env.positiveInt(256 * 1024),
  /** the largest content a raw document may carry after gzip (keep under the broker's message.max.bytes) */
  FETCH_MAX_MESSAGE_BYTES: env.positiveInt(900 * 1024),
  /**
   * feed items read per poll, in the feed's order (newest first by convention); a feed that lists more is cut and
   * the cut noted on its status. Bounds what one poll holds and publishes.
   */
  FETCH_FEED_MAX_ITEMS: env.positiveInt(1_000),
  FETCH_SITEMAP_MAX_URLS: env.positiveInt(50),
  /** sitemap entries read per poll across the sitemap and its children (the protocol's own per-file limit) */
  FETCH_SITEMAP_MAX_LISTED: env.positiveInt(50_000),
  FETCH_SITEMAP_MAX_CHILDREN: env.positiveInt(5),
  FETCH_SITEMAP_NEWS_MAX_AGE_HOURS: env.positiveInt(48),
  FETCH_DROP_MAX_FILES: env.positiveInt(1_000),
  ...webSubShape,
};

export type FetcherConfig = ReturnType<typeof loadFetcherConfig>;

export function loadFetcherConfig(source: Env = process.env) {
  const config = loadConfig(fetcherShape, source);
  const problems = [
    ...atLeast(config, 'FETCH_MAX_CONCURRENCY', 'FETCHER_CONCURRENCY'),
    ...atLeast(config, 'FETCH_MAX_INTERVAL_SECONDS', 'FETCH_MIN_INTERVAL_SECONDS'),
    ...graceWithinShutdown(config.FETCHER_STOP_GRACE_MS, source),
  ];
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    ...config,
    FETCHER_OWNER_ID: config.FETCHER_OWNER_ID ?? `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`,
  };
}

/** What a stop needs after the grace period: abort the runs, hand them back, close Kafka and MongoDB. */
export const STOP_AFTER_GRACE_MS = 3_000;

/**
 * The grace period must end early enough for the rest of the stop to fit in SHUTDOWN_TIMEOUT_MS (the runtime's
 * variable, read here only to check it), or every stop ends in "shutdown timed out, exiting".
 */
function graceWithinShutdown(graceMs: number, source: Env): string[] {
  const { SHUTDOWN_TIMEOUT_MS } = loadConfig({ SHUTDOWN_TIMEOUT_MS: commonShape(0).SHUTDOWN_TIMEOUT_MS }, source);
  return graceMs + STOP_AFTER_GRACE_MS > SHUTDOWN_TIMEOUT_MS
    ? [
        `FETCHER_STOP_GRACE_MS: must end ${STOP_AFTER_GRACE_MS} ms before SHUTDOWN_TIMEOUT_MS (${SHUTDOWN_TIMEOUT_MS}) ` +
          `so the rest of the stop fits (got "${graceMs}")`,
      ]
    : [];
}

/** A bound that must not be under its partner, named as loadConfig names a bad variable. */
function atLeast<C extends Record<string, unknown>>(config: C, upper: keyof C & string, lower: keyof C & string) {
  return Number(config[upper]) < Number(config[lower])
    ? [`${upper}: must be at least ${lower} (${config[lower]}) (got "${config[upper]}")`]
    : [];
}

export const FETCHER_CONFIG = Symbol('FETCHER_CONFIG');
