import { decodeLexicon, type Lexicon, type SerializedLexicon } from './lexicon';
import { decodeNerModel, type NerWeights, type SerializedNerModel } from './model';
import { SentenceTagCache, type SentenceCacheCounts, type SentenceTagger } from './sentence-cache';
import { NerTagger } from './tagger';
import { committedWordClusters } from './word-clusters';

/** A tagger with the word statistics of the corpus it was trained on. */
export interface LanguageTagger {
  /** The language's tagger behind the shared cache of recent sentences (`configureSentenceCache`). */
  readonly tagger: SentenceTagger;
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
const models = new Map<string, NerTagger>();

/** Sentences whose tags are remembered, per language, unless `configureSentenceCache` says otherwise. */
export const DEFAULT_SENTENCE_CACHE = 20_000;
let sentenceCacheCapacity = DEFAULT_SENTENCE_CACHE;

/**
 * How many recent sentences each language's tagger remembers (0: none). Starts the caches afresh. Benchmarks of
 * tagging cost set 0: they feed the same text again and again, which real news does only in part.
 */
export function configureSentenceCache(capacity: number): void {
  for (const [language, counts] of Object.entries(sentenceCacheStats())) retiredCounts.set(language, counts);
  sentenceCacheCapacity = capacity;
  taggers.clear();
}

// What caches set aside by `configureSentenceCache` answered, so the counts of `sentenceCacheStats` only grow.
const retiredCounts = new Map<string, Pick<SentenceCacheCounts, 'hits' | 'misses'>>();

function languageTagger(model: NerTagger, lexicon: Lexicon, englishRules: boolean): LanguageTagger {
  return { tagger: new SentenceTagCache(model, sentenceCacheCapacity), lexicon, englishRules };
}

/**
 * Per language: sentences answered from the cache and sentences tagged since the process started (they only grow),
 * and sentences held now. The enricher's metrics read them.
 */
export function sentenceCacheStats(): Record<string, SentenceCacheCounts> {
  const stats: Record<string, SentenceCacheCounts> = {};
  for (const [language, { hits, misses }] of retiredCounts) stats[language] = { hits, misses, size: 0 };
  for (const [language, { tagger }] of taggers) {
    if (!(tagger instanceof SentenceTagCache)) continue;
    const retired = retiredCounts.get(language) ?? { hits: 0, misses: 0 };
    const now = tagger.stats;
    stats[language] = { hits: retired.hits + now.hits, misses: retired.misses + now.misses, size: now.size };
  }
  return stats;
}

let englishModel: { tagger: NerTagger; lexicon: Lexicon } | undefined;

/** The lexicon with the word clusters, for a model trained with them (they are read only then: 4 MB). */
function withWordClusters(model: NerWeights, words: Lexicon): Lexicon {
  return model.wordClusters ? { ...words, clusters: committedWordClusters() } : words;
}

function englishTagger(): { tagger: NerTagger; lexicon: Lexicon } {
  if (!englishModel) {
    const model = decodeNerModel(require('../model/ner.model.json') as SerializedNerModel);
    const lexicon = withWordClusters(model, decodeLexicon(require('../model/lexicon.model.json') as SerializedLexicon));
    englishModel = { tagger: new NerTagger(model, lexicon), lexicon };
  }
  return englishModel;
}

function english(): LanguageTagger {
  let loaded = taggers.get('en');
  if (!loaded) {
    const { tagger, lexicon } = englishTagger();
    loaded = languageTagger(tagger, lexicon, true);
    taggers.set('en', loaded);
  }
  return loaded;
}

function beyondEnglish(language: string): LanguageTagger {
  let loaded = taggers.get(language);
  if (!loaded) {
    if (!multilingual) {
      const weights = decodeNerModel(require('../model/ner-multilingual.model.json') as SerializedNerModel);
      const words = decodeLexicon(require('../model/lexicon-multilingual.model.json') as SerializedLexicon);
      multilingual = { weights, lexicon: withWordClusters(weights, words) };
    }
    const { weights, lexicon } = multilingual;
    let model = models.get(language);
    if (!model) {
      model = new NerTagger(weights, lexicon, language);
      models.set(language, model);
    }
    loaded = languageTagger(model, lexicon, false);
    taggers.set(language, loaded);
  }
  return loaded;
}

/** The English tagger trained by `npm run train:ner`, without a cache (evaluations score every sentence). */
export function defaultTagger(): NerTagger {
  return englishTagger().tagger;
}

/** Word statistics of the English training corpus: background frequencies and words that are usually lower case. */
export function defaultLexicon(): Lexicon {
  return englishTagger().lexicon;
}

/** The tagger for an ISO 639-1 language, or `null` when none is trained or transferred for it. */
export function taggerFor(language: string): LanguageTagger | null {
  if (language === 'en') return english();
  return TAGGED_LANGUAGES.includes(language) ? beyondEnglish(language) : null;
}
