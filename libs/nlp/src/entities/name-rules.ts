import { isOrganisationHead } from '../gazetteer/organisation-words';
import { markPlacePhrases } from '../gazetteer/place-phrases';
import { isTitleWord } from '../gazetteer/titles';
import type { Lexicon } from '../ner/lexicon';
import type { AnalysedText } from '../text/analysed-text';
import { findDatelines } from '../text/dateline';
import { isKnownPlace } from './span-rules';
import { spanKey } from './tag-spans';
import type { TokenSpan } from './types';

// Rules for names the tagger misses or mistypes because the corpus it learnt from never saw them.

const TITLE_CASE = /^\p{Lu}\p{Ll}/u;
const OPENERS = new Set(['"', '“', '‘', "'", ':', '(', '—', '–', '-']);

function isRare(word: string, lexicon: Lexicon): boolean {
  return !lexicon.counts.has(word.toLowerCase());
}

/** "KYIV:" / "WASHINGTON, Jan 5 (Reuters) -" / "BRUSSELS 1996-08-22" name a place, whatever the tagger thought. */
function datelineSpans(doc: AnalysedText, lexicon: Lexicon): TokenSpan[] {
  const spans: TokenSpan[] = [];
  for (const dateline of findDatelines(doc.text, (word) => lexicon.commonWords.has(word) && !isKnownPlace(word))) {
    let first = 0;
    while (first < doc.tokens.length && doc.tokens[first].start < dateline.start) first++;
    let last = first;
    while (last < doc.tokens.length && doc.tokens[last].end <= dateline.end) last++;
    if (last > first && last - first <= 4) spans.push({ first, last, cls: 'LOC' });
  }
  return spans;
}

function isSentenceInitial(doc: AnalysedText, i: number): boolean {
  const sentence = doc.sentences[doc.sentenceOf[i]];
  return i === sentence.firstToken || OPENERS.has(doc.tokens[i - 1].text);
}

/** Two or three capitalised words the corpus never saw, mid-sentence and untagged: in news, almost always a person. */
function unseenNameRuns(doc: AnalysedText, covered: Uint8Array, lexicon: Lexicon): TokenSpan[] {
  const found: TokenSpan[] = [];
  const candidate = (i: number): boolean =>
    i < doc.tokens.length &&
    !covered[i] &&
    TITLE_CASE.test(doc.tokens[i].text) &&
    isRare(doc.tokens[i].text, lexicon) &&
    !isOrganisationHead(doc.tokens[i].text);
  for (let i = 0; i < doc.tokens.length; i++) {
    if (!candidate(i) || isSentenceInitial(doc, i)) continue;
    let last = i + 1;
    while (last < doc.tokens.length && last - i < 3 && candidate(last) && doc.sentenceOf[last] === doc.sentenceOf[i])
      last++;
    if (last - i >= 2 && !isKnownPlace(spanKey(doc, { first: i, last }))) found.push({ first: i, last, cls: 'PER' });
    i = last - 1;
  }
  return found;
}

/** "…minister of digital transformation, Mikhailo Fedorov": an unseen name in apposition to a role is a person. */
function isAppositivePerson(doc: AnalysedText, span: TokenSpan, lexicon: Lexicon): boolean {
  const length = span.last - span.first;
  if (span.cls === 'PER' || length < 2 || length > 3) return false;
  const words = doc.tokens.slice(span.first, span.last).map((token) => token.text);
  if (!words.every((word) => TITLE_CASE.test(word) && !isOrganisationHead(word))) return false;
  if (!words.some((word) => isRare(word, lexicon))) return false;
  const before = doc.tokens[span.first - 1]?.text ?? '';
  if (before !== ',' && !isTitleWord(before)) return false;
  const sentenceStart = doc.sentences[doc.sentenceOf[span.first]].firstToken;
  for (let i = Math.max(sentenceStart, span.first - 7); i < span.first; i++) {
    if (isTitleWord(doc.tokens[i].text)) return true;
  }
  return false;
}

/**
 * Gazetteer layer: a country or multi-word city name ("United Arab Emirates", "New York") the tagger missed or
 * broke up becomes one location, unless a longer name contains it ("New York Times").
 */
function gazetteerPlaces(doc: AnalysedText, spans: readonly TokenSpan[]): TokenSpan[] {
  let result = [...spans];
  for (const sentence of doc.sentences) {
    const words = doc.tokens.slice(sentence.firstToken, sentence.lastToken).map((token) => token.text);
    const marks = markPlacePhrases(words);
    for (let i = 0; i < marks.length; i++) {
      if (!marks[i].startsWith('B-')) continue;
      let end = i + 1;
      while (end < marks.length && marks[end].startsWith('I-')) end++;
      const first = sentence.firstToken + i;
      const last = sentence.firstToken + end;
      const overlapping = result.filter((span) => span.first < last && span.last > first);
      const inside = overlapping.every((span) => span.first >= first && span.last <= last);
      const isCountry = marks[i] === 'B-country';
      if (inside && (overlapping.length > 0 ? end - i > 1 : isCountry)) {
        result = [...result.filter((span) => !overlapping.includes(span)), { first, last, cls: 'LOC' }];
      }
      i = end - 1;
    }
  }
  return result.sort((a, b) => a.first - b.first);
}

export function applyNameRules(doc: AnalysedText, spans: readonly TokenSpan[], lexicon: Lexicon): TokenSpan[] {
  const datelines = datelineSpans(doc, lexicon);
  const kept = spans
    .filter((span) => !datelines.some((dateline) => span.first < dateline.last && span.last > dateline.first))
    .map((span): TokenSpan => (isAppositivePerson(doc, span, lexicon) ? { ...span, cls: 'PER' } : span));
  kept.push(...datelines);
  const covered = new Uint8Array(doc.tokens.length);
  for (const span of kept) covered.fill(1, span.first, span.last);
  const withPlaces = gazetteerPlaces(doc, kept);
  for (const span of withPlaces) covered.fill(1, span.first, span.last);
  return [...withPlaces, ...unseenNameRuns(doc, covered, lexicon)].sort((a, b) => a.first - b.first);
}
