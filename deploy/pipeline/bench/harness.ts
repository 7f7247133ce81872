// What the pipeline benchmarks share: the generated corpus's sentence pool, a fresh embedded stack with the
// pipeline's topics and services as separate processes, publishing raw documents, and accounting for every one of
// them (stored, recorded as a duplicate, or dead-lettered) from the clean and dead-letter topics.
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
  findFreePorts,
  removeStackData,
  startEmbeddedStack,
  stopEmbeddedStack,
  type RunningStack,
} from '@inkstream/embedded-stack';
import { createKafka, ensureTopics, pipelineTopicSpecs, type PipelineProducer } from '@inkstream/messaging';
import { createLogger } from '@inkstream/observability';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Consumer, Kafka } from 'kafkajs';
import { SERVICE_NAMES, type ServiceName } from '../services';
import { startServiceProcess, stopServiceProcess, waitHealthy, type ServiceProcess } from '../service-process';
import { parseConllSentences, parseGmbSentences, usableSentences, type BenchArticle } from './corpus';
import { CLK_TCK, treeCpuTicks } from './process-cpu';

export const ROOT = resolve(__dirname, '..', '..', '..');
/** The NER training sentences the corpus is built from; NER_DATASET_DIR as for libs/nlp's scripts (a worktree). */
export const DATASETS = process.env.NER_DATASET_DIR ?? join(ROOT, '..', 'shared', 'datasets', 'ner-train');
export const HOST = '127.0.0.1';
export const PREFIX = 'bench.';

export const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);

export function loadPool(): string[][] {
  const gmb = gunzipSync(readFileSync(join(DATASETS, 'gmb-ner_dataset.csv.gz'))).toString('latin1');
  const wikigold = readFileSync(join(DATASETS, 'wikigold.conll.txt'), 'utf8');
  const pool = usableSentences([...parseGmbSentences(gmb).slice(0, -1), ...parseConllSentences(wikigold)]);
  log(`sentence pool: ${pool.length} sentences (GMB public domain / ODbL extract, wikigold CC BY 4.0)`);
  return pool;
}

/** Near-copies published, and the keys of those stored beside their original (a story let through twice). */
export interface CopyCount {
  published: number;
  storedTwice: number;
  twice: string[];
}

/** What the bench knows of each published raw document, by its URL. */
export interface Tracked {
  article: BenchArticle;
  publishedAt: number;
  doneAt?: number;
  /** Stored as a new article (false: recorded as a duplicate of another). */
  unique?: boolean;
  deadLettered?: boolean;
}

