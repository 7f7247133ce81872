// Loads the non-English NER corpora of `ner-train-multilingual` (token TAB tag, IOB2, `-DOCSTART-` lines) onto the
// news conventions the English data uses: PER/ORG/LOC, MISC left outside any entity.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATASETS_DIR } from '@inkstream/measure';
import type { EntityClass } from '../src/ner/tags';
import { spansFromBio, toBio, type ForeignCorpus, type LabelledSentence } from './ner-data';

export const MULTILINGUAL_DATASET_DIR =
  process.env.NER_MULTILINGUAL_DATASET_DIR ?? join(DATASETS_DIR, 'ner-train-multilingual');

/** Languages with training data, and their corpora; the first corpus of a language is its most news-like. */
export const FOREIGN_CORPORA = {
  de: ['de-germeval2014', 'de-europeana'],
  fr: ['fr-europeana'],
  nl: ['nl-europeana'],
  pt: ['pt-uner-bosque'],
  da: ['da-uner-ddt'],
  sv: ['sv-uner-talbanken'],
  ar: ['ar-aqmar'],
} as const satisfies Readonly<Record<string, readonly ForeignCorpus[]>>;

export type TrainedLanguage = keyof typeof FOREIGN_CORPORA;
export const TRAINED_LANGUAGES = Object.keys(FOREIGN_CORPORA) as TrainedLanguage[];
export const ALL_CORPORA: readonly ForeignCorpus[] = TRAINED_LANGUAGES.flatMap((l) => FOREIGN_CORPORA[l]);

/** Licence of each corpus, which a model trained on it carries (share-alike where the data is). */
export const CORPUS_LICENCES: Readonly<Record<ForeignCorpus, string>> = {
  'de-germeval2014': 'CC BY 4.0',
  'de-europeana': 'CC0 1.0',
  'fr-europeana': 'CC0 1.0',
  'nl-europeana': 'CC0 1.0',
  'pt-uner-bosque': 'CC BY-SA 4.0',
  'da-uner-ddt': 'CC BY-SA 4.0',
  'sv-uner-talbanken': 'CC BY-SA 4.0',
  'ar-aqmar': 'CC BY-SA 3.0',
};

/**
 * Corpora of modern, edited text (news, Wikipedia, modern prose; not the Europeana newspapers' historic OCR), whose
 * sentences also train the transfer weights that Spanish and Italian, never trained on, are tagged with. Arabic's
 * Wikipedia is left out: its script shares no capitals with the languages transferred to (measured in docs/quality.md).
 */
export const MODERN_CORPORA: readonly ForeignCorpus[] = [
  'de-germeval2014',
  'pt-uner-bosque',
  'da-uner-ddt',
  'sv-uner-talbanken',
];

/** Whether a sentence also trains the transfer weights (`trainForeignTagger`'s `transferFrom`). */
export const isModernText = (sentence: LabelledSentence): boolean =>
  (MODERN_CORPORA as readonly string[]).includes(sentence.source);

/**
 * Sentences per stand-in document where the source marks no documents (or marks whole newspaper issues): the
 * corpora were split into train and held-out parts by blocks of 50 sentences, so a block is the unit that stays
 * together. Only a story straddling two blocks can be split between folds.
 */
export const FOREIGN_DOCUMENT_BLOCK = 50;

const CLASSES: ReadonlySet<string> = new Set<EntityClass>(['PER', 'ORG', 'LOC']);

/** One corpus's `train.conll`; documents are its `-DOCSTART-` sections cut into blocks of 50 sentences. */
export function loadForeignCorpus(corpus: ForeignCorpus, dir = MULTILINGUAL_DATASET_DIR): LabelledSentence[] {
  const sentences: LabelledSentence[] = [];
  let words: string[] = [];
  let labels: string[] = [];
  let inSection = 0;
  let document = 0;
  const flush = (): void => {
    if (words.length > 0) {
      const spans = spansFromBio(labels)
        .filter((span) => CLASSES.has(span.type))
        .map((span) => ({ cls: span.type as EntityClass, span }));
      if (inSection > 0 && inSection % FOREIGN_DOCUMENT_BLOCK === 0) document++;
      inSection++;
      sentences.push({ words, tags: toBio(words.length, spans), source: corpus, document });
    }
    words = [];
    labels = [];
  };
  for (const line of readFileSync(`${dir}/${corpus}/train.conll`, 'utf8').split('\n')) {
    const tab = line.indexOf('\t');
    if (line.startsWith('-DOCSTART-')) {
      flush();
      if (sentences.length > 0) document++;
      inSection = 0;
      continue;
    }
    if (tab < 0) {
      flush();
      continue;
    }
    words.push(line.slice(0, tab));
    labels.push(line.slice(tab + 1).trim());
  }
  flush();
  return sentences;
}

/** Every corpus of one language, in the order of `FOREIGN_CORPORA`. */
export function loadLanguage(language: TrainedLanguage): Record<string, LabelledSentence[]> {
  return Object.fromEntries(FOREIGN_CORPORA[language].map((corpus) => [corpus, loadForeignCorpus(corpus)]));
}

/** The language of a corpus of `FOREIGN_CORPORA`. */
export function languageOfCorpus(corpus: string): TrainedLanguage {
  const found = TRAINED_LANGUAGES.find((l) => (FOREIGN_CORPORA[l] as readonly string[]).includes(corpus));
  if (!found) throw new Error(`${corpus} is not a corpus of ner-train-multilingual`);
  return found;
}

/** Version of the committed multilingual model's recipe and data, written into the model file. */
export const MULTILINGUAL_MODEL_VERSION = 'inkstream-ner-multilingual 1.2.0';
