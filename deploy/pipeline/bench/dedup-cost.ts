// `npm run bench:dedup`: what one deduplicator decision costs as the store grows, on the stream-shaped corpus
// (stream-corpus.ts). The store is filled fast with what the deduplicator would have written (dedup-fill.ts), to each
// level of `--levels` (default 10,000 and 100,000 stored); after each fill the real Deduplicator, on FerretDB 2 /
// PostgreSQL + DocumentDB, decides the next `--window` articles of the stream, `--concurrency` at a time (as a
// service's partitions and keys overlap). Per article it reports CPU ms of this process (the deduplicator's work and
// its driver), of FerretDB and of PostgreSQL (with its backends), and the database commands; the articles/s are
// wall-clock on a shared machine. Results go to docs/benchmarks.md, section "Deduplicator cost". `--cpu-prof FILE`
// writes a CPU profile of this process over the last window measured.
import { DEFAULT_DEDUP_POLICY } from '@inkstream/dedup';
import { Deduplicator, FingerprintStore, MongoFingerprintIndex } from '@inkstream/dedup-mongo';
import { removeStackData } from '@inkstream/embedded-stack';
import { measuredOn, writeDocSection } from '@inkstream/measure';
import { connectMongo } from '@inkstream/persistence';
import type { ArticleCandidate } from '@inkstream/contracts';
import { join } from 'node:path';
import type { Connection, mongo } from 'mongoose';
import { cpuProfiler } from './cpu-profile';
import {
  corpusLine,
  growthLines,
  measureWindow,
  parseCostBenchArgs,
  type CostBenchOptions,
  type StackPids,
  type WindowCost,
} from './cost-bench';
import { candidateOf, DedupFill } from './dedup-fill';
import { fmt, loadPool, log, ROOT, runBench, settle, startThrowawayStack } from './harness';
import { StreamCorpus } from './stream-corpus';

const SECTION = 'Deduplicator cost';
/** The rate the fill dates its articles at (articles/s): the goal, so stored articles are as old as there. */
const FILL_RATE = 80;

interface Options extends CostBenchOptions {
  /** where to write a CPU profile of this process over the measured windows (the fill left out) */
  cpuProfile: string | null;
}

function parseArgs(argv: string[]): Options {
  let cpuProfile: string | null = null;
  const take = (file: string) => {
    cpuProfile = file;
  };
  const shared = parseCostBenchArgs(argv, { window: 1_000 }, { flag: '--cpu-prof', usage: '--cpu-prof FILE', take });
  return { ...shared, cpuProfile };
}

interface WindowFigures extends WindowCost {
  /** CPU ms per article of this process: the deduplicator's work and its driver. */
  deduplicatorMs: number;
}

async function measure(
  deduplicator: Deduplicator,
  candidates: readonly ArticleCandidate[],
  concurrency: number,
  stackPids: StackPids,
  stored: number,
): Promise<WindowFigures> {
  const before = process.cpuUsage();
  const cost = await measureWindow(candidates, { concurrency, stackPids, stored }, async (candidate) =>
    (await deduplicator.process(candidate)).kind === 'duplicate' ? 'duplicate' : 'stored',
  );
  const cpu = process.cpuUsage(before);
  return { ...cost, deduplicatorMs: (cpu.user + cpu.system) / 1000 / candidates.length };
}

// Claim generations have no index but `_id`.
const DEDUP_COLLECTIONS = ['dedup_fingerprints', 'dedup_decisions'];

async function dropSecondaryIndexes(db: mongo.Db): Promise<void> {
  for (const collection of DEDUP_COLLECTIONS) {
    // A collection nothing was written to yet does not exist: nothing to drop.
    const indexes = await db
      .collection(collection)
      .indexes()
      .catch((error: { codeName?: string }) => {
        if (error.codeName === 'NamespaceNotFound') return [];
        throw error;
      });
    for (const index of indexes)
      if (index.name && index.name !== '_id_') await db.collection(collection).dropIndex(index.name);
  }
}

const cpuOf = (row: WindowFigures) => row.deduplicatorMs + row.stackMs.ferretdb + row.stackMs.postgres;

