import { analyseText } from '../text/analysed-text';
import { applyMatchSides, applyResultLines } from './sports-teams';
import type { TokenSpan } from './types';

function teams(text: string, spans: TokenSpan[] = []): string[] {
  const doc = analyseText(text, 10_000);
  return applyResultLines(doc, spans).map(
    (span) =>
      `${span.cls}:${doc.tokens
        .slice(span.first, span.last)
        .map((t) => t.text)
        .join(' ')}`,
  );
}

describe('applyResultLines', () => {
  it('tags the sides of a score line as organisations, national teams as locations', () => {
    expect(teams('Barnsley 3 Oldham 1')).toEqual(['ORG:Barnsley', 'ORG:Oldham']);
    expect(teams('Queens Park Rangers 2 Stoke City 2')).toEqual(['ORG:Queens Park Rangers', 'ORG:Stoke City']);
    expect(teams('Japan 2 Syria 1')).toEqual(['LOC:Japan', 'LOC:Syria']);
  });

  it('leaves scorers in brackets to the tagger and tags a standings row', () => {
    expect(teams('Barnsley 3 ( Redfearn 34 ) Oldham 1')).toEqual(['ORG:Barnsley', 'ORG:Oldham']);
    expect(teams('Arsenal 10 7 2 1 21 9 23')).toEqual(['ORG:Arsenal']);
  });

  it('overrides what the tagger made of a team name on such a line', () => {
    const doc = analyseText('Leeds 1 Chelsea 0', 10_000);
    expect(applyResultLines(doc, [{ first: 0, last: 1, cls: 'LOC' }])).toEqual([
      { first: 0, last: 1, cls: 'ORG' },
      { first: 2, last: 3, cls: 'ORG' },
    ]);
  });

  it('leaves prose and dates alone', () => {
    const spans: TokenSpan[] = [{ first: 0, last: 1, cls: 'PER' }];
    expect(teams('Smith scored 2 goals in 3 games.', spans)).toEqual(['PER:Smith']);
    expect(teams('March 3 April 4')).toEqual([]);
    expect(teams('( 2 ) 3 - 4')).toEqual([]);
  });
});

describe('applyMatchSides', () => {
  const sides = (text: string, spans: TokenSpan[]): string[] => {
    const doc = analyseText(text, 10_000);
    return applyMatchSides(doc, spans).map((span) => `${span.cls}:${span.first}`);
  };

  it('makes city-named sides of a match organisations', () => {
    expect(
      sides('Leeds beat Chelsea 2-1 .', [
        { first: 0, last: 1, cls: 'LOC' },
        { first: 2, last: 3, cls: 'LOC' },
      ]),
    ).toEqual(['ORG:0', 'ORG:2']);
    expect(
      sides('Boca drew with River .', [
        { first: 0, last: 1, cls: 'LOC' },
        { first: 3, last: 4, cls: 'ORG' },
      ]),
    ).toEqual(['ORG:0', 'ORG:3']);
  });

  it('leaves national teams, people and other verbs alone', () => {
    const japan: TokenSpan[] = [
      { first: 0, last: 1, cls: 'LOC' },
      { first: 2, last: 3, cls: 'LOC' },
    ];
    expect(sides('Japan beat Syria .', japan)).toEqual(['LOC:0', 'LOC:2']);
    const people: TokenSpan[] = [
      { first: 0, last: 1, cls: 'PER' },
      { first: 2, last: 3, cls: 'LOC' },
    ];
    expect(sides('Sampras beat Moscow .', people)).toEqual(['PER:0', 'LOC:2']);
    const visit: TokenSpan[] = [
      { first: 0, last: 1, cls: 'LOC' },
      { first: 2, last: 3, cls: 'LOC' },
    ];
    expect(sides('Paris visited Berlin .', visit)).toEqual(['LOC:0', 'LOC:2']);
  });
});
