import { isCalendarWord } from '../gazetteer/calendar-words';
import { findCity } from '../gazetteer/cities';
import { findCountry } from '../gazetteer/countries';
import { isListedDemonym } from '../gazetteer/demonyms';
import { isOrganisationHead } from '../gazetteer/organisation-words';
import { isTitleWord } from '../gazetteer/titles';
import type { Lexicon } from '../ner/lexicon';
import type { AnalysedText } from '../text/analysed-text';
import { spanKey } from './tag-spans';
import type { TokenSpan } from './types';

// Rules over the tagger's spans that encode news conventions the statistical model only approximates.

const HOLIDAY_PHRASES = new Set(['new year', "new year's", 'new year’s', "new year's eve", 'new year’s eve']);
// "and" is not here: "European Union and NATO" are two organisations.
const CONNECTORS = new Set(['of', 'for', 'the', 'on']);
// A name never ends on a function word; a capitalised one there ("… Reserved And") is run-on capitals.
const TRAILING_JUNK = new Set(['and', 'of', 'the', 'for', 'on', 'in', 'at', 'to', 'with', '&']);

function hasLetter(word: string): boolean {
  return /\p{L}/u.test(word);
}

/** Capitalised, or a lower-case particle joined to a capitalised name ("al-Qaida", "el-Sisi"). */
function isCapitalisedWord(word: string): boolean {
  return /^[\p{Lu}\p{N}]/u.test(word) || /^\p{Ll}{1,3}-\p{Lu}/u.test(word);
}

/** A known place written as the whole span: countries always, cities when the name is unambiguous. */
export function isKnownPlace(name: string): boolean {
  return findCountry(name) !== undefined || (findCity(name) ?? null) !== null;
}

/** Drops leading articles, titles (for people) and edge punctuation; null when nothing name-like remains. */
function trim(doc: AnalysedText, span: TokenSpan): TokenSpan | null {
  let { first, last } = span;
  const word = (i: number): string => doc.tokens[i].text;
  while (first < last && (!hasLetter(word(first)) || /^the$/iu.test(word(first)))) first++;
  if (span.cls === 'PER') while (first < last && (isTitleWord(word(first)) || !isCapitalisedWord(word(first)))) first++;
  while (last > first && (!/[\p{L}\p{N}.]$/u.test(word(last - 1)) || TRAILING_JUNK.has(word(last - 1).toLowerCase())))
    last--;
  if (first >= last || !isCapitalisedWord(word(first))) return null;
  return { ...span, first, last };
}

const OPENERS = new Set(['"', '“', '‘', "'", ':', '(', '—', '–', '-']);

function isSentenceInitial(doc: AnalysedText, i: number): boolean {
  const sentence = doc.sentences[doc.sentenceOf[i]];
  return i === sentence.firstToken || OPENERS.has(doc.tokens[i - 1].text);
}

