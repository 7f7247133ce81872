// Weekdays, months and their abbreviations: capitalised in English but never entities.
/** Sunday first, so the index is JavaScript's `Date#getDay()`. */
export const WEEKDAYS: readonly string[] = [
  'sunday',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
];

/** January first, so the index is JavaScript's month number. */
export const MONTHS: readonly string[] = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

const WEEKDAY_ABBREVIATIONS = ['mon', 'tue', 'tues', 'wed', 'thu', 'thur', 'thurs', 'fri', 'sat', 'sun'];

/** Month abbreviations ("Sept" too); a tokenizer keeps their trailing period ("Jan. 5"). */
export const MONTH_ABBREVIATIONS: readonly string[] = [
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
];

const ABBREVIATIONS = [...WEEKDAY_ABBREVIATIONS, ...MONTH_ABBREVIATIONS];

const CALENDAR_WORDS = new Set<string>([
  ...WEEKDAYS,
  ...MONTHS,
  ...ABBREVIATIONS,
  ...ABBREVIATIONS.filter((abbreviation) => abbreviation.length <= 4).map((abbreviation) => `${abbreviation}.`),
  'christmas',
  'easter',
  'ramadan',
]);

export function isCalendarWord(word: string): boolean {
  return CALENDAR_WORDS.has(word.toLowerCase());
}
