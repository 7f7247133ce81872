/**
 * Feed dates come as RFC 822 (RSS), ISO 8601 / W3C-DTF (Atom, RDF dc:date, JSON Feed) and a long tail of sloppy
 * variants. We parse them ourselves rather than with Date.parse, which reads zone-less strings in the machine's
 * local time and accepts almost anything.
 */

// prettier-ignore
const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};

/** Zone abbreviations seen in real feeds, in minutes east of UTC. Ambiguous ones take their most common meaning. */
// prettier-ignore
const ZONES: Record<string, number> = {
  UT: 0, UTC: 0, GMT: 0, Z: 0, WET: 0,
  EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420,
  AKST: -540, AKDT: -480, HST: -600, AST: -240, ADT: -180, NST: -210, NDT: -150,
  BST: 60, IST: 330, WEST: 60, CET: 60, CEST: 120, MET: 60, MEST: 120, EET: 120, EEST: 180, MSK: 180,
  WAT: 60, CAT: 120, SAST: 120, EAT: 180, PKT: 300, ICT: 420, WIB: 420, HKT: 480, SGT: 480, PHT: 480,
  AWST: 480, JST: 540, KST: 540, ACST: 570, AEST: 600, AEDT: 660, NZST: 720, NZDT: 780,
};

const ISO_8601 =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?)?)?$/i;
const RFC_822 =
  /^(?:[a-z]+\.?(?:,\s*|\s+))?(\d{1,2})[\s-]+([a-z]{3,9})\.?,?[\s-]+(\d{2,4}),?(?:[\sT]+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*([ap]\.?m\.?)?)?\s*(.*)$/i;
const MONTH_FIRST =
  /^(?:[a-z]+\.?(?:,\s*|\s+))?([a-z]{3,9})\.?\s+(\d{1,2}),?\s+(?:(\d{1,2}):(\d{2})(?::(\d{2}))?\s+)?(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*(.*)$/i;

/** Normalises a feed date to ISO 8601 UTC (`2003-06-10T08:00:00.000Z`); null when missing or unreadable. */
export function toIsoUtc(raw: string | null | undefined): string | null {
  const value = raw?.trim().replace(/\s+/g, ' ');
  if (!value) return null;
  return fromIso(value) ?? fromRfc822(value) ?? fromMonthFirst(value);
}

function fromIso(value: string): string | null {
  const match = ISO_8601.exec(value);
  if (!match) return null;
  const [, year, month = '1', day = '1', hour = '0', minute = '0', second = '0', fraction = '', zone] = match;
  const offset = zone ? zoneOffset(zone) : 0; // a zone-less timestamp is taken as UTC, the only stable reading
  const millis = Number(`0.${fraction || '0'}`) * 1000;
  return build(+year, +month, +day, +hour, +minute, +second, Math.round(millis), offset ?? 0);
}

function fromRfc822(value: string): string | null {
  const match = RFC_822.exec(value);
  if (!match) return null;
  const [, day, monthName, yearText, hour = '0', minute = '0', second = '0', meridiem, zone] = match;
  const month = MONTHS[monthName.slice(0, 3).toLowerCase()];
  if (!month) return null;
  const offset = zoneOffset(zone.replace(/\(.*\)$/, '').trim());
  return build(fullYear(yearText), month, +day, to24h(+hour, meridiem), +minute, +second, 0, offset ?? 0);
}

/** asctime-like `Jun 10 2003 04:00:00 GMT` and `June 10, 2003 4:00 PM`. */
function fromMonthFirst(value: string): string | null {
  const match = MONTH_FIRST.exec(value);
  if (!match) return null;
  const [, monthName, day, h1, m1, s1, year, h2, m2, s2, rest] = match;
  const month = MONTHS[monthName.slice(0, 3).toLowerCase()];
  if (!month) return null;
  const meridiem = /^([ap]\.?m\.?)\s*/i.exec(rest);
  const zone = meridiem ? rest.slice(meridiem[0].length) : rest;
  const hour = to24h(+(h1 ?? h2 ?? 0), meridiem?.[1]);
  const offset = zoneOffset(zone.trim());
  return build(+year, month, +day, hour, +(m1 ?? m2 ?? 0), +(s1 ?? s2 ?? 0), 0, offset ?? 0);
}

/** Minutes east of UTC; 0 for an empty or unknown zone (a date off by hours beats no date). */
function zoneOffset(zone: string): number {
  if (!zone) return 0;
  const numeric = /^(?:GMT|UTC)?([+-])(\d{1,2})(?::?(\d{2}))?$/i.exec(zone);
  if (numeric) {
    const minutes = Number(numeric[2]) * 60 + Number(numeric[3] ?? 0);
    return numeric[1] === '-' ? -minutes : minutes;
  }
  // RFC 2822 §4.3: military single letters were specified with inverted signs, so they carry no information.
  return ZONES[zone.toUpperCase()] ?? 0;
}

function fullYear(text: string): number {
  const year = Number(text);
  if (text.length > 2) return year;
  return year < 50 ? 2000 + year : 1900 + year;
}

function to24h(hour: number, meridiem: string | undefined): number {
  if (!meridiem) return hour;
  const pm = meridiem.toLowerCase().startsWith('p');
  return (hour % 12) + (pm ? 12 : 0);
}

function build(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  millis: number,
  offsetMinutes: number,
): string | null {
  if (month < 1 || month > 12 || day < 1 || hour > 24 || minute > 59 || second > 60) return null;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth || year < 1) return null;
  const time = Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59), millis) - offsetMinutes * 60_000;
  return Number.isFinite(time) ? new Date(time).toISOString() : null;
}
