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
import { commandsPerArticle, countCommands } from './command-counts';
import { candidateOf, DedupFill } from './dedup-fill';
import { fmt, loadPool, log, ROOT, runBench, startThrowawayStack } from './harness';
import { CLK_TCK, treeCpuTicks } from './process-cpu';
import { describeCorpus, StreamCorpus } from './stream-corpus';

const SECTION = 'Deduplicator cost';
/** The rate the fill dates its articles at (articles/s): the goal, so stored articles are as old as there. */
const FILL_RATE = 80;

interface Options {
  levels: number[];
  window: number;
  concurrency: number;
  write: boolean;
  /** where to write a CPU profile of this process over the measured windows (the fill left out) */
  cpuProfile: string | null;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { levels: [10_000, 100_000], window: 1_000, concurrency: 8, write: true, cpuProfile: null };
  for (let i = 0; i < argv.length; i += 1) {
    const [flag, inline] = argv[i].split('=');
    const value = () => inline ?? argv[++i];
    const count = (text: string) => {
      const parsed = Number(text);
      if (!Number.isSafeInteger(parsed) || parsed < 1) throw new Error(`${flag} ${text}: expected a positive integer`);
      return parsed;
    };
    if (flag === '--levels') options.levels = value().split(',').map(count);
    else if (flag === '--window') options.window = count(value());
    else if (flag === '--concurrency') options.concurrency = count(value());
    else if (flag === '--no-write') options.write = false;
    else if (flag === '--cpu-prof') options.cpuProfile = value();
    else {
      throw new Error(`unknown option ${argv[i]} (--levels N,N --window N --concurrency N --no-write --cpu-prof FILE)`);
    }
  }
  if (options.levels.some((level, i) => i > 0 && level <= options.levels[i - 1])) {
    throw new Error(`--levels ${options.levels.join(',')}: expected increasing store sizes`);
  }
  return options;
}

interface WindowFigures {
  stored: number;
  articles: number;
  duplicates: number;
  perSecond: number;
  cpuMs: { deduplicator: number; ferretdb: number; postgres: number };
  commands: number;
  commandsByName: Map<string, number>;
}

async function measure(
  deduplicator: Deduplicator,
  candidates: readonly ArticleCandidate[],
  concurrency: number,
  stackPids: Record<'ferretdb' | 'postgres', number>,
  stored: number,
): Promise<WindowFigures> {
  const commandCount = countCommands();
  const ticks = () => ({ ferretdb: treeCpuTicks(stackPids.ferretdb), postgres: treeCpuTicks(stackPids.postgres) });
  const before = { at: Date.now(), cpu: process.cpuUsage(), stack: ticks() };
  let next = 0;
  let duplicates = 0;
  const worker = async () => {
    while (next < candidates.length) {
      const outcome = await deduplicator.process(candidates[next++]);
      if (outcome.kind === 'duplicate') duplicates += 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const cpu = process.cpuUsage(before.cpu);
  const stack = ticks();
  const seconds = (Date.now() - before.at) / 1000;
  const commandsByName = commandCount.stop();
  const n = candidates.length;
  const perArticleMs = (delta: number) => (delta * 1000) / CLK_TCK / n;
  return {
    stored,
    articles: n,
    duplicates,
    perSecond: n / seconds,
    cpuMs: {
      deduplicator: (cpu.user + cpu.system) / 1000 / n,
      ferretdb: perArticleMs(stack.ferretdb - before.stack.ferretdb),
      postgres: perArticleMs(stack.postgres - before.stack.postgres),
    },
    commands: [...commandsByName.values()].reduce((a, b) => a + b, 0) / n,
    commandsByName,
  };
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

/**
 * Waits until PostgreSQL is quiet: after a bulk fill its autovacuum and autoanalyze work through the new rows for a
 * while, a cost of the fill (spread over hours in a running store), not of the window measured next.
 */
async function settle(pids: Record<'ferretdb' | 'postgres', number>): Promise<void> {
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    const before = treeCpuTicks(pids.postgres);
    await new Promise((done) => setTimeout(done, 3_000));
    const busy = (treeCpuTicks(pids.postgres) - before) / CLK_TCK / 3;
    if (busy < 0.05 || Date.now() > deadline) {
      log(`  PostgreSQL settled (${fmt(busy * 100, 0)} % of a core)`);
      return;
    }
  }
}

function report(options: Options, figures: readonly WindowFigures[], corpus: string, fillSeconds: number[]): string {
  const rows = figures.map((row, i) => {
    const total = row.cpuMs.deduplicator + row.cpuMs.ferretdb + row.cpuMs.postgres;
    return (
      `| ${row.stored.toLocaleString('en')} | ${fmt(fillSeconds[i], 0)} | ${row.articles} (${row.duplicates} duplicates) | ` +
      `${fmt(row.perSecond)} | ${fmt(row.cpuMs.deduplicator, 2)} | ${fmt(row.cpuMs.ferretdb, 2)} | ` +
      `${fmt(row.cpuMs.postgres, 2)} | **${fmt(total, 2)}** | ${fmt(row.commands, 2)} |`
    );
  });
  const last = figures.at(-1) as WindowFigures;
  const byName = commandsPerArticle(last.commandsByName, last.articles);
  const first = figures[0];
  const cpuOf = (row: WindowFigures) => row.cpuMs.deduplicator + row.cpuMs.ferretdb + row.cpuMs.postgres;
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
    figures.length > 1
      ? `- CPU per article after ${last.stored.toLocaleString('en')} stored is **${fmt(cpuOf(last) / cpuOf(first), 2)} ×** ` +
        `that after ${first.stored.toLocaleString('en')}; commands per article ${fmt(first.commands, 2)} → ${fmt(last.commands, 2)}.`
      : '',
    `- Commands per article after ${last.stored.toLocaleString('en')} stored, by command: ${byName}.`,
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
      await settle(pids);
      const window = corpus.next(options.window);
      generated.push(...window);
      const candidates = window.map(candidateOf);
      await profiler?.start();
      const row = await measure(deduplicator, candidates, options.concurrency, pids, level);
      await profiler?.stop();
      figures.push(row);
      log(
        `  after ${level.toLocaleString('en')}: ${fmt(row.perSecond)} articles/s, CPU ms/article ` +
          `${JSON.stringify(row.cpuMs)}, ${fmt(row.commands, 2)} commands/article`,
      );
      // The fill's memory learns what the real deduplicator just decided, so the next fill's caps and claims agree.
      await fill.add(candidates, () => Date.now(), false);
      stored = level + options.window;
      // Written after every level: a long run stopped early keeps what it measured.
      const description = describeCorpus(generated);
      const corpusText =
        `Corpus: ${description.articles.toLocaleString('en')} articles (${description.kinds.original} originals, ` +
        `${description.kinds['follow-up']} follow-ups, ${description.kinds.copy} copies).`;
      const markdown = report(options, figures, corpusText, fillSeconds);
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
