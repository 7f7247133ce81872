// Trains the block classifier on all four shared sets and writes it as JSON. Same sets + same seed = the same
// file, byte for byte. Run: node -r @swc-node/register libs/extraction/scripts/train-block-model.ts [out.json]
// The model is shipped (src/html/shipped-block-model.ts) only when held-out body F1 beats the rules alone:
// `npm run eval:extraction -- --learned` measures that.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_TRAINING, labelledRows, trainBlockModel } from './block-training';
import { loadEvalSets } from './eval-sets';

function main(): void {
  const out = process.argv[2] ?? join(__dirname, '../../../.cache/block-model.json');
  const pages = loadEvalSets();
  const model = trainBlockModel(
    pages.map((p) => ({ set: p.set, rows: labelledRows(p) })),
    DEFAULT_TRAINING,
  );
  writeFileSync(out, `${JSON.stringify(model)}\n`);
  process.stdout.write(`${model.version}: ${pages.length} pages -> ${out}\n`);
}

if (require.main === module) main();
