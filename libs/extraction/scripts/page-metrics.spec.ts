import { authorCounts, nameF1, sameDay, sameMinute, titleMatches } from './page-metrics';
import { bylineNames } from './rules-method';

describe('page metrics', () => {
  it('titles match after whitespace normalisation only', () => {
    expect(titleMatches(' A  title ', 'A title')).toBe(true);
    expect(titleMatches('A title | Site', 'A title')).toBe(false);
    expect(titleMatches(null, 'A title')).toBe(false);
    // An empty gold title: the page has none.
    expect(titleMatches(null, '')).toBe(true);
    expect(titleMatches('Something', '')).toBe(false);
  });

  it('authors are counted as names, case-insensitively', () => {
    const c = authorCounts(['Jane Roe', 'AP'], ['jane roe', 'John Doe']);
    expect(c).toEqual({ tp: 1, fp: 1, fn: 1 });
    expect(nameF1(c)).toBeCloseTo(0.5);
  });

  it('the day is read in the publisher offset; a bare day compares as is', () => {
    expect(sameDay('2026-05-24T02:05:10.000Z', '2026-05-23T22:05:10-04:00')).toBe(true);
    expect(sameDay('2026-05-24T02:05:10.000Z', '2026-05-24T10:05:10-04:00')).toBe(false);
    expect(sameDay('2026-05-23', '2026-05-23T22:05:10-04:00')).toBe(true);
    expect(sameMinute('2026-05-24T02:05:40.000Z', '2026-05-23T22:05:10-04:00')).toBe(true);
    expect(sameMinute('2026-05-23', '2026-05-23')).toBe(false);
  });

  it('a byline string splits into names', () => {
    expect(bylineNames('Samya Kullab, Vasilisa Stepanenko and AP')).toEqual([
      'Samya Kullab',
      'Vasilisa Stepanenko',
      'AP',
    ]);
    expect(bylineNames(null)).toEqual([]);
  });
});
