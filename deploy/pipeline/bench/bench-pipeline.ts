// `npm run bench:pipeline`: the whole pipeline (six services as separate processes, as `npm start` runs them) on a
// fresh embedded stack, fed generated articles as raw documents, for each corpus shape of `--shape` (default both:
// the stream-shaped corpus of stream-corpus.ts and the distinct one of corpus.ts). It measures what users get:
//   1. warm-up with `--warm` articles through the pipeline;
//   2. for each level of `--levels` (default 10,000 and 100,000 stored): the store is filled fast, not through the
//      pipeline, with what the pipeline would have written (dedup-fill.ts for the deduplicator's collections,
//      store-fill.ts for the store's), then `--window` more articles go through at full speed: sustained throughput,
//      latency, and the budget: CPU ms per article of every process and DB commands per article of every stage;
//   3. a fixed offered load (`--rate` articles/s for `--seconds`, 0 to skip): latency percentiles ingest → clean topic;
//   4. the relay (relay.ts, `--no-relay` to skip): the same hops with pass-through handlers, the ceiling Kafka and the
//      database impose.
// Results go to docs/benchmarks.md (one section per shape) with date, machine and load average.
import { Topics, withPrefix } from '@inkstream/contracts';
import { DEFAULT_SEARCH_SCOPE, SEARCH_SCOPES, type SearchScope } from '@inkstream/persistence';
import { claimGenerationOfCollection } from '@inkstream/dedup-mongo';
import { collectPipelineOffsets, ensureTopics, pipelineTopicSpecs, PipelineProducer } from '@inkstream/messaging';
import { createLogger } from '@inkstream/observability';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import type { Kafka } from 'kafkajs';
import mongoose from 'mongoose';
import { SERVICE_NAMES, type ServiceName } from '../services';
import type { ServiceProcess } from '../service-process';
import { measuredOn, writeDocSection } from '@inkstream/measure';
import { generateArticles, type BenchArticle } from './corpus';
import { DedupFill } from './dedup-fill';
import { pipelineCandidateOf } from './pipeline-candidate';
import { parsePipelineBenchArgs, type Options, type Shape } from './bench-pipeline-options';
import { StoreFill } from './store-fill';
import { describeCorpus, StreamCorpus, type CorpusDescription, type StreamArticle } from './stream-corpus';
import {
  DATASETS,
  fmt,
  loadPool,
  log,
  PREFIX,
  progress,
  publish,
  publishAtRate,
  ROOT,
  startBenchStack,
  runBench,
  settle,
  Tracker,
  waitFor,
  watchOutcomes,
  type CopyCount,
} from './harness';
import {
  bottleneck,
  parsePrometheusText,
  percentile,
  stageFigures,
  sumOf,
  sustainedRate,
  type StageFigures,
  type StageWindow,
} from './measure';
import { CLK_TCK, treeCpuTicks } from './process-cpu';

const RELAY_PREFIX = 'relay.';

const SECTION = {
  distinct: 'Pipeline (end to end)',
  stream: 'Pipeline (end to end, stream-shaped corpus)',
} as const;

const SHAPE_DESCRIPTION = {
  distinct: '20 % near-duplicate copies from other sources, originals sharing no sentence',
  stream:
    'shaped like the news stream by stream-corpus.ts: stock sentences drawn Zipf-wise, a quarter of sentences ' +
    'recurring from earlier articles, 15 % follow-ups repeating background paragraphs, 15 % syndicated copies, ' +
    'per-source boilerplate',
} as const;

function describeStream(description: CorpusDescription): string {
  const bands = Object.entries(description.sentenceRecurrence)
    .map(([band, count]) => `${band}: ${count.toLocaleString('en')}`)
    .join(', ');
  return (
    `Corpus as generated: ${description.articles.toLocaleString('en')} articles ` +
    `(${description.kinds.original} originals, ${description.kinds['follow-up']} follow-ups, ` +
    `${description.kinds.copy} copies); distinct sentences by the number of articles they stand in: ${bands}; ` +
    `the commonest in ${description.commonestSentenceArticles.toLocaleString('en')}.`
  );
}

