/** Where a long run stands: items done of all, and how long it has run. */
export interface ProgressState {
  done: number;
  total: number;
  elapsedMs: number;
}

/** `2h 05m`, `3m 07s`, `42s`: short enough for one status line. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${String(seconds % 60).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, '0')}m`;
}

/**
 * `33%, 41.2 files/s, ETA 5s`: the share done, the rate so far and the time left at that rate. Rate and ETA are left
 * out until a rate can be measured (nothing done yet, or no time elapsed); the ETA is dropped once all is done.
 */
export function progressFigures({ done, total, elapsedMs }: ProgressState, unit = 'files'): string {
  const parts = [`${total === 0 ? 100 : Math.floor((done / total) * 100)}%`];
  if (done > 0 && elapsedMs > 0) {
    const perSecond = done / (elapsedMs / 1000);
    parts.push(`${perSecond >= 10 ? Math.round(perSecond) : perSecond.toFixed(1)} ${unit}/s`);
    if (done < total) parts.push(`ETA ${formatDuration(((total - done) / perSecond) * 1000)}`);
  }
  return parts.join(', ');
}

/**
 * A status line that is rewritten in place at most every `intervalMs` (and always at the end of a phase): long work
 * with many small steps (`inkstream audit` reads every raw document) stays readable and cheap to report.
 */
export class ProgressLine {
  private shownAt = 0;
  private phase: string | null = null;
  private phaseStartedAt = 0;

  constructor(
    private readonly label: string,
    private readonly unit: string,
    private readonly write: (text: string) => void,
    private readonly clock: () => number = Date.now,
    private readonly intervalMs = 250,
  ) {}

  update(phase: string, done: number, total: number): void {
    const now = this.clock();
    if (phase !== this.phase) {
      if (this.phase !== null) this.write('\n');
      this.phase = phase;
      this.phaseStartedAt = now;
      this.shownAt = 0;
    } else if (done < total && now - this.shownAt < this.intervalMs) {
      return;
    }
    this.shownAt = now;
    const figures = progressFigures({ done, total, elapsedMs: now - this.phaseStartedAt }, this.unit);
    this.write(`\r${this.label}: ${phase} ${done}/${total} (${figures})`);
  }

  /** Ends the line, if one was written. */
  end(): void {
    if (this.phase !== null) this.write('\n');
    this.phase = null;
  }
}
