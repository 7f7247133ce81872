import { NUMBER_SOURCE, parseNumber, SCALE_SOURCE } from './numbers';
import type { AreaFigure, CountFigure, Figure, MoneyFigure, PercentFigure } from './types';

const CURRENCY_SYMBOLS: Readonly<Record<string, string>> = {
  $: 'USD',
  US$: 'USD',
  '€': 'EUR',
  '£': 'GBP',
  '¥': 'JPY',
  '₽': 'RUB',
  '₴': 'UAH',
  '₹': 'INR',
  '₩': 'KRW',
  C$: 'CAD',
  A$: 'AUD',
  HK$: 'HKD',
  R$: 'BRL',
  '₺': 'TRY',
  '₪': 'ILS',
};
const CURRENCY_WORDS: Readonly<Record<string, string>> = {
  dollar: 'USD',
  dollars: 'USD',
  euro: 'EUR',
  euros: 'EUR',
  pound: 'GBP',
  pounds: 'GBP',
  sterling: 'GBP',
  yen: 'JPY',
  yuan: 'CNY',
  renminbi: 'CNY',
  ruble: 'RUB',
  rubles: 'RUB',
  rouble: 'RUB',
  roubles: 'RUB',
  hryvnia: 'UAH',
  hryvnias: 'UAH',
  rupee: 'INR',
  rupees: 'INR',
  franc: 'CHF',
  francs: 'CHF',
  riyal: 'SAR',
  riyals: 'SAR',
  dirham: 'AED',
  dirhams: 'AED',
  lira: 'TRY',
  won: 'KRW',
  shekel: 'ILS',
  shekels: 'ILS',
};
const ISO_CODES = ['USD', 'EUR', 'GBP', 'JPY', 'CNY', 'RUB', 'UAH', 'INR', 'CHF', 'SAR', 'AED', 'CAD', 'AUD', 'TRY'];

const escape = (value: string): string => value.replace(/[$.*+?^{}()|[\]\\]/gu, '\\$&');
const SYMBOLS = Object.keys(CURRENCY_SYMBOLS)
  .sort((a, b) => b.length - a.length)
  .map(escape)
  .join('|');
const WORDS = Object.keys(CURRENCY_WORDS).join('|');
const NUM = `(${NUMBER_SOURCE})`;
const SCALE = `(?:[ -]?(${SCALE_SOURCE}))?`;

// "$43 billion", "€40bn", "USD 5 million" (currency first) or "40 billion euros", "5 million US dollars" (after).
const MONEY_BEFORE = new RegExp(`(${SYMBOLS}|\\b(?:${ISO_CODES.join('|')})\\s?)${NUM}${SCALE}\\b`, 'giu');
const MONEY_AFTER = new RegExp(`\\b${NUM}${SCALE}\\s+(?:(?:US|U\\.S\\.|American)\\s+)?(${WORDS})\\b`, 'giu');
const PERCENT = new RegExp(`\\b${NUM}\\s?(?:%|percent\\b|per cent\\b|pct\\b)`, 'giu');
const AREA = new RegExp(
  `\\b${NUM}${SCALE}\\s+(square\\s+(?:kilometers|kilometres|km|miles|mi|meters|metres|feet)|sq\\.?\\s*(?:km|mi|m)|km2|km²|hectares|acres)\\b`,
  'giu',
);
// "3,000 children", "28 people", "32 member countries": a number, an optional modifier and a plural noun.
const COUNT = new RegExp(
  `\\b${NUM}${SCALE}\\s+(?:of\\s+)?((?:[a-z-]+\\s+)?(?:[a-z-]+s|people|children|men|women|police|personnel|staff))\\b`,
  'gu',
);

function areaUnit(unit: string): AreaFigure['unit'] {
  const lower = unit.toLowerCase();
  if (lower.includes('mi')) return 'mi2';
  if (lower.includes('hectare')) return 'ha';
  if (lower.includes('acre')) return 'acre';
  if (/k/u.test(lower)) return 'km2';
  return 'm2';
}

// Nouns that follow numbers without being counted things: units of time and measure, or money handled above.
const NOT_COUNTED = new RegExp(
  `^(?:${WORDS}|years?|months?|weeks?|days?|hours?|minutes?|seconds?|percent|times|kilometers|kilometres|miles|meters|metres|square|points|degrees|pounds|tons|tonnes|am|pm|per)\\b`,
  'iu',
);

interface Occupied {
  overlaps(start: number, end: number): boolean;
  add(start: number, end: number): void;
}

function occupied(): Occupied {
  const ranges: [number, number][] = [];
  return {
    overlaps: (start, end) => ranges.some(([a, b]) => start < b && end > a),
    add: (start, end) => void ranges.push([start, end]),
  };
}

/** Money, percentages, areas and counts, each found once (money before counts, so "$5 million" is not a count). */
export function findQuantities(text: string): Figure[] {
  const figures: Figure[] = [];
  const taken = occupied();
  const collect = (pattern: RegExp, build: (match: RegExpExecArray) => Figure | null): void => {
    pattern.lastIndex = 0;
    let match: RegExpExecArray | null;
    while ((match = pattern.exec(text)) !== null) {
      const start = match.index;
      const end = start + match[0].length;
      if (taken.overlaps(start, end)) continue;
      const figure = build(match);
      if (!figure) continue;
      taken.add(start, end);
      figures.push(figure);
    }
  };
  collect(MONEY_BEFORE, (m): MoneyFigure | null => {
    const amount = parseNumber(m[2], m[3]);
    const currency = CURRENCY_SYMBOLS[m[1].trim()] ?? m[1].trim().toUpperCase();
    if (amount === null || /^[a-z]/iu.test(m[2])) return null;
    return { kind: 'money', text: m[0], start: m.index, end: m.index + m[0].length, value: amount, amount, currency };
  });
  collect(MONEY_AFTER, (m): MoneyFigure | null => {
    const amount = parseNumber(m[1], m[2]);
    const currency = CURRENCY_WORDS[m[3].toLowerCase()];
    if (amount === null || !currency) return null;
    return { kind: 'money', text: m[0], start: m.index, end: m.index + m[0].length, value: amount, amount, currency };
  });
  collect(PERCENT, (m): PercentFigure | null => {
    const value = parseNumber(m[1]);
    return value === null ? null : { kind: 'percent', text: m[0], start: m.index, end: m.index + m[0].length, value };
  });
  collect(AREA, (m): AreaFigure | null => {
    const value = parseNumber(m[1], m[2]);
    if (value === null) return null;
    return { kind: 'area', text: m[0], start: m.index, end: m.index + m[0].length, value, unit: areaUnit(m[3]) };
  });
  collect(COUNT, (m): CountFigure | null => {
    const value = parseNumber(m[1], m[2]);
    const unit = m[3];
    if (value === null || NOT_COUNTED.test(unit)) return null;
    // A four-digit number before a noun is usually a year ("2022 elections"), not a count.
    if (/^(?:19|20)\d\d$/u.test(m[1])) return null;
    return { kind: 'count', text: m[0], start: m.index, end: m.index + m[0].length, value, unit };
  });
  return figures.sort((a, b) => a.start - b.start);
}
