// Held-out evaluation over the four extraction sets. Leave-one-dataset-out: fit on three sets, score the fourth, for
// each set in turn — the project's best proxy for sites it has never seen. Per-site cross-validation (folds by site
// across all four sets) is reported beside it. In both, a method's hyper-parameters are chosen inside the training
// part only: by an inner leave-one-set-out over the training sets.
import { scorePage, summarise, type PageScore } from './shingle-metric';
import { type EvalPage, SET_NAMES, type SetName } from './eval-sets';
import { authorCounts, nameF1, sameDay, sameMinute, titleMatches, type NameCounts } from './page-metrics';
import { FOLDS, foldOf } from './site-folds';
import { addCounts, scoreSnippets, snippetF1, type SnippetCounts } from './snippet-set';

export interface Prediction {
  text: string;
  title: string | null;
  authors: string[];
  publishedAt: string | null;
}

export type Predict = (page: EvalPage) => Prediction;

/** A way of extracting that may learn from pages and has a few hyper-parameters to choose among. */
export interface Method<C> {
  name: string;
  configs: readonly C[];
  describe(config: C): string;
  /** False when the method learns nothing from pages (only its config matters): predictions are then shared. */
  learns: boolean;
  fit(train: readonly EvalPage[], config: C): Predict;
}

/** What one set's pages score; a figure is absent when the set has no gold for it. */
export interface SetFigures {
  pages: number;
  body?: { precision: number; recall: number; f1: number };
  title?: number;
  authors?: number;
  day?: number;
  minute?: number;
}

export function scoreFigures(pages: readonly EvalPage[], predictions: readonly Prediction[]): SetFigures {
  const bodies: PageScore[] = [];
  const snippets: SnippetCounts[] = [];
  const names: NameCounts[] = [];
  let titles = 0;
  let titled = 0;
  let days = 0;
  let minutes = 0;
  let dated = 0;
  let timed = 0;
  pages.forEach((page, i) => {
    const p = predictions[i];
    if (page.body !== undefined) bodies.push(scorePage(p.text, page.body));
    if (page.snippets) snippets.push(scoreSnippets(p.text, page.snippets));
    if (page.title !== undefined) {
      titled += 1;
      if (titleMatches(p.title, page.title)) titles += 1;
    }
    if (page.authors !== undefined) names.push(authorCounts(p.authors, page.authors));
    if (page.published !== undefined) {
      dated += 1;
      if (sameDay(p.publishedAt, page.published)) days += 1;
      if (/T\d{2}:\d{2}/.test(page.published)) {
        timed += 1;
        if (sameMinute(p.publishedAt, page.published)) minutes += 1;
      }
    }
  });
  const figures: SetFigures = { pages: pages.length };
  if (bodies.length > 0) figures.body = summarise(bodies);
  else if (snippets.length > 0) figures.body = snippetF1(addCounts(snippets));
  if (titled > 0) figures.title = titles / titled;
  if (names.length > 0)
    figures.authors = nameF1(names.reduce((a, c) => ({ tp: a.tp + c.tp, fp: a.fp + c.fp, fn: a.fn + c.fn })));
  if (dated > 0) figures.day = days / dated;
  if (timed > 0) figures.minute = minutes / timed;
  return figures;
}

/** The objective hyper-parameters are chosen by: mean body F1 over the sets present, each set weighing the same. */
function objective(pages: readonly EvalPage[], predictions: readonly Prediction[]): number {
  const sets = [...new Set(pages.map((p) => p.set))];
  const f1s = sets.map((s) => {
    const idx = pages.flatMap((p, i) => (p.set === s ? [i] : []));
    return (
      scoreFigures(
        idx.map((i) => pages[i]),
        idx.map((i) => predictions[i]),
      ).body?.f1 ?? 0
    );
  });
  return f1s.reduce((a, b) => a + b, 0) / Math.max(1, f1s.length);
}

class Runner<C> {
  private readonly shared = new Map<string, Prediction>();
  constructor(private readonly method: Method<C>) {}

  predict(train: readonly EvalPage[], config: C, pages: readonly EvalPage[]): Prediction[] {
    const configIndex = this.method.configs.indexOf(config);
    if (!this.method.learns) {
      const missing = pages.filter((p) => !this.shared.has(`${configIndex}|${p.set}|${p.id}`));
      if (missing.length > 0) {
        const predict = this.method.fit([], config);
        for (const p of missing) this.shared.set(`${configIndex}|${p.set}|${p.id}`, predict(p));
      }
      return pages.map((p) => this.shared.get(`${configIndex}|${p.set}|${p.id}`) as Prediction);
    }
    const predict = this.method.fit(train, config);
    return pages.map(predict);
  }

  /** Inner leave-one-set-out over the training pages' sets; a single set falls back to scoring on itself. */
  choose(train: readonly EvalPage[]): C {
    const configs = this.method.configs;
    if (configs.length === 1) return configs[0];
    const sets = [...new Set(train.map((p) => p.set))];
    let best = configs[0];
    let bestScore = -1;
    for (const config of configs) {
      let score = 0;
      for (const held of sets) {
        const inner = sets.length > 1 ? train.filter((p) => p.set !== held) : train;
        const scored = train.filter((p) => p.set === held);
        score += objective(scored, this.predict(inner, config, scored));
      }
      if (score > bestScore) {
        best = config;
        bestScore = score;
      }
    }
    return best;
  }
}

export interface HeldOutRow {
  held: string;
  config: string;
  figures: SetFigures;
}

export interface HeldOutReport {
  bySet: HeldOutRow[];
  /** Per-site folds over all four sets, figures per set pooled over the folds. */
  bySite: { set: SetName; figures: SetFigures }[];
  siteConfigs: string[];
}

export function evaluateHeldOut<C>(method: Method<C>, pages: readonly EvalPage[]): HeldOutReport {
  const runner = new Runner(method);
  const bySet = SET_NAMES.map((held): HeldOutRow => {
    const train = pages.filter((p) => p.set !== held);
    const test = pages.filter((p) => p.set === held);
    const config = runner.choose(train);
    return { held, config: method.describe(config), figures: scoreFigures(test, runner.predict(train, config, test)) };
  });
  const predictions = new Map<EvalPage, Prediction>();
  const siteConfigs: string[] = [];
  for (let fold = 0; fold < FOLDS; fold++) {
    const train = pages.filter((p) => foldOf(p.url) !== fold);
    const test = pages.filter((p) => foldOf(p.url) === fold);
    const config = runner.choose(train);
    siteConfigs.push(method.describe(config));
    runner.predict(train, config, test).forEach((p, i) => predictions.set(test[i], p));
  }
  const bySite = SET_NAMES.map((set) => {
    const inSet = pages.filter((p) => p.set === set);
    return {
      set,
      figures: scoreFigures(
        inSet,
        inSet.map((p) => predictions.get(p) as Prediction),
      ),
    };
  });
  return { bySet, bySite, siteConfigs };
}
