// `npm run bench:fetcher`: the real fetcher, with the rest of the pipeline running (six services as separate
// processes on a fresh embedded stack, as `npm start` runs them), polling thousands of feeds on a simulated web on
// loopback (simulated-web-*.ts): many origins, items added over time, ETag/Last-Modified and 304s, robots.txt,
// article pages, and issue 26's fault classes. It reports polls scheduled vs achieved and their lateness, requests
// in flight per origin against the limit, conditional requests and 304s, item published → clean topic latency, and
// the fetcher's CPU and RSS over time; then checks behaviour (never over the per-origin limit, every trickling
// connection cut at its deadline, Retry-After honoured, failing feeds on their status, no dead letters) and exits 1
// when one fails. A share of the feeds advertises a WebSub hub the simulated web runs (simulated-web-hub.ts): the
// report splits item latency by delivery (pushed, polled) and checks that pushes arrived and became clean articles.
// Figures go to docs/benchmarks.md (section "Fetcher at volume (N feeds)") unless --no-write.
import { connectMongo, SourceRepository, type SourceRecord } from '@inkstream/persistence';
import { measuredOn, seededRandom, writeDocSection } from '@inkstream/measure';
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { stopServiceProcess } from '../service-process';
import type { ServiceName } from '../services';
import { DATASETS, HOST, loadPool, log, ROOT, runBench, startBenchStack, Tracker, watchOutcomes } from './harness';
import { cpuTicksFromStat, parsePrometheusText, sumOf } from './measure';
import { parseFetchBenchArgs, type FetchBenchOptions } from './bench-fetcher-options';
import { checkBehaviour, renderFetcherReport, type FetcherRunFigures } from './fetcher-report';
import {
  cpuMsPerUnit,
  pollLateness,
  perMinute,
  retryAfterViolations,
  trickleRuns,
  type ProcessSample,
} from './fetcher-figures';
import { SimulatedWeb } from './simulated-web-server';
import { planWeb, scheduledPollRate } from './simulated-web-plan';

/** One section per feed count: the 2,000- and 10,000-feed figures stand side by side. */
export function fetcherSection(feeds: number): string {
  return `Fetcher at volume (${feeds.toLocaleString('en')} feeds)`;
}
const SAMPLE_EVERY_MS = 3_000;

/** The fetcher's CPU, RSS and run slots in use, now. */
async function processSample(pid: number, metricsUrl: string): Promise<ProcessSample> {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const rssPages = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[21]);
  let busySlots: number | null = null;
  try {
    const text = await (await fetch(metricsUrl, { signal: AbortSignal.timeout(2_000) })).text();
    busySlots = sumOf(parsePrometheusText(text), 'inkstream_fetch_in_flight');
  } catch {
    // a busy fetcher may not answer in time: the minute's mean uses the samples that did
  }
  return { at: Date.now(), cpuTicks: cpuTicksFromStat(stat), rssBytes: rssPages * 4096, busySlots };
}

/** How busy the machine was: figures taken while it was shared with other work must say so. */
function loadNote(): string {
  const [one, five] = loadavg();
  const cores = cpus().length;
  const shared = five > cores;
  return (
    `Load average ${one.toFixed(1)} / ${five.toFixed(1)} (1 / 5 min) at the end on ${cores} cores` +
    (shared ? ': **measured while the machine was shared with other work**; compare with a quiet rerun.' : '.')
  );
}

/** A counter's samples summed by one label (a counter the fetcher never touched has no samples: an empty record). */
function countsByLabel(metricsText: string, name: string, label: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const sample of parsePrometheusText(metricsText)) {
    if (sample.name !== name) continue;
    counts[sample.labels[label]] = (counts[sample.labels[label]] ?? 0) + sample.value;
  }
  return counts;
}

/**
 * The fetcher's settings for the run: the bench's options, as the service's own environment variables. WebSub is
 * on when a hub runs: the callback base is the fetcher's own port (hubs on loopback reach it there), and the hub's
 * origin is allow-listed (the SSRF guard refuses loopback otherwise; sources allow only their own origin).
 */
function fetcherEnv(options: FetchBenchOptions, hubUrl: string | null) {
  return (ports: Record<ServiceName, number>): Record<string, string> => ({
    FETCHER_CONCURRENCY: String(options.concurrency),
    FETCH_PER_ORIGIN_CONCURRENCY: String(options.originLimit),
    FETCH_PER_ORIGIN_INTERVAL_MS: String(options.originIntervalMs),
    FETCH_DEADLINE_MS: String(options.deadlineMs),
    ...(hubUrl && {
      FETCH_WEBSUB_CALLBACK_BASE: `http://${HOST}:${ports.fetcher}`,
      FETCH_ALLOW_LIST: new URL(hubUrl).origin,
      FETCH_WEBSUB_SAFETY_POLL_SECONDS: String(options.safetyPollSeconds),
    }),
  });
}

