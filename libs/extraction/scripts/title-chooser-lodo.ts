// Leave-one-dataset-out figures of the learned title chooser of issue 20 against the shipped rules, on the sets with
// gold titles (news-metadata-dev, readability-test-pages: the other two have none). The L2 weight is chosen inside
// the training set only, by five folds over its pages. Not shipped: docs/quality.md records why.
// Run: INKSTREAM_DATASETS_DIR=../shared/datasets node -r @swc-node/register libs/extraction/scripts/title-chooser-lodo.ts
import { loadEvalSets } from './eval-sets';
import { titleMatches } from './page-metrics';
import { FOLDS } from './site-folds';
import {
  chooseTitle,
  TITLE_TRAINING_CONFIGS,
  titleExample,
  trainTitleModel,
  type TitleExample,
  type TitleTrainingConfig,
} from './title-training';

interface Scored {
  example: TitleExample;
  gold: string;
}

const share = (hits: number, of: number): number => hits / Math.max(1, of);

function learnedScore(train: readonly Scored[], test: readonly Scored[], config: TitleTrainingConfig): number {
  const model = trainTitleModel(
    train.map((s) => s.example),
    config,
  );
  return share(test.filter((s) => titleMatches(chooseTitle(model, s.example.candidates), s.gold)).length, test.length);
}

/** The config with the best mean score over folds of the training pages (the first on a tie). */
function chooseConfig(train: readonly Scored[]): TitleTrainingConfig {
  let best = TITLE_TRAINING_CONFIGS[0];
  let bestScore = -1;
  for (const config of TITLE_TRAINING_CONFIGS) {
    let total = 0;
    for (let fold = 0; fold < FOLDS; fold++) {
      const inner = train.filter((_, i) => i % FOLDS !== fold);
      const held = train.filter((_, i) => i % FOLDS === fold);
      total += learnedScore(inner, held, config);
    }
    if (total > bestScore) [best, bestScore] = [config, total];
  }
  return best;
}

function main(): void {
  const scored: Scored[] = [];
  for (const page of loadEvalSets()) {
    const example = titleExample(page);
    if (example && page.title !== undefined) scored.push({ example, gold: page.title });
  }
  const sets = [...new Set(scored.map((s) => s.example.set))];
  for (const set of sets) {
    const test = scored.filter((s) => s.example.set === set);
    const train = scored.filter((s) => s.example.set !== set);
    const config = chooseConfig(train);
    const rules = share(test.filter((s) => titleMatches(s.example.rules, s.gold)).length, test.length);
    const reachable = share(test.filter((s) => s.example.gold.some((g) => g)).length, test.length);
    process.stdout.write(
      `${set} (${test.length} pages): learned ${learnedScore(train, test, config).toFixed(3)} (l2 ${config.l2}), ` +
        `rules ${rules.toFixed(3)}, gold among candidates ${reachable.toFixed(3)}\n`,
    );
  }
}

if (require.main === module) main();
