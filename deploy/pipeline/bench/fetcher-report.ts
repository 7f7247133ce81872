// What `npm run bench:fetcher` reports (markdown for docs/benchmarks.md) and the behaviour it checks (CI runs it
// small: the checks are about behaviour, never about speed).
import type { SourceStatus } from '@inkstream/persistence';
import type { FetchBenchOptions } from './bench-fetcher-options';
import {
  latencyByDelivery,
  type Delivery,
  type ItemTimes,
  type LatenessFigures,
  type MinuteRow,
  type TrickleRun,
} from './fetcher-figures';
import { fmt } from './harness';
import { percentile } from './measure';
import type { HubObservations } from './simulated-web-hub';
import type { WebObservations } from './simulated-web-server';
import { FAILING_FAULTS, FAULT_CLASSES, type WebPlan } from './simulated-web-plan';

export interface TrackedItem extends ItemTimes {
  link: string;
}

/** WebSub in the run: the hub's side, the fetcher's callback counters, and what pushes became. */
export interface WebSubRunFigures {
  /** feeds that advertise the hub */
  feeds: number;
  hub: HubObservations;
  /** subscriptions whose lease held at the end, as the hub keeps them */
  activeAtEnd: number;
  /** the fetcher's inkstream_fetch_websub_pushes_total / _verifications_total / _subscriptions_total, by label */
  callbackPushes: Record<string, number>;
  callbackVerifications: Record<string, number>;
  subscriptionEvents: Record<string, number>;
  /** every item of the run (warm-up included) that the fetcher took by an acknowledged push; of those, on the clean topic */
  pushedItems: number;
  pushedItemsClean: number;
}

export interface FetcherRunFigures {
  options: FetchBenchOptions;
  plan: WebPlan;
  observed: WebObservations;
  registerSeconds: number;
  /** the steady-state window, after the warm-up */
  windowSeconds: number;
  scheduledPerSecond: number;
  achievedPerSecond: number;
  neverFetched: number;
  lateness: LatenessFigures;
  retryAfterViolations: number;
  trickles: TrickleRun[];
  tracked: TrackedItem[];
  deadLetters: number;
  statuses: Array<{ index: number; status: SourceStatus }>;
  minutes: MinuteRow[];
  /** fetcher CPU in the steady state per feed request plus acknowledged push, ms */
  cpuMsPerPoll: number;
  /** inkstream_fetch_runs_total by outcome */
  runsByOutcome: Record<string, number>;
  stop: { outcome: string; seconds: number; timedOut: boolean };
  /** null when no feed advertises the hub (--websub-share 0) */
  websub: WebSubRunFigures | null;
}

/** How long a trickling run may be held past FETCH_DEADLINE_MS: socket teardown and the web's own timers. */
const DEADLINE_SLACK_MS = 3_000;

const seconds = (values: number[], p: number) => fmt(percentile(values, p) / 1000, 1);

function faultRows(figures: FetcherRunFigures): string[] {
  const byIndex = new Map(figures.statuses.map((entry) => [entry.index, entry.status]));
  return FAULT_CLASSES.map((fault) => {
    const feeds = figures.plan.feeds.filter((feed) => feed.behaviour === fault);
    const finished = feeds.map((feed) => byIndex.get(feed.index)).filter((status) => status?.lastFetchAt);
    const failed = finished.filter((status) => status?.lastError);
    const example = (failed[0]?.lastError ?? finished[0]?.lastError ?? '–').replace(/\|/g, '\\|').slice(0, 110);
    return `| ${fault} | ${feeds.length} | ${finished.length} | ${failed.length} | ${example} |`;
  });
}

const counts = (byLabel: Record<string, number> | Map<number | string, number>) =>
  [...(byLabel instanceof Map ? byLabel.entries() : Object.entries(byLabel))]
    .sort(([a], [b]) => String(a).localeCompare(String(b)))
    .map(([label, count]) => `${label} ${count.toLocaleString('en')}`)
    .join(', ') || 'none';

