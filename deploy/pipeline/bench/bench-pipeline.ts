// `npm run bench:pipeline`: the whole pipeline (six services as separate processes, as `npm start` runs them) on a
// fresh embedded stack, fed generated articles (corpus.ts) as raw documents. It measures what users get:
//   1. warm-up to `--warm` stored articles, then a window of `--window` more at full speed (throughput, latency);
//   2. fill until `--fill` articles are stored, then the same window again (cost must not grow with the store);
//   3. a fixed offered load (`--rate` articles/s for `--seconds`): latency percentiles ingest → clean topic;
//   4. the relay (relay.ts): the same hops with pass-through handlers, the ceiling Kafka and the database impose.
// Results go to docs/benchmarks.md (section "Pipeline") with date and machine.
import {
  deadLetterTopic,
  newTraceId,
  PIPELINE_SUBSCRIPTIONS,
  Topics,
  withPrefix,
  type CleanArticle,
} from '@inkstream/contracts';
import { buildRawDocument, DEFAULT_RAW_DOCUMENT_LIMITS } from '@inkstream/fetching';
import {
  collectPipelineOffsets,
  createKafka,
  ensureTopics,
  pipelineTopicSpecs,
  PipelineProducer,
} from '@inkstream/messaging';
import { createLogger } from '@inkstream/observability';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Consumer, Kafka } from 'kafkajs';
import mongoose from 'mongoose';
import { findFreePorts, removeStackData, startEmbeddedStack } from '@inkstream/local-stack';
import { SERVICE_NAMES, type ServiceName } from '../services';
import { startServiceProcess, stopServiceProcess, waitHealthy, type ServiceProcess } from '../service-process';
import { measuredOn, writeDocSection } from '../../../scripts/doc-section';
import { generateArticles, parseConllSentences, parseGmbSentences, usableSentences, type BenchArticle } from './corpus';
import {
  bottleneck,
  cpuTicksFromStat,
  parentPidFromStat,
  parsePrometheusText,
  percentile,
  stageFigures,
  sumOf,
  sustainedRate,
  type StageFigures,
  type StageWindow,
} from './measure';

const ROOT = resolve(__dirname, '..', '..', '..');
const DATASETS = join(ROOT, '..', 'shared', 'datasets', 'ner-train');
const HOST = '127.0.0.1';
const PREFIX = 'bench.';
const RELAY_PREFIX = 'relay.';
const CLK_TCK = 100;

interface Options {
  warm: number;
  window: number;
  fill: number;
  rate: number;
  seconds: number;
  partitions: number;
  write: boolean;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { warm: 1000, window: 2000, fill: 20000, rate: 25, seconds: 60, partitions: 6, write: true };
  for (let i = 0; i < argv.length; i += 1) {
    const [flag, inline] = argv[i].split('=');
    const value = () => Number(inline ?? argv[++i]);
    if (flag === '--warm') options.warm = value();
    else if (flag === '--window') options.window = value();
    else if (flag === '--fill') options.fill = value();
    else if (flag === '--rate') options.rate = value();
    else if (flag === '--seconds') options.seconds = value();
    else if (flag === '--partitions') options.partitions = value();
    else if (flag === '--no-write') options.write = false;
    else if (flag === '--quick') Object.assign(options, { warm: 200, window: 400, fill: 1000, seconds: 20 });
    else
      throw new Error(
        `unknown option ${argv[i]} (--warm N --window N --fill N --rate N --seconds N --partitions N --quick --no-write)`,
      );
  }
  return options;
}

const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);

function loadPool(): string[][] {
  const gmb = gunzipSync(readFileSync(join(DATASETS, 'gmb-ner_dataset.csv.gz'))).toString('latin1');
  const wikigold = readFileSync(join(DATASETS, 'wikigold.conll.txt'), 'utf8');
  const pool = usableSentences([...parseGmbSentences(gmb).slice(0, -1), ...parseConllSentences(wikigold)]);
  log(`sentence pool: ${pool.length} sentences (GMB public domain / ODbL extract, wikigold CC BY 4.0)`);
  return pool;
}

/** What the bench knows of each published raw document, by its URL. */
interface Tracked {
  article: BenchArticle;
  publishedAt: number;
  doneAt?: number;
  /** Stored as a new article (false: recorded as a duplicate of another). */
  unique?: boolean;
  deadLettered?: boolean;
}

class Tracker {
  readonly byUrl = new Map<string, Tracked>();
  done = 0;

