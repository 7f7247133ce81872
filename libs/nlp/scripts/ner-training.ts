// The production training recipe (corpus mix, capitals copies, lexicon, perceptron), shared by `train:ner`, which
// trains the committed model, and `eval:ner`, which trains one model per cross-validation fold the same way.
import { decodeLexicon, buildLexicon, type Lexicon, type SerializedLexicon } from '../src/ner/lexicon';
import {
  decodeNerModel,
  encodeNerModel,
  TRANSFER_WEIGHTS,
  type OptionalFeature,
  type SerializedNerModel,
} from '../src/ner/model';
import { NerTagger } from '../src/ner/tagger';
// The committed word clusters serve every tagger, cross-validation folds included: they come from vectors learnt
// on unlabelled text outside the labelled corpora (GloVe: Wikipedia and Gigaword), never from tags.
import { committedWordClusters } from '../src/ner/word-clusters';
import type { Corpus, LabelledSentence } from './ner-data';
import { trainPerceptron } from './perceptron-trainer';

// 2^23 buckets scored no better by cross-validation (docs/quality.md): collisions do not limit the model.
export const HASH_BITS = Number(process.env.NER_HASH_BITS ?? 21);
export const TRAINING_SEED = 20240707;
export const PRODUCTION_EPOCHS = Number(process.env.NER_EPOCHS ?? 10);
// One sentence in this many is also trained on in capitals (headlines, wire datelines, results tables).
const SHOUT_EVERY = Number(process.env.NER_SHOUT_EVERY ?? 8);
const WIKIGOLD_REPEATS = Number(process.env.NER_WIKIGOLD_REPEATS ?? 6);
// Weights this small barely move a decision; dropping them keeps the committed model a few MB.
const MIN_WEIGHT = Number(process.env.NER_MIN_WEIGHT ?? 0.5);
// The multilingual model has a weight per language beside each shared one: kept at 0.5 it is 16 MB. At 2 it is
// 5 MB (6.4 with the transfer weights), for about −0.01 F1 on a held-out fold of a quick run (1 → −0.004 at 10 MB;
// 3 → −0.03; Arabic loses most).
const MULTILINGUAL_MIN_WEIGHT = Number(process.env.NER_MULTILINGUAL_MIN_WEIGHT ?? 2);
// Taggings kept per word in training (early update) and so in decoding; 1 is greedy. Cross-validated, a beam of
// 4 against greedy: whole-pipeline F1 +0.020 on GMB (ORG +0.037), +0.043 on wikigold (ORG +0.040), +0.050 on news
// in capitals (ORG +0.081), +0.027 and +0.039 on the tweet corpora (BTC ORG −0.016): docs/quality.md.
export const BEAM = Number(process.env.NER_BEAM ?? 4);

// Given-name features (gazetteer/given-names), beyond English and in English, and word clusters of GloVe vectors
// (cluster-words.ts), in English: each measured by cross-validation, docs/quality.md. Given names in English are
// off ("1" turns them on: they lost a person's name in a spec); the clusters are on ("0" turns them off).
const FOREIGN_GIVEN_NAMES = process.env.NER_GIVEN_NAMES !== '0';
const ENGLISH_GIVEN_NAMES = process.env.NER_ENGLISH_GIVEN_NAMES === '1';
const ENGLISH_WORD_CLUSTERS = process.env.NER_WORD_CLUSTERS !== '0';
// Word-frequency bands of the text's language (src/ner/word-bands.ts, from wordfreq), beyond English: "1" turns
// them on. Tried by the quick cross-validation and left out: they lowered the transfer to Portuguese left out
// (docs/quality.md).
const FOREIGN_WORD_BANDS = process.env.NER_WORD_BANDS === '1';
// The English GloVe clusters beyond English: "1" turns them on. Tried by the quick cross-validation and left out:
// they lowered the transfer to Portuguese left out, the proxy for Spanish and Italian (docs/quality.md).
const FOREIGN_WORD_CLUSTERS = process.env.NER_FOREIGN_WORD_CLUSTERS === '1';
// Transfer weights for languages never trained on (`transferFrom`, MODERN_CORPORA): "0" trains without them, as
// model 1.1.0 was (docs/quality.md compares the two).
export const FOREIGN_TRANSFER_WEIGHTS = process.env.NER_TRANSFER_WEIGHTS !== '0';

