import { DENSE_FEATURES, FEATURE_COUNT, FEATURE_SET } from './block-features';
import {
  blockLogit,
  BlockModelError,
  checkBlockModel,
  treeValue,
  type BlockModel,
  type BlockTree,
} from './block-model';

const linkDensity = DENSE_FEATURES.indexOf('linkDensity');
const short = DENSE_FEATURES.indexOf('short');

/** Depth 2: link-dense blocks are furniture; of the others, short ones a little less article-like. */
const tree: BlockTree = {
  feature: [linkDensity, short, -1],
  threshold: [0.5, 0.5, 0],
  leaf: [2, -1, -3, -3],
};

const model = (over: Partial<BlockModel> = {}): BlockModel => ({
  version: 'test',
  featureSet: FEATURE_SET,
  featureCount: FEATURE_COUNT,
  depth: 2,
  keepThreshold: 0.5,
  base: 0.25,
  trees: [tree, tree],
  ...over,
});

describe('block tree model', () => {
  it('walks each tree to a leaf: <= threshold goes left, a node that did not split sends everything left', () => {
    const dense = new Float64Array(FEATURE_COUNT);
    expect(treeValue(tree, 2, dense)).toBe(2);
    dense[short] = 1;
    expect(treeValue(tree, 2, dense)).toBe(-1);
    dense[linkDensity] = 0.9;
    expect(treeValue(tree, 2, dense)).toBe(-3);
  });

  it('adds the trees’ leaves to the base for a sparse row', () => {
    expect(blockLogit(model(), { index: [], value: [] })).toBe(4.25);
    expect(blockLogit(model(), { index: [short], value: [1] })).toBe(-1.75);
  });

  it('accepts a model of this feature set and refuses a stale or damaged one with a reason', () => {
    expect(checkBlockModel(model())).toEqual(model());
    expect(() => checkBlockModel(model({ featureSet: 'features-0' }))).toThrow(BlockModelError);
    expect(() => checkBlockModel(model({ featureSet: 'features-0' }))).toThrow(/features-0.*retrain/);
    expect(() => checkBlockModel(model({ depth: 3 }))).toThrow(/not a complete tree of depth 3/);
    expect(() => checkBlockModel(model({ trees: [{ ...tree, feature: [FEATURE_COUNT, -1, -1] }] }))).toThrow(
      /out of range/,
    );
    expect(() => checkBlockModel(model({ keepThreshold: 2 }))).toThrow(/keep threshold/);
  });
});
