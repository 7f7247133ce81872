// `npm run bench:scale`: replicas of every consuming stage on the embedded stack. Topics with `--partitions` (6);
// the same corpus as bench:pipeline. It measures throughput with one process per stage, then with `--replicas` (3)
// of each consuming stage once every partition is assigned, then kills one replica of each stage mid-run (SIGKILL:
// no goodbye to the group) and measures the rebalance pause, and reconciles: every published document stored or
// recorded as a duplicate exactly once (lost = 0, stored twice = 0). Figures go to docs/benchmarks.md.
import { ConsumerGroups, PIPELINE_SUBSCRIPTIONS, withPrefix } from '@inkstream/contracts';
import { PipelineProducer } from '@inkstream/messaging';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { AssignerProtocol, type Admin } from 'kafkajs';
import mongoose from 'mongoose';
import type { ServiceName } from '../services';
import type { ServiceProcess } from '../service-process';
import { measuredOn, writeDocSection } from '@inkstream/measure';
import { generateArticles, type BenchArticle } from './corpus';
import {
  fmt,
  loadPool,
  log,
  PREFIX,
  publish,
  ROOT,
  startBenchStack,
  runBench,
  Tracker,
  urlOf,
  waitFor,
  watchOutcomes,
} from './harness';
import { sustainedRate } from './measure';

const STAGES: Array<{ service: ServiceName; group: string }> = [
  { service: 'splitter', group: ConsumerGroups.splitter },
  { service: 'deduplicator', group: ConsumerGroups.deduplicator },
  { service: 'enricher', group: ConsumerGroups.enricher },
  { service: 'store', group: ConsumerGroups.store },
];
/** Shorter than the 30 s default, so a killed replica's partitions move within seconds (the operator's choice). */
const SESSION_TIMEOUT_MS = 10_000;

interface Options {
  articles: number;
  replicas: number;
  partitions: number;
  write: boolean;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { articles: 1500, replicas: 3, partitions: 6, write: true };
  for (let i = 0; i < argv.length; i += 1) {
    const [flag, inline] = argv[i].split('=');
    const value = () => Number(inline ?? argv[++i]);
    if (flag === '--articles') options.articles = value();
    else if (flag === '--replicas') options.replicas = value();
    else if (flag === '--partitions') options.partitions = value();
    else if (flag === '--no-write') options.write = false;
    else throw new Error(`unknown option ${argv[i]} (--articles N --replicas N --partitions N --no-write)`);
  }
  return options;
}

interface GroupState {
  members: number;
  /** Partitions assigned, per topic. */
  assigned: Map<string, number>;
}

async function groupState(admin: Admin, group: string): Promise<GroupState> {
  const { groups } = await admin.describeGroups([withPrefix(PREFIX, group)]);
  const assigned = new Map<string, number>();
  const members = groups[0]?.state === 'Stable' ? groups[0].members : [];
  for (const member of members) {
    const decoded = AssignerProtocol.MemberAssignment.decode(member.memberAssignment);
    for (const [topic, partitions] of Object.entries(decoded?.assignment ?? {})) {
      assigned.set(topic, (assigned.get(topic) ?? 0) + partitions.length);
    }
  }
  return { members: members.length, assigned };
}

/** Every stage's group is stable with `members` members and every partition of its topics assigned. */
async function allAssigned(admin: Admin, members: number, partitions: number): Promise<boolean> {
  for (const { group } of STAGES) {
    const state = await groupState(admin, group);
    const topics = PIPELINE_SUBSCRIPTIONS.filter((subscription) => subscription.group === group);
    if (state.members !== members) return false;
    if (topics.some(({ topic }) => state.assigned.get(withPrefix(PREFIX, topic)) !== partitions)) return false;
  }
  return true;
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const began = Date.now();
  while (!(await check())) {
    if (Date.now() - began > timeoutMs) throw new Error(`${what}: not reached within ${timeoutMs / 1000}s`);
    await new Promise((done) => setTimeout(done, 250));
  }
  return Date.now() - began;
}