interface Snapshot {
  at: number;
  metrics: Map<ServiceName, ReturnType<typeof parsePrometheusText>>;
  cpuTicks: Map<string, number>;
}

const STAGE_GROUPS: Partial<Record<ServiceName, string>> = {
  splitter: 'inkstream.splitter',
  deduplicator: 'inkstream.deduplicator',
  enricher: 'inkstream.enricher',
  store: 'inkstream.store',
};

/** A service's /metrics text; a failed read names the service, why, and whether its process is still running. */
async function readMetrics(service: ServiceProcess): Promise<string> {
  try {
    return await (await fetch(`${service.url}/metrics`)).text();
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const { exitCode, signalCode } = service.child;
    const state =
      exitCode === null && signalCode === null
        ? 'its process is running'
        : `its process exited (${exitCode ?? signalCode})`;
    throw new Error(
      `bench: reading ${service.name}'s metrics at ${service.url}/metrics failed ` +
        `(${cause?.code ?? cause?.message ?? (error as Error).message}); ${state}; its log: ${service.logFile}`,
      { cause: error },
    );
  }
}

async function snapshot(services: ServiceProcess[], stackPids: Record<string, number>): Promise<Snapshot> {
  const metrics = new Map<ServiceName, ReturnType<typeof parsePrometheusText>>();
  await Promise.all(
    services.map(async (service) => {
      metrics.set(service.name as ServiceName, parsePrometheusText(await readMetrics(service)));
    }),
  );
  const cpuTicks = new Map<string, number>();
  for (const service of services) cpuTicks.set(service.name, treeCpuTicks(service.child.pid as number));
  for (const [name, pid] of Object.entries(stackPids)) cpuTicks.set(name, treeCpuTicks(pid));
  return { at: Date.now(), metrics, cpuTicks };
}

interface WindowResult {
  label: string;
  /** Articles decided before the window (stored or recorded as duplicates), and of them stored as articles. */
  articlesBefore: number;
  storedBefore: number;
  /** 1-minute load average at the window's start and end: the machine is shared. */
  load: [number, number];
  articles: number;
  sustainedPerSecond: number;
  wallSeconds: number;
  latencyMs: { p50: number; p95: number; p99: number };
  stages: StageFigures[];
  bottleneck: string;
  dbCommandsPerArticle: number;
  cpuSecondsPerArticle: Record<string, number>;
}

