/** Calendar helpers. Days are counted in UTC so that a date string maps to exactly one day number
 * whatever the machine's time zone. */

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** Days since 1970-01-01 for a `YYYY-MM-DD` string, or NaN when the string is not a real date. */
export function dayNumber(iso: string): number {
  const m = ISO_DATE.exec(iso);
  if (!m) return Number.NaN;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  // Date.UTC rolls 2021-02-30 over to March; a rolled date is not the date the user wrote.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return Number.NaN;
  return Math.round(ms / DAY_MS);
}

export function isoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function parts(day: number): { d: number; month: string; y: number } {
  const dt = new Date(day * DAY_MS);
  return { d: dt.getUTCDate(), month: MONTHS[dt.getUTCMonth()] ?? '', y: dt.getUTCFullYear() };
}

/** "on 4 April 2019", "between 1 and 29 April 2019", "between 28 March and 5 April 2019",
 * "between 30 December 2019 and 3 January 2020" — the way a press office writes a date range. */
export function describeDateRange(first: string, last: string): string {
  const a = parts(dayNumber(first));
  const b = parts(dayNumber(last));
  if (first === last) return `on ${a.d} ${a.month} ${a.y}`;
  if (a.y !== b.y) return `between ${a.d} ${a.month} ${a.y} and ${b.d} ${b.month} ${b.y}`;
  if (a.month !== b.month) return `between ${a.d} ${a.month} and ${b.d} ${b.month} ${b.y}`;
  return `between ${a.d} and ${b.d} ${b.month} ${b.y}`;
}
