import { summarisePolls } from './source-polls';
import type { SourcePoll } from './source-record';

const poll = (durationMs: number, latenessMs: number, outcome: SourcePoll['outcome'] = 'ok'): SourcePoll => ({
  at: new Date('2026-12-06T09:00:00Z'),
  durationMs,
  latenessMs,
  outcome,
  httpStatus: outcome === 'error' ? 500 : 200,
  published: 0,
  error: outcome === 'error' ? 'HTTP 500' : null,
});

describe('summarisePolls', () => {
  it('gives median, 90th percentile and maximum of duration and lateness, and the failed polls', () => {
    const polls = Array.from({ length: 10 }, (_unused, index) => poll((index + 1) * 100, index * 1_000));
    polls.push(poll(5_000, 60_000, 'error'));
    expect(summarisePolls(polls)).toEqual({
      polls: 11,
      errors: 1,
      durationMs: { p50: 600, p90: 1_000, max: 5_000 },
      latenessMs: { p50: 5_000, p90: 9_000, max: 60_000 },
    });
  });

  it('is null before the first poll', () => {
    expect(summarisePolls([])).toBeNull();
    expect(summarisePolls([poll(7, 3)])).toMatchObject({ durationMs: { p50: 7, p90: 7, max: 7 } });
  });
});