function isNonEntity(doc: AnalysedText, span: TokenSpan, lexicon: Lexicon): boolean {
  const key = spanKey(doc, span);
  const lower = key.toLowerCase();
  if (HOLIDAY_PHRASES.has(lower)) return true;
  const words = key.split(' ');
  if (words.every((word) => isCalendarWord(word) || !hasLetter(word))) return true;
  if (words.length > 1) return false;
  if (isKnownPlace(key)) return false;
  // Only listed nationality words: the suffix rule would also drop "Karzai", "Taliban" or "Mississippi".
  if (isListedDemonym(key) || isTitleWord(key)) return true;
  // A common word capitalised only because it opens a sentence ("Lately", "Already") is not a name; mid-sentence
  // capitals on one ("the Parliament", "the Army") are the writer saying it is.
  const acronym = /^\p{Lu}{2,}$/u.test(key);
  if (acronym || !lexicon.commonWords.has(lower)) return false;
  // "Spain's Cabinet": an institution described by its owner, not named.
  const possessed = /^['’]s?$/u.test(doc.tokens[span.first - 1]?.text ?? '') && isOrganisationHead(key);
  return possessed || isSentenceInitial(doc, span.first);
}

/** "US State Department" → LOC "US" + ORG "State Department", the split CoNLL annotators made. */
function splitCountryPrefix(doc: AnalysedText, span: TokenSpan): TokenSpan[] {
  if (span.cls !== 'ORG' || span.last - span.first < 3) return [span];
  const head = doc.tokens[span.first].text;
  const tail = doc.tokens[span.last - 1].text;
  if (findCountry(head) === undefined || !isOrganisationHead(tail)) return [span];
  return [
    { first: span.first, last: span.first + 1, cls: 'LOC' },
    { first: span.first + 1, last: span.last, cls: 'ORG' },
  ];
}

function isTitleCase(word: string): boolean {
  return /^[\p{Lu}\p{N}]/u.test(word);
}

/**
 * "Institute" + "for the" + "Study of War" → one organisation: an organisation head followed by a connector and
 * capitalised words (tagged or not) continues the name the tagger broke off.
 */
function extendAcrossConnectors(doc: AnalysedText, spans: TokenSpan[]): TokenSpan[] {
  const result: TokenSpan[] = [];
  const word = (i: number): string => doc.tokens[i]?.text ?? '';
  for (let index = 0; index < spans.length; index++) {
    let span = spans[index];
    if (span.cls === 'ORG' && isOrganisationHead(word(span.last - 1))) {
      let i = span.last;
      while (i < span.last + 2 && CONNECTORS.has(word(i).toLowerCase())) i++;
      let end = i;
      while (end < doc.tokens.length && doc.sentenceOf[end] === doc.sentenceOf[span.first]) {
        if (isTitleCase(word(end))) end++;
        else if (CONNECTORS.has(word(end).toLowerCase()) && isTitleCase(word(end + 1))) end += 2;
        else break;
      }
      if (i > span.last && end > i) {
        span = { first: span.first, last: end, cls: 'ORG' };
        while (index + 1 < spans.length && spans[index + 1].first < end) {
          span = { ...span, last: Math.max(span.last, spans[index + 1].last) };
          index++;
        }
      }
    }
    result.push(span);
  }
  return result;
}

/** Capitalised but not shouted: in a headline in capitals every word is "capitalised" and runs say nothing. */
function isNameWord(word: string): boolean {
  return isTitleCase(word) && (word.length === 1 || word !== word.toUpperCase() || !/\p{L}/u.test(word));
}

/**
 * "Athens" + "Geodynamic Institute", "Orlando" + "Regional Medical Center": a place that is not a country, followed
 * by capitalised words that end on an organisation head, is part of the organisation's name, and any span the
 * tagger found inside those words is absorbed. Countries keep the split CoNLL annotators make ("US" + "State
 * Department", `splitCountryPrefix`).
 */
function absorbPlaceIntoOrganisation(doc: AnalysedText, spans: TokenSpan[]): TokenSpan[] {
  const result: TokenSpan[] = [];
  const word = (i: number): string => doc.tokens[i]?.text ?? '';
  for (let index = 0; index < spans.length; index++) {
    let span = spans[index];
    if (span.cls === 'LOC' && findCountry(spanKey(doc, span)) === undefined) {
      const sentence = doc.sentenceOf[span.first];
      let end = span.last;
      let head = -1;
      while (end < doc.tokens.length && doc.sentenceOf[end] === sentence) {
        if (isNameWord(word(end))) {
          if (isOrganisationHead(word(end))) head = end + 1;
          end++;
        } else if (CONNECTORS.has(word(end)) && isNameWord(word(end + 1))) end++;
        else break;
      }
      if (head > span.last) {
        span = { first: span.first, last: head, cls: 'ORG' };
        while (index + 1 < spans.length && spans[index + 1].first < head) {
          span = { ...span, last: Math.max(span.last, spans[index + 1].last) };
          index++;
        }
      }
    }
    result.push(span);
  }
  return result;
}

// Lower-case particles inside personal names ("Nikolaus van der Pas", "Osama bin Laden").
const NAME_PARTICLES = new Set([
  'van',
  'der',
  'den',
  'de',
  'von',
  'bin',
  'ibn',
  'al',
  'da',
  'di',
  'du',
  'la',
  'le',
  'dos',
]);

/** "Nikolaus" + "van der" + "Pas" → one person, when the tagger left the particles out. */
function joinNameParticles(doc: AnalysedText, spans: TokenSpan[]): TokenSpan[] {
  const joined: TokenSpan[] = [];
  for (const span of spans) {
    const previous = joined[joined.length - 1];
    if (previous && previous.cls === 'PER' && span.cls === 'PER' && span.first - previous.last <= 2) {
      const gap = doc.tokens.slice(previous.last, span.first).map((token) => token.text);
      if (gap.length > 0 && gap.every((word) => NAME_PARTICLES.has(word))) {
        joined[joined.length - 1] = { first: previous.first, last: span.last, cls: 'PER' };
        continue;
      }
    }
    joined.push(span);
  }
  return joined;
}

/** "US President Joe Biden" tagged as one organisation → LOC "US" (if a country) + PER "Joe Biden". */
function splitAtTitle(doc: AnalysedText, span: TokenSpan): TokenSpan[] {
  if (span.cls === 'PER') return [span];
  for (let i = span.first + 1; i < span.last - 1; i++) {
    if (!isTitleWord(doc.tokens[i].text) || !isTitleCase(doc.tokens[i].text)) continue;
    let name = i;
    while (name < span.last && isTitleWord(doc.tokens[name].text)) name++;
    const rest = doc.tokens.slice(name, span.last).map((token) => token.text);
    if (rest.length === 0 || rest.some((word) => isOrganisationHead(word) || !isTitleCase(word))) return [span];
    const before = spanKey(doc, { first: span.first, last: i });
    const parts: TokenSpan[] = [{ first: name, last: span.last, cls: 'PER' }];
    if (findCountry(before)) parts.unshift({ first: span.first, last: i, cls: 'LOC' });
    return parts;
  }
  return [span];
}

/**
 * A country named alone is a location (national teams included, as CoNLL annotates them). Cities are left to the
 * tagger and the document vote: "Jackson" or "Mitchell" are people as often as towns.
 */
function fixPlaceClass(doc: AnalysedText, span: TokenSpan): TokenSpan {
  if (span.cls === 'LOC' || findCountry(spanKey(doc, span)) === undefined) return span;
  return { ...span, cls: 'LOC' };
}

export function applySpanRules(doc: AnalysedText, spans: readonly TokenSpan[], lexicon: Lexicon): TokenSpan[] {
  const trimmed = spans
    .map((span) => trim(doc, span))
    .filter((span): span is TokenSpan => span !== null)
    .flatMap((span) => splitAtTitle(doc, span))
    .flatMap((span) => splitCountryPrefix(doc, span))
    .map((span) => fixPlaceClass(doc, span));
  return joinNameParticles(doc, extendAcrossConnectors(doc, absorbPlaceIntoOrganisation(doc, trimmed))).filter(
    (span) => !isNonEntity(doc, span, lexicon),
  );
}
