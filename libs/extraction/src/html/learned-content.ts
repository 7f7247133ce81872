import { articleBodyKey, blockFeatures, type FeatureRow } from './block-features';
import { blockProbability, type BlockModel } from './block-model';
import type { TextBlock } from './blocks';
import type { MainContent } from './main-content';

/** The classifier's input for a page: one row per block, the rules' choice and the JSON-LD body among the features. */
export function pageRows(blocks: TextBlock[], ruleMain: MainContent | null, articleBody: string | null): FeatureRow[] {
  return blockFeatures(blocks, {
    ruleMain: new Set(ruleMain?.blocks ?? []),
    container: ruleMain?.container ?? null,
    articleBody: articleBodyKey(articleBody),
  });
}

/**
 * The rules' main content with the blocks the classifier calls furniture (probability below the model's
 * threshold) taken out. Letting the classifier's weights choose the subtree as well was tried and lost recall on
 * every held-out set (docs/quality.md, extraction history).
 */
export function learnedMainContent(
  blocks: TextBlock[],
  ruleMain: MainContent | null,
  articleBody: string | null,
  model: BlockModel,
): MainContent | null {
  if (!ruleMain) return null;
  const rows = pageRows(blocks, ruleMain, articleBody);
  const rowOf = new Map<TextBlock, FeatureRow>();
  blocks.forEach((b, i) => rowOf.set(b, rows[i]));
  return {
    ...ruleMain,
    blocks: ruleMain.blocks.filter((b) => {
      const row = rowOf.get(b);
      return row === undefined || blockProbability(model, row) >= model.keepThreshold;
    }),
  };
}
