import { dayNumber, dayParts, daysBetween as daysFromTo, MONTH_NAMES } from '@scam/shared';

/** A day as the drafter words it: year, month (1–12), day of month. */
export interface Day {
  year: number;
  month: number;
  day: number;
  iso: string;
}

/** Parses `YYYY-MM-DD` with the shared calendar, refusing impossible dates such as 2019-02-30. */
export function parseDay(iso: string, what: string): Day {
  if (Number.isNaN(dayNumber(iso))) throw new RangeError(`${what} must be a real date as YYYY-MM-DD, got "${iso}"`);
  const p = dayParts(iso);
  return { year: p.year, month: p.monthIndex + 1, day: p.day, iso };
}

/** UK style, as releases write it: "1 April", or "1 April 2019" when the year is needed. */
export function formatDay(d: Day, withYear: boolean): string {
  const base = `${d.day} ${MONTH_NAMES[d.month - 1]}`;
  return withYear ? `${base} ${d.year}` : base;
}

export function daysBetween(from: Day, to: Day): number {
  return daysFromTo(from.iso, to.iso);
}
