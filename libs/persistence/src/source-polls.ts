import type { SourcePoll } from './source-record';

/** The spread of a figure over a source's kept polls. */
export interface PollFigure {
  p50: number;
  p90: number;
  max: number;
}

/** What a source's poll history comes to: how long polls take and how late they start, and how many failed. */
export interface PollSummary {
  polls: number;
  errors: number;
  durationMs: PollFigure;
  latenessMs: PollFigure;
}

/** Null for a source not yet polled. Percentiles by nearest rank. */
export function summarisePolls(polls: readonly SourcePoll[]): PollSummary | null {
  if (polls.length === 0) return null;
  return {
    polls: polls.length,
    errors: polls.filter((poll) => poll.outcome === 'error').length,
    durationMs: figure(polls.map((poll) => poll.durationMs)),
    latenessMs: figure(polls.map((poll) => poll.latenessMs)),
  };
}

function figure(values: number[]): PollFigure {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (share: number) => sorted[Math.max(0, Math.ceil(share * sorted.length) - 1)];
  return { p50: rank(0.5), p90: rank(0.9), max: sorted[sorted.length - 1] };
}
