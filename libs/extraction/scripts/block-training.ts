// Training data and training of the block classifier: every block of a page labelled from its set's gold (the
// reference body's shingles, or the must-have / must-not-have snippets), and a logistic regression fitted by
// seeded stochastic gradient descent, so the same pages and seed give the same model byte for byte.
import { seededRandom } from '@inkstream/measure';
import { FEATURE_COUNT, type FeatureRow } from '../src/html/block-features';
import type { BlockModel } from '../src/html/block-model';
import { textBlocks } from '../src/html/blocks';
import { parsePage } from '../src/html/extract-html';
import { pageRows } from '../src/html/learned-content';
import { selectMainContent } from '../src/html/main-content';
import { readMetadata } from '../src/html/metadata';
import type { EvalPage } from './eval-sets';
import { tokens } from './shingle-metric';

export const BLOCK_MODEL_VERSION = 'block-lr-1';

export interface LabelledRows {
  rows: FeatureRow[];
  /** 1 article text, 0 furniture; blocks the gold cannot decide are left out. */
  labels: number[];
  weights: number[];
}

const squash = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

function shingleSet(words: string[]): Set<string> {
  const set = new Set<string>();
  for (let i = 0; i + 4 <= words.length; i++) set.add(words.slice(i, i + 4).join(' '));
  return set;
}

function bodyLabel(text: string, gold: { shingles: Set<string>; squashed: string }): number | null {
  const words = tokens(text.toLowerCase());
  if (words.length < 4) return gold.squashed.includes(squash(text)) ? null : 0;
  const own = shingleSet(words);
  let hit = 0;
  for (const s of own) if (gold.shingles.has(s)) hit += 1;
  return hit / Math.max(1, own.size) >= 0.5 ? 1 : 0;
}

function snippetLabel(text: string, snippets: { with: string[]; without: string[] }): number | null {
  const block = squash(text);
  if (block.length < 10) return null;
  const overlaps = (s: string): boolean => {
    const k = squash(s);
    return k.length >= 10 && (block.includes(k) || k.includes(block));
  };
  if (snippets.with.some(overlaps)) return 1;
  if (snippets.without.some(overlaps)) return 0;
  return null;
}

/** Rows and labels of one page (features do not depend on any model, so they are computed once per page). */
export function labelledRows(page: EvalPage): LabelledRows {
  const { doc, body } = parsePage(page.html);
  const meta = readMetadata(doc, page.url);
  const blocks = textBlocks(body);
  const rows = pageRows(blocks, selectMainContent(blocks), meta.articleBody);
  const gold =
    page.body !== undefined
      ? { shingles: shingleSet(tokens(page.body.toLowerCase())), squashed: squash(page.body) }
      : null;
  const out: LabelledRows = { rows: [], labels: [], weights: [] };
  blocks.forEach((block, i) => {
    const label = gold ? bodyLabel(block.text, gold) : page.snippets ? snippetLabel(block.text, page.snippets) : null;
    if (label === null) return;
    out.rows.push(rows[i]);
    out.labels.push(label);
    // Long blocks carry most of the scored text: they weigh more, but not in proportion.
    out.weights.push(Math.log1p(block.text.length) / 5);
  });
  return out;
}

export interface TrainingConfig {
  l2: number;
  epochs: number;
  seed: number;
  keepThreshold: number;
}

export const DEFAULT_TRAINING: TrainingConfig = { l2: 1e-4, epochs: 8, seed: 20261206, keepThreshold: 0.03 };

/** Logistic regression by SGD with a decaying step, examples shuffled by the seeded generator; sets weigh equally. */
export function trainBlockModel(
  data: readonly { set: string; rows: LabelledRows }[],
  config: TrainingConfig,
): BlockModel {
  const random = seededRandom(config.seed);
  const pagesPerSet = new Map<string, number>();
  for (const d of data) pagesPerSet.set(d.set, (pagesPerSet.get(d.set) ?? 0) + d.rows.labels.length);
  const examples: { row: FeatureRow; label: number; weight: number }[] = [];
  for (const d of data) {
    const setWeight = 1 / ((pagesPerSet.get(d.set) ?? 1) * pagesPerSet.size);
    d.rows.rows.forEach((row, i) =>
      examples.push({ row, label: d.rows.labels[i], weight: d.rows.weights[i] * setWeight * 1e5 }),
    );
  }
  const w = new Float64Array(FEATURE_COUNT);
  let bias = 0;
  let step = 0;
  const order = examples.map((_, i) => i);
  for (let epoch = 0; epoch < config.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (const k of order) {
      const { row, label, weight } = examples[k];
      const rate = 0.05 / (1 + step * 1e-5);
      step += 1;
      let z = bias;
      for (let f = 0; f < row.index.length; f++) z += w[row.index[f]] * row.value[f];
      const g = (1 / (1 + Math.exp(-z)) - label) * Math.min(weight, 10);
      bias -= rate * g;
      for (let f = 0; f < row.index.length; f++) {
        const idx = row.index[f];
        w[idx] -= rate * (g * row.value[f] + config.l2 * w[idx]);
      }
    }
  }
  const round = (x: number): number => Math.round(x * 1e6) / 1e6;
  return {
    version: `${BLOCK_MODEL_VERSION} (seed ${config.seed}, l2 ${config.l2}, epochs ${config.epochs}, keep ${config.keepThreshold})`,
    featureCount: FEATURE_COUNT,
    keepThreshold: config.keepThreshold,
    bias: round(bias),
    weights: Array.from(w, round),
  };
}
