// The shape of the fetcher benchmark's simulated web, decided before any server listens: which feed lives on which
// origin, how often it is polled, which validators it serves and which fault it has. Pure and seeded, so every run
// of `npm run bench:fetcher` with the same options builds the same web.
import { seededRandom } from '@inkstream/measure';

/**
 * What a feed does wrong (issue 26's fault classes), or `healthy`. `rate-limited` feeds live on an origin of their
 * own: the fetcher pauses a whole origin on a Retry-After, so on a shared origin they would starve healthy feeds for
 * a reason that is the simulation's, not the fetcher's.
 */
export const FAULT_CLASSES = [
  'slow',
  'rate-limited',
  'server-error',
  'redirect-chain',
  'redirect-loop',
  'malformed',
  'huge',
  'trickler',
] as const;
export type FaultClass = (typeof FAULT_CLASSES)[number];
export type FeedBehaviour = FaultClass | 'healthy';

/** Faults after which the source must show an error on its status: every poll of such a feed fails. */
export const FAILING_FAULTS: ReadonlySet<FeedBehaviour> = new Set([
  'server-error',
  'redirect-loop',
  'malformed',
  'huge',
  'trickler',
]);

/** Which conditional-GET validators a feed serves: most serve both, some only one kind, a few none. */
export type Validators = 'etag+last-modified' | 'last-modified' | 'none';

export interface FeedPlan {
  index: number;
  /** index into WebPlan.origins */
  origin: number;
  behaviour: FeedBehaviour;
  intervalSeconds: number;
  format: 'rss' | 'atom';
  validators: Validators;
  /** registered in full-text mode: its items link to article pages the fetcher reads too */
  fullText: boolean;
  /** `slow` feeds: how long the answer waits, ms */
  delayMs: number;
  /** advertises the simulated web's WebSub hub (healthy feeds only: the hub pushes what the feed would serve) */
  websub: boolean;
}

export interface WebPlanOptions {
  feeds: number;
  /** origins that serve feeds (one more, the throttling origin, serves only the rate-limited feeds) */
  origins: number;
  intervalMinSeconds: number;
  intervalMaxSeconds: number;
  /** share of feeds with a fault, 0..1 */
  faultShare: number;
  /** share of healthy feeds registered in full-text mode, 0..1 */
  fullTextShare: number;
  /** share of healthy feeds that advertise the WebSub hub, 0..1 */
  websubShare: number;
  seed: number;
}

export interface WebPlan {
  /** origin count including the throttling origin, which is the last one */
  origins: number;
  throttlingOrigin: number;
  feeds: FeedPlan[];
}

/**
 * How many feeds of each fault class. The two expensive classes are capped (a 15 MB body per poll, a connection held
 * to its deadline): a handful of each shows the behaviour; hundreds would measure loopback bandwidth instead.
 */
export function faultCounts(faulty: number): Record<FaultClass, number> {
  const counts = Object.fromEntries(FAULT_CLASSES.map((fault) => [fault, 0])) as Record<FaultClass, number>;
  if (faulty <= 0) return counts;
  counts.huge = Math.min(5, Math.max(1, Math.round(faulty / 40)));
  counts.trickler = Math.min(10, Math.max(1, Math.round(faulty / 20)));
  const rest = FAULT_CLASSES.filter((fault) => fault !== 'huge' && fault !== 'trickler');
  let left = Math.max(0, faulty - counts.huge - counts.trickler);
  for (let i = 0; left > 0; i += 1, left -= 1) counts[rest[i % rest.length]] += 1;
  return counts;
}

export function planWeb(options: WebPlanOptions): WebPlan {
  if (options.origins < 1) throw new Error(`--origins ${options.origins}: need at least 1`);
  if (options.feeds < 1) throw new Error(`--feeds ${options.feeds}: need at least 1`);
  if (options.intervalMinSeconds < 1 || options.intervalMaxSeconds < options.intervalMinSeconds) {
    throw new Error(
      `--interval-min ${options.intervalMinSeconds} / --interval-max ${options.intervalMaxSeconds}: need 1 <= min <= max`,
    );
  }
  const random = seededRandom(options.seed);
  const counts = faultCounts(Math.round(options.feeds * options.faultShare));
  const behaviours: FeedBehaviour[] = FAULT_CLASSES.flatMap((fault) => Array<FeedBehaviour>(counts[fault]).fill(fault));
  while (behaviours.length < options.feeds) behaviours.push('healthy');
  // Seeded shuffle: faults spread over the origins and the feed numbers instead of bunching at the start.
  for (let i = behaviours.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [behaviours[i], behaviours[j]] = [behaviours[j], behaviours[i]];
  }
  const throttlingOrigin = options.origins;
  // A stream of its own: adding WebSub left every other draw, and so the rest of the plan, as it was.
  const websubRandom = seededRandom(options.seed + 7);
  const feeds = behaviours.slice(0, options.feeds).map((behaviour, index): FeedPlan => {
    const span = options.intervalMaxSeconds - options.intervalMinSeconds;
    const draw = random();
    return {
      index,
      origin: behaviour === 'rate-limited' ? throttlingOrigin : index % options.origins,
      behaviour,
      intervalSeconds: options.intervalMinSeconds + Math.round(random() * span),
      format: index % 2 === 0 ? 'rss' : 'atom',
      validators: draw < 0.8 ? 'etag+last-modified' : draw < 0.9 ? 'last-modified' : 'none',
      fullText: behaviour === 'healthy' && random() < options.fullTextShare,
      delayMs: behaviour === 'slow' ? 3_000 + Math.round(random() * 5_000) : 0,
      websub: websubRandom() < options.websubShare && behaviour === 'healthy',
    };
  });
  return { origins: options.origins + 1, throttlingOrigin, feeds };
}

/** Polls per second the plan asks for: the sum of every feed's 1/interval. */
export function scheduledPollRate(feeds: readonly Pick<FeedPlan, 'intervalSeconds'>[]): number {
  return feeds.reduce((total, feed) => total + 1 / feed.intervalSeconds, 0);
}