function report(options: Options, figures: readonly WindowFigures[], corpus: string, fillSeconds: number[]): string {
  const rows = figures.map((row, i) => {
    const total = cpuOf(row);
    return (
      `| ${row.stored.toLocaleString('en')} | ${fmt(fillSeconds[i], 0)} | ${row.articles} (${row.duplicates} duplicates) | ` +
      `${fmt(row.perSecond)} | ${fmt(row.deduplicatorMs, 2)} | ${fmt(row.stackMs.ferretdb, 2)} | ` +
      `${fmt(row.stackMs.postgres, 2)} | **${fmt(total, 2)}** | ${fmt(row.commands, 2)} |`
    );
  });
  return [
    `## ${SECTION} (\`npm run bench:dedup\`)`,
    '',
    `${measuredOn()} Wall-clock rates were measured on a machine shared with other work: compare CPU per article.`,
    '',
    `The store is filled with what the deduplicator writes for the stream-shaped corpus decided in order (fingerprints ` +
      `posted under their lookup keys within the caps, a claim per key nobody held, the decision; dedup-fill.ts; ` +
      `loaded without secondary indexes, then the deduplicator's indexes built), ` +
      `dated at ${FILL_RATE} articles/s; then the real \`Deduplicator\` on FerretDB 2.5 / PostgreSQL 15 + DocumentDB ` +
      `decides the next ${options.window} articles of the stream, ${options.concurrency} at a time. ${corpus}`,
    '',
    '| stored before | fill s | window | articles/s (shared machine) | deduplicator CPU ms / article | FerretDB | PostgreSQL | total | DB commands / article |',
    '|---|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    ...growthLines(figures, cpuOf, 'CPU'),
  ]
    .filter((line, i, lines) => line !== '' || lines[i - 1] !== '')
    .join('\n');
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const corpus = new StreamCorpus(loadPool());
  const { stack, dataDir, pids } = await startThrowawayStack('bench-dedup', ['postgres', 'ferretdb'] as const);
  let mongo: Connection | undefined;
  const profiler = options.cpuProfile ? cpuProfiler(options.cpuProfile) : null;
  try {
    mongo = await connectMongo(`${stack.mongoUri}bench`, { appName: 'bench-dedup' });
    const db = mongo.db;
    if (!db) throw new Error('bench: the connection has no database');
    const store = new FingerprintStore(mongo, { retentionMs: 45 * 24 * 3_600_000 });
    await store.ensureIndexes();
    const deduplicator = new Deduplicator(store, new MongoFingerprintIndex(store), DEFAULT_DEDUP_POLICY);
    const fill = new DedupFill(db);
    const generated = [];
    const figures: WindowFigures[] = [];
    const fillSeconds: number[] = [];
    let stored = 0;
    for (const level of options.levels) {
      const articles = corpus.next(level - stored);
      generated.push(...articles);
      const startedAt = Date.now();
      // Dated as if they had arrived at FILL_RATE, the last a minute ago: older than the race window.
      const base = startedAt - 60_000 - ((level - stored) / FILL_RATE) * 1000;
      log(`filling ${stored.toLocaleString('en')} → ${level.toLocaleString('en')} stored`);
      // Loaded without secondary indexes, which are then built as the deduplicator's startup builds them: the same
      // store, filled in a fraction of the time.
      await dropSecondaryIndexes(db);
      await fill.add(articles.map(candidateOf), (i) => base + (i * 1000) / FILL_RATE);
      await store.ensureIndexes();
      fillSeconds.push((Date.now() - startedAt) / 1000);
      log(`  filled in ${fmt(fillSeconds.at(-1) as number, 0)} s (${JSON.stringify(fill.written)})`);
      await settle(pids.postgres);
      const window = corpus.next(options.window);
      generated.push(...window);
      const candidates = window.map(candidateOf);
      await profiler?.start();
      const row = await measure(deduplicator, candidates, options.concurrency, pids, level);
      await profiler?.stop();
      figures.push(row);
      log(
        `  after ${level.toLocaleString('en')}: ${fmt(row.perSecond)} articles/s, CPU ms/article ` +
          `${JSON.stringify({ deduplicator: row.deduplicatorMs, ...row.stackMs })}, ${fmt(row.commands, 2)} commands/article`,
      );
      // The fill's memory learns what the real deduplicator just decided, so the next fill's caps and claims agree.
      await fill.add(candidates, () => Date.now(), false);
      stored = level + options.window;
      // Written after every level: a long run stopped early keeps what it measured.
      const markdown = report(options, figures, corpusLine(generated), fillSeconds);
      process.stdout.write(`${markdown}\n`);
      if (options.write) writeDocSection(join(ROOT, 'docs', 'benchmarks.md'), SECTION, markdown);
    }
  } finally {
    await profiler?.close();
    await mongo?.close();
    await stack.stop({ timeoutMs: 0 });
    removeStackData(dataDir);
  }
}

runBench(main);
