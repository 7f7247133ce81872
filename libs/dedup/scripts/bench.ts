// Per-article cost of the deduplicator's index path (fingerprint lookup, decision, insert with claims) with 10k
// and 1M fingerprints stored, and the memory that costs. Writes the `dedup` section of docs/benchmarks.md.
// The index is filled with synthetic fingerprints shaped like real ones (same band count, ~15 paragraph keys,
// ~100 sampled shingles, per-site boilerplate paragraphs); the articles measured are the real labelled set.
// Usage: node -r @swc-node/register libs/dedup/scripts/bench.ts [--sizes 10000,1000000] [--no-docs]
// It re-runs itself with --max-old-space-size=8192 when started with less.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { getHeapStatistics } from 'node:v8';
import { join } from 'node:path';
import {
  DEFAULT_DEDUP_POLICY,
  DEFAULT_FINGERPRINT_SETTINGS,
  InMemoryFingerprintIndex,
  fingerprintArticle,
  judge,
  type ArticleFingerprint,
} from '../src';
import { DATASETS_DIR, measuredOn, writeDocSection, seededRandom, type Random } from '@inkstream/measure';
import { buildLabelledSet, type BaseArticle } from './labelled-set';

const ROOT = join(__dirname, '..', '..', '..');
const HEAP_MB = 8192;

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] ? process.argv[at + 1] : fallback;
}

function syntheticFingerprint(random: Random, n: number): ArticleFingerprint {
  const word = () => (random() * 0x100000000) >>> 0;
  const words = (length: number) => {
    const array = new Uint32Array(length);
    for (let i = 0; i < length; i++) array[i] = word();
    return array;
  };
  const site = n % 2000;
  const paragraphs = 10 + Math.floor(random() * 10);
  const paragraphKeys = words(paragraphs).map((key) => (key & ~1) >>> 0 || 2);
  // Three boilerplate paragraphs per site, shared by all its articles, as on real sites.
  for (let b = 0; b < 3; b++) paragraphKeys[paragraphs - 1 - b] = ((site * 7919 + b * 104729 + 1) << 1) >>> 0;
  const samples = 64 + Math.floor(random() * 64);
  const values = words(samples).sort();
  const paragraphOf = new Uint16Array(samples);
  for (let i = 0; i < samples; i++) paragraphOf[i] = Math.floor(random() * paragraphs);
  return {
    urlKey: `https://site${site}.example/news/${n}`,
    contentHash: n.toString(16).padStart(64, '0'),
    bandKeys: words(DEFAULT_FINGERPRINT_SETTINGS.lsh.bands),
    paragraphKeys,
    sentenceKeys: words(20),
    numberKeys: words(4).sort(),
    sample: { values, paragraphOf, shift: 1 },
    shingleCount: samples * 2,
  };
}

