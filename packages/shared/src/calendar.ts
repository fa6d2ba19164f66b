/**
 * Calendar days as `YYYY-MM-DD` strings and as day numbers (days since 1970-01-01), in UTC so that no
 * time zone or clock change moves a day. The one place the server, the detection and appeal packages,
 * the scripts and the dashboard do date arithmetic. No zod: the browser's first chunk may use it.
 */

export const DAY_MS = 86_400_000;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

export const MONTH_NAMES = [
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

/** Days since 1970-01-01, or NaN when the string is not a real date (2021-02-30 does not roll over). */
export function dayNumber(iso: string): number {
  const m = ISO_DAY.exec(iso);
  if (!m) return Number.NaN;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return Number.NaN;
  return Math.round(ms / DAY_MS);
}

export function isoOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function isDay(s: string): boolean {
  return !Number.isNaN(dayNumber(s));
}

export function toDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function todayIso(): string {
  return toDay(new Date());
}

export function addDays(iso: string, n: number): string {
  return isoOfDay(dayNumber(iso) + n);
}

/** Whole days from `from` to `to` (0 for the same day, negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** Adds calendar months, clamping to the month's last day (31 May − 3 months → 28/29 Feb). */
export function addMonths(iso: string, months: number): string {
  const d = new Date(dayNumber(iso) * DAY_MS);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), lastDay));
  return toDay(target);
}

/** Monday on or before the day (weeks in appeals and returns run Monday to Sunday). */
export function weekStart(iso: string): string {
  const day = dayNumber(iso);
  // 1970-01-01 was a Thursday: day + 3 counts from a Monday.
  return isoOfDay(day - ((day + 3) % 7));
}

export function monthStart(iso: string): string {
  return `${iso.slice(0, 7)}-01`;
}

export function monthEnd(iso: string): string {
  const d = new Date(dayNumber(iso) * DAY_MS);
  return toDay(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)));
}

/** Whole days from `a` to `b`, both ends counted (a one-day period is 1). */
export function daysInclusive(a: string, b: string): number {
  return daysBetween(a, b) + 1;
}

export function minDay(a: string, b: string): string {
  return a <= b ? a : b;
}

export function maxDay(a: string, b: string): string {
  return a >= b ? a : b;
}

/** Midnight UTC of the day, for the few places that need a Date (chart axes, file names). */
export function parseDay(iso: string): Date {
  return new Date(dayNumber(iso) * DAY_MS);
}

export function nextBucket(start: string, interval: 'day' | 'week' | 'month'): string {
  if (interval === 'day') return addDays(start, 1);
  if (interval === 'week') return addDays(start, 7);
  return addMonths(monthStart(start), 1);
}

/** Parts of a day for wording it: { day: 4, month: 'April', monthIndex: 3, year: 2019 }. */
export function dayParts(iso: string): { day: number; month: (typeof MONTH_NAMES)[number]; monthIndex: number; year: number } {
  const d = new Date(dayNumber(iso) * DAY_MS);
  return {
    day: d.getUTCDate(),
    month: MONTH_NAMES[d.getUTCMonth()] as (typeof MONTH_NAMES)[number],
    monthIndex: d.getUTCMonth(),
    year: d.getUTCFullYear(),
  };
}

const UK_TIMESTAMP = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/London',
});

/**
 * A server timestamp in UK local time, as every screen, export and briefing writes a moment:
 * "16 Jul 2023, 14:05". SQLite's datetime('now') has no zone marker but is UTC; an unreadable value is
 * returned as it came.
 */
export function ukTimestamp(iso: string): string {
  const d = new Date(/[zZ]|[+-]\d{2}:?\d{2}$/.test(iso) ? iso : `${iso.replace(' ', 'T')}Z`);
  return Number.isNaN(d.getTime()) ? iso : UK_TIMESTAMP.format(d);
}
