import { DENSE_FEATURES, FEATURE_COUNT, FEATURE_SET } from './block-features';
import type { BlockModel } from './block-model';
import { textBlocks } from './blocks';
import { parsePage } from './extract-html';
import { learnedMainContent, pageRows } from './learned-content';
import { selectMainContent } from './main-content';

const prose = (n: number): string =>
  `Paragraph ${n} of the report gives details, figures, and quotes that only the article itself would carry here.`;

const page = `<html><body><div class="story">
  <p>${prose(1)}</p><p>${prose(2)}</p>
  <p>Read more: the best houseplants for a dark flat.</p>
  <p>${prose(3)}</p><p>${prose(4)}</p>
</div></body></html>`;

/** One stump: blocks that read like "read more" links are furniture, everything else article text. */
const moreIsFurniture: BlockModel = {
  version: 'test',
  featureSet: FEATURE_SET,
  featureCount: FEATURE_COUNT,
  depth: 1,
  keepThreshold: 0.5,
  base: 0,
  trees: [{ feature: [DENSE_FEATURES.indexOf('moreLike')], threshold: [0.5], leaf: [3, -3] }],
};

describe('learned main content', () => {
  const { body } = parsePage(page);
  const blocks = textBlocks(body);
  const ruleMain = selectMainContent(blocks);

  it('drops the blocks of the rules’ choice that the model calls furniture, and keeps the rest in order', () => {
    expect(ruleMain?.blocks.map((b) => b.text)).toHaveLength(5);
    const learned = learnedMainContent(blocks, ruleMain, null, moreIsFurniture);
    expect(learned?.blocks.map((b) => b.text)).toEqual([prose(1), prose(2), prose(3), prose(4)]);
    expect(learned?.container).toBe(ruleMain?.container);
  });

  it('computes every dense feature in its declared place (the last one, the next block’s length, included)', () => {
    const rows = pageRows(blocks, ruleMain, null);
    expect(rows).toHaveLength(blocks.length);
    expect(rows.every((r) => r.index.every((i) => i >= 0 && i < FEATURE_COUNT))).toBe(true);
    expect(rows[0].index).toContain(DENSE_FEATURES.indexOf('nextWeight'));
    expect(rows[2].index).toContain(DENSE_FEATURES.indexOf('moreLike'));
    expect(rows[1].index).not.toContain(DENSE_FEATURES.indexOf('moreLike'));
  });
});
