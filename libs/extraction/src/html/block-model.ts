import { FEATURE_COUNT, FEATURE_SET, type FeatureRow } from './block-features';

/**
 * One regression tree of fixed depth, stored level by level as a complete binary tree: internal node k tests
 * `value(feature[k]) <= threshold[k]` (true: child 2k+1, false: child 2k+2); a node that did not split has feature
 * -1 and sends every block left. `leaf` holds the 2^depth leaf values, left to right.
 */
export interface BlockTree {
  feature: number[];
  threshold: number[];
  leaf: number[];
}

/**
 * A gradient-boosted tree ensemble over block features: the sum of the trees' leaves plus `base` is the log-odds
 * that a block is article text. Trained by libs/extraction/scripts/train-block-model.ts (deterministic, byte-for-byte
 * reproducible) and shipped as JSON.
 */
export interface BlockModel {
  /** Bumped whenever features or training change; recorded with the evaluation figures. */
  version: string;
  /** The feature set the model was trained on (block-features.ts `FEATURE_SET`). */
  featureSet: string;
  featureCount: number;
  depth: number;
  /** Blocks of the rules' choice below this probability are dropped as furniture. */
  keepThreshold: number;
  base: number;
  trees: BlockTree[];
}

export class BlockModelError extends Error {}

/** Checks a loaded model against the features this code computes: a stale or damaged model is an error at start. */
export function checkBlockModel(model: BlockModel): BlockModel {
  const stale = (why: string): BlockModelError =>
    new BlockModelError(
      `block model ${model.version}: ${why}; retrain it (libs/extraction/scripts/train-block-model.ts)`,
    );
  if (model.featureSet !== FEATURE_SET || model.featureCount !== FEATURE_COUNT)
    throw stale(
      `trained on ${model.featureSet} (${model.featureCount} features), code computes ${FEATURE_SET} (${FEATURE_COUNT})`,
    );
  const inner = 2 ** model.depth - 1;
  model.trees.forEach((tree, t) => {
    if (tree.feature.length !== inner || tree.threshold.length !== inner || tree.leaf.length !== inner + 1)
      throw stale(`tree ${t} is not a complete tree of depth ${model.depth}`);
    if (tree.feature.some((f) => !Number.isInteger(f) || f < -1 || f >= FEATURE_COUNT))
      throw stale(`tree ${t} tests a feature out of range`);
    if (![...tree.threshold, ...tree.leaf].every(Number.isFinite)) throw stale(`tree ${t} holds a non-finite number`);
  });
  if (!Number.isFinite(model.base) || !(model.keepThreshold >= 0 && model.keepThreshold <= 1))
    throw stale('base or keep threshold out of range');
  return model;
}

/** The row as a dense vector (absent features are 0), which the trees index directly. */
export function denseRow(row: FeatureRow): Float64Array {
  const dense = new Float64Array(FEATURE_COUNT);
  for (let k = 0; k < row.index.length; k++) dense[row.index[k]] = row.value[k];
  return dense;
}

export function treeValue(tree: BlockTree, depth: number, dense: ArrayLike<number>): number {
  let node = 0;
  for (let level = 0; level < depth; level++) {
    const f = tree.feature[node];
    node = f < 0 || dense[f] <= tree.threshold[node] ? 2 * node + 1 : 2 * node + 2;
  }
  return tree.leaf[node - (2 ** depth - 1)];
}

export function blockLogit(model: BlockModel, row: FeatureRow): number {
  const dense = denseRow(row);
  let z = model.base;
  for (const tree of model.trees) z += treeValue(tree, model.depth, dense);
  return z;
}

export function blockProbability(model: BlockModel, row: FeatureRow): number {
  return 1 / (1 + Math.exp(-blockLogit(model, row)));
}
