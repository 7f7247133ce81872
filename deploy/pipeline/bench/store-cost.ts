// `npm run bench:store`: what the store's writes cost its database as the store grows, on the stream-shaped corpus
// (stream-corpus.ts). The store is filled fast with what the pipeline would have written (dedup-fill.ts for the
// decisions the store reads, store-fill.ts for articles, duplicates and publication notes) to each level of
// `--levels` (default 10,000 and 100,000 stored); after each fill, PostgreSQL left to settle, the store's own write
// path (`ArticleRepository`: insert or attach, then the publication note, as the store service does) writes the next
// `--window` articles of the stream, `--concurrency` at a time. Per article it reports the CPU ms of FerretDB and of
// PostgreSQL (with its backends) and the database commands. The deduplicator's side is `npm run bench:dedup`.
// Results go to docs/benchmarks.md, section "Store cost".
import type { ArticleCandidate } from '@inkstream/contracts';
import { decisionId, type DecisionRecord } from '@inkstream/dedup-mongo';
import { removeStackData } from '@inkstream/embedded-stack';
import { toEnrichedArticle } from '@inkstream/enricher';
import { measuredOn, writeDocSection } from '@inkstream/measure';
import {
  ArticleRepository,
  articleModels,
  connectMongo,
  DEFAULT_SEARCH_SCOPE,
  ensureArticleIndexes,
} from '@inkstream/persistence';
import { join } from 'node:path';
import type { Connection, mongo } from 'mongoose';
import { commandsPerArticle, countCommands } from './command-counts';
import { candidateOf, DedupFill } from './dedup-fill';
import { fmt, loadPool, log, ROOT, runBench, settle, startThrowawayStack } from './harness';
import { CLK_TCK, treeCpuTicks } from './process-cpu';
import { decidedOutcome, StoreFill } from './store-fill';
import { describeCorpus, StreamCorpus, type StreamArticle } from './stream-corpus';

const SECTION = 'Store cost';
/** The rate the fill dates its articles at (articles/s): issue 21's goal. */
const FILL_RATE = 80;
/** Articles decided and stored per fill step. */
const FILL_STEP = 5_000;

interface Options {
  levels: number[];
  window: number;
  concurrency: number;
  write: boolean;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { levels: [10_000, 100_000], window: 2_000, concurrency: 8, write: true };
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
    else throw new Error(`unknown option ${argv[i]} (--levels N,N --window N --concurrency N --no-write)`);
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
  cpuMs: { ferretdb: number; postgres: number };
  commands: number;
  commandsByName: Map<string, number>;
}

/** Writes `candidates` as the store service does once the deduplicator has decided them (its decisions recorded). */
async function measure(
  db: mongo.Db,
  repository: ArticleRepository,
  candidates: readonly ArticleCandidate[],
  concurrency: number,
  stackPids: Record<'ferretdb' | 'postgres', number>,
  stored: number,
): Promise<WindowFigures> {
  const decisions = new Map(
    (
      await db
        .collection<DecisionRecord>('dedup_decisions')
        .find({ _id: { $in: candidates.map((input) => decisionId(input.id, input.rawDocumentId)) } })
        .toArray()
    ).map((record) => [record._id, record]),
  );
  const commandCount = countCommands();
  const ticks = () => ({ ferretdb: treeCpuTicks(stackPids.ferretdb), postgres: treeCpuTicks(stackPids.postgres) });
  const before = { at: Date.now(), stack: ticks() };
  let next = 0;
  let duplicates = 0;
  const storeOne = async (input: ArticleCandidate) => {
    const outcome = decidedOutcome(input, decisions);
    const now = new Date().toISOString();
    if (outcome.kind === 'unique') {
      const { record } = await repository.upsertEnriched(toEnrichedArticle(outcome.message, now), now);
      await repository.markPublished(record);
      return;
    }
    duplicates += 1;
    const attachment = await repository.recordDuplicate(outcome.message, now);
    if (attachment) await repository.markPublished(attachment.original);
  };
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < candidates.length) await storeOne(candidates[next++]);
    }),
  );
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
      ferretdb: perArticleMs(stack.ferretdb - before.stack.ferretdb),
      postgres: perArticleMs(stack.postgres - before.stack.postgres),
    },
    commands: [...commandsByName.values()].reduce((a, b) => a + b, 0) / n,
    commandsByName,
  };
}

