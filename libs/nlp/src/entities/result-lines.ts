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
