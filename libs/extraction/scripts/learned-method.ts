// The block classifier as a held-out-evaluation method: fitted on the training sets' labelled blocks, then used by
// the whole extractor on the held-out pages. Its hyper-parameters (the keep threshold, and the trees' shape where
// the grid varies it) are chosen inside the training sets.
import type { EvalPage } from './eval-sets';
import {
  DEFAULT_TRAINING,
  labelledRows,
  trainBlockModel,
  treesKey,
  type LabelledRows,
  type TrainingConfig,
} from './block-training';
import type { BlockModel } from '../src/html/block-model';
import type { Method } from './leave-one-set-out';
import { extractPage } from './rules-method';

const rowsCache = new Map<EvalPage, LabelledRows>();

function rowsOf(page: EvalPage): LabelledRows {
  let rows = rowsCache.get(page);
  if (!rows) {
    rows = labelledRows(page);
    rowsCache.set(page, rows);
  }
  return rows;
}

export function learnedMethod(configs: readonly TrainingConfig[] = [DEFAULT_TRAINING]): Method<TrainingConfig> {
  // Configs that differ only in their keep threshold share trees: one fit per training part and tree shape.
  const models = new Map<string, BlockModel>();
  return {
    name: 'block classifier (gradient-boosted trees) filtering the rules’ choice',
    configs,
    describe: (c) => `${c.trees} trees of depth ${c.depth}, keep ${c.keepThreshold}`,
    learns: true,
    fit: (train, config) => {
      const key = `${treesKey(config)}|${train.map((p) => `${p.set}/${p.id}`).join(',')}`;
      let model = models.get(key);
      if (!model) {
        model = trainBlockModel(
          train.map((p) => ({ set: p.set, rows: rowsOf(p) })),
          config,
        );
        models.set(key, model);
      }
      const chosen = { ...model, keepThreshold: config.keepThreshold };
      return (page) => extractPage(page, undefined, chosen);
    },
  };
}