async function measureWindow(
  label: string,
  articles: readonly BenchArticle[],
  context: BenchContext,
  offered?: number,
): Promise<WindowResult> {
  const { tracker, producer, services, stackPids, kafka } = context;
  const storedBefore = context.filled.stored + tracker.storedUnique();
  const articlesBefore = context.filled.articles + tracker.byUrl.size;
  const loadBefore = loadavg()[0];
  const target = tracker.done + articles.length;
  const before = await snapshot(services, stackPids);
  const admin = kafka.admin();
  await admin.connect();
  const lagSamples = new Map<string, number[]>();
  const sampleLag = async () => {
    const offsets = await collectPipelineOffsets(admin, PREFIX);
    for (const group of offsets.groups) {
      lagSamples.set(group.group, [...(lagSamples.get(group.group) ?? []), group.totalLag]);
    }
  };
  let lastSample = 0;
  const publishing = offered
    ? publishAtRate(producer, articles, tracker, offered)
    : publish(producer, articles, tracker);
  await waitFor(label, tracker, target, 30 * 60_000, async () => {
    if (Date.now() - lastSample < 2_000) return;
    lastSample = Date.now();
    await sampleLag();
  });
  await publishing;
  const after = await snapshot(services, stackPids);
  await admin.disconnect();

  const window = [...tracker.byUrl.values()].filter((tracked) => articles.includes(tracked.article));
  const completions = window.map((tracked) => tracked.doneAt as number);
  const latencies = window.filter((tracked) => tracked.unique).map((t) => (t.doneAt as number) - t.publishedAt);
  const seconds = (after.at - before.at) / 1000;
  const delta = (service: ServiceName, name: string, where: Record<string, string> = {}) =>
    sumOf(after.metrics.get(service) ?? [], name, where) - sumOf(before.metrics.get(service) ?? [], name, where);
  const windows: StageWindow[] = (Object.keys(STAGE_GROUPS) as ServiceName[]).map((service) => {
    const group = STAGE_GROUPS[service] as string;
    const lags = lagSamples.get(group) ?? [0];
    return {
      stage: service,
      handled: delta(service, 'inkstream_messages_consumed_total'),
      handlerSeconds: delta(service, 'inkstream_handler_duration_seconds_sum'),
      dbCommands: delta(service, 'inkstream_db_commands_total'),
      cpuSeconds: ((after.cpuTicks.get(service) ?? 0) - (before.cpuTicks.get(service) ?? 0)) / CLK_TCK,
      meanLag: lags.reduce((a, b) => a + b, 0) / lags.length,
    };
  });
  const stages = stageFigures(windows, seconds);
  const dbCommands = SERVICE_NAMES.reduce((total, service) => total + delta(service, 'inkstream_db_commands_total'), 0);
  const cpuSecondsPerArticle: Record<string, number> = {};
  for (const [name, ticks] of after.cpuTicks) {
    cpuSecondsPerArticle[name] = (ticks - (before.cpuTicks.get(name) ?? 0)) / CLK_TCK / articles.length;
  }
  return {
    label,
    articlesBefore,
    storedBefore,
    load: [loadBefore, loadavg()[0]],
    articles: articles.length,
    sustainedPerSecond: sustainedRate(completions),
    wallSeconds: seconds,
    latencyMs: { p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99) },
    stages,
    bottleneck: bottleneck(stages),
    dbCommandsPerArticle: dbCommands / articles.length,
    cpuSecondsPerArticle,
  };
}

interface CollectionBytes {
  collection: string;
  documents: number;
  dataBytes: number;
  indexBytes: number;
}

/** Bytes each collection holds (collStats: data and indexes), to state what one stored article costs on disk. */
async function storageByCollection(mongoUri: string): Promise<CollectionBytes[]> {
  const client = await new mongoose.mongo.MongoClient(mongoUri).connect();
  try {
    const db = client.db();
    const rows = new Map<string, CollectionBytes>();
    for (const { name } of await db.listCollections().toArray()) {
      const stats = await db.command({ collStats: name });
      // The deduplicator's claim generations (a collection each) as one row.
      const collection = claimGenerationOfCollection(name) === null ? name : 'dedup_claims_* (generations)';
      const row = rows.get(collection) ?? { collection, documents: 0, dataBytes: 0, indexBytes: 0 };
      row.documents += Number(stats.count ?? 0);
      row.dataBytes += Number(stats.size ?? 0);
      row.indexBytes += Number(stats.totalIndexSize ?? 0);
      rows.set(collection, row);
    }
    return [...rows.values()]
      .filter((row) => row.documents > 0)
      .sort((a, b) => b.dataBytes + b.indexBytes - a.dataBytes - a.indexBytes);
  } finally {
    await client.close();
  }
}

interface BenchContext {
  kafka: Kafka;
  tracker: Tracker;
  producer: PipelineProducer;
  services: ServiceProcess[];
  stackPids: Record<string, number>;
  /** What the fills wrote so far: articles decided, and of them stored as articles. */
  filled: { articles: number; stored: number };
}