/** Items the fetcher took by an acknowledged push, and how many of those reached the clean topic. */
function pushedItems(links: readonly string[], firstPushedAt: ReadonlyMap<string, number>, tracker: Tracker) {
  const pushed = links.filter((link) => firstPushedAt.has(link));
  return {
    pushedItems: pushed.length,
    pushedItemsClean: pushed.filter((link) => tracker.byUrl.get(link)?.doneAt !== undefined).length,
  };
}

async function registerSources(sources: SourceRepository, web: SimulatedWeb): Promise<number> {
  const began = Date.now();
  const feeds = web.plan.feeds;
  let next = 0;
  // A few inserts in flight at once: the database, not the bench, should set the pace.
  const worker = async () => {
    while (next < feeds.length) {
      const feed = feeds[next++];
      await sources.add(
        {
          kind: 'feed',
          url: web.feedUrl(feed.index),
          name: `Simulated feed ${feed.index} (${feed.behaviour})`,
          pollIntervalSeconds: feed.intervalSeconds,
          fullText: feed.fullText,
          // Loopback is refused by the SSRF guard; each source allows its own origin only.
          allowListed: true,
          tags: ['fetchbench', feed.behaviour],
        },
        new Date(),
        `fb-${feed.index}`,
      );
    }
  };
  await Promise.all(Array.from({ length: 32 }, worker));
  return (Date.now() - began) / 1000;
}

