// Markdown and console lines of the held-out evaluation (leave-one-dataset-out beside per-site folds).
import { SET_NAMES, type SetName } from './eval-sets';
import type { HeldOutReport, SetFigures } from './leave-one-set-out';
import type { TrafilaturaFigures } from './trafilatura-figures';

const fmt = (n: number | undefined): string => (n === undefined ? '—' : n.toFixed(3));

const BODY_METRIC: Record<SetName, string> = {
  'extraction-dev': 'body F1 (shingles)',
  'extraction-snippets-dev': 'snippet F1',
  'news-metadata-dev': 'body F1 (shingles)',
  'readability-test-pages': 'body F1 (shingles)',
};

type Figure = 'body' | 'title' | 'authors' | 'day' | 'minute';
const FIGURES: { key: Figure; label: string }[] = [
  { key: 'body', label: '' },
  { key: 'title', label: 'title exact' },
  { key: 'authors', label: 'authors F1' },
  { key: 'day', label: 'publication day' },
  { key: 'minute', label: 'publication minute' },
];

const value = (f: SetFigures | undefined, key: Figure): number | undefined =>
  f === undefined ? undefined : key === 'body' ? f.body?.f1 : f[key];

/** One row per (set, figure) the set has gold for. */
export function heldOutTable(report: HeldOutReport, trafilatura: TrafilaturaFigures | null): string[] {
  const rows: string[] = [
    '| held-out set | n | figure | leave-one-dataset-out | per-site folds | trafilatura 2.3.1 |',
    '|---|---|---|---|---|---|',
  ];
  for (const set of SET_NAMES) {
    const lodo = report.bySet.find((r) => r.held === set)?.figures;
    const site = report.bySite.find((r) => r.set === set)?.figures;
    for (const { key, label } of FIGURES) {
      if (value(lodo, key) === undefined) continue;
      rows.push(
        `| ${set} | ${lodo?.pages ?? 0} | ${label || BODY_METRIC[set]} | **${fmt(value(lodo, key))}** | ${fmt(value(site, key))} | ${fmt(value(trafilatura?.bySet[set], key))} |`,
      );
    }
  }
  return rows;
}

export function heldOutLines(report: HeldOutReport): string[] {
  return report.bySet.map((r) => {
    const f = r.figures;
    return `held out ${r.held.padEnd(24)} body ${fmt(f.body?.f1)} (P ${fmt(f.body?.precision)} R ${fmt(f.body?.recall)}) title ${fmt(f.title)} authors ${fmt(f.authors)} day ${fmt(f.day)} minute ${fmt(f.minute)} [${r.config}]`;
  });
}

export function trafilaturaNote(trafilatura: TrafilaturaFigures | null): string {
  if (!trafilatura) return 'trafilatura: no figures (neither .cache/trafilatura-output.json nor the committed file).';
  const from =
    trafilatura.source === 'this run'
      ? 'computed in this run from .cache/trafilatura-output.json'
      : `read from the committed scripts/trafilatura-results.json (measured ${trafilatura.measuredAt}; run scripts/run-trafilatura.py to refresh)`;
  return `trafilatura ${trafilatura.version} figures ${from}; it ran at ${trafilatura.pagesPerSecond.toFixed(1)} pages/s over the four sets (one core, loaded machine).`;
}
