import { dayParts } from '@scam/shared';

/** "on 4 April 2019", "between 1 and 29 April 2019", "between 28 March and 5 April 2019",
 * "between 30 December 2019 and 3 January 2020" — the way a press office writes a date range. */
export function describeDateRange(first: string, last: string): string {
  const a = dayParts(first);
  const b = dayParts(last);
  if (first === last) return `on ${a.day} ${a.month} ${a.year}`;
  if (a.year !== b.year) return `between ${a.day} ${a.month} ${a.year} and ${b.day} ${b.month} ${b.year}`;
  if (a.month !== b.month) return `between ${a.day} ${a.month} and ${b.day} ${b.month} ${b.year}`;
  return `between ${a.day} and ${b.day} ${b.month} ${b.year}`;
}