  add(url: string, article: BenchArticle): void {
    this.byUrl.set(url, { article, publishedAt: Date.now() });
  }

  /** A clean article accounts for itself (stored) and for every duplicate recorded against it. */
  onClean(article: CleanArticle, at: number): void {
    this.mark(article.url, at, true);
    for (const duplicate of article.duplicates) this.mark(duplicate.url, at, false);
  }

  /** A dead letter accounts for its document too (the report counts them): the bench never waits for it. */
  onDeadLetter(value: { url?: string | null }, at: number): void {
    const tracked = value.url ? this.byUrl.get(value.url) : undefined;
    if (tracked) tracked.deadLettered = true;
    this.mark(value.url ?? null, at, false);
  }

  unaccounted(): Array<[string, Tracked]> {
    return [...this.byUrl.entries()].filter(([, tracked]) => tracked.doneAt === undefined);
  }

  deadLetters(): number {
    let count = 0;
    for (const tracked of this.byUrl.values()) if (tracked.deadLettered) count += 1;
    return count;
  }

  private mark(url: string | null, at: number, unique: boolean): void {
    const tracked = url ? this.byUrl.get(url) : undefined;
    if (!tracked || tracked.doneAt !== undefined) return;
    tracked.doneAt = at;
    tracked.unique = unique;
    this.done += 1;
  }

  storedUnique(): number {
    let count = 0;
    for (const tracked of this.byUrl.values()) if (tracked.unique) count += 1;
    return count;
  }
}

/** Watches the clean topic and every dead-letter topic: between them, every published document is accounted for. */
async function watchOutcomes(kafka: Kafka, tracker: Tracker, group: string): Promise<Consumer> {
  const clean = withPrefix(PREFIX, Topics.cleanArticles);
  const deadLetters = PIPELINE_SUBSCRIPTIONS.map(({ topic, group: stage }) =>
    withPrefix(PREFIX, deadLetterTopic(topic, stage)),
  );
  const consumer = kafka.consumer({ groupId: group });
  await consumer.connect();
  await consumer.subscribe({ topics: [clean, ...deadLetters], fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ topic, message }) => {
      if (!message.value) return;
      let value: unknown;
      try {
        value = JSON.parse(message.value.toString());
      } catch {
        return; // a dead letter that is not JSON cannot name its document
      }
      if (topic === clean) tracker.onClean(value as CleanArticle, Date.now());
      else tracker.onDeadLetter(value as { url?: string | null }, Date.now());
    },
  });
  return consumer;
}

function progress(label: string, done: number, target: number, since: number, startDone: number): void {
  const width = 30;
  const share = Math.min(1, target > 0 ? done / target : 1);
  const rate = (done - startDone) / Math.max(0.001, (Date.now() - since) / 1000);
  const bar = '#'.repeat(Math.round(share * width)).padEnd(width, '.');
  process.stderr.write(`\r[bench] ${label.padEnd(14)} [${bar}] ${done}/${target}  ${rate.toFixed(1)}/s   `);
}

async function waitFor(
  label: string,
  tracker: Tracker,
  target: number,
  timeoutMs: number,
  onTick?: () => Promise<void>,
): Promise<void> {
  const since = Date.now();
  const startDone = tracker.done;
  const deadline = since + timeoutMs;
  let lastDone = tracker.done;
  let lastProgressAt = Date.now();
  while (tracker.done < target) {
    progress(label, tracker.done, target, since, startDone);
    if (tracker.done !== lastDone) {
      lastDone = tracker.done;
      lastProgressAt = Date.now();
    } else if (Date.now() - lastProgressAt > 30_000) {
      // Stalled: name what is missing, so a lost article is a finding with a name, not a hang.
      process.stderr.write('\n');
      for (const [url, tracked] of tracker.unaccounted().slice(0, 5)) {
        log(`  unaccounted: ${url} (${tracked.article.copyOf ? `copy of ${tracked.article.copyOf}` : 'original'})`);
      }
      lastProgressAt = Date.now();
    }
    if (Date.now() > deadline) {
      process.stderr.write('\n');
      throw new Error(`${label}: only ${tracker.done} of ${target} articles accounted for after ${timeoutMs / 1000}s`);
    }
    await onTick?.();
    await new Promise((done) => setTimeout(done, 500));
  }
  progress(label, tracker.done, target, since, startDone);
  process.stderr.write('\n');
}

