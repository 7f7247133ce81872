// Cross-validation of the taggers beyond English: per language and per corpus, the multilingual recipe (one tagger
// on every language's folds pooled) against one tagger per language, plus leave-one-corpus-out and
// leave-one-language-out (transfer to a language never trained on: the stand-in for Spanish and Italian).
import type { Lexicon } from '../src/ner/lexicon';
import type { NerTagger } from '../src/ner/tagger';
import {
  ALL_CORPORA,
  FOREIGN_CORPORA,
  isModernText,
  languageOfCorpus,
  TRAINED_LANGUAGES,
  type TrainedLanguage,
} from './ner-data-multilingual';
import type { ForeignCorpus, LabelledSentence } from './ner-data';
import { pipelinePredictor, scorePredictions, scoreTagger, type NerScores } from './ner-evaluate';
import { assignFolds } from './ner-folds';
import { FOREIGN_TRANSFER_WEIGHTS, trainForeignTagger } from './ner-training';

export type ForeignData = Readonly<Record<ForeignCorpus, readonly LabelledSentence[]>>;

/**
 * How a language's tagger is trained: one tagger on every language with shared and per-language weights
 * (multilingual), one on every language with shared weights only (pooled), or one per language on its own corpora.
 */
export type Recipe = 'multilingual' | 'pooled' | 'per-language';
export const RECIPES: readonly Recipe[] = ['multilingual', 'pooled', 'per-language'];

export interface Scored {
  readonly sentences: number;
  readonly tagger: NerScores;
  /** Whole entity pipeline (rules, gazetteer, consistency) on each sentence as text. */
  readonly pipeline: NerScores;
}

/** Scores keyed by language code and by corpus name. */
export type ScoresByUnit = Readonly<Record<string, Scored>>;

const sentenceLanguage = (sentence: LabelledSentence): string => languageOfCorpus(sentence.source);

/** `englishRules`: the English tagger's pipeline keeps its rules; the taggers beyond English run without them. */
export function score(
  tagger: NerTagger,
  lexicon: Lexicon,
  sentences: readonly LabelledSentence[],
  englishRules = false,
): Scored {
  return {
    sentences: sentences.length,
    tagger: scoreTagger(tagger, sentences),
    pipeline: scorePredictions(pipelinePredictor(tagger, lexicon, englishRules), sentences),
  };
}

/** One model's scores on each corpus given, and on each language (its corpora pooled). */
export function scoreUnits(
  taggerFor: (language: TrainedLanguage) => NerTagger,
  lexicon: Lexicon,
  test: Partial<Record<ForeignCorpus, readonly LabelledSentence[]>>,
  englishRules = false,
): Record<string, Scored> {
  const out: Record<string, Scored> = {};
  for (const language of TRAINED_LANGUAGES) {
    const corpora = FOREIGN_CORPORA[language].filter((c) => test[c] !== undefined);
    if (corpora.length === 0) continue;
    const tagger = taggerFor(language);
    const pooled = corpora.flatMap((c) => test[c] ?? []);
    for (const corpus of corpora) out[corpus] = score(tagger, lexicon, test[corpus] ?? [], englishRules);
    out[language] = corpora.length === 1 ? out[corpora[0]] : score(tagger, lexicon, pooled, englishRules);
  }
  return out;
}

export interface ForeignFold {
  readonly fold: number;
  readonly recipe: Recipe;
  /** CPU seconds of training and scoring the fold. */
  readonly trainCpuSeconds: number;
  readonly scores: ScoresByUnit;
}

interface RunOptions {
  readonly epochs: number;
  readonly log: (line: string) => void;
}

function cpuSeconds(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
}

