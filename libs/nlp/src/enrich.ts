import { recognizeEntities } from './entities/recognize-entities';
import type { Entity } from './entities/types';
import { findDates } from './figures/dates';
import { findQuantities } from './figures/quantities';
import type { Figure } from './figures/types';
import { extractKeywords, type Scored } from './keywords';
import { detectLanguage } from './language/detect-language';
import { defaultLexicon, taggerFor } from './ner/default-tagger';
import { collectPlaces, datelinePlace, type Place } from './places';
import { findQuotes, type Quote } from './quotes';
import { summarise } from './summary';
import { analyseText } from './text/analysed-text';
import { classifyTopics } from './topics';
import { ENRICHMENT_VERSION } from './version';

export interface EnrichInput {
  readonly text: string;
  readonly title?: string;
  readonly standfirst?: string | null;
  readonly dateline?: string | null;
  /** ISO 8601; relative dates ("Tuesday", "next week", "last year") are resolved against it. */
  readonly publishedAt?: string | null;
  /**
   * ISO 8601, when the article was fetched: relative dates of an article without a publication date (text dumps,
   * pages that print none) are resolved against it instead, since news is fetched within hours of publication.
   */
  readonly fetchedAt?: string | null;
  /** A language hint (e.g. HTML `lang`); used when detection is unsure. */
  readonly language?: string | null;
}

export interface Enrichment {
  readonly language: string;
  readonly languageConfidence: number;
  readonly entities: Entity[];
  readonly places: Place[];
  readonly dateline: Place | null;
  readonly keywords: Scored[];
  readonly topics: Scored[];
  readonly summary: string;
  readonly quotes: Quote[];
  readonly figures: Figure[];
  readonly wordCount: number;
  readonly readingTimeMinutes: number;
  readonly enrichmentVersion: string;
  /** True when the text was longer than `analysedChars` and only its start was analysed. */
  readonly truncated: boolean;
  /** UTF-16 code units of `text` analysed; offsets in the result all fall below it. */
  readonly analysedChars: number;
}

// Bounds for hostile input (a 100k-word dump, one endless "word", binary): cost stays linear in these caps.
export const MAX_ANALYSED_CHARS = 60_000;
const MAX_TOKENS = 15_000;
const WORDS_PER_MINUTE = 230;
// Text is tagged with its language's tagger only when the detection is confident: short English (tables, sports
// results) often detects as something else with low confidence, and stays with the English tagger.
const CONFIDENT = 0.6;
// Below this length a detection is too easily wrong ("Results of Dutch first division soccer matches on Friday")
// to leave the English tagger.
const MIN_CHARS_TO_SWITCH_TAGGER = 200;

function analysedLength(text: string): number {
  if (text.length <= MAX_ANALYSED_CHARS) return text.length;
  const cut = text.lastIndexOf(' ', MAX_ANALYSED_CHARS);
  const at = cut > MAX_ANALYSED_CHARS * 0.9 ? cut : MAX_ANALYSED_CHARS;
  // Never split a surrogate pair: offsets must stay valid UTF-16 boundaries.
  return /[\uD800-\uDBFF]/u.test(text.charAt(at - 1)) ? at - 1 : at;
}

function countWords(text: string): number {
  let count = 0;
  const pattern = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;
  while (pattern.exec(text) !== null) count++;
  return count;
}

/** Everything the enricher attaches to an article, computed from its text alone (pure: no I/O, no clock). */
export function enrichArticle(input: EnrichInput): Enrichment {
  const fullText = input.text ?? '';
  const length = analysedLength(fullText);
  const text = fullText.slice(0, length);
  const doc = analyseText(text, MAX_TOKENS);
  const lexicon = defaultLexicon();
  const detected = detectLanguage(`${input.title ?? ''}\n${text}`, input.language);
  const switches = detected.confidence >= CONFIDENT && text.length >= MIN_CHARS_TO_SWITCH_TAGGER;
  // A language with no tagger (trained or reached by transfer) gets no entities: the noise would mislead.
  const ner = switches ? taggerFor(detected.language) : taggerFor('en');
  const entities = ner ? recognizeEntities(doc, ner.tagger, ner.lexicon, { title: input.title }, ner.englishRules) : [];
  const language = switches ? detected.language : 'en';
  const dateline = datelinePlace(text, input.dateline, (word) => lexicon.commonWords.has(word), language);
  const keywords = extractKeywords(doc, lexicon);
  const figures: Figure[] = [...findQuantities(text), ...findDates(text, input.publishedAt ?? input.fetchedAt)].sort(
    (a, b) => a.start - b.start,
  );
  const wordCount = countWords(fullText);
  return {
    language: detected.language,
    languageConfidence: detected.confidence,
    entities,
    places: collectPlaces(entities, dateline, language),
    dateline,
    keywords,
    topics: classifyTopics(doc),
    summary: summarise(doc, keywords, entities, input.standfirst),
    quotes: findQuotes(text, entities),
    figures,
    wordCount,
    readingTimeMinutes: wordCount === 0 ? 0 : Math.max(1, Math.round(wordCount / WORDS_PER_MINUTE)),
    enrichmentVersion: ENRICHMENT_VERSION,
    truncated: length < fullText.length,
    analysedChars: length,
  };
}
