const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export interface Day {
  year: number;
  month: number;
  day: number;
}

/** Parses `YYYY-MM-DD`, refusing impossible dates such as 2019-02-30. */
export function parseDay(iso: string, what: string): Day {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const parsed = m ? { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) } : null;
  const asDate = new Date(`${iso}T00:00:00Z`);
  if (!parsed || Number.isNaN(asDate.getTime()) || asDate.toISOString().slice(0, 10) !== iso) {
    throw new RangeError(`${what} must be a real date as YYYY-MM-DD, got "${iso}"`);
  }
  return parsed;
}

/** UK style: "1 April", or "1 April 2019" when the year is needed. */
export function formatDay(d: Day, withYear: boolean): string {
  const base = `${d.day} ${MONTHS[d.month - 1]}`;
  return withYear ? `${base} ${d.year}` : base;
}

export function daysBetween(from: Day, to: Day): number {
  const ms = Date.UTC(to.year, to.month - 1, to.day) - Date.UTC(from.year, from.month - 1, from.day);
  return Math.round(ms / 86_400_000);
}