function webSubRows(figures: FetcherRunFigures): string[] {
  const { websub, options } = figures;
  if (!websub) return [];
  const { hub } = websub;
  const split = latencyByDelivery(figures.tracked);
  const by = (pick: (delivery: Delivery) => number[], p: number) =>
    `${seconds(pick('pushed'), p)} / ${seconds(pick('polled'), p)}`;
  return [
    `| WebSub: feeds advertising the hub / subscriptions the hub verified (renewals among the requests) / not ` +
      `verified (why) / leases holding at the end | ${websub.feeds.toLocaleString('en')} / ${hub.verified} ` +
      `(${hub.renewals}) / ${hub.notVerified} (${counts(hub.notVerifiedReasons)}) / ${websub.activeAtEnd} |`,
    `| WebSub pushes sent by the hub: acknowledged / refused by the callback (by status) / unanswered; delivered ` +
      `again; lost on purpose (${Math.round(options.hubDropShare * 100)} %) | ${hub.pushesAccepted} / ` +
      `${counts(hub.pushesRejected)} / ${hub.pushesFailed}; ${hub.pushRetries}; ${hub.pushesDropped} |`,
    `| WebSub at the fetcher's callback: pushes by outcome; verifications by outcome; subscription events | ` +
      `${counts(websub.callbackPushes)}; ${counts(websub.callbackVerifications)}; ${counts(websub.subscriptionEvents)} |`,
    `| items taken by an acknowledged push (whole run) / of those on the clean topic by the end | ` +
      `${websub.pushedItems} / ${websub.pushedItemsClean} |`,
    `| steady-state items by delivery: pushed / polled | ` + `${split.pushed.items} / ${split.polled.items} |`,
    `| item published → fetched, pushed / polled, p50 | **${by((d) => split[d].fetchedMs, 50)}** |`,
    `| item published → fetched, pushed / polled, p90 | ${by((d) => split[d].fetchedMs, 90)} |`,
    `| item published → clean topic, pushed / polled, p50 | **${by((d) => split[d].cleanMs, 50)}** |`,
    `| item published → clean topic, pushed / polled, p90 | ${by((d) => split[d].cleanMs, 90)} |`,
  ];
}

/**
 * `measuredLine`: when and on what (tools/measure measuredOn); `loadNote`: how busy the machine was, so figures taken
 * while it was shared with other work say so.
 */
