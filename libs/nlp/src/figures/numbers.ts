const SCALES: Readonly<Record<string, number>> = {
  thousand: 1e3,
  k: 1e3,
  million: 1e6,
  m: 1e6,
  mn: 1e6,
  mln: 1e6,
  billion: 1e9,
  bn: 1e9,
  b: 1e9,
  trillion: 1e12,
  tn: 1e12,
  crore: 1e7,
  lakh: 1e5,
};

const NUMBER_WORDS: Readonly<Record<string, number>> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  hundred: 100,
  dozen: 12,
  hundreds: 100,
  dozens: 12,
  thousands: 1000,
  millions: 1e6,
};

/** Matches a written number: "3,000", "0.94", "1.5", or a number word; use with `parseNumber`. */
export const NUMBER_SOURCE = String.raw`(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|(?:${Object.keys(NUMBER_WORDS).join('|')}))`;
/** Matches a scale word after a number: "billion", "bn", "m". */
export const SCALE_SOURCE = String.raw`(?:thousand|million|billion|trillion|mln|mn|bn|tn|crore|lakh|k|m|b)`;

/** "3,000" → 3000, "forty" → 40; the scale word (if any) multiplies. */
export function parseNumber(number: string, scale?: string): number | null {
  const lower = number.toLowerCase();
  const base = NUMBER_WORDS[lower] ?? Number(lower.replace(/,/gu, ''));
  if (!Number.isFinite(base)) return null;
  const factor = scale ? (SCALES[scale.toLowerCase()] ?? 1) : 1;
  // Multiplying decimals by powers of ten drifts (0.94e9); round to what was written.
  return Math.round(base * factor * 1e6) / 1e6;
}
