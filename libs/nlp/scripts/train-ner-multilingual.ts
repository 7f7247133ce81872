// Trains the tagger beyond English on every sentence of ner-train-multilingual and writes the committed model:
//   npm run train:ner:multilingual     (deterministic: fixed seed, fixed corpus order; byte for byte)
// Its figures come from cross-validation (`npm run eval:ner -- --only beyond`), not from this run.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ALL_CORPORA,
  CORPUS_LICENCES,
  languageOfCorpus,
  isModernText,
  loadForeignCorpus,
  MODERN_CORPORA,
  MULTILINGUAL_MODEL_VERSION,
} from './ner-data-multilingual';
import { BEAM, FOREIGN_TRANSFER_WEIGHTS, PRODUCTION_EPOCHS, TRAINING_SEED, trainForeignTagger } from './ner-training';

const MODEL_DIR = process.env.NER_MODEL_DIR ?? join(__dirname, '..', 'src', 'model');

function main(): void {
  const started = Date.now();
  const sentences = ALL_CORPORA.flatMap((corpus) => loadForeignCorpus(corpus));
  console.log(`training on ${sentences.length} sentences of ${ALL_CORPORA.join(', ')}`);
  const { model, serializedLexicon } = trainForeignTagger(sentences, {
    epochs: PRODUCTION_EPOCHS,
    source:
      `${MULTILINGUAL_MODEL_VERSION}: ner-train-multilingual, every sentence of ` +
      `${ALL_CORPORA.map((c) => `${c} (${CORPUS_LICENCES[c]})`).join(', ')}; shared and per-language weights; ` +
      (FOREIGN_TRANSFER_WEIGHTS
        ? `transfer weights for languages never trained on from a second copy of ${MODERN_CORPORA.join(', ')}; `
        : '') +
      'place names of each language and given names (compromise, MIT) as gazetteer features; ' +
      `${PRODUCTION_EPOCHS} epochs, beam ${BEAM}, seed ${TRAINING_SEED}. Licence: CC BY-SA 4.0 (share-alike, as ` +
      'the Portuguese, Danish, Swedish and Arabic data), see libs/nlp/src/model/MODELS.md',
    log: console.log,
    languageOf: (sentence) => languageOfCorpus(sentence.source),
    transferFrom: FOREIGN_TRANSFER_WEIGHTS ? isModernText : undefined,
  });
  writeFileSync(join(MODEL_DIR, 'ner-multilingual.model.json'), JSON.stringify(model));
  writeFileSync(join(MODEL_DIR, 'lexicon-multilingual.model.json'), JSON.stringify(serializedLexicon));
  console.log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

main();