async function runRelay(
  brokers: string,
  mongoUri: string,
  articles: readonly BenchArticle[],
  kafka: Kafka,
  partitions: number,
): Promise<{ sustainedPerSecond: number; wallSeconds: number }> {
  const logger = createLogger('bench-relay', 'warn');
  await ensureTopics(
    kafka,
    pipelineTopicSpecs({ prefix: RELAY_PREFIX, numPartitions: partitions, replicationFactor: 1, consumers: [] }),
  );
  const hops: Array<[string, string, boolean]> = [
    [Topics.rawDocuments, Topics.articleCandidates, false],
    [Topics.articleCandidates, Topics.uniqueArticles, false],
    [Topics.uniqueArticles, Topics.enrichedArticles, false],
    [Topics.enrichedArticles, Topics.cleanArticles, true],
  ];
  const children: ChildProcess[] = hops.map(([from, to, store], index) =>
    spawn(
      process.execPath,
      [
        '-r',
        '@swc-node/register',
        join(__dirname, 'relay.ts'),
        brokers,
        withPrefix(RELAY_PREFIX, from),
        withPrefix(RELAY_PREFIX, to),
        `relay-hop-${index}`,
        ...(store ? [mongoUri] : []),
      ],
      { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] },
    ),
  );
  const producer = new PipelineProducer(kafka, RELAY_PREFIX);
  await producer.connect();
  const consumer = kafka.consumer({ groupId: 'relay-clean-watch' });
  await consumer.connect();
  await consumer.subscribe({ topic: withPrefix(RELAY_PREFIX, Topics.cleanArticles), fromBeginning: true });
  const completions: number[] = [];
  await consumer.run({ eachMessage: async () => void completions.push(Date.now()) });
  await new Promise((done) => setTimeout(done, 3_000)); // relays join their groups
  const began = Date.now();
  const tracker = new Tracker();
  await publish(producer, articles, tracker);
  const deadline = Date.now() + 10 * 60_000;
  while (completions.length < articles.length && Date.now() < deadline) {
    progress('relay', completions.length, articles.length, began, 0);
    await new Promise((done) => setTimeout(done, 250));
  }
  progress('relay', completions.length, articles.length, began, 0);
  process.stderr.write('\n');
  await consumer.disconnect();
  await producer.disconnect();
  for (const child of children) child.kill('SIGTERM');
  logger.info('relay done');
  return { sustainedPerSecond: sustainedRate(completions), wallSeconds: (Date.now() - began) / 1000 };
}

interface ShapeRun {
  shape: Shape;
  windows: WindowResult[];
  latency: WindowResult | null;
  relay: { sustainedPerSecond: number } | null;
  deadLetters: number;
  published: number;
  copies: CopyCount;
  /** Of the stories the pipeline let through twice, those the rules alone (in order, in memory) let through too. */
  policyTwice: string[];
  storage: { stored: number; rows: CollectionBytes[] };
  fillSeconds: number[];
  corpus: string;
}

const count = (value: number) => value.toLocaleString('en');
const totalCpuMs = (window: WindowResult) =>
  Object.values(window.cpuSecondsPerArticle).reduce((sum, seconds) => sum + seconds, 0) * 1000;

/** The budget: CPU ms per article of every process, and DB commands per article of every stage, window by window. */
function renderBudget(windows: readonly WindowResult[]): string[] {
  const processes = [...new Set(windows.flatMap((window) => Object.keys(window.cpuSecondsPerArticle)))].sort(
    (a, b) => (windows.at(-1)?.cpuSecondsPerArticle[b] ?? 0) - (windows.at(-1)?.cpuSecondsPerArticle[a] ?? 0),
  );
  const header = `| CPU ms / article | ${windows.map((window) => window.label).join(' | ')} |`;
  const rows = processes.map(
    (name) =>
      `| ${name} | ${windows.map((window) => fmt((window.cpuSecondsPerArticle[name] ?? 0) * 1000, 2)).join(' | ')} |`,
  );
  const stages = windows[0]?.stages.map((stage) => stage.stage) ?? [];
  const commandRows = stages.map(
    (stage) =>
      `| DB commands / article: ${stage} | ${windows
        .map((window) => {
          const figures = window.stages.find((row) => row.stage === stage);
          return fmt(((figures?.dbCommandsPerMessage ?? 0) * (figures?.handled ?? 0)) / window.articles, 2);
        })
        .join(' | ')} |`,
  );
  return [
    header,
    `|---|${windows.map(() => '---').join('|')}|`,
    ...rows,
    `| **all processes** | ${windows.map((window) => `**${fmt(totalCpuMs(window), 2)}**`).join(' | ')} |`,
    ...commandRows,
    `| **DB commands / article** | ${windows.map((window) => `**${fmt(window.dbCommandsPerArticle, 2)}**`).join(' | ')} |`,
    `| load average (1 min, start → end) | ${windows
      .map((window) => `${fmt(window.load[0], 1)} → ${fmt(window.load[1], 1)}`)
      .join(' | ')} |`,
  ];
}

