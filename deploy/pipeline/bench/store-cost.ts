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
import { decidedOutcome, StoreFill } from './store-fill';
import { StreamCorpus, type StreamArticle } from './stream-corpus';

const SECTION = 'Store cost';
/** The rate the fill dates its articles at (articles/s): issue 21's goal. */
const FILL_RATE = 80;
/** Articles decided and stored per fill step. */
const FILL_STEP = 5_000;

/** Writes `candidates` as the store service does once the deduplicator has decided them (its decisions recorded). */
async function measure(
  db: mongo.Db,
  repository: ArticleRepository,
  candidates: readonly ArticleCandidate[],
  concurrency: number,
  stackPids: StackPids,
  stored: number,
): Promise<WindowCost> {
  const decisions = new Map(
    (
      await db
        .collection<DecisionRecord>('dedup_decisions')
        .find({ _id: { $in: candidates.map((input) => decisionId(input.id, input.rawDocumentId)) } })
        .toArray()
    ).map((record) => [record._id, record]),
  );
  return measureWindow(candidates, { concurrency, stackPids, stored }, async (input) => {
    const outcome = decidedOutcome(input, decisions);
    const now = new Date().toISOString();
    if (outcome.kind === 'unique') {
      const { record } = await repository.upsertEnriched(toEnrichedArticle(outcome.message, now), now);
      await repository.markPublished(record);
      return 'stored';
    }
    const attachment = await repository.recordDuplicate(outcome.message, now);
    if (attachment) await repository.markPublished(attachment.original);
    return 'duplicate';
  });
}

function report(options: CostBenchOptions, figures: readonly WindowCost[], corpus: string): string {
  const cpuOf = (row: WindowCost) => row.stackMs.ferretdb + row.stackMs.postgres;
  const rows = figures.map(
    (row) =>
      `| ${row.stored.toLocaleString('en')} | ${row.articles} (${row.duplicates} duplicates) | ${fmt(row.perSecond)} | ` +
      `${fmt(row.stackMs.ferretdb, 2)} | ${fmt(row.stackMs.postgres, 2)} | **${fmt(cpuOf(row), 2)}** | ${fmt(row.commands, 2)} |`,
  );
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
    ...growthLines(figures, cpuOf, 'Database CPU'),
  ]
    .filter((line, i, lines) => line !== '' || lines[i - 1] !== '')
    .join('\n');
}

async function main(): Promise<void> {
  const options = parseCostBenchArgs(process.argv.slice(2), { window: 2_000 });
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
    const figures: WindowCost[] = [];
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
          `${JSON.stringify(row.stackMs)}, ${fmt(row.commands, 2)} commands/article`,
      );
      // Written after every level: a long run stopped early keeps what it measured.
      const markdown = report(options, figures, corpusLine(generated));
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