/** Longest stretch after `from` in which no document completed: the pause the pipeline's consumers saw. */
function longestGap(completions: readonly number[], from: number): number {
  const after = completions.filter((time) => time >= from).sort((a, b) => a - b);
  let gap = 0;
  let previous = from;
  for (const time of after) {
    gap = Math.max(gap, time - previous);
    previous = time;
  }
  return gap;
}

interface Reconciliation {
  published: number;
  accounted: number;
  deadLettered: number;
  storedArticles: number;
  recordedDuplicates: number;
  lost: number;
  storedTwice: number;
}

async function reconcile(mongoUri: string, tracker: Tracker): Promise<Reconciliation> {
  const client = await new mongoose.mongo.MongoClient(mongoUri).connect();
  try {
    const db = client.db();
    const articleUrls = (
      await db
        .collection('articles')
        .find({}, { projection: { url: 1 } })
        .toArray()
    ).map((doc) => doc.url as string);
    const duplicateUrls = (
      await db
        .collection('duplicates')
        .find({}, { projection: { 'ref.url': 1 } })
        .toArray()
    ).map((doc) => (doc.ref as { url: string }).url);
    // A document is stored twice if its URL is an article more than once, or both an article and a duplicate.
    const seen = new Map<string, number>();
    for (const url of [...articleUrls, ...duplicateUrls]) seen.set(url, (seen.get(url) ?? 0) + 1);
    const published = tracker.byUrl.size;
    const inStore = [...tracker.byUrl.keys()].filter((url) => seen.has(url)).length;
    return {
      published,
      accounted: tracker.done,
      deadLettered: tracker.deadLetters(),
      storedArticles: articleUrls.length,
      recordedDuplicates: duplicateUrls.length,
      lost: published - inStore - tracker.deadLetters(),
      storedTwice: [...seen.values()].filter((count) => count > 1).length,
    };
  } finally {
    await client.close();
  }
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const pool = loadPool();
  const bench = await startBenchStack('scale', options.partitions, {
    KAFKA_SESSION_TIMEOUT_MS: String(SESSION_TIMEOUT_MS),
  });
  const { kafka, mongoUri } = bench;
  const admin = kafka.admin();
  try {
    await admin.connect();
    const tracker = new Tracker();
    const completions: number[] = [];
    const producer = new PipelineProducer(kafka, PREFIX);
    await producer.connect();
    const watcher = await watchOutcomes(kafka, tracker, 'scale-outcome-watch');
    let offset = 0;
    const next = (count: number): BenchArticle[] => {
      const articles = generateArticles(pool, count, { offset });
      offset += count;
      return articles;
    };
    const run = async (label: string, articles: BenchArticle[], during?: () => Promise<void>) => {
      const target = tracker.done + articles.length;
      await publish(producer, articles, tracker);
      const waiting = waitFor(label, tracker, target, 30 * 60_000);
      await during?.();
      await waiting;
      const times = articles.map((article) => tracker.byUrl.get(urlOf(article))?.doneAt ?? 0);
      completions.push(...times);
      return sustainedRate(times);
    };

    await until(
      'one consumer per stage, every partition assigned',
      () => allAssigned(admin, 1, options.partitions),
      120_000,
    );
    const single = await run('1 replica', next(options.articles));
    log(`1 replica per stage: ${fmt(single)} articles/s`);

    const started = Date.now();
    const replicas: Record<string, ServiceProcess[]> = {};
    for (const { service } of STAGES) {
      replicas[service] = [];
      for (let i = 1; i < options.replicas; i += 1) replicas[service].push(await bench.startService(service));
    }
    const rebalanceUp = await until(
      `${options.replicas} consumers per stage, every partition assigned`,
      () => allAssigned(admin, options.replicas, options.partitions),
      180_000,
    );
    log(
      `${options.replicas} replicas per stage running; groups stable ${((Date.now() - started) / 1000).toFixed(1)} s after the first start`,
    );
    const scaled = await run(`${options.replicas} replicas`, next(options.articles));
    log(`${options.replicas} replicas per stage: ${fmt(scaled)} articles/s`);

    let killedAt = 0;
    let takeover = 0;
    const killed = await run(`kill mid-run`, next(options.articles), async () => {
      const third = tracker.done + Math.floor(options.articles / 3);
      await until('a third of the batch done', async () => tracker.done >= third, 30 * 60_000);
      killedAt = Date.now();
      for (const { service } of STAGES) replicas[service].at(-1)?.child.kill('SIGKILL');
      log(`killed one replica of each stage (SIGKILL) at ${tracker.done} accounted`);
      takeover = await until(
        'the survivors own every partition',
        () => allAssigned(admin, options.replicas - 1, options.partitions),
        120_000,
      );
      log(`partitions reassigned ${(takeover / 1000).toFixed(1)} s after the kill`);
    });
    const pause = longestGap(completions, killedAt);
    const reconciliation = await reconcile(mongoUri, tracker);
    await watcher.disconnect();
    await producer.disconnect();

    const report = [
      '## Scale: replicas of every stage (`npm run bench:scale`)',
      '',
      `${measuredOn()}`,
      '',
      `Topics with ${options.partitions} partitions; ${options.articles} articles per batch (20 % near-copies); ` +
        `KAFKA_SESSION_TIMEOUT_MS=${SESSION_TIMEOUT_MS}. Every service is its own process, all on this machine.`,
      '',
      '| run | consuming replicas per stage | sustained articles/s |',
      '|---|---|---|',
      `| one process per stage | 1 | ${fmt(single)} |`,
      `| replicas, every partition assigned | ${options.replicas} | ${fmt(scaled)} |`,
      `| one replica of each stage SIGKILLed at a third of the batch | ${options.replicas} → ${options.replicas - 1} | ${fmt(killed)} |`,
      '',
      `- Scaling out: with the added replicas healthy, every group was stable with all partitions assigned ` +
        `${(rebalanceUp / 1000).toFixed(1)} s later.`,
      `- Rebalance after the kill: the survivors owned every partition ${(takeover / 1000).toFixed(1)} s after the ` +
        `SIGKILL (session timeout ${SESSION_TIMEOUT_MS / 1000} s: a killed consumer never says goodbye); the longest ` +
        `stretch without a completed document after the kill was ${(pause / 1000).toFixed(1)} s.`,
      `- Reconciliation: ${reconciliation.published} raw documents published; ${reconciliation.storedArticles} ` +
        `stored as articles, ${reconciliation.recordedDuplicates} recorded as duplicates, ` +
        `${reconciliation.deadLettered} dead-lettered; **lost ${reconciliation.lost}**, ` +
        `**stored twice ${reconciliation.storedTwice}**.`,
      `- Stories let through twice (a near-copy and its original both stored): ${tracker.copies().storedTwice} of ` +
        `${tracker.copies().published} copies (as with one process: see Known limits in the README, near-copy recall).`,
      `- On ${cpus().length} cores the replicas share the same CPUs as the single processes did, so more replicas ` +
        'cannot add capacity here: the figures show that scaling out loses and duplicates nothing and costs some ' +
        'overhead, not that it speeds up. The limit is CPU (every stage, the broker and the database on two cores); on more ' +
        'machines, each replica brings its own.',
    ].join('\n');
    process.stdout.write(`\n${report}\n`);
    if (reconciliation.lost !== 0 || reconciliation.storedTwice !== 0) {
      throw new Error(`reconciliation failed: lost ${reconciliation.lost}, stored twice ${reconciliation.storedTwice}`);
    }
    if (options.write) {
      writeDocSection(join(ROOT, 'docs', 'benchmarks.md'), 'Scale (replicas)', report);
      log('written to docs/benchmarks.md');
    }
  } finally {
    await admin.disconnect().catch(() => undefined);
    await bench.stop();
  }
}

runBench(main);
