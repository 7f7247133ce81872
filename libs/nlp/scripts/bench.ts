// Enrichment throughput: articles per second on one core for a ~700-word news article through enrichArticle.
// Writes docs/benchmarks.md, section `enrichment`:   node -r @swc-node/register libs/nlp/scripts/bench.ts
import { measuredOn, writeDocSection } from '@inkstream/measure';
import { enrichArticle } from '../src/enrich';
import { configureSentenceCache } from '../src/ner/default-tagger';
import { KYIV_ARTICLE, NATO_ARTICLE } from '../src/fixtures/arabnews-sample';

const WARMUP_MS = 1_500;
const MEASURE_MS = Number(process.env.BENCH_MS ?? 8_000);

function wordCount(text: string): number {
  return text.split(/\s+/u).filter(Boolean).length;
}

/** The sample's paragraphs, in order, up to about 700 words: a typical wire story's length. */
function benchArticle(): { text: string; title: string; words: number } {
  const pool = [...NATO_ARTICLE.text.split('\n'), ...KYIV_ARTICLE.text.split('\n')];
  const paragraphs: string[] = [];
  while (wordCount(paragraphs.join('\n')) < 700 && pool.length > 0) paragraphs.push(pool.shift() as string);
  const text = paragraphs.join('\n');
  return { text, title: NATO_ARTICLE.title, words: wordCount(text) };
}

interface Run {
  count: number;
  elapsed: number;
  cpuMs: number;
  samples: number[];
}

function run(ms: number, article: { text: string; title: string }): Run {
  const samples: number[] = [];
  const cpuBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < ms) {
    const before = process.hrtime.bigint();
    enrichArticle({ text: article.text, title: article.title, publishedAt: '2024-07-05T12:00:00Z' });
    const after = process.hrtime.bigint();
    samples.push(Number(after - before) / 1e6);
    elapsed = Number(after - started) / 1e6;
  }
  const cpu = process.cpuUsage(cpuBefore);
  return { count: samples.length, elapsed, cpuMs: (cpu.user + cpu.system) / 1000, samples };
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function main(): void {
  // The same article again and again would be answered from the cache of recent sentences: this measures the cost
  // of text never seen (what recurring news text saves is measured on the stream-shaped corpus by bench:pipeline).
  configureSentenceCache(0);
  const article = benchArticle();
  const coldStart = process.hrtime.bigint();
  enrichArticle({ text: article.text, title: article.title });
  const coldMs = Number(process.hrtime.bigint() - coldStart) / 1e6;
  run(WARMUP_MS, article);
  const { count, elapsed, cpuMs, samples } = run(MEASURE_MS, article);
  const sorted = [...samples].sort((a, b) => a - b);
  // Per core = per second of this process's CPU time: on a shared machine wall time also counts other work.
  const perCpuSecond = count / (cpuMs / 1000);
  const perWallSecond = count / (elapsed / 1000);
  const markdown = [
    '## Enrichment (`libs/nlp` `enrichArticle`)',
    '',
    `One ${article.words}-word news article (the Arab News sample) through the full \`enrichArticle\` — language,`,
    'NER with rules and canonical names, places, keywords, topics, summary, quotes, figures — in a single thread',
    '(one core), after warm-up, with the cache of recent sentences off (every sentence tagged, as new text is).',
    'Goal: ≥ 100 articles/s/core.',
    '',
    '| metric | value |',
    '|---|---|',
    `| articles per second per core (per CPU-second of this process) | **${perCpuSecond.toFixed(0)}** |`,
    `| articles per wall-clock second (single thread, machine shared) | ${perWallSecond.toFixed(0)} |`,
    `| latency p50 / p95 / p99 | ${percentile(sorted, 50).toFixed(2)} / ${percentile(sorted, 95).toFixed(2)} / ${percentile(sorted, 99).toFixed(2)} ms |`,
    `| first call (loads and decodes the model) | ${coldMs.toFixed(0)} ms |`,
    `| articles measured | ${count} over ${(elapsed / 1000).toFixed(1)} s |`,
    '',
    'Reproduce: `node -r @swc-node/register libs/nlp/scripts/bench.ts` (or `npm run bench`). The machine is shared,',
    'so figures vary with load; compare runs on the same machine.',
    '',
    measuredOn(),
  ].join('\n');
  writeDocSection('docs/benchmarks.md', 'enrichment', markdown);
  console.log(markdown);
}

main();