function renderReport(options: Options, run: ShapeRun): string {
  const { windows, latency, relay } = run;
  const lines: string[] = [];
  lines.push(`## ${SECTION[run.shape]}`);
  lines.push('');
  lines.push(
    `${measuredOn()} Load average at the end: ${loadavg()
      .map((load) => fmt(load, 2))
      .join(', ')} (the machine is shared: compare CPU per article). \`npm run bench:pipeline\`.`,
  );
  lines.push('');
  lines.push(
    `All six services as separate processes on the embedded stack (Kafka 4.1 KRaft, FerretDB 2.5 on PostgreSQL 15 + ` +
      `DocumentDB), ${options.partitions} partitions per topic, fed plain-text raw documents generated from GMB and ` +
      `wikigold sentences (18 sentences each; ${SHAPE_DESCRIPTION[run.shape]}). After a warm-up of ${options.warm} ` +
      `articles through the pipeline, the store is filled fast to each level (the deduplicator's collections by ` +
      `dedup-fill.ts, the store's articles, publication notes and duplicates by store-fill.ts: what the pipeline ` +
      `writes for the same stream, checked by their integration tests; the services keep running), PostgreSQL is left ` +
      `to settle, and a window of ${options.window} articles is published at full speed; "sustained" is the rate ` +
      `between the 10 % and 90 % completion marks. Search scope: ${searchScopeInEffect()} (ARTICLE_SEARCH_SCOPE; ` +
      `the store's text index covers ${searchScopeInEffect() === 'story' ? 'title and story text' : 'title and body'}).`,
  );
  lines.push('');
  lines.push(
    '| window | articles before (stored) | fill s | sustained articles/s | wall s | p50 ms | p95 ms | p99 ms | CPU ms / article, all processes | DB commands / article | bottleneck |',
  );
  lines.push('|---|---|---|---|---|---|---|---|---|---|---|');
  for (const [i, window] of [...windows, ...(latency ? [latency] : [])].entries()) {
    lines.push(
      `| ${window.label} | ${count(window.articlesBefore)} (${count(window.storedBefore)}) | ` +
        `${i < run.fillSeconds.length ? fmt(run.fillSeconds[i], 0) : ''} | ${fmt(window.sustainedPerSecond)} | ` +
        `${fmt(window.wallSeconds)} | ${fmt(window.latencyMs.p50, 0)} | ${fmt(window.latencyMs.p95, 0)} | ` +
        `${fmt(window.latencyMs.p99, 0)} | ${fmt(totalCpuMs(window), 1)} | ${fmt(window.dbCommandsPerArticle)} | ` +
        `${window.bottleneck} |`,
    );
  }
  lines.push('');
  const first = windows[0];
  const last = windows.at(-1) as WindowResult;
  if (windows.length > 1) {
    lines.push(
      `- Cost as the store grows: throughput after ${count(last.articlesBefore)} is **${fmt(
        last.sustainedPerSecond / first.sustainedPerSecond,
        2,
      )} ×** the throughput after ${count(first.articlesBefore)} (target ≥ 0.9); CPU per article over all ` +
        `processes ${fmt(totalCpuMs(first), 1)} → ${fmt(totalCpuMs(last), 1)} ms (target ≤ 25).`,
    );
  }
  if (relay) {
    lines.push(
      `- Relay ceiling (same hops, pass-through handlers: Kafka + one bulk upsert per batch): ` +
        `${fmt(relay.sustainedPerSecond)} articles/s; the pipeline reaches **${fmt(
          (first.sustainedPerSecond / relay.sustainedPerSecond) * 100,
          0,
        )} %** of it after ${count(first.articlesBefore)}.`,
    );
  }
  if (latency) {
    lines.push(
      `- Latency ingest → clean topic at an offered ${options.rate} articles/s: p50 ${fmt(latency.latencyMs.p50, 0)} ms, ` +
        `p95 ${fmt(latency.latencyMs.p95, 0)} ms, p99 ${fmt(latency.latencyMs.p99, 0)} ms (target p99 ≤ 2,000 ms).`,
    );
  }
  lines.push(
    `- Accounted for: ${run.published} raw documents published through the pipeline, every one stored or recorded ` +
      `as a duplicate except ${run.deadLetters} dead-lettered. Of ${run.copies.published} near-copies among them, ` +
      `${run.copies.storedTwice} were stored as a second article beside their original (a story let through twice` +
      `${run.copies.twice.length > 0 ? `: ${run.copies.twice.slice(0, 10).join(', ')}` : ''}); deciding the same ` +
      `articles one after another in memory (dedup-fill.ts: the same rules, no concurrency) lets ` +
      `${run.policyTwice.length} of them through too, so ${run.copies.storedTwice - run.policyTwice.length} ` +
      `came from running concurrently.`,
  );
  lines.push('');
  lines.push('Budget per window (CPU of each process tree from /proc, PostgreSQL with its backends; commands from');
  lines.push("each service's `inkstream_db_commands_total`):");
  lines.push('');
  lines.push(...renderBudget([...windows, ...(latency ? [latency] : [])]));
  lines.push('');
  lines.push(`Per stage (window after ${count(last.articlesBefore)}):`);
  lines.push('');
  lines.push('| stage | messages/s | CPU ms / message | DB commands / message | mean lag |');
  lines.push('|---|---|---|---|---|');
  for (const stage of last.stages) {
    lines.push(
      `| ${stage.stage} | ${fmt(stage.ratePerSecond)} | ${fmt(stage.cpuMsPerMessage)} | ` +
        `${fmt(stage.dbCommandsPerMessage)} | ${fmt(stage.meanLag, 0)} |`,
    );
  }
  lines.push('');
  lines.push(
    `Bytes stored per article, by collection (after the last window: ${count(run.storage.stored)} articles stored; ` +
      'data as the server reports it, FerretDB 2 stores BSON in PostgreSQL pages):',
  );
  lines.push('');
  lines.push('| collection | documents (server estimate) | data bytes / article | index bytes / article |');
  lines.push('|---|---|---|---|');
  for (const row of run.storage.rows) {
    lines.push(
      `| ${row.collection} | ${row.documents} | ${fmt(row.dataBytes / run.storage.stored, 0)} | ` +
        `${fmt(row.indexBytes / run.storage.stored, 0)} |`,
    );
  }
  lines.push('');
  lines.push(run.corpus);
  return lines.join('\n');
}

