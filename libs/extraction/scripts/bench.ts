// Extraction speed on the development set: pages per second for splitDocument vs Readability.js on jsdom and on
// linkedom, in the same run. Writes docs/benchmarks.md (section `extraction`). Run:
//   node -r @swc-node/register libs/extraction/scripts/bench.ts [--rounds N]
import { Readability } from '@mozilla/readability';
import { JSDOM, VirtualConsole } from 'jsdom';
import { parseHTML } from 'linkedom';
import { loadavg } from 'node:os';
import { join } from 'node:path';
// The root scripts/ folder is not an Nx project, so the boundary rule cannot place it; it is a shared doc helper.
import { measuredOn, writeDocSection } from '@inkstream/measure';
import { splitDocument } from '../src';
import { loadDevSet, type DevPage } from './dev-set';
import { loadEvalSets } from './eval-sets';
import { extractPage } from './rules-method';
import { trafilaturaFigures } from './trafilatura-figures';

type Extractor = (page: DevPage) => number;

const extractors: Record<string, Extractor> = {
  'inkstream splitDocument (htmlparser2)': (page) =>
    splitDocument({ content: page.html, contentType: 'text/html', url: page.url }).articles[0]?.body.length ?? 0,
  'Readability.js 0.6 + linkedom 0.18': (page) => {
    const { document } = parseHTML(page.html);
    return new Readability(document as unknown as Document).parse()?.textContent?.length ?? 0;
  },
  'Readability.js 0.6 + jsdom 26': (page) => {
    const dom = new JSDOM(page.html, { url: page.url, virtualConsole: new VirtualConsole() });
    const length = new Readability(dom.window.document).parse()?.textContent?.length ?? 0;
    dom.window.close();
    return length;
  },
};

function pagesPerSecond(extract: Extractor, pages: DevPage[], rounds: number): number {
  for (const page of pages.slice(0, 5)) extract(page); // warm-up: JIT and lazy requires
  const started = process.hrtime.bigint();
  let sink = 0;
  for (let r = 0; r < rounds; r++) for (const page of pages) sink += extract(page);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (sink < 0) throw new Error('unreachable');
  return (pages.length * rounds) / seconds;
}

function main(): void {
  const at = process.argv.indexOf('--rounds');
  const rounds = at > 0 ? Number(process.argv[at + 1]) : 3;
  const pages = loadDevSet();
  const megabytes = pages.reduce((n, p) => n + Buffer.byteLength(p.html), 0) / 2 ** 20;
  const results = Object.entries(extractors).map(([name, extract]) => {
    const rate = pagesPerSecond(extract, pages, rounds);
    process.stdout.write(`${name.padEnd(40)} ${rate.toFixed(1)} pages/s\n`);
    return { name, rate };
  });
  const ours = results[0].rate;
  // Against trafilatura: all four sets once, the rate of scripts/run-trafilatura.py over the same pages beside it.
  const sets = loadEvalSets();
  for (const page of sets.slice(0, 5)) extractPage(page);
  const started = process.hrtime.bigint();
  for (const page of sets) extractPage(page);
  const setsRate = sets.length / (Number(process.hrtime.bigint() - started) / 1e9);
  const trafilatura = trafilaturaFigures(sets, false);
  const versus = trafilatura
    ? `trafilatura ${trafilatura.version} ${trafilatura.pagesPerSecond.toFixed(1)} pages/s on the same pages (${trafilatura.source === 'this run' ? 'from .cache/trafilatura-output.json' : `committed figure of ${trafilatura.measuredAt}`}, a separate run): inkstream ${(setsRate / trafilatura.pagesPerSecond).toFixed(1)}× its rate`
    : 'trafilatura: no figure (run scripts/run-trafilatura.py)';
  process.stdout.write(`four extraction sets: ${setsRate.toFixed(1)} pages/s; ${versus}\n`);
  const rows = results.map(
    (r) =>
      `| ${r.name} | ${r.rate.toFixed(1)} | ${((r.rate * megabytes) / pages.length).toFixed(2)} | ${r.rate === ours ? '—' : `${(ours / r.rate).toFixed(2)}×`} |`,
  );
  const markdown = [
    '## Article extraction speed',
    '',
    `${pages.length} pages of the extraction development set (${megabytes.toFixed(1)} MiB of HTML), ${rounds} rounds each after a`,
    'warm-up, one process, single thread, in the same run. Each extractor parses the page and returns the main',
    'article text (ours: the whole `splitDocument`, metadata included).',
    '',
    '| extractor | pages/s | MiB/s | inkstream is … faster |',
    '|---|---|---|---|',
    ...rows,
    '',
    `All four extraction sets (${sets.length} pages, whole \`splitDocument\` with metadata, one round): ${setsRate.toFixed(1)} pages/s; ${versus}.`,
    '',
    `${measuredOn()} Load average at the end: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ')} (other processes share the cores: compare the ratios, not the absolute rates).`,
  ].join('\n');
  writeDocSection(join(__dirname, '../../../docs/benchmarks.md'), 'extraction', markdown);
}

if (require.main === module) main();
