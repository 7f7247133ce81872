// k-fold cross-validation of the NER recipe: for each fold, a tagger is trained exactly as `train:ner` trains the
// committed one (same mix, lexicon, gazetteer features), on the other folds of every corpus, and scored on the
// fold of each corpus, tagger alone and through the whole entity pipeline (rules and gazetteer as in production).
import type { Corpus, LabelledSentence } from './ner-data';
import {
  documentPipelinePredictions,
  pipelinePredictor,
  scorePredictions,
  scoreTagger,
  type NerScores,
} from './ner-evaluate';
import { assignFolds } from './ner-folds';
import { shout, trainTagger, type TrainedTagger, type TrainingCorpora } from './ner-training';
import type { NerTagger } from '../src/ner/tagger';
import type { Lexicon } from '../src/ner/lexicon';

export const CORPORA: readonly Corpus[] = ['gmb', 'wikigold', 'btc', 'wnut17'];

/** The corpora, and the news-like ones again in capitals (headlines, wire datelines): letter case says nothing. */
export type EvalSet = Corpus | 'shouted';
export const EVAL_SETS: readonly EvalSet[] = [...CORPORA, 'shouted'];

export interface SetScores {
  readonly sentences: number;
  readonly tagger: NerScores;
  /** Whole pipeline, each sentence alone. */
  readonly pipeline: NerScores;
  /** Whole pipeline, each document as one text (corpora whose documents span sentences, whole documents only). */
  readonly documents?: NerScores;
}

/** Corpora whose documents run over several sentences; tweets and posts are one sentence each. */
const MULTI_SENTENCE_DOCUMENTS: readonly EvalSet[] = ['gmb', 'wikigold'];

export interface FoldResult {
  /** 0-based. */
  readonly fold: number;
  readonly trainSentences: number;
  /** CPU seconds this process spent training the fold's tagger. */
  readonly trainCpuSeconds: number;
  readonly sets: Readonly<Record<EvalSet, SetScores>>;
}

export interface CrossValidationOptions {
  readonly folds: number;
  readonly seed: number;
  readonly epochs: number;
  readonly log: (line: string) => void;
}

function mapCorpora<T>(f: (corpus: Corpus) => T): Record<Corpus, T> {
  return { gmb: f('gmb'), wikigold: f('wikigold'), btc: f('btc'), wnut17: f('wnut17') };
}

/** Held-out sets of one split: each corpus's test sentences, plus GMB's and wikigold's shouted. */
export function evalSets(test: TrainingCorpora): Record<EvalSet, readonly LabelledSentence[]> {
  return { ...test, shouted: [...test.gmb, ...test.wikigold].map(shout) };
}

/**
 * Scores one tagger on each set. `wholeDocuments` says every document in the sets is complete (a fold's
 * sentences), so the pipeline can also run document by document; the held-out tenth keeps scattered sentences.
 */
export function scoreSets(
  tagger: NerTagger,
  lexicon: Lexicon,
  sets: Readonly<Record<EvalSet, readonly LabelledSentence[]>>,
  wholeDocuments: boolean,
): Record<EvalSet, SetScores> {
  const score = (set: EvalSet): SetScores => {
    const sentences = sets[set];
    const base = {
      sentences: sentences.length,
      tagger: scoreTagger(tagger, sentences),
      pipeline: scorePredictions(pipelinePredictor(tagger, lexicon), sentences),
    };
    if (!wholeDocuments || !MULTI_SENTENCE_DOCUMENTS.includes(set)) return base;
    const predicted = documentPipelinePredictions(tagger, lexicon, sentences);
    return { ...base, documents: scorePredictions((s) => predicted.get(s) ?? new Set<string>(), sentences) };
  };
  return {
    gmb: score('gmb'),
    wikigold: score('wikigold'),
    btc: score('btc'),
    wnut17: score('wnut17'),
    shouted: score('shouted'),
  };
}

export function crossValidateNer(corpora: TrainingCorpora, options: CrossValidationOptions): FoldResult[] {
  const foldOf = mapCorpora((c) =>
    assignFolds(
      corpora[c].map((s) => s.document),
      options.folds,
      options.seed,
    ),
  );
  const results: FoldResult[] = [];
  for (let fold = 0; fold < options.folds; fold++) {
    const train = mapCorpora((c) => corpora[c].filter((_, i) => foldOf[c][i] !== fold));
    const test = mapCorpora((c) => corpora[c].filter((_, i) => foldOf[c][i] === fold));
    const trainSentences = CORPORA.reduce((n, c) => n + train[c].length, 0);
    options.log(`fold ${fold + 1}/${options.folds}: training on ${trainSentences} sentences`);
    const cpu = process.cpuUsage();
    const trained: TrainedTagger = trainTagger(train, {
      epochs: options.epochs,
      source: `cross-validation fold ${fold + 1}`,
      log: (line) => options.log(`  ${line}`),
    });
    const used = process.cpuUsage(cpu);
    const sets = scoreSets(trained.tagger, trained.lexicon, evalSets(test), true);
    options.log(
      `fold ${fold + 1}: ` +
        EVAL_SETS.map(
          (s) => `${s} F1 ${sets[s].pipeline.ALL.f1.toFixed(3)} ORG ${sets[s].pipeline.ORG.f1.toFixed(3)}`,
        ).join(', '),
    );
    results.push({ fold, trainSentences, trainCpuSeconds: (used.user + used.system) / 1e6, sets });
  }
  return results;
}

/**
 * Leave-one-corpus-out for English: for each corpus, a tagger trained by the production recipe on the other three
 * only, scored on every sentence of the one left out (tagger alone and whole pipeline): how the recipe carries to
 * text unlike any it was trained on.
 */
export function leaveOneCorpusOut(
  corpora: TrainingCorpora,
  options: Omit<CrossValidationOptions, 'folds' | 'seed'>,
): Record<Corpus, SetScores> {
  const scores = {} as Record<Corpus, SetScores>;
  for (const left of CORPORA) {
    const train = mapCorpora((c) => (c === left ? [] : corpora[c]));
    options.log(`leaving out ${left}: training on ${CORPORA.reduce((n, c) => n + train[c].length, 0)} sentences`);
    const trained = trainTagger(train, {
      epochs: options.epochs,
      source: `without ${left}`,
      log: (line) => options.log(`  ${line}`),
    });
    const sentences = corpora[left];
    scores[left] = {
      sentences: sentences.length,
      tagger: scoreTagger(trained.tagger, sentences),
      pipeline: scorePredictions(pipelinePredictor(trained.tagger, trained.lexicon), sentences),
    };
  }
  return scores;
}
