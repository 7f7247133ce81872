import { isCalendarWord } from '../gazetteer/calendar-words';
import { findCountry } from '../gazetteer/countries';
import type { AnalysedText } from '../text/analysed-text';
import type { TokenSpan } from './types';

// Sports results and standings ("Barnsley 3 ( Redfearn 34 ) Oldham 1", "Arsenal 10 7 2 1 21 9 23") name teams
// by a bare word that elsewhere is a town or a person. The shape of the line settles it: names alternating with
// scores, or a name followed by a row of numbers, are teams: organisations, national teams (countries) locations.

const SCORE = /^\d{1,3}(?:[-:–]\d{1,3})?$/u;
const PUNCTUATION = /^[-–—:,.;/|]$/u;
/** Lower-case words that may sit inside a club name ("Club de Regatas", "Brighton and Hove Albion"). */
const CONNECTORS = new Set(['de', 'del', 'la', 'of', 'and', '&', 'van', 'am', 'du']);

const isNameWord = (word: string): boolean =>
  /^[\p{Lu}\p{N}][\p{L}\p{M}\p{N}'’.&-]*$/u.test(word) && !/^\d+$/u.test(word);

interface Run {
  readonly first: number;
  readonly last: number;
}

/** The team-name runs of a result or standings line, or null when the line is not one. */
function teamRuns(doc: AnalysedText, first: number, last: number): Run[] | null {
  const runs: Run[] = [];
  let numbers = 0;
  let depth = 0;
  let open = -1;
  const close = (end: number): void => {
    if (open < 0) return;
    let stop = end;
    while (stop > open && CONNECTORS.has(doc.tokens[stop - 1].text)) stop--;
    if (stop > open) runs.push({ first: open, last: stop });
    open = -1;
  };
  for (let i = first; i < last; i++) {
    const word = doc.tokens[i].text;
    if (word === '(' || word === '[') {
      close(i);
      depth++;
      continue;
    }
    if (word === ')' || word === ']') {
      depth = Math.max(0, depth - 1);
      continue;
    }
    // Inside brackets: scorers and minutes, left to the tagger.
    if (depth > 0) continue;
    if (SCORE.test(word)) {
      close(i);
      numbers++;
    } else if (PUNCTUATION.test(word)) close(i);
    else if (isNameWord(word)) {
      if (isCalendarWord(word)) return null;
      if (open < 0) open = i;
    } else if (!(open >= 0 && CONNECTORS.has(word))) return null;
  }
  close(last);
  const scoreLine = runs.length >= 2 && numbers >= 2;
  const tableRow = runs.length === 1 && numbers >= 3;
  return scoreLine || tableRow ? runs : null;
}

/** Replaces whatever the tagger made of the team names on result and standings lines. */
export function applyResultLines(doc: AnalysedText, spans: readonly TokenSpan[]): TokenSpan[] {
  const teams: TokenSpan[] = [];
  for (const sentence of doc.sentences) {
    const runs = teamRuns(doc, sentence.firstToken, sentence.lastToken);
    if (!runs) continue;
    for (const run of runs) {
      const name = doc.tokens
        .slice(run.first, run.last)
        .map((token) => token.text)
        .join(' ');
      teams.push({ first: run.first, last: run.last, cls: findCountry(name) === undefined ? 'ORG' : 'LOC' });
    }
  }
  if (teams.length === 0) return [...spans];
  const overlaps = (a: TokenSpan, b: TokenSpan): boolean => a.first < b.last && b.first < a.last;
  return [...spans.filter((span) => !teams.some((team) => overlaps(span, team))), ...teams].sort(
    (a, b) => a.first - b.first,
  );
}

// "Leeds beat Chelsea 2-1", "Boca drew with River": two places on either side of a match verb are the clubs that
// carry their names. Countries stay locations (national teams, as news conventions tag them); people stay people.
const MATCH_VERBS = new Set([
  'beat',
  'beats',
  'defeated',
  'defeats',
  'drew',
  'draw',
  'draws',
  'edged',
  'thrashed',
  'routed',
  'hammered',
  'downed',
  'overcame',
  'outclassed',
]);
/** Words between a match verb and the opponent ("drew with", "lost to", "won against"). */
const MATCH_LINKS = new Set(['with', 'to', 'against', 'at']);
const LOSS_OR_WIN = new Set(['lost', 'loses', 'lose', 'won', 'wins', 'win']);

const spanText = (doc: AnalysedText, span: TokenSpan): string =>
  doc.tokens
    .slice(span.first, span.last)
    .map((token) => token.text)
    .join(' ');

/** Marks city-named sides of a match ("Leeds beat Chelsea") as organisations. */
export function applyMatchSides(doc: AnalysedText, spans: readonly TokenSpan[]): TokenSpan[] {
  const result = [...spans];
  const isSide = (span: TokenSpan | undefined): span is TokenSpan =>
    span !== undefined && span.cls !== 'PER' && findCountry(spanText(doc, span)) === undefined;
  for (let s = 0; s + 1 < result.length; s++) {
    const left = result[s];
    const right = result[s + 1];
    const between = doc.tokens.slice(left.last, right.first).map((token) => token.text.toLowerCase());
    const [verb, link] = between;
    const linked =
      (between.length === 1 && MATCH_VERBS.has(verb)) ||
      (between.length === 2 && (MATCH_VERBS.has(verb) || LOSS_OR_WIN.has(verb)) && MATCH_LINKS.has(link));
    if (!linked || !isSide(left) || !isSide(right)) continue;
    result[s] = { ...left, cls: 'ORG' };
    result[s + 1] = { ...right, cls: 'ORG' };
  }
  return result;
}
