import { decodeLexicon, type Lexicon, type SerializedLexicon } from './lexicon';
import { decodeNerModel, type NerWeights, type SerializedNerModel } from './model';
import { NerTagger } from './tagger';
import { decodeWordClusters, type WordClusterModel } from './word-clusters';

/** A tagger with the word statistics of the corpus it was trained on. */
export interface LanguageTagger {
  readonly tagger: NerTagger;
  readonly lexicon: Lexicon;
  /** Whether the English news-convention rules (titles, "the", sports lines) apply to its output. */
  readonly englishRules: boolean;
}

/**
 * Languages tagged beyond English, all by the one multilingual tagger: shared weights plus weights of its own for
 * each trained language (cross-validated against one tagger per language: docs/quality.md). Spanish and Italian
 * have no training data: they are tagged by the shared weights plus the transfer weights (`TRANSFER_WEIGHTS`).
 */
export const TAGGED_LANGUAGES: readonly string[] = ['de', 'fr', 'nl', 'pt', 'da', 'sv', 'ar', 'es', 'it'];

// The committed models are data imported like code, so this library stays free of file I/O. `require` keeps the
// multi-MB JSON out of the type checker; each is decoded once, on first use, and a tagger made once per language.
let multilingual: { weights: NerWeights; lexicon: Lexicon } | undefined;
const taggers = new Map<string, LanguageTagger>();

function english(): LanguageTagger {
  let loaded = taggers.get('en');
  if (!loaded) {
    const model = decodeNerModel(require('../model/ner.model.json') as SerializedNerModel);
    const words = decodeLexicon(require('../model/lexicon.model.json') as SerializedLexicon);
    // The clusters are read only for a model trained with them.
    const lexicon: Lexicon = model.wordClusters
      ? { ...words, clusters: decodeWordClusters(require('../model/word-clusters.model.json') as WordClusterModel) }
      : words;
    loaded = { tagger: new NerTagger(model, lexicon), lexicon, englishRules: true };
    taggers.set('en', loaded);
  }
  return loaded;
}

function beyondEnglish(language: string): LanguageTagger {
  let loaded = taggers.get(language);
  if (!loaded) {
    multilingual ??= {
      weights: decodeNerModel(require('../model/ner-multilingual.model.json') as SerializedNerModel),
      lexicon: decodeLexicon(require('../model/lexicon-multilingual.model.json') as SerializedLexicon),
    };
    const { weights, lexicon } = multilingual;
    loaded = { tagger: new NerTagger(weights, lexicon, language), lexicon, englishRules: false };
    taggers.set(language, loaded);
  }
  return loaded;
}

/** The English tagger trained by `npm run train:ner`. */
export function defaultTagger(): NerTagger {
  return english().tagger;
}

/** Word statistics of the English training corpus: background frequencies and words that are usually lower case. */
export function defaultLexicon(): Lexicon {
  return english().lexicon;
}

/** The tagger for an ISO 639-1 language, or `null` when none is trained or transferred for it. */
export function taggerFor(language: string): LanguageTagger | null {
  if (language === 'en') return english();
  return TAGGED_LANGUAGES.includes(language) ? beyondEnglish(language) : null;
}
