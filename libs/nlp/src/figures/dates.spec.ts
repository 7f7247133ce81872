import { findDates } from './dates';

const resolved = (text: string, publishedAt?: string | null): [string, string | null][] =>
  findDates(text, publishedAt).map((figure) => [figure.text, figure.date]);

describe('findDates', () => {
  const friday = '2024-07-05T12:00:00Z';

  it('resolves weekdays backwards in past-tense copy and forwards when the event is ahead', () => {
    expect(resolved('Speaking to reporters Friday, he said.', friday)).toEqual([['Friday', '2024-07-05']]);
    expect(resolved('They met on Tuesday.', friday)).toEqual([['Tuesday', '2024-07-02']]);
    expect(resolved('A summit beginning Tuesday will open.', friday)).toEqual([['Tuesday', '2024-07-09']]);
  });

  it('resolves month-day dates to the nearest year, and "since" dates to the past', () => {
    expect(resolved('ahead of the January 6 summit', '2026-01-03T09:00:00Z')).toEqual([['January 6', '2026-01-06']]);
    expect(resolved('evacuated since June 1, officials said', '2026-01-03T09:00:00Z')).toEqual([
      ['June 1', '2025-06-01'],
    ]);
    expect(resolved('in February 2022 and in 2025', friday)).toEqual([
      ['February 2022', '2022-02'],
      ['2025', '2025'],
    ]);
  });

  it('resolves relative expressions against the publication date', () => {
    expect(resolved('last year, next month and yesterday', friday)).toEqual([
      ['last year', '2023'],
      ['next month', '2024-08'],
      ['yesterday', '2024-07-04'],
    ]);
  });

  it('keeps dates it cannot resolve, with a null date, and ignores "may" as a verb', () => {
    expect(resolved('They met on Tuesday. It may rain.', null)).toEqual([['Tuesday', null]]);
  });
});