export function renderFetcherReport(figures: FetcherRunFigures, measuredLine: string, loadNote = ''): string {
  const { options, observed, lateness, plan } = figures;
  const limits = Array.from({ length: plan.origins }, (_, origin) => observed.load.maxInFlight(origin));
  const published = figures.tracked.map((item) => item.publishedAt);
  const listed = figures.tracked.filter((item) => item.listedAt !== null);
  const clean = figures.tracked.filter((item) => item.cleanAt !== null);
  const longestTrickle = Math.max(0, ...figures.trickles.map((run) => run.heldMs));
  const outcomes = Object.entries(figures.runsByOutcome)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([outcome, count]) => `${outcome} ${count.toLocaleString('en')}`)
    .join(', ');
  const lines = [
    `## Fetcher at volume (${options.feeds.toLocaleString('en')} feeds)`,
    '',
    `${measuredLine}${loadNote ? ` ${loadNote}` : ''} \`npm run bench:fetcher -- --feeds ${options.feeds} --origins ${options.origins} ` +
      `--minutes ${options.minutes} --interval-min ${options.intervalMinSeconds} ` +
      `--interval-max ${options.intervalMaxSeconds} --items ${options.items} ` +
      `--new-items-per-minute ${options.newItemsPerMinute} --websub-share ${options.websubShare} ` +
      `--hub-delay-ms ${options.hubDelayMs} --hub-drop-share ${options.hubDropShare} ` +
      `--hub-lease-seconds ${options.hubLeaseSeconds} --safety-poll-seconds ${options.safetyPollSeconds}\`.`,
    '',
    `The fetcher service with the rest of the pipeline running (six services as separate processes on a fresh ` +
      `embedded stack), polling a simulated web on loopback: ${options.feeds.toLocaleString('en')} RSS/Atom feeds ` +
      `on ${options.origins} origins plus one throttling origin (the rate-limited feeds), polled every ` +
      `${options.intervalMinSeconds}–${options.intervalMaxSeconds} s, ${options.items} item${options.items === 1 ? '' : 's'} ` +
      `each at the start, ` +
      `${options.newItemsPerMinute} new items a minute on random healthy feeds, validators on 90 % of the feeds ` +
      `(80 % ETag and Last-Modified, 10 % Last-Modified only), robots.txt, ${Math.round(options.fullTextShare * 100)} % of healthy feeds in full-text mode (article ` +
      `pages), and ${Math.round(options.faultShare * 100)} % faulty feeds (table below). Fetcher settings: ` +
      `FETCHER_CONCURRENCY=${options.concurrency}, FETCH_PER_ORIGIN_CONCURRENCY=${options.originLimit}, ` +
      `FETCH_PER_ORIGIN_INTERVAL_MS=${options.originIntervalMs}, FETCH_DEADLINE_MS=${options.deadlineMs}. Sources ` +
      `registered through SourceRepository in ${fmt(figures.registerSeconds)} s; steady state is the ` +
      `${fmt(figures.windowSeconds, 0)} s after a warm-up of ${options.warmSeconds} s.` +
      (figures.websub
        ? ` ${Math.round(options.websubShare * 100)} % of healthy feeds advertise a WebSub hub on loopback ` +
          `(<atom:link rel="hub"> and a Link header): it verifies intent on the fetcher's callback ` +
          `(FETCH_WEBSUB_CALLBACK_BASE), grants leases of at most ${options.hubLeaseSeconds} s, pushes every new item ` +
          `${fmt(options.hubDelayMs / 1000)} s after it is published, signed with the subscriber's secret, and loses ` +
          `${Math.round(options.hubDropShare * 100)} % of pushes (those items come by polling). A feed with a lease is ` +
          `polled every FETCH_WEBSUB_SAFETY_POLL_SECONDS=${options.safetyPollSeconds} instead of its interval, so ` +
          `achieved polls/s are below the Σ 1/interval scheduled by design. An item is "pushed" when a push the ` +
          `fetcher acknowledged carried it before any poll listed it.`
        : ''),
    '',
    '| figure | value |',
    '|---|---|',
    `| polls/s scheduled (Σ 1/interval) → achieved (feed requests/s) | ${fmt(figures.scheduledPerSecond)} → ` +
      `**${fmt(figures.achievedPerSecond)}** |`,
    `| runs due in the steady state: polled / ended without a request (origin paused) / never run | ` +
      `${lateness.scheduled.toLocaleString('en')}: ${lateness.polled.toLocaleString('en')} / ` +
      `${lateness.withoutRequest.toLocaleString('en')} / ${lateness.missed.toLocaleString('en')} |`,
    `| lateness (due → request) p50 / p90 / p99, s | ${seconds(lateness.latenessMs, 50)} / ` +
      `**${seconds(lateness.latenessMs, 90)}** / ${seconds(lateness.latenessMs, 99)} |`,
    `| feeds never fetched | ${figures.neverFetched.toLocaleString('en')} of ` +
      `${options.feeds.toLocaleString('en')} |`,
    `| requests in flight per origin, most seen (limit ${options.originLimit}) | ${Math.max(...limits)} ` +
      `(per origin: ${limits.join(', ')}) |`,
    `| conditional requests (of requests to feeds that had served validators) | ` +
      `${fmt((observed.conditional / Math.max(1, observed.eligibleForConditional)) * 100, 0)} % ` +
      `(${observed.conditional.toLocaleString('en')} of ${observed.eligibleForConditional.toLocaleString('en')}) |`,
    `| 304 Not Modified (of feed documents asked for) | ${observed.notModified.toLocaleString('en')} of ` +
      `${observed.feedDocuments.toLocaleString('en')} |`,
    `| item published → first listed by a poll, p50 / p90, s | ` +
      `${seconds(
        listed.map((item) => (item.listedAt as number) - item.publishedAt),
        50,
      )} / ` +
      `${seconds(
        listed.map((item) => (item.listedAt as number) - item.publishedAt),
        90,
      )} |`,
    `| item published → clean topic, p50 / p90, s | ` +
      `**${seconds(
        clean.map((item) => (item.cleanAt as number) - item.publishedAt),
        50,
      )}** / ` +
      `${seconds(
        clean.map((item) => (item.cleanAt as number) - item.publishedAt),
        90,
      )} |`,
    `| listed by a poll → clean topic (fetch, pipeline), p50 / p90, s | ` +
      `${seconds(
        clean.filter((item) => item.listedAt).map((item) => (item.cleanAt as number) - (item.listedAt as number)),
        50,
      )} / ${seconds(
        clean.filter((item) => item.listedAt).map((item) => (item.cleanAt as number) - (item.listedAt as number)),
        90,
      )} |`,
    `| steady-state items on the clean topic by the end | ${clean.length} of ${published.length} |`,
    ...webSubRows(figures),
    `| fetcher runs by outcome | ${outcomes} |`,
    `| fetcher CPU per feed request or acknowledged push in the steady state, ms | ${fmt(figures.cpuMsPerPoll, 2)} |`,
    `| trickling runs / longest held (deadline ${fmt(options.deadlineMs / 1000, 0)} s) | ` +
      `${figures.trickles.length} / ${fmt(longestTrickle / 1000)} s |`,
    `| requests to the throttling origin inside a Retry-After (${options.retryAfterSeconds} s) | ` +
      `${figures.retryAfterViolations} (429s sent: ${observed.throttles.length}) |`,
    `| dead letters | ${figures.deadLetters} |`,
    `| fetcher stop (SIGTERM → exit) | ${figures.stop.outcome} in ${fmt(figures.stop.seconds)} s` +
      `${figures.stop.timedOut ? ', logged "shutdown timed out"' : ''} |`,
    '',
    'Faulty feeds and what their sources show (a run "finished" once its outcome was written):',
    '',
    '| fault | feeds | runs finished | error on status | example status error |',
    '|---|---|---|---|---|',
    ...faultRows(figures),
    '',
    'Fetcher process, per minute since the sources were registered (CPU as a share of one core; run slots in use ' +
      `of FETCHER_CONCURRENCY=${options.concurrency}, mean of the samples):`,
    '',
    '| minute | CPU % | RSS MiB | run slots in use |',
    '|---|---|---|---|',
    ...figures.minutes.map(
      (row) => `| ${row.minute} | ${fmt(row.cpuPercent, 0)} | ${fmt(row.rssMiB, 0)} | ${fmt(row.busySlots)} |`,
    ),
  ];
  return lines.join('\n');
}

