// Training data and training of the block classifier: the blocks of the rules' choice on a page (the only blocks the
// classifier decides about) labelled from its set's gold (the reference body's shingles, or the must-have /
// must-not-have snippets), and gradient-boosted trees fitted to them. Nothing is random, so the same pages give the
// same model byte for byte.
import { DENSE_FEATURES, FEATURE_COUNT, FEATURE_SET, type FeatureRow } from '../src/html/block-features';
import type { BlockModel } from '../src/html/block-model';
import { textBlocks } from '../src/html/blocks';
import { parsePage } from '../src/html/extract-html';
import { pageRows } from '../src/html/learned-content';
import { selectMainContent } from '../src/html/main-content';
import { readMetadata } from '../src/html/metadata';
import { boostTrees, type BoostingConfig } from './boosted-trees';
import type { EvalPage } from './eval-sets';
import { tokens } from './shingle-metric';

export const BLOCK_MODEL_VERSION = 'block-gbdt-1';

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
  const ruleMain = selectMainContent(blocks);
  const rows = pageRows(blocks, ruleMain, meta.articleBody);
  const chosen = new Set(ruleMain?.blocks ?? []);
  const gold =
    page.body !== undefined
      ? { shingles: shingleSet(tokens(page.body.toLowerCase())), squashed: squash(page.body) }
      : null;
  const out: LabelledRows = { rows: [], labels: [], weights: [] };
  const mainWords = [...chosen].reduce((n, b) => n + b.text.split(' ').length, 0);
  blocks.forEach((block, i) => {
    if (!chosen.has(block)) return;
    const label = gold ? bodyLabel(block.text, gold) : page.snippets ? snippetLabel(block.text, page.snippets) : null;
    if (label === null) return;
    out.rows.push(rows[i]);
    out.labels.push(label);
    // A block weighs its share of the page's chosen words (the shingle metric scores words page by page), with a
    // floor so that short furniture lines still count.
    out.weights.push(Math.max(0.02, block.text.split(' ').length / Math.max(1, mainWords)));
  });
  return out;
}

export interface TrainingConfig extends BoostingConfig {
  keepThreshold: number;
  /** Whether the trees may test hashed class/id tokens (site habits that may not transfer). */
  tokens: boolean;
}

/**
 * Shallow, strongly regularised trees: on the held-out sets they transferred as well as or better than 120-250
 * trees of depth 3-4 with small leaves, which learn each set's own labelling habits (docs/quality.md). The keep
 * threshold is the one the inner leave-one-set-out chose for every held-out set (grid in eval-extraction.ts).
 */
export const DEFAULT_TRAINING: TrainingConfig = {
  trees: 60,
  depth: 2,
  learningRate: 0.1,
  lambda: 1,
  minChildWeight: 20,
  bins: 32,
  keepThreshold: 0.1,
  tokens: true,
};

/** The configuration that shapes the trees (the keep threshold does not): models are shared across thresholds. */
export const treesKey = (c: TrainingConfig): string =>
  `${c.trees}/${c.depth}/${c.learningRate}/${c.lambda}/${c.minChildWeight}/${c.bins}/${c.tokens}`;

function withoutTokens(row: FeatureRow): FeatureRow {
  const keep = row.index.flatMap((f, k) => (f < DENSE_FEATURES.length ? [k] : []));
  return { index: keep.map((k) => row.index[k]), value: keep.map((k) => row.value[k]) };
}

/** Boosted trees on the labelled blocks; every set weighs the same, every page the same within its set. */
export function trainBlockModel(
  data: readonly { set: string; rows: LabelledRows }[],
  config: TrainingConfig,
): BlockModel {
  const pagesPerSet = new Map<string, number>();
  for (const d of data) pagesPerSet.set(d.set, (pagesPerSet.get(d.set) ?? 0) + 1);
  const rows: FeatureRow[] = [];
  const labels: number[] = [];
  const weights: number[] = [];
  for (const d of data) {
    const setWeight = 1 / ((pagesPerSet.get(d.set) ?? 1) * pagesPerSet.size);
    d.rows.rows.forEach((row, i) => {
      rows.push(config.tokens ? row : withoutTokens(row));
      labels.push(d.rows.labels[i]);
      weights.push(d.rows.weights[i] * setWeight);
    });
  }
  const { base, trees } = boostTrees({ rows, labels, weights }, FEATURE_COUNT, DENSE_FEATURES.length, config);
  return {
    version: `${BLOCK_MODEL_VERSION} (${FEATURE_SET}; ${config.trees} trees of depth ${config.depth}, rate ${config.learningRate}, lambda ${config.lambda}, min child ${config.minChildWeight}, ${config.bins} bins, ${config.tokens ? 'with' : 'without'} class/id tokens, keep ${config.keepThreshold})`,
    featureSet: FEATURE_SET,
    featureCount: FEATURE_COUNT,
    depth: config.depth,
    keepThreshold: config.keepThreshold,
    base,
    trees,
  };
}
