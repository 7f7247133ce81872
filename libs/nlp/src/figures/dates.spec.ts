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

  it('resolves "last", "next" and "coming" weekdays, "on Saturday" by tense, and next week from the date', () => {
    expect(resolved('He arrived last Tuesday.', friday)).toEqual([['last Tuesday', '2024-07-02']]);
    expect(resolved('He left last Friday.', friday)).toEqual([['last Friday', '2024-06-28']]);
    expect(resolved('They meet next Tuesday.', friday)).toEqual([['next Tuesday', '2024-07-09']]);
    expect(resolved('The final will be played on Saturday.', friday)).toEqual([['Saturday', '2024-07-06']]);
    expect(resolved('The team lost on Saturday.', '2024-07-08T08:00:00Z')).toEqual([['Saturday', '2024-07-06']]);
    expect(resolved('Talks resume next week.', friday)).toEqual([['next week', '2024-07-12']]);
  });

  it('resolves weekends and parts of today', () => {
    expect(resolved('Storms are due this weekend.', friday)).toEqual([['this weekend', '2024-07-06']]);
    expect(resolved('It rained last weekend.', friday)).toEqual([['last weekend', '2024-06-29']]);
    expect(resolved('The vote is tonight.', friday)).toEqual([['tonight', '2024-07-05']]);
  });

  it('keeps dates it cannot resolve, with a null date, and ignores "may" as a verb', () => {
    expect(resolved('They met on Tuesday. It may rain.', null)).toEqual([['Tuesday', null]]);
  });
});
