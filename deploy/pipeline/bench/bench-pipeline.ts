// `npm run bench:pipeline`: the whole pipeline (six services as separate processes, as `npm start` runs them) on a
// fresh embedded stack, fed generated articles (corpus.ts) as raw documents. It measures what users get:
//   1. warm-up to `--warm` stored articles, then a window of `--window` more at full speed (throughput, latency);
//   2. fill until `--fill` articles are stored, then the same window again (cost must not grow with the store);
//   3. a fixed offered load (`--rate` articles/s for `--seconds`): latency percentiles ingest → clean topic;
//   4. the relay (relay.ts): the same hops with pass-through handlers, the ceiling Kafka and the database impose.
// Results go to docs/benchmarks.md (section "Pipeline") with date and machine.
import { Topics, withPrefix } from '@inkstream/contracts';
import { collectPipelineOffsets, ensureTopics, pipelineTopicSpecs, PipelineProducer } from '@inkstream/messaging';
import { createLogger } from '@inkstream/observability';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Kafka } from 'kafkajs';
import mongoose from 'mongoose';
import { SERVICE_NAMES, type ServiceName } from '../services';
import type { ServiceProcess } from '../service-process';
import { measuredOn, writeDocSection } from '@inkstream/measure';
import { generateArticles, type BenchArticle } from './corpus';
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
  Tracker,
  waitFor,
  watchOutcomes,
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

interface Options {
  warm: number;
  window: number;
  fill: number;
  rate: number;
  seconds: number;
  partitions: number;
  write: boolean;
  /** `distinct`: originals share no sentence (corpus.ts); `stream`: shaped like real news (stream-corpus.ts). */
  shape: 'distinct' | 'stream';
}

function parseArgs(argv: string[]): Options {
  const options: Options = {
    warm: 1000,
    window: 2000,
    fill: 20000,
    rate: 25,
    seconds: 60,
    partitions: 6,
    write: true,
    shape: 'distinct',
  };
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
    else if (flag === '--shape') {
      const shape = inline ?? argv[++i];
      if (shape !== 'distinct' && shape !== 'stream') throw new Error(`--shape ${shape}: expected distinct or stream`);
      options.shape = shape;
    } else if (flag === '--quick') Object.assign(options, { warm: 200, window: 400, fill: 1000, seconds: 20 });
    else
      throw new Error(
        `unknown option ${argv[i]} (--warm N --window N --fill N --rate N --seconds N --partitions N --shape distinct|stream --quick --no-write)`,
      );
  }
  return options;
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

function renderReport(
  options: Options,
  windows: WindowResult[],
  latency: WindowResult,
  relay: { sustainedPerSecond: number },
  deadLetters: number,
  published: number,
  copies: { published: number; storedTwice: number },
  storage: { stored: number; rows: CollectionBytes[] },
): string {
  const lines: string[] = [];
  const [small, large] = windows;
  lines.push(`## ${SECTION[options.shape]}`);
  lines.push('');
  lines.push(`${measuredOn()} \`npm run bench:pipeline\`.`);
  lines.push('');
  lines.push(
    `All six services as separate processes on the embedded stack (Kafka 4.1 KRaft, FerretDB 2.5 on PostgreSQL 15 + ` +
      `DocumentDB), ${options.partitions} partitions per topic, fed plain-text raw documents generated from GMB and ` +
      `wikigold sentences (18 sentences each; ${SHAPE_DESCRIPTION[options.shape]}). Each window publishes ` +
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
      `${deadLetters} dead-lettered. Of ${copies.published} near-copies, ${copies.storedTwice} were stored as a ` +
      'second article beside their original (a story let through twice).',
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
  lines.push('| collection | documents (server estimate) | data bytes / article | index bytes / article |');
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
  const bench = await startBenchStack('bench', options.partitions);
  const { kafka, brokers, mongoUri, stack, services, stackPids } = bench;
  try {
    const tracker = new Tracker();
    const producer = new PipelineProducer(kafka, PREFIX);
    await producer.connect();
    const watcher = await watchOutcomes(kafka, tracker, 'bench-outcome-watch');
    const context: BenchContext = { kafka, tracker, producer, services, stackPids };
    let offset = 0;
    const stream = new StreamCorpus(pool);
    const generated: StreamArticle[] = [];
    const next = (count: number): BenchArticle[] => {
      if (options.shape === 'stream') {
        const articles = stream.next(count);
        generated.push(...articles);
        return articles;
      }
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
      tracker.copies(),
      storage,
    );
    const shape = options.shape === 'stream' ? `\n${describeStream(describeCorpus(generated))}\n` : '';
    process.stdout.write(`\n${report}${shape}\n`);
    if (options.write) {
      writeDocSection(join(ROOT, 'docs', 'benchmarks.md'), SECTION[options.shape], `${report}${shape}`);
      log('written to docs/benchmarks.md');
    }
  } finally {
    await bench.stop();
  }
}

runBench(main);
