export { enrichArticle, MAX_ANALYSED_CHARS, type EnrichInput, type Enrichment } from './enrich';
export { ENRICHMENT_VERSION, NER_MODEL_VERSION } from './version';
export { detectLanguage, type DetectedLanguage } from './language/detect-language';
export { recognizeEntities } from './entities/recognize-entities';
export type { Entity, EntityType, Mention } from './entities/types';
export { collectPlaces, datelinePlace, resolvePlace, type Place } from './places';
export { extractKeywords, type Scored } from './keywords';
export { classifyTopics } from './topics';
export { summarise } from './summary';
export { findQuotes, type Quote } from './quotes';
export { findQuantities } from './figures/quantities';
export { findDates } from './figures/dates';
export type { Figure, MoneyFigure, PercentFigure, AreaFigure, CountFigure, DateFigure } from './figures/types';
export { analyseText, type AnalysedText } from './text/analysed-text';
export { tokenize, type Token } from './text/tokenize';
export { splitSentences, type Sentence } from './text/sentences';
export { NerTagger } from './ner/tagger';
export { decodeNerModel, encodeNerModel, type SerializedNerModel } from './ner/model';
export { buildLexicon, decodeLexicon, type Lexicon, type SerializedLexicon } from './ner/lexicon';
export {
  configureSentenceCache,
  DEFAULT_SENTENCE_CACHE,
  defaultLexicon,
  defaultTagger,
  sentenceCacheStats,
  taggerFor,
  TAGGED_LANGUAGES,
  type LanguageTagger,
} from './ner/default-tagger';
export { SentenceTagCache, type SentenceCacheCounts, type SentenceTagger } from './ner/sentence-cache';
export { TAGS, type Tag, type EntityClass } from './ner/tags';