/** The corpus of one shape, in order: the same articles for the same pool. */
class ShapeCorpus {
  private readonly stream: StreamCorpus;
  private offset = 0;
  private readonly keyed = new Map<string, StreamArticle>();
  readonly generated: StreamArticle[] = [];

  constructor(
    readonly shape: Shape,
    private readonly pool: readonly string[][],
  ) {
    this.stream = new StreamCorpus(pool);
  }

  next(count: number): StreamArticle[] {
    if (this.shape === 'stream') {
      return this.stream.next(count).map((article) => this.keep(article));
    }
    const articles = generateArticles(this.pool, count, { offset: this.offset });
    this.offset += count;
    return articles.map((article) => this.keep({ ...article, kind: article.copyOf ? 'copy' : 'original' }));
  }

  /** An article this corpus generated, by key. */
  byKey(key: string): StreamArticle | undefined {
    return this.keyed.get(key);
  }

  private keep(article: StreamArticle): StreamArticle {
    this.generated.push(article);
    this.keyed.set(article.key, article);
    return article;
  }

  describe(): string {
    if (this.shape === 'stream') return describeStream(describeCorpus(this.generated));
    return `Corpus as generated: ${count(this.offset)} articles (corpus.ts, one in five a near-copy).`;
  }
}

/** Whether the rules alone, deciding in order, stored both this copy and its original as articles of their own. */
function policyLetsThrough(key: string, corpus: ShapeCorpus, dedup: DedupFill): boolean {
  const copy = corpus.byKey(key);
  const original = copy?.copyOf ? corpus.byKey(copy.copyOf) : undefined;
  if (!copy || !original) return false;
  const alone = (article: StreamArticle) => dedup.storedAlone.get(pipelineCandidateOf(article).id) === true;
  return alone(copy) && alone(original);
}

