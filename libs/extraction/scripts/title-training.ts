// An experiment of issue 20, not shipped (docs/quality.md, "Extraction: history of the held-out figures"): a
// learned title chooser. Trains it: a conditional logit over each page's candidate titles (softmax over the candidates,
// the gold title's likelihood maximised, L2 on the weights). Full-batch gradient descent from zero weights: no
// randomness at all, so the same pages give the same model byte for byte. Sets weigh equally, pages within a set too.
import { parseHtml } from '../src/html/dom';
import { readMetadata } from '../src/html/metadata';
import { TITLE_FEATURES, titleCandidates, type TitleCandidate } from './title-candidates';
import type { EvalPage } from './eval-sets';
import { titleMatches } from './page-metrics';

/** A logistic title chooser: scores each candidate title of a page, the highest wins. */
export interface TitleModel {
  version: string;
  /** The feature names the weights were trained on, in order. */
  features: string[];
  weights: number[];
}

export function titleLogit(model: TitleModel, features: readonly number[]): number {
  let z = 0;
  for (let k = 0; k < features.length; k++) z += model.weights[k] * features[k];
  return z;
}

/** The candidate the model scores highest; the first listed wins a tie. Null when there is none. */
export function chooseTitle(model: TitleModel, candidates: readonly TitleCandidate[]): string | null {
  let best: string | null = null;
  let bestScore = -Infinity;
  for (const candidate of candidates) {
    const score = titleLogit(model, candidate.features);
    if (score > bestScore) {
      best = candidate.text;
      bestScore = score;
    }
  }
  return best;
}

export const TITLE_MODEL_VERSION = 'title-logit-1';

export interface TitleExample {
  set: string;
  candidates: TitleCandidate[];
  /** Which candidates equal the gold title. */
  gold: boolean[];
  /** What the rules chose, for comparison. */
  rules: string | null;
}

/** A page with a gold title as candidates and labels; null for pages without one. */
export function titleExample(page: EvalPage): TitleExample | null {
  if (page.title === undefined) return null;
  const meta = readMetadata(parseHtml(page.html), page.url);
  const candidates = titleCandidates(meta.titleSources);
  const title = page.title;
  return {
    set: page.set,
    candidates,
    gold: candidates.map((c) => titleMatches(c.text, title)),
    rules: meta.title,
  };
}

export interface TitleTrainingConfig {
  l2: number;
  iterations: number;
  rate: number;
}

export const TITLE_TRAINING_CONFIGS: readonly TitleTrainingConfig[] = [1e-3, 1e-2, 1e-1].map((l2) => ({
  l2,
  iterations: 1000,
  rate: 2,
}));

export function trainTitleModel(examples: readonly TitleExample[], config: TitleTrainingConfig): TitleModel {
  // Only pages where some candidate is right teach a choice.
  const usable = examples.filter((e) => e.gold.some((g) => g));
  const perSet = new Map<string, number>();
  for (const e of usable) perSet.set(e.set, (perSet.get(e.set) ?? 0) + 1);
  const n = TITLE_FEATURES.length;
  const w = new Float64Array(n);
  for (let it = 0; it < config.iterations; it++) {
    const grad = new Float64Array(n);
    for (const e of usable) {
      const weight = 1 / ((perSet.get(e.set) ?? 1) * perSet.size);
      const scores = e.candidates.map((c) => c.features.reduce((z, x, k) => z + w[k] * x, 0));
      const top = Math.max(...scores);
      const exp = scores.map((s) => Math.exp(s - top));
      const total = exp.reduce((a, b) => a + b, 0);
      const goldTotal = exp.reduce((a, b, i) => a + (e.gold[i] ? b : 0), 0);
      e.candidates.forEach((c, i) => {
        // d(-log P(gold)) / dz_i = P(i) - P(i | gold)
        const g = exp[i] / total - (e.gold[i] ? exp[i] / goldTotal : 0);
        for (let k = 0; k < n; k++) grad[k] += weight * g * c.features[k];
      });
    }
    for (let k = 0; k < n; k++) w[k] -= config.rate * (grad[k] + config.l2 * w[k]);
  }
  const round = (x: number): number => Math.round(x * 1e6) / 1e6;
  return {
    version: `${TITLE_MODEL_VERSION} (l2 ${config.l2}, iterations ${config.iterations}, rate ${config.rate})`,
    // A softmax over one page's candidates is blind to a shared offset: the model has no bias.
    features: [...TITLE_FEATURES],
    weights: Array.from(w, round),
  };
}
