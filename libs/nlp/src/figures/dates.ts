import { MONTHS, WEEKDAYS } from '../gazetteer/calendar-words';
import type { DateFigure } from './types';

const MONTH_SOURCE =
  '(January|February|March|April|May|June|July|August|September|October|November|December|Jan\\.?|Feb\\.?|Mar\\.?|Apr\\.?|Jun\\.?|Jul\\.?|Aug\\.?|Sept?\\.?|Oct\\.?|Nov\\.?|Dec\\.?)';

// One alternation so overlapping forms ("January 6" inside "January 6, 2025") are found once, longest first.
const DATE_PATTERN = new RegExp(
  [
    `\\b${MONTH_SOURCE}\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(\\d{4}))?\\b`,
    `\\b(\\d{1,2})\\s+${MONTH_SOURCE}(?:\\s+(\\d{4}))?\\b`,
    `(?<=\\b(?:in|since|until|by|from|of|last|early|late|mid-?)\\s+)${MONTH_SOURCE}(?!\\s+\\d{1,2}\\b)(?:\\s+(\\d{4}))?\\b`,
    `\\b(?:(last|this|next|coming)\\s+)?(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\\b`,
    `\\b(last|this|next)\\s+(year|month|week|weekend)\\b`,
    `\\b(today|yesterday|tomorrow|tonight|this morning|this afternoon|this evening)\\b`,
    `(?<=\\b(?:in|since|until|by|of|from)\\s+)((?:19|20)\\d\\d)\\b`,
  ].join('|'),
  'giu',
);

function monthIndex(name: string): number {
  return MONTHS.findIndex((month) => month.startsWith(name.toLowerCase().replace('.', '').slice(0, 3)));
}

const pad = (value: number): string => String(value).padStart(2, '0');
const isoDay = (date: Date): string =>
  `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
const addDays = (date: Date, days: number): Date => new Date(date.getTime() + days * 86_400_000);

/** A month/day without a year is taken in the year that puts it nearest the publication date. */
function nearestYear(month: number, day: number, published: Date, past: boolean): number {
  const year = published.getUTCFullYear();
  const candidates = [year - 1, year, year + 1].filter((y) => !past || Date.UTC(y, month, day) <= published.getTime());
  const distance = (y: number): number => Math.abs(Date.UTC(y, month, day) - published.getTime());
  return candidates.reduce((best, y) => (distance(y) < distance(best) ? y : best));
}

// News copy names weekdays within a week of publication; the tense around it says which way.
const FUTURE_CUES =
  /\b(?:will|to be|is to|are to|plan(?:s|ned)? to|expected|scheduled|next|beginning|begins|starting|upcoming)\b/iu;

/**
 * "last Tuesday" lies before publication and "next/coming Tuesday" after it; a bare or "this" weekday goes the way
 * the tense of its sentence points ("will meet on Saturday" ahead, "met on Saturday" behind).
 */
function resolveWeekday(modifier: string | undefined, name: string, sentence: string, published: Date): string {
  const target = WEEKDAYS.indexOf(name.toLowerCase());
  const today = published.getUTCDay();
  const which = modifier?.toLowerCase();
  const ahead = which === 'next' || which === 'coming' || (which !== 'last' && FUTURE_CUES.test(sentence));
  if (ahead) return isoDay(addDays(published, (target - today + 7) % 7 || 7));
  if (which === 'last') return isoDay(addDays(published, -((today - target + 7) % 7 || 7)));
  return isoDay(addDays(published, -((today - target + 7) % 7)));
}

function resolveRelative(which: string, unit: string, published: Date): string {
  const step = which.toLowerCase() === 'last' ? -1 : which.toLowerCase() === 'next' ? 1 : 0;
  const year = published.getUTCFullYear();
  switch (unit.toLowerCase()) {
    case 'year':
      return String(year + step);
    case 'month': {
      const month = new Date(Date.UTC(year, published.getUTCMonth() + step, 1));
      return `${month.getUTCFullYear()}-${pad(month.getUTCMonth() + 1)}`;
    }
    case 'weekend': {
      // The Saturday of the weekend meant: the coming one for "this", one week on for "next", the past for "last".
      const saturday = addDays(published, (6 - published.getUTCDay() + 7) % 7);
      return isoDay(addDays(saturday, 7 * step));
    }
    default:
      return isoDay(addDays(published, 7 * step));
  }
}

function sentenceAround(text: string, index: number): string {
  const start = Math.max(text.lastIndexOf('.', index), text.lastIndexOf('\n', index)) + 1;
  const stops = [text.indexOf('.', index), text.indexOf('\n', index)].filter((i) => i >= 0);
  return text.slice(start, stops.length ? Math.min(...stops) : text.length);
}

function resolve(match: RegExpExecArray, text: string, published: Date | null): string | null {
  const [, m1, d1, y1, d2, m2, y2, m3, y3, weekdayModifier, weekday, which, unit, deictic, bareYear] = match;
  if (bareYear) return bareYear;
  const explicitYear = y1 ?? y2 ?? y3;
  const monthName = m1 ?? m2 ?? m3;
  if (monthName) {
    const month = monthIndex(monthName);
    const day = d1 ? Number(d1) : d2 ? Number(d2) : null;
    if (month < 0 || (day !== null && (day < 1 || day > 31))) return null;
    // "since June 1", "last March": the date lies before publication whatever is nearer.
    const past = /\b(?:since|last|ago|earlier)\s+$/iu.test(text.slice(Math.max(0, match.index - 12), match.index));
    const year = explicitYear ? Number(explicitYear) : published ? nearestYear(month, day ?? 1, published, past) : null;
    if (year === null) return null;
    return day === null ? `${year}-${pad(month + 1)}` : `${year}-${pad(month + 1)}-${pad(day)}`;
  }
  if (!published) return null;
  if (weekday) return resolveWeekday(weekdayModifier, weekday, sentenceAround(text, match.index), published);
  if (which && unit) return resolveRelative(which, unit, published);
  if (deictic) {
    const offset = { yesterday: -1, tomorrow: 1 }[deictic.toLowerCase() as 'yesterday'] ?? 0;
    return isoDay(addDays(published, offset));
  }
  return null;
}

/**
 * Dates named in the text ("Tuesday", "January 6", "last year", "in 2025"), resolved against `referenceDate`: the
 * article's publication date, or when it has none, the moment it was fetched (see EnrichInput).
 */
export function findDates(text: string, referenceDate?: string | null): DateFigure[] {
  const parsed = referenceDate ? new Date(referenceDate) : null;
  const published = parsed && !Number.isNaN(parsed.getTime()) ? parsed : null;
  const figures: DateFigure[] = [];
  DATE_PATTERN.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = DATE_PATTERN.exec(text)) !== null) {
    // "May" and "March" are also words; only take them with a day, a year or a preposition (handled by the pattern).
    figures.push({
      kind: 'date',
      text: match[0],
      start: match.index,
      end: match.index + match[0].length,
      value: null,
      date: resolve(match, text, published),
    });
  }
  return figures;
}
