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