async function main(): Promise<void> {
  const options = parseFetchBenchArgs(process.argv.slice(2));
  if (!existsSync(DATASETS)) throw new Error(`the datasets are not at ${DATASETS}`);
  const plan = planWeb(options);
  const web = new SimulatedWeb(plan, {
    itemsPerFeed: options.items,
    capacity: 20,
    retryAfterSeconds: options.retryAfterSeconds,
    trickleEveryMs: 2_000,
    pool: loadPool(),
    hub: {
      maxLeaseSeconds: options.hubLeaseSeconds,
      delayMs: options.hubDelayMs,
      dropShare: options.hubDropShare,
      random: seededRandom(options.seed + 2),
    },
  });
  await web.start();
  const websubFeeds = plan.feeds.filter((feed) => feed.websub).length;
  log(
    `simulated web: ${plan.feeds.length} feeds on ${plan.origins} origins (${web.origins.join(' ')}); ` +
      `${websubFeeds} advertise the WebSub hub${web.hub ? ` ${web.hub.url}` : ''}`,
  );
  const bench = await startBenchStack('fetchbench', 3, fetcherEnv(options, web.hub?.url ?? null));
  const fetcher = bench.services.find((service) => service.name === 'fetcher');
  if (!fetcher?.child.pid) throw new Error('the fetcher process did not start');
  const mongo = await connectMongo(bench.mongoUri, { appName: 'inkstream-fetchbench' });
  let passed = false;
  try {
    const sources = new SourceRepository(mongo);
    await sources.ensureIndexes();
    const tracker = new Tracker();
    const watcher = await watchOutcomes(bench.kafka, tracker, 'fetchbench-outcome-watch');
    const registerSeconds = await registerSources(sources, web);
    log(`registered ${plan.feeds.length} sources in ${registerSeconds.toFixed(1)} s (SourceRepository.add)`);

    const began = Date.now();
    const end = began + options.minutes * 60_000;
    const windowFrom = began + options.warmSeconds * 1000;
    // Items published after this cannot be expected on the clean topic by the end: a poll may be an interval away.
    const lastTrackedItemAt = end - (options.intervalMaxSeconds + 30) * 1000;
    const dueTimes = new Map<number, number[]>();
    const metricsUrl = `${fetcher.url}/metrics`;
    const processSamples: ProcessSample[] = [await processSample(fetcher.child.pid, metricsUrl)];
    const healthy = plan.feeds.filter((feed) => feed.behaviour === 'healthy').map((feed) => feed.index);
    const random = seededRandom(options.seed + 1);
    const trackedItems: string[] = [];
    const allItems: string[] = [];
    let itemsOwed = 0;
    let lastTick = began;
    let sampledAt = 0;
    const sampleDueTimes = async () => {
      // Only sources released (or registered) since the last look: reading all of them every few seconds loaded the
      // database the fetcher needs. A second of overlap covers a release stamped just before the last look began.
      const since = new Date(sampledAt - 1_000);
      sampledAt = Date.now();
      const records = await mongo.db
        ?.collection<SourceRecord>('sources')
        .find({ leaseOwner: null, parked: false, updatedAt: { $gte: since } }, { projection: { nextRunAt: 1 } })
        .toArray();
      for (const record of records ?? []) {
        const index = Number(record._id.slice(3));
        const times = dueTimes.get(index) ?? [];
        const due = new Date(record.nextRunAt).getTime();
        if (times.at(-1) !== due) times.push(due);
        dueTimes.set(index, times);
      }
    };
    while (Date.now() < end) {
      const now = Date.now();
      itemsOwed += ((now - lastTick) / 60_000) * options.newItemsPerMinute;
      lastTick = now;
      for (; itemsOwed >= 1 && healthy.length > 0; itemsOwed -= 1) {
        const item = web.addItem(healthy[Math.floor(random() * healthy.length)]);
        // Every item is watched (the push check counts the warm-up's too); the steady window's make the figures.
        tracker.add(item.link, item.article);
        allItems.push(item.link);
        if (now >= windowFrom && now <= lastTrackedItemAt) trackedItems.push(item.link);
      }
      await sampleDueTimes();
      processSamples.push(await processSample(fetcher.child.pid, metricsUrl));
      const requests = [...web.observed.feedRequests.values()].reduce((total, times) => total + times.length, 0);
      process.stderr.write(
        `\r[bench] ${Math.round((now - began) / 1000)} s of ${options.minutes * 60}: ${requests} feed requests, ` +
          `${tracker.done} of ${allItems.length} items clean   `,
      );
      await new Promise((done) => setTimeout(done, SAMPLE_EVERY_MS - ((Date.now() - now) % SAMPLE_EVERY_MS)));
    }
    process.stderr.write('\n');
    await sampleDueTimes();
    const statuses = (await sources.list({ tag: 'fetchbench' })).map((source) => ({
      index: Number(source._id.slice(3)),
      status: source.status,
    }));
    const metricsText = await (await fetch(`${fetcher.url}/metrics`)).text();
    const stopBegan = Date.now();
    const stopped = await stopServiceProcess(fetcher, 30_000);
    const stopSeconds = (Date.now() - stopBegan) / 1000;
    const shutdownTimedOut = readFileSync(fetcher.logFile, 'utf8').includes('shutdown timed out');
    await watcher.disconnect();

    const windowSeconds = (end - windowFrom) / 1000;
    const requestsInWindow = [...web.observed.feedRequests.values()].flat().filter((at) => at >= windowFrom).length;
    const lateness = pollLateness(
      plan.feeds.map((feed) => ({
        dueTimes: dueTimes.get(feed.index) ?? [],
        requestTimes: web.observed.feedRequests.get(feed.index) ?? [],
      })),
      // Due in the last 30 s and not yet polled is not late yet: leave those out.
      { from: windowFrom, to: end - 30_000, end },
    );
    const figures: FetcherRunFigures = {
      options,
      plan,
      observed: web.observed,
      registerSeconds,
      windowSeconds,
      scheduledPerSecond: scheduledPollRate(plan.feeds),
      achievedPerSecond: requestsInWindow / windowSeconds,
      neverFetched: plan.feeds.filter((feed) => !web.observed.feedRequests.has(feed.index)).length,
      lateness,
      retryAfterViolations: retryAfterViolations(web.observed.throttledOriginRequests, web.observed.throttles, 2_000),
      // Connections of one run follow each other within the retry delays; runs of a failing feed are a backoff apart.
      trickles: trickleRuns(web.observed.trickles, 10_000, Date.now()),
      tracked: trackedItems.map((link) => ({
        link,
        publishedAt: tracker.byUrl.get(link)?.publishedAt ?? 0,
        listedAt: web.observed.firstListedAt.get(link) ?? null,
        pushedAt: web.hub?.observed.firstPushedAt.get(link) ?? null,
        cleanAt: tracker.byUrl.get(link)?.doneAt ?? null,
      })),
      deadLetters: tracker.deadLetterTimes.length,
      statuses,
      minutes: perMinute(processSamples),
      cpuMsPerPoll: cpuMsPerUnit(
        processSamples,
        { from: windowFrom, to: end },
        requestsInWindow + (web.hub?.observed.acceptedAt.filter((at) => at >= windowFrom).length ?? 0),
      ),
      runsByOutcome: countsByLabel(metricsText, 'inkstream_fetch_runs_total', 'outcome'),
      stop: { outcome: stopped, seconds: stopSeconds, timedOut: shutdownTimedOut },
      websub: web.hub && {
        feeds: websubFeeds,
        hub: web.hub.observed,
        activeAtEnd: web.hub.book.active(end),
        callbackPushes: countsByLabel(metricsText, 'inkstream_fetch_websub_pushes_total', 'outcome'),
        callbackVerifications: countsByLabel(metricsText, 'inkstream_fetch_websub_verifications_total', 'outcome'),
        subscriptionEvents: countsByLabel(metricsText, 'inkstream_fetch_websub_subscriptions_total', 'event'),
        ...pushedItems(allItems, web.hub.observed.firstPushedAt, tracker),
      },
    };
    const report = renderFetcherReport(figures, measuredOn(), loadNote());
    const failures = checkBehaviour(figures);
    process.stdout.write(`\n${report}\n`);
    if (options.write) {
      writeDocSection(join(ROOT, 'docs', 'benchmarks.md'), fetcherSection(options.feeds), report);
      log('written to docs/benchmarks.md');
    }
    if (failures.length > 0) throw new Error(`behaviour checks failed:\n- ${failures.join('\n- ')}`);
    log('behaviour checks passed');
    passed = true;
  } finally {
    await mongo.close();
    await bench.stop({ keepData: !passed });
    await web.stop();
  }
}

runBench(main);
