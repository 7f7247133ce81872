// `npm run bench:search`: what the full-text index costs the store's writes, per search scope (ARTICLE_SEARCH_SCOPE:
// story, body) and with no text index at all, on the stream-shaped corpus. For each, a fresh PostgreSQL + FerretDB
// is filled with `--warm` articles as the pipeline would have written them (dedup-fill.ts, store-fill.ts: articles,
// attachments of duplicates, publication notes), left to settle, and then `--window` more are written the same way
// while the CPU of PostgreSQL (with its backends) and of FerretDB is counted. Results go to docs/benchmarks.md,
// section "Search scope cost".
import {
  articleModels,
  connectMongo,
  ensureArticleIndexes,
  searchIndexName,
  type SearchScope,
} from '@inkstream/persistence';
import { removeStackData } from '@inkstream/embedded-stack';
import { measuredOn, writeDocSection } from '@inkstream/measure';
import { join } from 'node:path';
import type { Connection } from 'mongoose';
import { candidateOf, DedupFill } from './dedup-fill';
import { fmt, loadPool, log, ROOT, runBench, settle, startThrowawayStack } from './harness';
import { CLK_TCK, treeCpuTicks } from './process-cpu';
import { StoreFill } from './store-fill';
import { StreamCorpus } from './stream-corpus';

const SECTION = 'Search scope cost';
const FILL_RATE = 80;
type Variant = SearchScope | 'none';
const VARIANTS: readonly Variant[] = ['body', 'story', 'none'];

interface Options {
  warm: number;
  window: number;
  write: boolean;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { warm: 4_000, window: 2_000, write: true };
  for (let i = 0; i < argv.length; i += 1) {
    const [flag, inline] = argv[i].split('=');
    const value = () => Number(inline ?? argv[++i]);
    if (flag === '--warm') options.warm = value();
    else if (flag === '--window') options.window = value();
    else if (flag === '--no-write') options.write = false;
    else throw new Error(`unknown option ${argv[i]} (--warm N --window N --no-write)`);
  }
  for (const [name, count] of [
    ['--warm', options.warm],
    ['--window', options.window],
  ] as const) {
    if (!Number.isSafeInteger(count) || count < 1) throw new Error(`${name}: expected a positive integer`);
  }
  return options;
}

interface Figures {
  variant: Variant;
  written: number;
  postgresMs: number;
  ferretdbMs: number;
  wallMs: number;
  textIndexBytes: number;
}

async function measureVariant(variant: Variant, options: Options): Promise<Figures> {
  const { stack, dataDir, pids } = await startThrowawayStack('bench-search', ['postgres', 'ferretdb'] as const);
  let mongo: Connection | undefined;
  try {
    mongo = await connectMongo(`${stack.mongoUri}bench`, { appName: 'bench-search' });
    const db = mongo.db;
    if (!db) throw new Error('bench: the connection has no database');
    const models = articleModels(mongo);
    await ensureArticleIndexes(models, { searchScope: variant === 'none' ? 'story' : variant, ownsSearchIndex: true });
    if (variant === 'none') await db.collection('articles').dropIndex(searchIndexName('story'));
    // The same corpus for every variant: each starts from the same seed.
    const corpus = new StreamCorpus(loadPool());
    const dedup = new DedupFill(db);
    const base = Date.now() - 60_000 - ((options.warm + options.window) / FILL_RATE) * 1000;
    let next = 0;
    const fill = async (count: number) => {
      const candidates = corpus.next(count).map(candidateOf);
      const first = next;
      await dedup.add(candidates, (i) => base + ((first + i) * 1000) / FILL_RATE);
      next += count;
      return candidates;
    };
    log(`${variant}: filling ${options.warm.toLocaleString('en')} articles`);
    await new StoreFill(db).add(await fill(options.warm), () => new Date().toISOString());
    const window = await fill(options.window);
    await settle(pids.postgres);
    const before = { postgres: treeCpuTicks(pids.postgres), ferretdb: treeCpuTicks(pids.ferretdb), at: Date.now() };
    const store = new StoreFill(db);
    await store.add(window, () => new Date().toISOString());
    const ms = (ticks: number) => (ticks * 1000) / CLK_TCK / options.window;
    const stats = (await db.command({ collStats: 'articles' })) as { indexSizes?: Record<string, number> };
    const figures = {
      variant,
      written: store.written.articles + store.written.attachments,
      postgresMs: ms(treeCpuTicks(pids.postgres) - before.postgres),
      ferretdbMs: ms(treeCpuTicks(pids.ferretdb) - before.ferretdb),
      wallMs: (Date.now() - before.at) / options.window,
      textIndexBytes: variant === 'none' ? 0 : (stats.indexSizes?.[searchIndexName(variant)] ?? 0),
    };
    log(`  ${JSON.stringify(figures)}`);
    return figures;
  } finally {
    await mongo?.close();
    await stack.stop({ timeoutMs: 0 });
    removeStackData(dataDir);
  }
}

const LABEL: Record<Variant, string> = {
  body: '`body`: title + every word of the body',
  story:
    '`story` (default): title + standfirst, 60-word lede, summary, entities, places, keywords, without common words',
  none: 'no text index (no `q=`)',
};

function report(options: Options, rows: Figures[]): string {
  const total = options.warm + options.window;
  return [
    `## ${SECTION}`,
    '',
    `${measuredOn()} \`npm run bench:search\`.`,
    '',
    `What the full-text index costs the store's writes on FerretDB 2.5 / PostgreSQL 15 + DocumentDB. For each row a ` +
      `fresh stack holds ${options.warm.toLocaleString('en')} articles of the stream-shaped corpus as the pipeline ` +
      `writes them (dedup-fill.ts, store-fill.ts), then ${options.window.toLocaleString('en')} more are written the ` +
      `same way (new articles, duplicates attached to their originals, publication notes) while the CPU of ` +
      `PostgreSQL and FerretDB is counted. Per article of the window:`,
    '',
    '| text index | PostgreSQL CPU ms | FerretDB CPU ms | wall ms | text index MB after ' +
      `${total.toLocaleString('en')} |`,
    '|---|---|---|---|---|',
    ...rows.map(
      (row) =>
        `| ${LABEL[row.variant]} | ${fmt(row.postgresMs, 2)} | ${fmt(row.ferretdbMs, 2)} | ${fmt(row.wallMs, 1)} | ` +
        `${fmt(row.textIndexBytes / 1_048_576, 1)} |`,
    ),
  ].join('\n');
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const rows: Figures[] = [];
  for (const variant of VARIANTS) rows.push(await measureVariant(variant, options));
  const markdown = report(options, rows);
  process.stdout.write(`${markdown}\n`);
  if (options.write) writeDocSection(join(ROOT, 'docs', 'benchmarks.md'), SECTION, markdown);
}

runBench(main);
