// Metadata scores per page: title exact, authors as names, publication day and minute, each against a set's gold.
import { collapseWhitespace } from '../src/text-normalise';

const normal = (text: string): string => collapseWhitespace(text.normalize('NFC')).trim();

/**
 * Exact after whitespace and Unicode normalisation (entities are decoded on both sides already). An empty gold title
 * says the page has none: no title is then the right answer.
 */
export function titleMatches(predicted: string | null, gold: string): boolean {
  return normal(predicted ?? '') === normal(gold);
}

const nameKey = (name: string): string => normal(name).toLowerCase();

export interface NameCounts {
  tp: number;
  fp: number;
  fn: number;
}

/** Names predicted vs names of the page's authors, matched case-insensitively, as counts pooled over pages. */
export function authorCounts(predicted: readonly string[], gold: readonly string[]): NameCounts {
  const left = new Set(gold.map(nameKey));
  let tp = 0;
  for (const name of new Set(predicted.map(nameKey))) {
    if (left.delete(name)) tp += 1;
  }
  const distinct = new Set(predicted.map(nameKey)).size;
  return { tp, fp: distinct - tp, fn: left.size };
}

export function nameF1(c: NameCounts): number {
  const p = c.tp / Math.max(1, c.tp + c.fp);
  const r = c.tp / Math.max(1, c.tp + c.fn);
  return p + r === 0 ? 0 : (2 * p * r) / (p + r);
}

/** Minutes east of UTC in an ISO string's offset ("+02:00" → 120), 0 for "Z" or none. */
function offsetMinutes(iso: string): number {
  const m = /([+-])(\d{2}):?(\d{2})$/.exec(iso.trim());
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

/** The calendar day of the predicted instant, read in the publisher's own offset, equals the gold day. */
export function sameDay(predicted: string | null, gold: string): boolean {
  if (!predicted) return false;
  // A bare day (no time) is the publisher's own calendar day already.
  if (/^\d{4}-\d{2}-\d{2}$/.test(predicted.trim())) return predicted.trim() === gold.trim().slice(0, 10);
  const ms = Date.parse(predicted);
  if (Number.isNaN(ms)) return false;
  const local = new Date(ms + offsetMinutes(gold) * 60_000).toISOString().slice(0, 10);
  return local === gold.trim().slice(0, 10);
}

/** Within a minute of the gold instant (gold without a time of day never matches). */
export function sameMinute(predicted: string | null, gold: string): boolean {
  if (!predicted || !/T\d{2}:\d{2}/.test(gold)) return false;
  const a = Date.parse(predicted);
  const b = Date.parse(gold);
  return !Number.isNaN(a) && !Number.isNaN(b) && Math.abs(a - b) < 60_000;
}
