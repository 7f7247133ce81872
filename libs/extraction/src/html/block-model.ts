import { FEATURE_COUNT, type FeatureRow } from './block-features';

/**
 * A logistic block classifier: the probability that a block is article text. Trained by
 * libs/extraction/scripts/train-block-model.ts (fixed seed, byte-for-byte reproducible) and shipped as JSON.
 */
export interface BlockModel {
  /** Bumped whenever features or training change; recorded with the evaluation figures. */
  version: string;
  featureCount: number;
  /** Blocks of the rules' choice below this probability are dropped as furniture. */
  keepThreshold: number;
  bias: number;
  weights: number[];
}

export class BlockModelError extends Error {}

/** Checks a loaded model against the features this code computes: a stale model file is an error at start. */
export function checkBlockModel(model: BlockModel): BlockModel {
  if (model.featureCount !== FEATURE_COUNT || model.weights.length !== FEATURE_COUNT) {
    throw new BlockModelError(
      `block model ${model.version}: ${model.weights.length} weights for ${FEATURE_COUNT} features; retrain it (libs/extraction/scripts/train-block-model.ts)`,
    );
  }
  return model;
}

export function blockLogit(model: BlockModel, row: FeatureRow): number {
  let z = model.bias;
  for (let k = 0; k < row.index.length; k++) z += model.weights[row.index[k]] * row.value[k];
  return z;
}

export function blockProbability(model: BlockModel, row: FeatureRow): number {
  return 1 / (1 + Math.exp(-blockLogit(model, row)));
}
