// trafilatura 2.3.1's figures on the four sets, for comparison. Computed from .cache/trafilatura-output.json when
// scripts/run-trafilatura.py has been run in this clone (a dev-only Python venv), and then saved to the committed
// trafilatura-results.json; a fresh clone without the venv prints the committed figures and says so.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type EvalPage, type SetName, SET_NAMES } from './eval-sets';
import { scoreFigures, type Prediction, type SetFigures } from './leave-one-set-out';
import { bylineNames } from './rules-method';

const OUTPUT = join(__dirname, '../../../.cache/trafilatura-output.json');
const COMMITTED = join(__dirname, 'trafilatura-results.json');

interface Output {
  text: string;
  title: string | null;
  author: string | null;
  date: string | null;
}

export interface TrafilaturaFigures {
  source: 'this run' | 'committed file';
  version: string;
  pagesPerSecond: number;
  measuredAt: string;
  bySet: Record<SetName, SetFigures>;
}

/** `save`: refresh the committed file (full runs only, never from a subsample). */
export function trafilaturaFigures(pages: readonly EvalPage[], save: boolean): TrafilaturaFigures | null {
  if (!existsSync(OUTPUT)) {
    if (!existsSync(COMMITTED)) return null;
    return { ...(JSON.parse(readFileSync(COMMITTED, 'utf8')) as TrafilaturaFigures), source: 'committed file' };
  }
  const raw = JSON.parse(readFileSync(OUTPUT, 'utf8')) as Record<string, Record<string, Output>> & {
    _meta: { version: string; pagesPerSecond: number };
  };
  const bySet = {} as Record<SetName, SetFigures>;
  for (const set of SET_NAMES) {
    const inSet = pages.filter((p) => p.set === set);
    const predictions = inSet.map((p): Prediction => {
      const o = raw[set]?.[p.id];
      return {
        text: o?.text ?? '',
        title: o?.title ?? null,
        authors: (o?.author ?? '').split(';').flatMap((a) => bylineNames(a)),
        publishedAt: o?.date ?? null,
      };
    });
    bySet[set] = scoreFigures(inSet, predictions);
  }
  const figures: TrafilaturaFigures = {
    source: 'this run',
    version: raw._meta.version,
    pagesPerSecond: raw._meta.pagesPerSecond,
    measuredAt: new Date().toISOString().slice(0, 10),
    bySet,
  };
  if (save) writeFileSync(COMMITTED, `${JSON.stringify({ ...figures, source: undefined }, null, 2)}\n`);
  return figures;
}