/** k-fold cross-validation by document, each corpus cut into folds on its own, for one recipe. */
export function crossValidateForeign(
  data: ForeignData,
  recipe: Recipe,
  options: RunOptions & { readonly folds: number; readonly seed: number },
): ForeignFold[] {
  const foldOf = Object.fromEntries(
    ALL_CORPORA.map((c) => [
      c,
      assignFolds(
        data[c].map((s) => s.document),
        options.folds,
        options.seed,
      ),
    ]),
  ) as Record<ForeignCorpus, number[]>;
  const part = (fold: number, inFold: boolean): Record<ForeignCorpus, LabelledSentence[]> =>
    Object.fromEntries(
      ALL_CORPORA.map((c) => [c, data[c].filter((_, i) => (foldOf[c][i] === fold) === inFold)]),
    ) as Record<ForeignCorpus, LabelledSentence[]>;
  const results: ForeignFold[] = [];
  for (let fold = 0; fold < options.folds; fold++) {
    const train = part(fold, false);
    const test = part(fold, true);
    const cpu = process.cpuUsage();
    const groups: readonly (readonly ForeignCorpus[])[] =
      recipe === 'per-language' ? TRAINED_LANGUAGES.map((l) => FOREIGN_CORPORA[l]) : [ALL_CORPORA];
    const scores: Record<string, Scored> = {};
    for (const group of groups) {
      const trainSentences = group.flatMap((c) => train[c]);
      options.log(`${recipe} fold ${fold + 1}/${options.folds}: training on ${trainSentences.length} sentences`);
      const trained = trainForeignTagger(trainSentences, {
        epochs: options.epochs,
        source: `${recipe} cross-validation fold ${fold + 1}`,
        log: (line) => options.log(`  ${line}`),
        languageOf: recipe === 'multilingual' ? sentenceLanguage : undefined,
        textLanguageOf: sentenceLanguage,
        transferFrom: FOREIGN_TRANSFER_WEIGHTS ? isModernText : undefined,
      });
      Object.assign(
        scores,
        scoreUnits(trained.taggerFor, trained.lexicon, Object.fromEntries(group.map((c) => [c, test[c]]))),
      );
    }
    const trainCpuSeconds = cpuSeconds(cpu);
    options.log(
      `${recipe} fold ${fold + 1}: ` +
        TRAINED_LANGUAGES.map((l) => `${l} ${scores[l].tagger.ALL.f1.toFixed(3)}`).join(', '),
    );
    results.push({ fold, recipe, trainCpuSeconds, scores });
  }
  return results;
}

/** Trained on every sentence of every corpus but those left out, scored on the ones left out. */
export function leaveOut(data: ForeignData, left: readonly ForeignCorpus[], options: RunOptions): ScoresByUnit {
  const train = ALL_CORPORA.filter((c) => !left.includes(c)).flatMap((c) => data[c]);
  options.log(`leaving out ${left.join(', ')}: training on ${train.length} sentences`);
  const trained = trainForeignTagger(train, {
    epochs: options.epochs,
    source: `without ${left.join(', ')}`,
    log: (line) => options.log(`  ${line}`),
    languageOf: sentenceLanguage,
    transferFrom: FOREIGN_TRANSFER_WEIGHTS ? isModernText : undefined,
  });
  return scoreUnits(trained.taggerFor, trained.lexicon, Object.fromEntries(left.map((c) => [c, data[c]])));
}

/** Corpora to leave out one at a time: each corpus of a language that has more than one. */
export const LEAVE_ONE_CORPUS_OUT: readonly ForeignCorpus[] = ALL_CORPORA.filter(
  (c) => FOREIGN_CORPORA[languageOfCorpus(c)].length > 1,
);

/**
 * Languages left out whole, as if never trained on: Portuguese is a Romance language like Spanish and Italian, for
 * which no training data is open, and modern news like theirs, so its figure is the proxy for what transfer gives
 * there (French, also Romance, is historic OCR text: a poorer proxy, and one more training per run).
 */
export const LEAVE_ONE_LANGUAGE_OUT: readonly TrainedLanguage[] = ['pt'];
