import { boostTrees, type BoostingConfig } from './boosted-trees';
import { treeValue } from '../src/html/block-model';

const config: BoostingConfig = { trees: 30, depth: 2, learningRate: 0.3, lambda: 1, minChildWeight: 0.5, bins: 8 };

/**
 * Furniture is "short AND link-dense" (an interaction no single feature separates), feature 0 = length, 1 = link
 * density; feature 2 is a sparse binary token that only some article blocks carry.
 */
function rows(): { rows: { index: number[]; value: number[] }[]; labels: number[]; weights: number[] } {
  const out = { rows: [] as { index: number[]; value: number[] }[], labels: [] as number[], weights: [] as number[] };
  for (let i = 0; i < 40; i++) {
    const length = (i % 10) / 10;
    const density = Math.floor(i / 10) / 4;
    const index = [0, 1];
    const value = [length, density];
    if (i % 7 === 0) {
      index.push(2);
      value.push(1);
    }
    out.rows.push({ index, value });
    out.labels.push(length < 0.5 && density > 0.4 ? 0 : 1);
    out.weights.push(1);
  }
  return out;
}

const logit = (model: ReturnType<typeof boostTrees>, dense: number[], depth = config.depth): number =>
  model.trees.reduce((z, t) => z + treeValue(t, depth, dense), model.base);

describe('boosted trees', () => {
  it('learns an interaction of two features', () => {
    const model = boostTrees(rows(), 3, 2, config);
    expect(logit(model, [0.2, 0.75, 0])).toBeLessThan(-1);
    expect(logit(model, [0.8, 0.75, 0])).toBeGreaterThan(1);
    expect(logit(model, [0.2, 0, 0])).toBeGreaterThan(1);
  });

  it('gives the same trees byte for byte from the same rows, and other trees from other settings', () => {
    const one = JSON.stringify(boostTrees(rows(), 3, 2, config));
    expect(JSON.stringify(boostTrees(rows(), 3, 2, config))).toBe(one);
    expect(JSON.stringify(boostTrees(rows(), 3, 2, { ...config, depth: 3 }))).not.toBe(one);
  });

  it('splits on a sparse binary feature when it is what separates the labels', () => {
    const data = rows();
    data.labels = data.rows.map((r) => (r.index.includes(2) ? 0 : 1));
    const model = boostTrees(data, 3, 2, { ...config, depth: 1 });
    expect(model.trees[0].feature).toEqual([2]);
    expect(logit(model, [0.5, 0.5, 1], 1)).toBeLessThan(-1);
    expect(logit(model, [0.5, 0.5, 0], 1)).toBeGreaterThan(1);
  });
});