/** The behaviour checks: each failure names what went wrong and where. Empty when all hold. */
export function checkBehaviour(figures: FetcherRunFigures): string[] {
  const failures: string[] = [];
  const { options, observed, plan } = figures;
  for (let origin = 0; origin < plan.origins; origin += 1) {
    const most = observed.load.maxInFlight(origin);
    if (most > options.originLimit) {
      failures.push(`origin ${origin} had ${most} requests in flight at once; the limit is ${options.originLimit}`);
    }
  }
  for (const run of figures.trickles) {
    if (run.heldMs > options.deadlineMs + DEADLINE_SLACK_MS) {
      failures.push(
        `trickling feed ${run.feed} was held ${fmt(run.heldMs / 1000)} s${run.stillOpen ? ' (still open)' : ''}; ` +
          `FETCH_DEADLINE_MS is ${options.deadlineMs} ms`,
      );
    }
  }
  if (plan.feeds.some((feed) => feed.behaviour === 'trickler') && figures.trickles.length === 0) {
    failures.push('no trickling feed was polled: the deadline was not exercised');
  }
  if (figures.retryAfterViolations > 0) {
    failures.push(`${figures.retryAfterViolations} requests reached the throttling origin inside its Retry-After`);
  }
  const byIndex = new Map(figures.statuses.map((entry) => [entry.index, entry.status]));
  for (const fault of FAULT_CLASSES.filter((name) => FAILING_FAULTS.has(name))) {
    const feeds = plan.feeds.filter((feed) => feed.behaviour === fault);
    if (feeds.length === 0) continue;
    const finished = feeds.filter((feed) => byIndex.get(feed.index)?.lastFetchAt);
    if (finished.length === 0) failures.push(`no ${fault} feed finished a run: its status could not be checked`);
    for (const feed of finished) {
      if (!byIndex.get(feed.index)?.lastError) {
        failures.push(`${fault} feed ${feed.index} finished a run but its source status shows no error`);
      }
    }
  }
  if (figures.deadLetters > 0) failures.push(`${figures.deadLetters} dead letters (the items are all valid)`);
  failures.push(...checkWebSub(figures));
  return failures;
}

/** With feeds advertising the hub: subscriptions verified, pushes acknowledged and turned into clean articles. */
function checkWebSub(figures: FetcherRunFigures): string[] {
  const { websub } = figures;
  if (!websub || websub.feeds === 0) return [];
  const failures: string[] = [];
  if (websub.hub.verified === 0) {
    failures.push(
      `the hub verified no subscription (${websub.hub.subscribeRequests} requests, ${websub.hub.notVerified} not ` +
        `verified): discovery, the hub client or the callback at FETCH_WEBSUB_CALLBACK_BASE is broken`,
    );
  } else if (websub.hub.pushesAccepted === 0) {
    failures.push(
      `no push was acknowledged by the fetcher (refused: ${counts(websub.hub.pushesRejected)}, unanswered: ` +
        `${websub.hub.pushesFailed})`,
    );
  } else if (websub.pushedItemsClean === 0) {
    failures.push(`${websub.pushedItems} items taken by push, none reached the clean topic`);
  }
  const badSignature = websub.hub.pushesRejected.get(403) ?? 0;
  if (badSignature > 0) failures.push(`${badSignature} pushes refused with 403: the fetcher rejected valid signatures`);
  return failures;
}
