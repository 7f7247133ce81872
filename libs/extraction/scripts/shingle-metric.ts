// The article-extraction benchmark's body score: 4-token shingles of `\w+` tokens, per page normalised.

/** Python's `re` \w on str: letters (L*), numbers (N*) and underscore; combining marks are not word characters. */
const TOKEN = /[\p{L}\p{N}_]+/gu;

export function tokens(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

function shingles(text: string, n = 4): Map<string, number> {
  const t = tokens(text);
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= t.length; i++) {
    const key = t.slice(i, i + n).join('\u0001');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

export interface PageScore {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
}

/** tp/fp/fn of one page, each divided by their sum so that every page weighs the same. */
export function scorePage(prediction: string, truth: string): PageScore {
  const pred = shingles(prediction);
  const gold = shingles(truth);
  let tp = 0;
  let predTotal = 0;
  let goldTotal = 0;
  for (const [k, c] of pred) {
    predTotal += c;
    tp += Math.min(c, gold.get(k) ?? 0);
  }
  for (const c of gold.values()) goldTotal += c;
  const fp = predTotal - tp;
  const fn = goldTotal - tp;
  const sum = tp + fp + fn;
  if (sum === 0) return { tp: 1, fp: 0, fn: 0, precision: 1, recall: 1 };
  return {
    tp: tp / sum,
    fp: fp / sum,
    fn: fn / sum,
    precision: tp + fp === 0 ? 0 : tp / (tp + fp),
    recall: tp + fn === 0 ? 0 : tp / (tp + fn),
  };
}

export interface Summary {
  precision: number;
  recall: number;
  f1: number;
}

/** Precision and recall from the page-averaged normalised counts; F1 their harmonic mean. */
export function summarise(pages: PageScore[]): Summary {
  const mean = (f: (p: PageScore) => number): number => pages.reduce((s, p) => s + f(p), 0) / pages.length;
  const tp = mean((p) => p.tp);
  const precision = tp / (tp + mean((p) => p.fp));
  const recall = tp / (tp + mean((p) => p.fn));
  return { precision, recall, f1: (2 * precision * recall) / (precision + recall) };
}
