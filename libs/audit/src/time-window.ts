/** The audited stretch of the raw-documents topic: broker timestamps from `since` (inclusive) to `until` (exclusive). */
export interface TimeWindow {
  since: number;
  until: number;
}

const RELATIVE = /^(\d+(?:\.\d+)?)\s*(s|m|h|d)$/;
const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * A point in time as an operator types it: ISO-8601 (`2026-12-01T03:00:00Z`), `now`, or an age (`90s`, `15m`, `1h`,
 * `2d`) counted back from `now`. Throws with the accepted forms on anything else.
 */
export function parseTimePoint(text: string, now: number): number {
  const trimmed = text.trim();
  if (trimmed === 'now') return now;
  const relative = RELATIVE.exec(trimmed);
  if (relative) return now - Number(relative[1]) * UNIT_MS[relative[2]];
  // Only full ISO dates: Date.parse also accepts "1" or "May 5", which an operator never means as a window edge.
  if (/^\d{4}-\d{2}-\d{2}/.test(trimmed)) {
    const parsed = Date.parse(trimmed);
    if (Number.isFinite(parsed)) return parsed;
  }
  throw new Error(`"${text}" is not a time: use ISO-8601 (2026-12-01T03:00:00Z), now, or an age like 90s, 15m, 1h, 2d`);
}

export function parseTimeWindow(since: string, until: string, now: number): TimeWindow {
  const window = { since: parseTimePoint(since, now), until: parseTimePoint(until, now) };
  if (window.since >= window.until) {
    throw new Error(`the window is empty: --since ${since} is not before --until ${until}`);
  }
  return window;
}