function rawDocumentsFor(articles: readonly BenchArticle[], tracker: Tracker) {
  return articles.map((article) => {
    const url = `https://${article.sourceId}.bench.example/news/${article.key}`;
    tracker.add(url, article);
    return buildRawDocument(
      {
        source: {
          id: article.sourceId,
          name: article.sourceId,
          kind: 'drop',
          url: `https://${article.sourceId}.bench.example/`,
        },
        url,
        itemKey: url,
        content: article.text,
        contentType: 'text/plain; charset=utf-8',
        fetchedAt: new Date(),
        traceId: newTraceId(),
      },
      DEFAULT_RAW_DOCUMENT_LIMITS,
    );
  });
}

async function publish(producer: PipelineProducer, articles: readonly BenchArticle[], tracker: Tracker): Promise<void> {
  for (let i = 0; i < articles.length; i += 100) {
    await producer.publish(Topics.rawDocuments, rawDocumentsFor(articles.slice(i, i + 100), tracker));
  }
}

/** Publishes at a fixed rate (articles/s) in small bursts every 200 ms. */
async function publishAtRate(
  producer: PipelineProducer,
  articles: readonly BenchArticle[],
  tracker: Tracker,
  rate: number,
): Promise<void> {
  const began = Date.now();
  let sent = 0;
  while (sent < articles.length) {
    const due = Math.min(articles.length, Math.floor(((Date.now() - began) / 1000) * rate));
    if (due > sent) {
      await producer.publish(Topics.rawDocuments, rawDocumentsFor(articles.slice(sent, due), tracker));
      sent = due;
    }
    await new Promise((done) => setTimeout(done, 200));
  }
}

/** CPU ticks of a process and all its descendants (PostgreSQL forks a backend per connection). */
function treeCpuTicks(rootPid: number): number {
  const stats = new Map<number, string>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      stats.set(Number(entry), readFileSync(`/proc/${entry}/stat`, 'utf8'));
    } catch {
      // exited while we looked
    }
  }
  const children = new Map<number, number[]>();
  for (const [pid, stat] of stats) {
    const parent = parentPidFromStat(stat);
    children.set(parent, [...(children.get(parent) ?? []), pid]);
  }
  let ticks = 0;
  const stack = [rootPid];
  while (stack.length > 0) {
    const pid = stack.pop() as number;
    const stat = stats.get(pid);
    if (stat) ticks += cpuTicksFromStat(stat);
    stack.push(...(children.get(pid) ?? []));
  }
  return ticks;
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

async function snapshot(services: ServiceProcess[], stackPids: Record<string, number>): Promise<Snapshot> {
  const metrics = new Map<ServiceName, ReturnType<typeof parsePrometheusText>>();
  await Promise.all(
    services.map(async (service) => {
      const text = await (await fetch(`${service.url}/metrics`)).text();
      metrics.set(service.name as ServiceName, parsePrometheusText(text));
    }),
  );
  const cpuTicks = new Map<string, number>();
  for (const service of services) cpuTicks.set(service.name, treeCpuTicks(service.child.pid as number));
  for (const [name, pid] of Object.entries(stackPids)) cpuTicks.set(name, treeCpuTicks(pid));
  return { at: Date.now(), metrics, cpuTicks };
}