export class Tracker {
  readonly byUrl = new Map<string, Tracked>();
  /** When each dead letter was seen (ms), its document's or not: the resilience run charges them to faults. */
  readonly deadLetterTimes: number[] = [];
  /** Documents planned to be dead-lettered (the resilience run's oversized output): outcomes, not findings. */
  readonly expectedDeadLetterUrls = new Set<string>();
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
    if (!this.expectedDeadLetterUrls.has(value.url ?? '')) this.deadLetterTimes.push(at);
    const tracked = value.url ? this.byUrl.get(value.url) : undefined;
    if (tracked) tracked.deadLettered = true;
    this.mark(value.url ?? null, at, false);
  }

  /**
   * Near-copies published, and how many stories were stored twice: a copy and its original both stored as new
   * articles. (Which of the two is stored does not matter: a copy decided before its original, on another
   * partition, is the story's first article and the original becomes its duplicate.)
   */
  copies(): CopyCount {
    const byKey = new Map([...this.byUrl.values()].map((tracked) => [tracked.article.key, tracked]));
    let published = 0;
    const twice: string[] = [];
    for (const tracked of this.byUrl.values()) {
      if (tracked.article.copyOf === null) continue;
      published += 1;
      const original = byKey.get(tracked.article.copyOf);
      if (tracked.unique && original?.unique) twice.push(tracked.article.key);
    }
    return { published, storedTwice: twice.length, twice };
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
export async function watchOutcomes(kafka: Kafka, tracker: Tracker, group: string): Promise<Consumer> {
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

export function progress(label: string, done: number, target: number, since: number, startDone: number): void {
  const width = 30;
  const share = Math.min(1, target > 0 ? done / target : 1);
  const rate = (done - startDone) / Math.max(0.001, (Date.now() - since) / 1000);
  const bar = '#'.repeat(Math.round(share * width)).padEnd(width, '.');
  process.stderr.write(`\r[bench] ${label.padEnd(14)} [${bar}] ${done}/${target}  ${rate.toFixed(1)}/s   `);
}

export async function waitFor(
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

/** The raw document's URL (unique per article): how the outcome topics name it back. */
export function urlOf(article: BenchArticle): string {
  return `https://${article.sourceId}.bench.example/news/${article.key}`;
}

/** The raw document the bench publishes for an article, as a drop source's fetch would build it. */
export function rawDocumentOf(article: BenchArticle) {
  const url = urlOf(article);
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
}

export function rawDocumentsFor(articles: readonly BenchArticle[], tracker: Tracker) {
  return articles.map((article) => {
    tracker.add(urlOf(article), article);
    return rawDocumentOf(article);
  });
}

export async function publish(
  producer: PipelineProducer,
  articles: readonly BenchArticle[],
  tracker: Tracker,
): Promise<void> {
  for (let i = 0; i < articles.length; i += 100) {
    await producer.publish(Topics.rawDocuments, rawDocumentsFor(articles.slice(i, i + 100), tracker));
  }
}

/**
 * Publishes at a fixed rate (articles/s) in small bursts every 200 ms. With `onSendError`, a burst Kafka does not take
 * (the broker restarting) is sent again every second, as the fetcher's next run would, instead of failing the bench.
 */
export async function publishAtRate(
  producer: PipelineProducer,
  articles: readonly BenchArticle[],
  tracker: Tracker,
  rate: number,
  onSendError?: (error: Error) => void,
): Promise<void> {
  const began = Date.now();
  let sent = 0;
  while (sent < articles.length) {
    const due = Math.min(articles.length, Math.floor(((Date.now() - began) / 1000) * rate));
    if (due > sent) {
      const documents = rawDocumentsFor(articles.slice(sent, due), tracker);
      for (;;) {
        try {
          await producer.publish(Topics.rawDocuments, documents);
          break;
        } catch (error) {
          if (!onSendError) throw error;
          onSendError(error as Error);
          await new Promise((done) => setTimeout(done, 1_000));
        }
      }
      sent = due;
    }
    await new Promise((done) => setTimeout(done, 200));
  }
}

/** CPU ticks of a process and all its descendants (PostgreSQL forks a backend per connection). */
export function fmt(value: number, digits = 1): string {
  return Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
}

export interface BenchStack {
  stack: RunningStack;
  kafka: Kafka;
  brokers: string;
  mongoUri: string;
  /** The processes of the stack itself (Kafka, PostgreSQL, FerretDB), for CPU accounting. */
  stackPids: Record<string, number>;
  services: ServiceProcess[];
  /** Starts one more process of a service (a replica), on a free port; resolves once it is healthy. */
  startService(name: ServiceName): Promise<ServiceProcess>;
  /** Stops the services and the stack; `keepData` keeps the stack's data and logs (a failed run, to read them). */
  stop(options?: { keepData?: boolean }): Promise<void>;
}

const STACK_COMPONENTS = ['kafka', 'postgres', 'ferretdb'] as const;
type StackComponentName = (typeof STACK_COMPONENTS)[number];

/**
 * A fresh embedded stack of `components` in `.cache/<name>-stack` on free ports, with the pid of each process (for
 * CPU accounting and kills). Its data is throwaway: a bench interrupted earlier (Ctrl-C, a kill) may have left it
 * running, so it is stopped and wiped first.
 */
export async function startThrowawayStack<C extends StackComponentName>(
  name: string,
  components: readonly C[],
): Promise<{ stack: RunningStack; dataDir: string; pids: Record<C, number> }> {
  const dataDir = join(ROOT, '.cache', `${name}-stack`);
  const [kafkaPort, controllerPort, mongoPort, postgresPort] = await findFreePorts(4);
  log(`starting a fresh embedded stack in ${dataDir}`);
  await stopEmbeddedStack(dataDir, { timeoutMs: 0 });
  const stack = await startEmbeddedStack({
    dataDir,
    fresh: true,
    kafkaPort,
    controllerPort,
    mongoPort,
    postgresPort,
    detached: false,
    components: [...components],
    log: (line) => log(`  ${line}`),
  });
  const pidOf = (component: C) =>
    Number(JSON.parse(readFileSync(join(dataDir, 'run', `${component}.pid`), 'utf8')).pid);
  const pids = Object.fromEntries(components.map((component) => [component, pidOf(component)])) as Record<C, number>;
  return { stack, dataDir, pids };
}

/**
 * A fresh embedded stack in `.cache/<name>-stack`, the pipeline's topics under the bench prefix, and one process of
 * each of the six services (as `npm start` runs them). `extraEnv` reaches every service.
 */
export async function startBenchStack(
  name: string,
  partitions: number,
  /** more environment for every service; a function when it names a service's own port (a callback URL) */
  extraEnv: Record<string, string> | ((ports: Record<ServiceName, number>) => Record<string, string>) = {},
  /** The bench's own Kafka client; `fatal` for a run that restarts the broker on purpose (its reconnects are noise). */
  clientLogLevel = 'warn',
): Promise<BenchStack> {
  const { stack, dataDir, pids: stackPids } = await startThrowawayStack(name, STACK_COMPONENTS);
  const servicePorts = await findFreePorts(SERVICE_NAMES.length);
  const brokers = stack.kafkaBrokers.join(',');
  const mongoUri = `${stack.mongoUri}bench`;
  const kafka = createKafka({
    clientId: 'inkstream-bench',
    brokers: stack.kafkaBrokers,
    logger: createLogger('bench', clientLogLevel),
  });
  await ensureTopics(
    kafka,
    pipelineTopicSpecs({
      prefix: PREFIX,
      numPartitions: partitions,
      replicationFactor: 1,
      consumers: [...PIPELINE_SUBSCRIPTIONS],
    }),
  );
  const ports = Object.fromEntries(SERVICE_NAMES.map((service, index) => [service, servicePorts[index]])) as Record<
    ServiceName,
    number
  >;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    KAFKA_BROKERS: brokers,
    MONGODB_URI: mongoUri,
    KAFKA_TOPIC_PREFIX: PREFIX,
    KAFKA_TOPIC_PARTITIONS: String(partitions),
    // Service logs cost CPU the figures should not include; INKSTREAM_BENCH_LOG_LEVEL=info to see every message.
    LOG_LEVEL: process.env.INKSTREAM_BENCH_LOG_LEVEL ?? 'warn',
    GATEWAY_SERVICE_URLS: SERVICE_NAMES.map((service) => `${service}=http://${HOST}:${ports[service]}`).join(','),
    KAFKAJS_NO_PARTITIONER_WARNING: '1',
    ...(typeof extraEnv === 'function' ? extraEnv(ports) : extraEnv),
  };
  const logDir = join(ROOT, '.cache', `${name}-logs`);
  const services = SERVICE_NAMES.map((service) =>
    startServiceProcess({ root: ROOT, name: service, port: ports[service], host: HOST, env, logDir, echo: false }),
  );
  // An interrupted bench (Ctrl-C, a timeout's SIGTERM) takes its services and stack down with it: left running they
  // hold ports and CPU and spoil the next measurement.
  const onSignal = (signal: NodeJS.Signals): void => {
    log(`${signal}: stopping the services and the stack`);
    void stop().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const stop = async ({ keepData = false }: { keepData?: boolean } = {}) => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    for (const service of [...services].reverse()) await stopServiceProcess(service, 20_000);
    await stack.stop({ timeoutMs: 0 });
    if (keepData) log(`the stack's data and logs are kept in ${dataDir} (delete them by hand)`);
    else removeStackData(dataDir);
  };
  try {
    await Promise.all(services.map((service) => waitHealthy(service, 120_000)));
  } catch (error) {
    await stop();
    throw error;
  }
  log(`services healthy (logs in ${logDir})`);
  const startService = async (service: ServiceName): Promise<ServiceProcess> => {
    const [port] = await findFreePorts(1);
    const replica = startServiceProcess({ root: ROOT, name: service, port, host: HOST, env, logDir, echo: false });
    services.push(replica);
    await waitHealthy(replica, 120_000);
    return replica;
  };
  return { stack, kafka, brokers, mongoUri, stackPids, services, startService, stop };
}

/**
 * Waits until PostgreSQL is quiet: after a bulk fill its autovacuum and autoanalyze work through the new rows for a
 * while, a cost of the fill (spread over hours in a running store), not of the window measured next.
 */
export async function settle(postgresPid: number): Promise<void> {
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    const before = treeCpuTicks(postgresPid);
    await new Promise((done) => setTimeout(done, 3_000));
    const busy = (treeCpuTicks(postgresPid) - before) / CLK_TCK / 3;
    if (busy < 0.05 || Date.now() > deadline) {
      log(`  PostgreSQL settled (${fmt(busy * 100, 0)} % of a core)`);
      return;
    }
  }
}

/** A benchmark's entry point: exit 0 when it completes, 1 with the error when it fails (CI reads the code). */
export function runBench(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (error: Error) => {
      console.error(`\n[bench] failed: ${error.stack ?? error.message}`);
      process.exit(1);
    },
  );
}
