// Trains the news NER tagger on the shared corpora (held-out split excluded) and writes the committed model:
//   npm run train:ner            (deterministic: fixed seed, fixed corpus order)
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadBtc, loadGmb, loadWikigold, loadWnut17, splitCorpus } from './ner-data';
import { formatScores, scoreTagger } from './ner-evaluate';
import { BEAM, PRODUCTION_EPOCHS, TRAINING_SEED, trainTagger } from './ner-training';

const MODEL_DIR = process.env.NER_MODEL_DIR ?? join(__dirname, '..', 'src', 'model');

function main(): void {
  const started = Date.now();
  const gmb = splitCorpus(loadGmb());
  const wikigold = splitCorpus(loadWikigold());
  const btc = splitCorpus(loadBtc());
  const wnut17 = splitCorpus(loadWnut17());
  console.log(
    `training on ${gmb.train.length} GMB, ${wikigold.train.length} wikigold, ${btc.train.length} BTC, ${wnut17.train.length} WNUT17 sentences`,
  );
  const { model, serializedLexicon, tagger } = trainTagger(
    { gmb: gmb.train, wikigold: wikigold.train, btc: btc.train, wnut17: wnut17.train },
    {
      epochs: PRODUCTION_EPOCHS,
      source: `GMB 1.0 (Kaggle extract, ODbL) + wikigold, Broad Twitter Corpus, WNUT17 (CC BY 4.0), every 10th sentence of each held out; ${PRODUCTION_EPOCHS} epochs, beam ${BEAM}, seed ${TRAINING_SEED}`,
      log: console.log,
    },
  );
  writeFileSync(join(MODEL_DIR, 'ner.model.json'), JSON.stringify(model));
  writeFileSync(join(MODEL_DIR, 'lexicon.model.json'), JSON.stringify(serializedLexicon));
  console.log(formatScores('held-out GMB', scoreTagger(tagger, gmb.heldOut)));
  console.log(formatScores('held-out wikigold', scoreTagger(tagger, wikigold.heldOut)));
  console.log(formatScores('held-out BTC', scoreTagger(tagger, btc.heldOut)));
  console.log(formatScores('held-out WNUT17', scoreTagger(tagger, wnut17.heldOut)));
  console.log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

main();
