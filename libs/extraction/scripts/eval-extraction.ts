// Scores body extraction on the development set, side by side with Readability.js on the same pages, and writes
// the figures to docs/quality.md (section `extraction`). Run: npm run eval:extraction [-- --verbose]
import { Readability } from '@mozilla/readability';
import { JSDOM, VirtualConsole } from 'jsdom';
import { join } from 'node:path';
// The root scripts/ folder is not an Nx project, so the boundary rule cannot place it; it is a shared doc helper.
import { measuredOn, writeDocSection } from '../../../scripts/doc-section';
import { splitDocument } from '../src';
import { loadDevSet } from './dev-set';
import { scorePage, summarise, type PageScore } from './shingle-metric';

/** The text that is scored: the main article's paragraphs and headings, in page order. */
export function scoredText(html: string, url: string): string {
  const result = splitDocument({ content: html, contentType: 'text/html', url });
  const main = result.articles[0];
  return main ? main.blocks.map((b) => b.text).join('\n') : '';
}

function readabilityText(html: string, url: string): string {
  const dom = new JSDOM(html, { url, virtualConsole: new VirtualConsole() });
  const article = new Readability(dom.window.document).parse();
  dom.window.close();
  return article?.textContent ?? '';
}

const fmt = (n: number): string => n.toFixed(3);

function main(): void {
  const verbose = process.argv.includes('--verbose');
  const pages = loadDevSet();
  const ours: PageScore[] = [];
  const theirs: PageScore[] = [];
  const rows: string[] = [];
  for (const page of pages) {
    const o = scorePage(scoredText(page.html, page.url), page.truth);
    const r = scorePage(readabilityText(page.html, page.url), page.truth);
    ours.push(o);
    theirs.push(r);
    rows.push(
      `| ${page.id.slice(0, 12)} | ${new URL(page.url).hostname} | ${fmt(o.precision)} | ${fmt(o.recall)} | ${fmt(r.precision)} | ${fmt(r.recall)} |`,
    );
    if (verbose) process.stdout.write(`${rows[rows.length - 1]}\n`);
  }
  const s = summarise(ours);
  const rs = summarise(theirs);
  const meanOf = (list: PageScore[], f: (p: PageScore) => number): number =>
    list.reduce((a, p) => a + f(p), 0) / list.length;
  const markdown = [
    '## Article body extraction',
    '',
    `Development set: ${pages.length} pages of the Zyte article-extraction benchmark (\`shared/datasets/extraction-dev\`).`,
    'Metric as in its README: `\\w+` tokens (Unicode letters, digits, underscore), 4-token shingle multisets, per-page',
    'tp/fp/fn normalised by their sum, precision and recall from the page means, F1 their harmonic mean.',
    'Scored text: the main article’s paragraphs and headings joined by newlines; Readability.js: its `textContent`.',
    '',
    '| extractor | precision | recall | F1 | mean per-page precision | mean per-page recall |',
    '|---|---|---|---|---|---|',
    `| inkstream \`splitDocument\` | ${fmt(s.precision)} | ${fmt(s.recall)} | **${fmt(s.f1)}** | ${fmt(meanOf(ours, (p) => p.precision))} | ${fmt(meanOf(ours, (p) => p.recall))} |`,
    `| Readability.js 0.6 (jsdom) | ${fmt(rs.precision)} | ${fmt(rs.recall)} | ${fmt(rs.f1)} | ${fmt(meanOf(theirs, (p) => p.precision))} | ${fmt(meanOf(theirs, (p) => p.recall))} |`,
    '',
    'These are the pages the extractor was developed on: expect lower figures on unseen pages of the same',
    'benchmark (no rule is keyed to a host of this set).',
    '',
    measuredOn(),
    '',
    '<details><summary>Per page</summary>',
    '',
    '| page | host | ours P | ours R | Readability P | Readability R |',
    '|---|---|---|---|---|---|',
    ...rows,
    '',
    '</details>',
  ].join('\n');
  writeDocSection(join(__dirname, '../../../docs/quality.md'), 'extraction', markdown);
  process.stdout.write(
    `inkstream    P ${fmt(s.precision)} R ${fmt(s.recall)} F1 ${fmt(s.f1)}\nreadability  P ${fmt(rs.precision)} R ${fmt(rs.recall)} F1 ${fmt(rs.f1)}\n`,
  );
}

if (require.main === module) main();
