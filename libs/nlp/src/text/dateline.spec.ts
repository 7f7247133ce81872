import { findDatelines, matchDateline } from './dateline';

const common = (word: string): boolean => ['soccer', 'cricket'].includes(word);

describe('matchDateline', () => {
  it.each([
    ['KYIV: Ukraine is hosting talks', 'KYIV', 'Ukraine is hosting talks'],
    ['WASHINGTON, Jan 5 (Reuters) - The president said', 'WASHINGTON', 'The president said'],
    ['LONDON 1996-08-30\nWest Indian all-rounder', 'LONDON', 'West Indian all-rounder'],
    ['NEW YORK — Stocks fell', 'NEW YORK', 'Stocks fell'],
  ])('finds the place and where the body starts in %j', (text, name, body) => {
    const match = matchDateline(text, common);
    expect(match?.name).toBe(name);
    expect(text.slice(match?.start, match?.end)).toBe(name);
    expect(text.slice(match?.bodyStart)).toBe(body);
  });

  it('rejects section labels, ordinary openings and capitalised words without a separator', () => {
    expect(matchDateline('SOCCER - JAPAN GET LUCKY WIN', common)).toBeNull();
    expect(matchDateline('Ukraine is hosting talks: more soon', common)).toBeNull();
    expect(matchDateline('NATO leaders will vow to pour weapons', common)).toBeNull();
  });
});

describe('findDatelines', () => {
  it('finds a wire dateline on its own line under headline and byline, with offsets into the text', () => {
    const text =
      'EU rejects German call to boycott British lamb .\nPeter Blackburn\nBRUSSELS 1996-08-22\nThe Commission said';
    const [dateline] = findDatelines(text, common);
    expect(dateline.name).toBe('BRUSSELS');
    expect(text.slice(dateline.start, dateline.end)).toBe('BRUSSELS');
    expect(text.slice(dateline.bodyStart)).toBe('The Commission said');
  });

  it('looks no further than the first lines', () => {
    expect(findDatelines('a\nb\nc\nd\nLONDON 1996-08-30', common)).toEqual([]);
  });
});
