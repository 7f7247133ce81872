// The block classifier as a held-out-evaluation method: fitted on the training sets' labelled blocks, then used by
// the whole extractor on the held-out pages. Its hyper-parameter (L2 strength) is chosen inside the training sets.
import type { EvalPage } from './eval-sets';
import {
  DEFAULT_TRAINING,
  labelledRows,
  trainBlockModel,
  type LabelledRows,
  type TrainingConfig,
} from './block-training';
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
  return {
    name: 'block classifier (logistic regression) inside the rules’ subtree choice',
    configs,
    describe: (c) => `l2 ${c.l2}, epochs ${c.epochs}`,
    learns: true,
    fit: (train, config) => {
      const model = trainBlockModel(
        train.map((p) => ({ set: p.set, rows: rowsOf(p) })),
        config,
      );
      return (page) => extractPage(page, undefined, model);
    },
  };
}