export type TrainingCorpora = Readonly<Record<Corpus, readonly LabelledSentence[]>>;

/**
 * Tweets that name nobody teach mostly that tweet capitals mean nothing, which is wrong for news; those naming
 * someone or something carry the names news lacks in GMB (clubs, companies, broadcasters).
 */
function socialMedia(sentences: readonly LabelledSentence[]): LabelledSentence[] {
  return process.env.NER_ALL_SOCIAL ? [...sentences] : sentences.filter((s) => s.tags.some((tag) => tag !== 'O'));
}

/** A sentence as a headline or wire dateline would print it. */
export function shout(sentence: LabelledSentence): LabelledSentence {
  return { ...sentence, words: sentence.words.map((word) => word.toUpperCase()) };
}

/** The sentences trained on, and the natural-case ones the lexicon counts. */
export function trainingMix(corpora: TrainingCorpora): { natural: LabelledSentence[]; train: LabelledSentence[] } {
  // Wikigold is hand-annotated and closer to other newsroom conventions than GMB's tool-bootstrapped tags, but 25x
  // smaller: repeating it gives its evidence a say (6 copies: held-out wikigold F1 0.678 → 0.710 over 3, the other
  // corpora unchanged within 0.003).
  // The two social-media corpora bring what GMB lacks: clubs, companies, bands and broadcasters by the thousand.
  const natural = [
    ...corpora.gmb,
    ...Array.from({ length: WIKIGOLD_REPEATS }, () => corpora.wikigold).flat(),
    ...socialMedia(corpora.btc),
    ...socialMedia(corpora.wnut17),
  ];
  // Headlines and datelines arrive in capitals; a shouted copy of every 8th sentence teaches the tagger to lean on
  // the word itself when case says nothing (1 in 20 scored 0.696 F1 on held-out news in capitals, 1 in 8 0.720).
  const shouted = natural.filter((_, i) => i % SHOUT_EVERY === 0).map(shout);
  return { natural, train: [...natural, ...shouted] };
}

export interface TrainedTagger {
  readonly model: SerializedNerModel;
  readonly serializedLexicon: SerializedLexicon;
  readonly tagger: NerTagger;
  readonly lexicon: Lexicon;
}

export function trainTagger(
  corpora: TrainingCorpora,
  options: {
    readonly epochs: number;
    readonly source: string;
    readonly log: (line: string) => void;
  },
): TrainedTagger {
  const { natural, train } = trainingMix(corpora);
  const serializedLexicon = buildLexicon(natural.map((sentence) => sentence.words));
  const clusters = ENGLISH_WORD_CLUSTERS ? committedWordClusters() : undefined;
  const lexicon: Lexicon = { ...decodeLexicon(serializedLexicon), ...(clusters ? { clusters } : {}) };
  const dense = trainPerceptron(train, lexicon, {
    hashBits: HASH_BITS,
    epochs: options.epochs,
    seed: TRAINING_SEED,
    log: options.log,
    beam: BEAM,
    givenNames: ENGLISH_GIVEN_NAMES,
    wordClusters: ENGLISH_WORD_CLUSTERS,
  });
  const features: OptionalFeature[] = [
    ...(ENGLISH_GIVEN_NAMES ? ['given-names' as const] : []),
    ...(ENGLISH_WORD_CLUSTERS ? ['word-clusters' as const] : []),
  ];
  const model = encodeNerModel(dense, HASH_BITS, MIN_WEIGHT, options.source, BEAM, [], features);
  return { model, serializedLexicon, lexicon, tagger: new NerTagger(decodeNerModel(model), lexicon) };
}

