/**
 * The dashboard's arithmetic and markup as pure functions (no DOM, no fetch): rates from successive snapshots,
 * sparkline paths, escaping. The browser script in services/gateway/dashboard wires them to the page.
 */

export interface Sample {
  /** ms since epoch */
  t: number;
  v: number;
}

/** Per-second increase between the last two samples of a counter; 0 with fewer than two. */
export function ratePerSecond(history: Sample[]): number {
  if (history.length < 2) return 0;
  const a = history[history.length - 2];
  const b = history[history.length - 1];
  const seconds = (b.t - a.t) / 1000;
  return seconds > 0 ? Math.max(0, (b.v - a.v) / seconds) : 0;
}

/** Per-second rates between successive samples: the series a counter's chart shows. */
export function rates(history: Sample[]): number[] {
  const result: number[] = [];
  for (let index = 1; index < history.length; index += 1) {
    const seconds = (history[index].t - history[index - 1].t) / 1000;
    result.push(seconds > 0 ? Math.max(0, (history[index].v - history[index - 1].v) / seconds) : 0);
  }
  return result;
}

/** An SVG path drawing `values` left to right in a width×height box, 0 at the bottom, the maximum at the top. */
export function sparklinePath(values: number[], width: number, height: number): string {
  if (values.length === 0) return '';
  const max = Math.max(...values, 1e-9);
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  return values
    .map((value, index) => {
      const x = (index * step).toFixed(1);
      const y = (height - (value / max) * (height - 2) - 1).toFixed(1);
      return `${index === 0 ? 'M' : 'L'}${x},${y}`;
    })
    .join(' ');
}

export function sparkline(values: number[], width = 120, height = 28): string {
  const path = sparklinePath(values, width, height);
  return (
    `<svg class="spark" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" aria-hidden="true">` +
    `<path d="${path}" fill="none" stroke="currentColor" stroke-width="1.5"/></svg>`
  );
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]);
}

export function formatRate(perSecond: number): string {
  if (perSecond === 0) return '0/s';
  if (perSecond < 10) return `${perSecond.toFixed(1)}/s`;
  return `${Math.round(perSecond)}/s`;
}

/** "12 s ago", "5 min ago", "3 h ago", "2 d ago"; "never" for null. */
export function formatAge(iso: string | null | undefined, now: number): string {
  if (!iso) return 'never';
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (seconds < 90) return `${seconds} s ago`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 36 * 3600) return `${Math.round(seconds / 3600)} h ago`;
  return `${Math.round(seconds / 86400)} d ago`;
}

/** Failed attempts as a share of all attempts in the interval (0 when nothing ran). */
export function errorRatio(failedPerSecond: number, consumedPerSecond: number): number {
  const attempts = failedPerSecond + consumedPerSecond;
  return attempts > 0 ? failedPerSecond / attempts : 0;
}
