// The options of `npm run bench:fetcher`, parsed and checked before anything starts.
import type { WebPlanOptions } from './simulated-web-plan';

export interface FetchBenchOptions extends WebPlanOptions {
  minutes: number;
  /** items each feed lists at the start (all new to the fetcher: the first round publishes them all) */
  items: number;
  /** new items published across all healthy feeds per minute */
  newItemsPerMinute: number;
  /** steady state starts after this: lateness and latency are measured from here (default: --interval-max) */
  warmSeconds: number;
  retryAfterSeconds: number;
  /** FETCHER_CONCURRENCY */
  concurrency: number;
  /** FETCH_PER_ORIGIN_CONCURRENCY: the limit the simulated web checks */
  originLimit: number;
  /** FETCH_PER_ORIGIN_INTERVAL_MS */
  originIntervalMs: number;
  /** FETCH_DEADLINE_MS: the trickling feeds must be cut by it */
  deadlineMs: number;
  /** the hub waits this long before each push (a real hub fetches the feed and queues deliveries), ms */
  hubDelayMs: number;
  /** share of pushes the hub loses (never sent): those items must still come by polling */
  hubDropShare: number;
  /** the longest lease the hub grants, s (shorter than the fetcher asks: renewals happen within a run) */
  hubLeaseSeconds: number;
  /** FETCH_WEBSUB_SAFETY_POLL_SECONDS: how often a feed with a lease is still polled (bounds a lost push's delay) */
  safetyPollSeconds: number;
  write: boolean;
}

const USAGE =
  '--feeds N --origins N --minutes N --interval-min S --interval-max S --items N --new-items-per-minute N ' +
  '--warm-seconds S --fault-share 0..1 --full-text-share 0..1 --retry-after S --concurrency N --origin-limit N ' +
  '--origin-interval-ms MS --deadline-ms MS --websub-share 0..1 --hub-delay-ms MS --hub-drop-share 0..1 ' +
  '--hub-lease-seconds S --safety-poll-seconds S --seed N --no-write';

const NUMERIC: Record<string, keyof FetchBenchOptions> = {
  '--feeds': 'feeds',
  '--origins': 'origins',
  '--minutes': 'minutes',
  '--interval-min': 'intervalMinSeconds',
  '--interval-max': 'intervalMaxSeconds',
  '--items': 'items',
  '--new-items-per-minute': 'newItemsPerMinute',
  '--warm-seconds': 'warmSeconds',
  '--fault-share': 'faultShare',
  '--full-text-share': 'fullTextShare',
  '--retry-after': 'retryAfterSeconds',
  '--concurrency': 'concurrency',
  '--origin-limit': 'originLimit',
  '--origin-interval-ms': 'originIntervalMs',
  '--deadline-ms': 'deadlineMs',
  '--websub-share': 'websubShare',
  '--hub-delay-ms': 'hubDelayMs',
  '--hub-drop-share': 'hubDropShare',
  '--hub-lease-seconds': 'hubLeaseSeconds',
  '--safety-poll-seconds': 'safetyPollSeconds',
  '--seed': 'seed',
};

export function parseFetchBenchArgs(argv: readonly string[]): FetchBenchOptions {
  const options: FetchBenchOptions = {
    feeds: 2000,
    origins: 10,
    minutes: 10,
    intervalMinSeconds: 60,
    intervalMaxSeconds: 120,
    items: 3,
    newItemsPerMinute: 60,
    warmSeconds: Number.NaN,
    faultShare: 0.1,
    fullTextShare: 0.05,
    retryAfterSeconds: 30,
    concurrency: 64,
    originLimit: 4,
    originIntervalMs: 50,
    deadlineMs: 30_000,
    // Half the healthy feeds: both deliveries measured on equal samples. Many publishers advertise a hub (WordPress,
    // Blogger, Medium, newsrooms through Superfeedr or Google's hub) and many do not; no share is "the" real one.
    websubShare: 0.5,
    hubDelayMs: 1_000,
    hubDropShare: 0.1,
    hubLeaseSeconds: 300,
    safetyPollSeconds: 300,
    seed: 20261206,
    write: true,
  };
  for (let i = 0; i < argv.length; i += 1) {
    const [flag, inline] = argv[i].split('=');
    if (flag === '--no-write') {
      options.write = false;
      continue;
    }
    const key = NUMERIC[flag];
    if (!key) throw new Error(`unknown option ${argv[i]} (${USAGE})`);
    const text = inline ?? argv[++i];
    const value = Number(text);
    if (text === undefined || !Number.isFinite(value) || value < 0) {
      throw new Error(`${flag} ${text ?? ''}: expected a number >= 0 (${USAGE})`);
    }
    (options as unknown as Record<string, number>)[key] = value;
  }
  if (Number.isNaN(options.warmSeconds)) options.warmSeconds = options.intervalMaxSeconds;
  const shares = {
    faultShare: '--fault-share',
    fullTextShare: '--full-text-share',
    websubShare: '--websub-share',
    hubDropShare: '--hub-drop-share',
  } as const;
  for (const [share, flag] of Object.entries(shares) as Array<[keyof typeof shares, string]>) {
    if (options[share] > 1) throw new Error(`${flag} ${options[share]}: a share, 0..1`);
  }
  if (options.hubLeaseSeconds < 1 || options.safetyPollSeconds < 1) {
    throw new Error('--hub-lease-seconds and --safety-poll-seconds: >= 1');
  }
  if (options.minutes * 60 <= options.warmSeconds) {
    throw new Error(`--minutes ${options.minutes} leaves no time after the warm-up of ${options.warmSeconds} s`);
  }
  if (options.originLimit < 1 || options.concurrency < 1) throw new Error('--origin-limit and --concurrency: >= 1');
  return options;
}