/** The scope the store runs with: the services inherit this process's environment. */
function searchScopeInEffect(): SearchScope {
  const scope = process.env.ARTICLE_SEARCH_SCOPE ?? DEFAULT_SEARCH_SCOPE;
  if (!SEARCH_SCOPES.includes(scope as SearchScope)) {
    throw new Error(`ARTICLE_SEARCH_SCOPE: must be one of ${SEARCH_SCOPES.join(', ')} (got ${scope})`);
  }
  return scope as SearchScope;
}

/** Articles per fill step: the corpus and its candidates are generated step by step, not 100,000 at once. */
const FILL_STEP = 5_000;
/** The rate the fill dates its articles at (articles/s), as bench:dedup does: stored articles are that old. */
const FILL_RATE = 80;

async function fillTo(
  level: number,
  corpus: ShapeCorpus,
  fills: { dedup: DedupFill; store: StoreFill },
  context: BenchContext,
): Promise<void> {
  const decided = () => context.filled.articles + context.tracker.byUrl.size;
  const total = level - decided();
  const startedAt = Date.now();
  const base = startedAt - 60_000 - (total / FILL_RATE) * 1000;
  let done = 0;
  while (decided() < level) {
    const articles = corpus.next(Math.min(FILL_STEP, level - decided()));
    const candidates = articles.map(pipelineCandidateOf);
    const first = done;
    const filled = await fills.dedup.add(candidates, (i) => base + ((first + i) * 1000) / FILL_RATE);
    const stored = fills.store.written.articles;
    await fills.store.add(filled, () => new Date().toISOString());
    context.filled.articles += articles.length;
    context.filled.stored += fills.store.written.articles - stored;
    done += articles.length;
    progress('fill', done, total, startedAt, 0);
  }
  process.stderr.write('\n');
}

/** Publishes `articles` through the pipeline and waits until each is accounted for; the dedup fill learns them. */
async function throughPipeline(
  articles: readonly StreamArticle[],
  dedupFill: DedupFill,
  context: BenchContext,
  measure: (articles: readonly StreamArticle[]) => Promise<WindowResult | void>,
): Promise<WindowResult | void> {
  const result = await measure(articles);
  // The fill's memory learns what the real deduplicator just decided, so the next fill's caps and claims agree.
  await dedupFill.add(articles.map(pipelineCandidateOf), () => Date.now(), false);
  return result;
}

