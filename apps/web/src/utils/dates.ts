/**
 * Calendar-day arithmetic on `YYYY-MM-DD` strings, in UTC so that no local clock change moves a day.
 */

export function parseDay(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

export function toDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function isDay(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = parseDay(s);
  return !Number.isNaN(d.getTime()) && toDay(d) === s;
}

export function addDays(iso: string, days: number): string {
  const d = parseDay(iso);
  d.setUTCDate(d.getUTCDate() + days);
  return toDay(d);
}

/** Adds calendar months, clamping to the month's last day (31 May − 3 months → 28/29 Feb). */
export function addMonths(iso: string, months: number): string {
  const d = parseDay(iso);
  const day = d.getUTCDate();
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return toDay(target);
}

export function endOfMonth(iso: string): string {
  const d = parseDay(iso);
  return toDay(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)));
}

/** Whole days from `a` to `b` inclusive of both ends. */
export function daysInclusive(a: string, b: string): number {
  return Math.round((parseDay(b).getTime() - parseDay(a).getTime()) / 86_400_000) + 1;
}

export function minDay(a: string, b: string): string {
  return a <= b ? a : b;
}

export function maxDay(a: string, b: string): string {
  return a >= b ? a : b;
}