function loadBases(): BaseArticle[] {
  const truth = JSON.parse(readFileSync(join(DATASETS_DIR, 'extraction-dev/ground-truth.json'), 'utf8')) as Record<
    string,
    { articleBody: string; url: string }
  >;
  return Object.entries(truth).map(([key, page]) => ({
    key,
    title: key.slice(0, 12),
    body: page.articleBody,
    url: page.url,
  }));
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(0);

interface Row {
  stored: number;
  fillSeconds: number;
  fingerprintP50: number;
  processP50: number;
  processP99: number;
  processMax: number;
  heapMiB: string;
  rssMiB: string;
  typedMiB: string;
  bytesPerFingerprint: number;
}

function measure(stored: number, articles: ReturnType<typeof buildLabelledSet>): Row {
  globalThis.gc?.();
  const before = process.memoryUsage();
  const index = new InMemoryFingerprintIndex({ expectedArticles: stored + articles.length * 4 });
  const random = seededRandom(stored);
  const fillStart = performance.now();
  for (let n = 0; n < stored; n++) {
    index.insert({
      id: `s${n}`,
      clusterId: `s${n}`,
      sourceId: null,
      seenAt: 0,
      fingerprint: syntheticFingerprint(random, n),
    });
  }
  const fillSeconds = (performance.now() - fillStart) / 1000;
  globalThis.gc?.();
  const after = process.memoryUsage();

  const fingerprintTimes: number[] = [];
  const processTimes: number[] = [];
  // Three passes over the set (ids made distinct), so the figures rest on ~1000 articles and warm code.
  for (let pass = 0; pass < 3; pass++) {
    for (const [i, article] of articles.entries()) {
      const id = `${article.id}-${pass}`;
      const now = (pass * articles.length + i) * 1000;
      const t0 = performance.now();
      const fingerprint = fingerprintArticle({ body: article.body, url: `${article.url}?pass=${pass}` });
      const t1 = performance.now();
      const lookup = index.lookup(fingerprint);
      const decision = judge({ id, sourceId: article.sourceId, fingerprint }, lookup, DEFAULT_DEDUP_POLICY, now);
      index.insert({ id, clusterId: decision.clusterId, sourceId: article.sourceId, seenAt: now, fingerprint });
      const t2 = performance.now();
      fingerprintTimes.push(t1 - t0);
      processTimes.push(t2 - t1);
    }
  }
  fingerprintTimes.sort((a, b) => a - b);
  processTimes.sort((a, b) => a - b);
  return {
    stored,
    fillSeconds,
    fingerprintP50: percentile(fingerprintTimes, 0.5),
    processP50: percentile(processTimes, 0.5),
    processP99: percentile(processTimes, 0.99),
    processMax: processTimes[processTimes.length - 1],
    heapMiB: mib(after.heapUsed),
    rssMiB: mib(after.rss),
    typedMiB: mib(index.typedArrayBytes),
    bytesPerFingerprint: Math.round((after.rss - before.rss) / Math.max(1, stored)),
  };
}

async function run(): Promise<void> {
  const sizes = option('sizes', '10000,1000000').split(',').map(Number);
  const articles = buildLabelledSet(loadBases(), { seed: 7, briefs: 40 });
  const rows: Row[] = [];
  for (const size of sizes) {
    const row = measure(size, articles);
    console.log(JSON.stringify(row));
    rows.push(row);
  }
  const ms = (value: number) => value.toFixed(3);
  const md = [
    '## Deduplication index',
    '',
    measuredOn(),
    '',
    `Per article: fingerprint lookup, decision (verification of candidates) and insert with claims, on the in-memory ` +
      `index holding N synthetic fingerprints (${DEFAULT_FINGERPRINT_SETTINGS.lsh.bands} LSH bands × ` +
      `${DEFAULT_FINGERPRINT_SETTINGS.lsh.rowsPerBand} rows, ~15 paragraph keys of which 3 per-site boilerplate, ` +
      `~100 sampled shingles); the articles are the ${articles.length} real-text articles of the labelled set, three ` +
      'passes. Fingerprinting (normalise, shingle, MinHash) is separate: it does not depend on N. Memory after ' +
      `filling, \`node --max-old-space-size=${HEAP_MB}\` (typed arrays live outside the V8 heap).`,
    '',
    '| stored | fill | lookup+decide+insert p50 | p99 | max | fingerprint p50 | heap | RSS | typed arrays | RSS per fingerprint |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.stored.toLocaleString('en')} | ${r.fillSeconds.toFixed(1)} s | ${ms(r.processP50)} ms | ${ms(r.processP99)} ms | ` +
        `${ms(r.processMax)} ms | ${ms(r.fingerprintP50)} ms | ${r.heapMiB} MiB | ${r.rssMiB} MiB | ${r.typedMiB} MiB | ${r.bytesPerFingerprint} B |`,
    ),
    '',
    'RSS per fingerprint is the RSS growth divided by N: meaningful at 1M, where it includes the ids and the URL ' +
      'and content-hash maps; at 10k fixed costs dominate. Per-article cost is flat from 10k to 1M (lookups are ' +
      'hash probes, verification touches at most 48 candidates); the p99 tail is garbage collection and pages ' +
      'with dozens of candidates, measured on a 2-core machine shared with other work. Filling 1M takes most of ' +
      'the run (~3 min). Reproduce: `node -r @swc-node/register libs/dedup/scripts/bench.ts` (or `npm run bench`).',
  ].join('\n');
  console.log(md);
  if (!process.argv.includes('--no-docs')) writeDocSection(join(ROOT, 'docs', 'benchmarks.md'), 'dedup', md);
}

if (getHeapStatistics().heap_size_limit < (HEAP_MB / 2) * 2 ** 20 || typeof globalThis.gc !== 'function') {
  // A million fingerprints' ids and maps need a larger heap, and a collection before measuring keeps the
  // filling's garbage out of the latencies: run again with both.
  const result = spawnSync(
    process.execPath,
    [
      `--max-old-space-size=${HEAP_MB}`,
      '--expose-gc',
      '-r',
      '@swc-node/register',
      __filename,
      ...process.argv.slice(2),
    ],
    { stdio: 'inherit' },
  );
  process.exitCode = result.status ?? 1;
} else {
  run().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