/** A tagger trained beyond English: with per-language weights, each language is tagged by its own `NerTagger`. */
export interface TrainedForeignTagger {
  readonly model: SerializedNerModel;
  readonly serializedLexicon: SerializedLexicon;
  readonly lexicon: Lexicon;
  readonly taggerFor: (language: string) => NerTagger;
}

/**
 * The recipe for taggers beyond English: the sentences of one or more languages pooled, with the same features,
 * capitals copies, lexicon and beam as English. `languageOf` gives each sentence's language for per-language
 * weights beside the shared ones (omit it for shared weights only). Sentences with no letter case to lose
 * (Arabic) get no capitals copy.
 */
export function trainForeignTagger(
  sentences: readonly LabelledSentence[],
  options: {
    readonly epochs: number;
    readonly source: string;
    readonly log: (line: string) => void;
    readonly beam?: number;
    readonly languageOf?: (sentence: LabelledSentence) => string;
    /** Each sentence's language for the gazetteer features, with or without per-language weights. */
    readonly textLanguageOf?: (sentence: LabelledSentence) => string;
    /**
     * Sentences that also train the transfer weights (`TRANSFER_WEIGHTS`), as a second copy of each: what languages
     * never trained on are tagged with beside the shared weights. Only with `languageOf`.
     */
    readonly transferFrom?: (sentence: LabelledSentence) => boolean;
  },
): TrainedForeignTagger {
  const beam = options.beam ?? BEAM;
  const { languageOf, transferFrom } = options;
  const transferCopies = new Set<LabelledSentence>();
  const copies =
    languageOf && transferFrom
      ? sentences.filter(transferFrom).map((sentence) => {
          const copy = { ...sentence };
          transferCopies.add(copy);
          return copy;
        })
      : [];
  const natural = [...sentences, ...copies];
  const shouted = natural
    .filter((_, i) => i % SHOUT_EVERY === 0)
    .map((sentence) => {
      const copy = shout(sentence);
      if (transferCopies.has(sentence)) transferCopies.add(copy);
      return copy;
    })
    .filter((copy, i) => copy.words.some((word, j) => word !== natural[i * SHOUT_EVERY].words[j]));
  // Word statistics count each sentence once: the transfer copies repeat text, not evidence about words.
  const serializedLexicon = buildLexicon(sentences.map((sentence) => sentence.words));
  const clusters = FOREIGN_WORD_CLUSTERS ? committedWordClusters() : undefined;
  const lexicon: Lexicon = { ...decodeLexicon(serializedLexicon), ...(clusters ? { clusters } : {}) };
  const weightsOf = languageOf
    ? (sentence: LabelledSentence) => (transferCopies.has(sentence) ? TRANSFER_WEIGHTS : languageOf(sentence))
    : undefined;
  const dense = trainPerceptron([...natural, ...shouted], lexicon, {
    hashBits: HASH_BITS,
    epochs: options.epochs,
    seed: TRAINING_SEED,
    log: options.log,
    beam,
    languageOf: weightsOf,
    // A transfer copy is still text of its own language: its place names are that language's.
    textLanguageOf: options.textLanguageOf ?? languageOf,
    givenNames: FOREIGN_GIVEN_NAMES,
    wordBands: FOREIGN_WORD_BANDS,
    wordClusters: FOREIGN_WORD_CLUSTERS,
  });
  const languages = weightsOf ? [...new Set(natural.map(weightsOf))].sort() : [];
  const features: OptionalFeature[] = [
    ...(FOREIGN_GIVEN_NAMES ? ['given-names' as const] : []),
    ...(FOREIGN_WORD_BANDS ? ['word-bands' as const] : []),
    ...(FOREIGN_WORD_CLUSTERS ? ['word-clusters' as const] : []),
  ];
  const model = encodeNerModel(dense, HASH_BITS, MULTILINGUAL_MIN_WEIGHT, options.source, beam, languages, features);
  const weights = decodeNerModel(model);
  return { model, serializedLexicon, lexicon, taggerFor: (language) => new NerTagger(weights, lexicon, language) };
}