async function runShape(options: Options, shape: Shape, pool: readonly string[][]): Promise<ShapeRun> {
  log(`shape ${shape}`);
  const bench = await startBenchStack('bench', options.partitions);
  const { kafka, brokers, mongoUri, stack, services, stackPids } = bench;
  let client: mongoose.mongo.MongoClient | undefined;
  try {
    client = await new mongoose.mongo.MongoClient(mongoUri).connect();
    const fills = { dedup: new DedupFill(client.db()), store: new StoreFill(client.db()) };
    const tracker = new Tracker();
    const producer = new PipelineProducer(kafka, PREFIX);
    await producer.connect();
    const watcher = await watchOutcomes(kafka, tracker, 'bench-outcome-watch');
    const context: BenchContext = { kafka, tracker, producer, services, stackPids, filled: { articles: 0, stored: 0 } };
    const corpus = new ShapeCorpus(shape, pool);

    await throughPipeline(corpus.next(options.warm), fills.dedup, context, async (articles) => {
      await publish(producer, articles, tracker);
      await waitFor('warm-up', tracker, tracker.byUrl.size, 30 * 60_000);
    });
    const windows: WindowResult[] = [];
    const fillSeconds: number[] = [];
    for (const level of options.levels) {
      const startedAt = Date.now();
      log(`filling to ${count(level)} articles`);
      await fillTo(level, corpus, fills, context);
      fillSeconds.push((Date.now() - startedAt) / 1000);
      log(
        `  filled in ${fmt(fillSeconds.at(-1) as number, 0)} s: ${JSON.stringify(context.filled)}, ` +
          `dedup fill ${JSON.stringify(fills.dedup.written)}, store fill ${JSON.stringify(fills.store.written)}`,
      );
      await settle(stackPids.postgres);
      const before = context.filled.articles + tracker.byUrl.size;
      const window = (await throughPipeline(corpus.next(options.window), fills.dedup, context, (articles) =>
        measureWindow(`after ${count(before)}`, articles, context),
      )) as WindowResult;
      windows.push(window);
      log(
        `window after ${count(before)}: ${fmt(window.sustainedPerSecond)} articles/s sustained, ` +
          `${fmt(totalCpuMs(window), 1)} CPU ms/article, ${fmt(window.dbCommandsPerArticle, 2)} DB commands/article; ` +
          `bottleneck ${window.bottleneck}`,
      );
    }
    const storage = {
      stored: context.filled.stored + tracker.storedUnique(),
      rows: await storageByCollection(mongoUri),
    };

    const latency =
      options.seconds > 0
        ? ((await throughPipeline(corpus.next(options.rate * options.seconds), fills.dedup, context, (articles) =>
            measureWindow(`${options.rate}/s offered`, articles, context, options.rate),
          )) as WindowResult)
        : null;
    if (latency) log(`offered ${options.rate}/s: p99 ${fmt(latency.latencyMs.p99, 0)} ms`);
    await watcher.disconnect();
    await producer.disconnect();

    const relay = options.relay
      ? await runRelay(brokers, `${stack.mongoUri}relay`, corpus.next(options.window), kafka, options.partitions)
      : null;
    if (relay) log(`relay ceiling: ${fmt(relay.sustainedPerSecond)} articles/s`);
    const copies = tracker.copies();
    return {
      shape,
      windows,
      latency,
      relay,
      deadLetters: tracker.deadLetters(),
      published: tracker.byUrl.size,
      copies,
      policyTwice: copies.twice.filter((key) => policyLetsThrough(key, corpus, fills.dedup)),
      storage,
      fillSeconds,
      corpus: corpus.describe(),
    };
  } finally {
    await client?.close();
    await bench.stop();
  }
}

async function main(): Promise<void> {
  const options = parsePipelineBenchArgs(process.argv.slice(2));
  if (!existsSync(DATASETS)) throw new Error(`the datasets are not at ${DATASETS}`);
  const pool = loadPool();
  for (const shape of options.shapes) {
    const report = renderReport(options, await runShape(options, shape, pool));
    process.stdout.write(`\n${report}\n`);
    if (options.write) {
      writeDocSection(join(ROOT, 'docs', 'benchmarks.md'), SECTION[shape], report);
      log('written to docs/benchmarks.md');
    }
  }
}

runBench(main);
