import { InvalidArgumentError } from 'commander';

// Strict option parsers: a value is read only in the form the help names, and anything else is refused with what
// was expected. `Number()` alone takes `0x10` as 16, `1e3` as 1000 and `''` as 0, which turns typos into settings.

const DECIMAL_INTEGER = /^[0-9]+$/;
const DECIMAL_NUMBER = /^[0-9]+(\.[0-9]+)?$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** A whole number > 0 written in decimal digits (`300`), as for `--interval`. */
export function positiveInteger(value: string): number {
  const number = Number(value);
  if (!DECIMAL_INTEGER.test(value) || !Number.isSafeInteger(number) || number <= 0) {
    throw new InvalidArgumentError(`"${value}" is not a whole number above 0 in decimal digits (e.g. 300)`);
  }
  return number;
}

/** A number > 0 in decimal digits, fractions allowed (`2`, `0.5`), as for `--watch` and `--window-days`. */
export function positiveNumber(value: string): number {
  const number = Number(value);
  if (!DECIMAL_NUMBER.test(value) || !Number.isFinite(number) || number <= 0) {
    throw new InvalidArgumentError(`"${value}" is not a number above 0 in decimal digits (e.g. 2 or 0.5)`);
  }
  return number;
}

/** An ISO-8601 date or date-time (`2026-03-14`, `2026-03-14T09:30:00Z`) that names a real day; kept as given. */
export function isoDate(value: string): string {
  const date = new Date(value);
  const [year, month, day] = value.slice(0, 10).split('-').map(Number);
  const realDay =
    !Number.isNaN(date.getTime()) &&
    new Date(Date.UTC(year, month - 1, day)).getUTCDate() === day &&
    new Date(Date.UTC(year, month - 1, day)).getUTCMonth() === month - 1;
  if (!ISO_DATE.test(value) || !realDay) {
    throw new InvalidArgumentError(`"${value}" is not an ISO-8601 date such as 2026-03-14 or 2026-03-14T09:30:00Z`);
  }
  return value;
}
