// Markdown tables for eval:ner: per corpus, each fold's figures, their mean ± spread, and the figures they replace.
import type { ClassScore, NerScores } from './ner-evaluate';
import type { EvalSet, FoldResult, SetScores } from './ner-cross-validation';

export const SCORED_CLASSES = ['ALL', 'PER', 'ORG', 'LOC'] as const;
type ScoredClass = (typeof SCORED_CLASSES)[number];

/** F1 per class, the figures kept to compare runs with. */
export type F1s = Record<ScoredClass, number>;

/** Mean and sample standard deviation (n − 1; 0 for a single value). */
export function meanAndSpread(values: readonly number[]): { mean: number; spread: number } {
  const mean = values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
  const squares = values.reduce((a, v) => a + (v - mean) ** 2, 0);
  return { mean, spread: values.length > 1 ? Math.sqrt(squares / (values.length - 1)) : 0 };
}

export function f1sOf(scores: NerScores): F1s {
  return { ALL: scores.ALL.f1, PER: scores.PER.f1, ORG: scores.ORG.f1, LOC: scores.LOC.f1 };
}

const fmt = (n: number | undefined): string => (n === undefined ? '—' : n.toFixed(3));

function cell(score: ClassScore): string {
  return `${fmt(score.precision)} / ${fmt(score.recall)} / **${fmt(score.f1)}**`;
}

function meanCell(scores: readonly ClassScore[]): string {
  const p = meanAndSpread(scores.map((s) => s.precision)).mean;
  const r = meanAndSpread(scores.map((s) => s.recall)).mean;
  const f = meanAndSpread(scores.map((s) => s.f1));
  return `${fmt(p)} / ${fmt(r)} / **${fmt(f.mean)} ± ${fmt(f.spread)}**`;
}

/** Figures of an earlier run to show beside this one: per row label, F1 per class. */
export type Previous = Readonly<Record<string, F1s>>;

export interface CommittedScores {
  readonly pipeline: SetScores['pipeline'];
  readonly tagger: SetScores['tagger'];
  readonly sentences: number;
}

/** Row labels of the previous-run file, so a later run finds the figures of the same fold. */
export const foldKey = (set: EvalSet, fold: number): string => `${set} fold ${fold + 1}`;
type Run = 'pipeline' | 'documents' | 'tagger';
export const meanKey = (set: EvalSet, run: Run): string => `${set} mean ${run}`;

/** A run's scores on one fold; per-document scores exist only for corpora with multi-sentence documents. */
function runScores(fold: FoldResult, set: EvalSet, run: Run): NerScores | undefined {
  return fold.sets[set][run];
}

/** One corpus: fold rows (whole pipeline), the means over folds, then the committed model's held-out split. */
export function corpusTable(
  set: EvalSet,
  folds: readonly FoldResult[],
  committed: CommittedScores,
  previous: Previous,
  beforeIssue14: { pipeline?: Record<string, number>; tagger?: Record<string, number> },
): string {
  const before = (f1s: Partial<Record<string, number>> | undefined): string => `${fmt(f1s?.ALL)} | ${fmt(f1s?.ORG)}`;
  const row = (label: string, sentences: number | string, cells: string[], previousF1s: string): string =>
    `| ${label} | ${sentences} | ${cells.join(' | ')} | ${previousF1s} |`;
  const foldRows = folds.map((f) =>
    row(
      `fold ${f.fold + 1}`,
      f.sets[set].sentences,
      SCORED_CLASSES.map((c) => cell(f.sets[set].pipeline[c])),
      before(previous[foldKey(set, f.fold)]),
    ),
  );
  const meanRow = (run: Run, label: string): string[] => {
    const scores = folds.map((f) => runScores(f, set, run)).filter((s): s is NerScores => s !== undefined);
    if (scores.length === 0) return [];
    return [
      row(
        label,
        folds.reduce((n, f) => n + f.sets[set].sentences, 0),
        SCORED_CLASSES.map((c) => meanCell(scores.map((s) => s[c]))),
        before(previous[meanKey(set, run)]),
      ),
    ];
  };
  return [
    '| run | sentences | all P / R / F1 | PER P / R / F1 | ORG P / R / F1 | LOC P / R / F1 | F1 before | ORG F1 before |',
    '|---|---|---|---|---|---|---|---|',
    ...foldRows,
    ...meanRow('pipeline', '**mean ± sd, whole pipeline**'),
    ...meanRow('documents', 'mean ± sd, whole pipeline by document'),
    ...meanRow('tagger', 'mean ± sd, tagger alone'),
    row(
      'committed model, held-out tenth, whole pipeline',
      committed.sentences,
      SCORED_CLASSES.map((c) => cell(committed.pipeline[c])),
      before(beforeIssue14.pipeline),
    ),
    row(
      'committed model, held-out tenth, tagger alone',
      committed.sentences,
      SCORED_CLASSES.map((c) => cell(committed.tagger[c])),
      before(beforeIssue14.tagger),
    ),
  ].join('\n');
}

/** The figures a later run compares with: each fold's and the means' F1 per class, per set. */
export function previousFrom(sets: readonly EvalSet[], folds: readonly FoldResult[]): Record<string, F1s> {
  const entries: [string, F1s][] = [];
  for (const set of sets) {
    for (const f of folds) entries.push([foldKey(set, f.fold), f1sOf(f.sets[set].pipeline)]);
    for (const run of ['pipeline', 'documents', 'tagger'] as const) {
      const scores = folds.map((f) => runScores(f, set, run)).filter((s): s is NerScores => s !== undefined);
      if (scores.length === 0) continue;
      const mean = (c: ScoredClass): number => meanAndSpread(scores.map((s) => s[c].f1)).mean;
      entries.push([meanKey(set, run), { ALL: mean('ALL'), PER: mean('PER'), ORG: mean('ORG'), LOC: mean('LOC') }]);
    }
  }
  return Object.fromEntries(entries);
}