interface WindowResult {
  label: string;
  storedBefore: number;
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
  const storedBefore = tracker.storedUnique();
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
    storedBefore,
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
    const rows: CollectionBytes[] = [];
    for (const { name } of await db.listCollections().toArray()) {
      const stats = await db.command({ collStats: name });
      rows.push({
        collection: name,
        documents: Number(stats.count ?? 0),
        dataBytes: Number(stats.size ?? 0),
        indexBytes: Number(stats.totalIndexSize ?? 0),
      });
    }
    return rows
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

function fmt(value: number, digits = 1): string {
  return Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
}

function renderReport(
  options: Options,
  windows: WindowResult[],
  latency: WindowResult,
  relay: { sustainedPerSecond: number },
  deadLetters: number,
  published: number,
  storage: { stored: number; rows: CollectionBytes[] },
): string {
  const lines: string[] = [];
  const [small, large] = windows;
  lines.push('## Pipeline (end to end)');
  lines.push('');
  lines.push(`${measuredOn()} \`npm run bench:pipeline\`.`);
  lines.push('');
  lines.push(
    `All six services as separate processes on the embedded stack (Kafka 4.1 KRaft, FerretDB 2.5 on PostgreSQL 15 + ` +
      `DocumentDB), ${options.partitions} partitions per topic, fed plain-text raw documents generated from GMB and ` +
      `wikigold sentences (18 sentences each; 20 % near-duplicate copies from other sources). Each window publishes ` +
      `${options.window} articles at full speed; "sustained" is the rate between the 10 % and 90 % completion marks.`,
  );
  lines.push('');
  lines.push(
    '| window | stored before | sustained articles/s | wall s | p50 ms | p95 ms | p99 ms | DB commands / article | bottleneck |',
  );
  lines.push('|---|---|---|---|---|---|---|---|---|');
  for (const window of [...windows, latency]) {
    lines.push(
      `| ${window.label} | ${window.storedBefore} | ${fmt(window.sustainedPerSecond)} | ${fmt(window.wallSeconds)} | ` +
        `${fmt(window.latencyMs.p50, 0)} | ${fmt(window.latencyMs.p95, 0)} | ${fmt(window.latencyMs.p99, 0)} | ` +
        `${fmt(window.dbCommandsPerArticle)} | ${window.bottleneck} |`,
    );
  }
  lines.push('');
  const ratio = large.sustainedPerSecond / small.sustainedPerSecond;
  lines.push(
    `- Cost as the store grows: throughput after ${large.storedBefore} stored is **${fmt(ratio, 2)} ×** the ` +
      `throughput after ${small.storedBefore} (target ≥ 0.8).`,
  );
  lines.push(
    `- Relay ceiling (same hops, pass-through handlers: Kafka + one bulk upsert per batch): ` +
      `${fmt(relay.sustainedPerSecond)} articles/s; the pipeline reaches **${fmt(
        (small.sustainedPerSecond / relay.sustainedPerSecond) * 100,
        0,
      )} %** of it after ${small.storedBefore} stored.`,
  );
  lines.push(
    `- Latency ingest → clean topic at an offered ${options.rate} articles/s: p50 ${fmt(latency.latencyMs.p50, 0)} ms, ` +
      `p95 ${fmt(latency.latencyMs.p95, 0)} ms, p99 ${fmt(latency.latencyMs.p99, 0)} ms (target p99 ≤ 2,000 ms).`,
  );
  lines.push(
    `- Accounted for: ${published} raw documents published, every one stored or recorded as a duplicate except ` +
      `${deadLetters} dead-lettered.`,
  );
  lines.push('');
  lines.push('Per stage (window after the fill):');
  lines.push('');
  lines.push('| stage | messages/s | CPU ms / message | DB commands / message | mean lag |');
  lines.push('|---|---|---|---|---|');
  for (const stage of large.stages) {
    lines.push(
      `| ${stage.stage} | ${fmt(stage.ratePerSecond)} | ${fmt(stage.cpuMsPerMessage)} | ` +
        `${fmt(stage.dbCommandsPerMessage)} | ${fmt(stage.meanLag, 0)} |`,
    );
  }
  lines.push('');
  lines.push(
    `Bytes stored per article, by collection (after the second window: ${storage.stored} articles stored; ` +
      'data as the server reports it, FerretDB 2 stores BSON in PostgreSQL pages):',
  );
  lines.push('');
  lines.push('| collection | documents | data bytes / article | index bytes / article |');
  lines.push('|---|---|---|---|');
  for (const row of storage.rows) {
    lines.push(
      `| ${row.collection} | ${row.documents} | ${fmt(row.dataBytes / storage.stored, 0)} | ` +
        `${fmt(row.indexBytes / storage.stored, 0)} |`,
    );
  }
  lines.push('');
  lines.push('CPU seconds per article, by process (window after the fill; PostgreSQL includes its backends):');
  lines.push('');
  lines.push(
    Object.entries(large.cpuSecondsPerArticle)
      .sort(([, a], [, b]) => b - a)
      .map(([name, seconds]) => `${name} ${fmt(seconds * 1000, 1)} ms`)
      .join(' · '),
  );
  return lines.join('\n');
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  if (!existsSync(DATASETS)) throw new Error(`the datasets are not at ${DATASETS}`);
  const pool = loadPool();
  const dataDir = join(ROOT, '.cache', 'bench-stack');
  const [kafkaPort, controllerPort, mongoPort, postgresPort, ...servicePorts] = await findFreePorts(10);
  log(`starting a fresh embedded stack in ${dataDir}`);
  const stack = await startEmbeddedStack({
    dataDir,
    fresh: true,
    kafkaPort,
    controllerPort,
    mongoPort,
    postgresPort,
    detached: false,
    log: (line) => log(`  ${line}`),
  });
  const stackPids: Record<string, number> = {};
  for (const name of ['kafka', 'postgres', 'ferretdb']) {
    stackPids[name] = Number(JSON.parse(readFileSync(join(dataDir, 'run', `${name}.pid`), 'utf8')).pid);
  }
  const brokers = stack.kafkaBrokers.join(',');
  const mongoUri = `${stack.mongoUri}bench`;
  const logger = createLogger('bench', 'warn');
  const kafka = createKafka({ clientId: 'inkstream-bench', brokers: stack.kafkaBrokers, logger });
  await ensureTopics(
    kafka,
    pipelineTopicSpecs({
      prefix: PREFIX,
      numPartitions: options.partitions,
      replicationFactor: 1,
      consumers: [...PIPELINE_SUBSCRIPTIONS],
    }),
  );
  const ports = Object.fromEntries(SERVICE_NAMES.map((name, index) => [name, servicePorts[index]])) as Record<
    ServiceName,
    number
  >;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    KAFKA_BROKERS: brokers,
    MONGODB_URI: mongoUri,
    KAFKA_TOPIC_PREFIX: PREFIX,
    KAFKA_TOPIC_PARTITIONS: String(options.partitions),
    LOG_LEVEL: 'warn',
    GATEWAY_SERVICE_URLS: SERVICE_NAMES.map((name) => `${name}=http://${HOST}:${ports[name]}`).join(','),
    KAFKAJS_NO_PARTITIONER_WARNING: '1',
  };
  const logDir = join(ROOT, '.cache', 'bench-logs');
  const services = SERVICE_NAMES.map((name) =>
    startServiceProcess({ root: ROOT, name, port: ports[name], host: HOST, env, logDir, echo: false }),
  );
  const cleanup = async () => {
    for (const service of [...services].reverse()) await stopServiceProcess(service, 20_000);
    await stack.stop({ timeoutMs: 0 });
    removeStackData(dataDir);
  };
  try {
    await Promise.all(services.map((service) => waitHealthy(service, 120_000)));
    log(`services healthy (logs in ${logDir})`);
    const tracker = new Tracker();
    const producer = new PipelineProducer(kafka, PREFIX);
    await producer.connect();
    const watcher = await watchOutcomes(kafka, tracker, 'bench-outcome-watch');
    const context: BenchContext = { kafka, tracker, producer, services, stackPids };
    let offset = 0;
    const next = (count: number) => {
      const articles = generateArticles(pool, count, { offset });
      offset += count;
      return articles;
    };

    const warm = next(options.warm);
    await publish(producer, warm, tracker);
    await waitFor('warm-up', tracker, tracker.byUrl.size, 30 * 60_000);
    const first = await measureWindow(`after ${tracker.storedUnique()}`, next(options.window), context);
    log(`window 1: ${fmt(first.sustainedPerSecond)} articles/s sustained; bottleneck ${first.bottleneck}`);

    while (tracker.storedUnique() < options.fill) {
      const batch = next(Math.min(2000, Math.ceil((options.fill - tracker.storedUnique()) / 0.8) + 10));
      await publish(producer, batch, tracker);
      await waitFor(`fill to ${options.fill}`, tracker, tracker.byUrl.size, 60 * 60_000);
    }
    const second = await measureWindow(`after ${tracker.storedUnique()}`, next(options.window), context);
    log(`window 2: ${fmt(second.sustainedPerSecond)} articles/s sustained; bottleneck ${second.bottleneck}`);
    const storage = { stored: tracker.storedUnique(), rows: await storageByCollection(mongoUri) };

    const latency = await measureWindow(
      `${options.rate}/s offered`,
      next(options.rate * options.seconds),
      context,
      options.rate,
    );
    log(`offered ${options.rate}/s: p99 ${fmt(latency.latencyMs.p99, 0)} ms`);
    await watcher.disconnect();
    await producer.disconnect();

    const relay = await runRelay(brokers, `${stack.mongoUri}relay`, next(options.window), kafka, options.partitions);
    log(`relay ceiling: ${fmt(relay.sustainedPerSecond)} articles/s`);

    const report = renderReport(
      options,
      [first, second],
      latency,
      relay,
      tracker.deadLetters(),
      tracker.byUrl.size,
      storage,
    );
    process.stdout.write(`\n${report}\n`);
    if (options.write) {
      writeDocSection(join(ROOT, 'docs', 'benchmarks.md'), 'Pipeline (end to end)', report);
      log('written to docs/benchmarks.md');
    }
  } finally {
    await cleanup();
  }
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(`\n[bench] failed: ${error.stack ?? error.message}`);
    process.exit(1);
  },
);