function report(options: Options, figures: readonly WindowFigures[], corpus: string): string {
  const cpuOf = (row: WindowFigures) => row.cpuMs.ferretdb + row.cpuMs.postgres;
  const rows = figures.map(
    (row) =>
      `| ${row.stored.toLocaleString('en')} | ${row.articles} (${row.duplicates} duplicates) | ${fmt(row.perSecond)} | ` +
      `${fmt(row.cpuMs.ferretdb, 2)} | ${fmt(row.cpuMs.postgres, 2)} | **${fmt(cpuOf(row), 2)}** | ${fmt(row.commands, 2)} |`,
  );
  const first = figures[0];
  const last = figures.at(-1) as WindowFigures;
  const byName = commandsPerArticle(last.commandsByName, last.articles);
  return [
    `## ${SECTION} (\`npm run bench:store\`)`,
    '',
    `${measuredOn()} Wall-clock rates were measured on a machine shared with other work: compare CPU per article.`,
    '',
    `The store is filled with what the pipeline writes for the stream-shaped corpus (dedup-fill.ts, store-fill.ts), ` +
      `dated at ${FILL_RATE} articles/s; after each fill, PostgreSQL left to settle, the store's own write path ` +
      `(\`ArticleRepository\`: the article inserted or a duplicate attached to its original, then the publication ` +
      `note) writes the next ${options.window} articles of the stream, ${options.concurrency} at a time, on FerretDB ` +
      `2.5 / PostgreSQL 15 + DocumentDB, search scope ${DEFAULT_SEARCH_SCOPE}. ${corpus}`,
    '',
    '| stored before | window | articles/s (shared machine) | FerretDB CPU ms / article | PostgreSQL | total | DB commands / article |',
    '|---|---|---|---|---|---|---|',
    ...rows,
    '',
    figures.length > 1
      ? `- Database CPU per article after ${last.stored.toLocaleString('en')} stored is **${fmt(cpuOf(last) / cpuOf(first), 2)} ×** ` +
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
  const { stack, dataDir, pids } = await startThrowawayStack('bench-store', ['postgres', 'ferretdb'] as const);
  let connection: Connection | undefined;
  try {
    connection = await connectMongo(`${stack.mongoUri}bench`, { appName: 'bench-store' });
    const db = connection.db;
    if (!db) throw new Error('bench: the connection has no database');
    const models = articleModels(connection);
    await ensureArticleIndexes(models, { searchScope: DEFAULT_SEARCH_SCOPE, ownsSearchIndex: true });
    const repository = new ArticleRepository(models);
    const dedupFill = new DedupFill(db);
    const storeFill = new StoreFill(db);
    const generated: StreamArticle[] = [];
    const figures: WindowFigures[] = [];
    const base = Date.now() - 60_000 - ((options.levels.at(-1) as number) / FILL_RATE) * 1000;
    let decided = 0;
    // Decided in order by the fill's in-memory deduplicator, its records written: what the store reads decisions from.
    const decide = async (count: number) => {
      const articles = corpus.next(count);
      generated.push(...articles);
      const first = decided;
      decided += count;
      return dedupFill.add(articles.map(candidateOf), (i) => base + ((first + i) * 1000) / FILL_RATE);
    };
    for (const level of options.levels) {
      log(`filling ${decided.toLocaleString('en')} → ${level.toLocaleString('en')} articles`);
      while (decided < level) {
        await storeFill.add(await decide(Math.min(FILL_STEP, level - decided)), () => new Date().toISOString());
      }
      const window = await decide(options.window);
      await settle(pids.postgres);
      const row = await measure(db, repository, window, options.concurrency, pids, level);
      figures.push(row);
      log(
        `  after ${level.toLocaleString('en')}: ${fmt(row.perSecond)} articles/s, CPU ms/article ` +
          `${JSON.stringify(row.cpuMs)}, ${fmt(row.commands, 2)} commands/article`,
      );
      // Written after every level: a long run stopped early keeps what it measured.
      const description = describeCorpus(generated);
      const corpusText =
        `Corpus: ${description.articles.toLocaleString('en')} articles (${description.kinds.original} originals, ` +
        `${description.kinds['follow-up']} follow-ups, ${description.kinds.copy} copies).`;
      const markdown = report(options, figures, corpusText);
      process.stdout.write(`${markdown}\n`);
      if (options.write) writeDocSection(join(ROOT, 'docs', 'benchmarks.md'), SECTION, markdown);
    }
  } finally {
    await connection?.close();
    await stack.stop({ timeoutMs: 0 });
    removeStackData(dataDir);
  }
}

runBench(main);
