import { MONTH_NAMES, ukTimestamp } from '@scam/shared';

/**
 * Display formatting. Money arrives as integer pence and dates as `YYYY-MM-DD`; both are shown the
 * way a UK analyst writes them ("£71,234", "16 Jul 2023"). Dates are handled as calendar days, never
 * through the local time zone, so a day cannot shift by one in BST.
 */

/** "Jan"…"Dec": the shared calendar's month names, shortened as a UK table writes them. */
const MONTHS = MONTH_NAMES.map((m) => m.slice(0, 3));

const wholePounds = new Intl.NumberFormat('en-GB', {
  style: 'currency',
  currency: 'GBP',
  maximumFractionDigits: 0,
  minimumFractionDigits: 0,
});
const poundsAndPence = new Intl.NumberFormat('en-GB', {
  style: 'currency',
  currency: 'GBP',
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});
const integer = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

/** £ with thousands separators; whole pounds unless `withPence` (tables show the exact amount). */
export function formatMoney(pence: number, options: { withPence?: boolean } = {}): string {
  const pounds = pence / 100;
  return options.withPence ? poundsAndPence.format(pounds) : wholePounds.format(Math.round(pounds));
}

/** Compact money for chart axes: £950, £12k, £1.2m. */
export function formatMoneyShort(pence: number): string {
  const pounds = pence / 100;
  const abs = Math.abs(pounds);
  if (abs >= 1_000_000) return `£${trimZero((pounds / 1_000_000).toFixed(1))}m`;
  if (abs >= 10_000) return `£${Math.round(pounds / 1000)}k`;
  if (abs >= 1_000) return `£${trimZero((pounds / 1000).toFixed(1))}k`;
  return `£${Math.round(pounds)}`;
}

function trimZero(s: string): string {
  return s.endsWith('.0') ? s.slice(0, -2) : s;
}

export function formatCount(n: number): string {
  return integer.format(n);
}

export function formatPercent(share: number, digits = 0): string {
  return `${(share * 100).toFixed(digits)}%`;
}

interface DayParts {
  year: number;
  month: number;
  day: number;
}

function dayParts(iso: string): DayParts | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return null;
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

/** "16 Jul 2023"; anything that is not a date is shown as given rather than hidden. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const p = dayParts(iso);
  if (!p) return iso;
  return `${p.day} ${MONTHS[p.month - 1] ?? '?'} ${p.year}`;
}

/** "Jul 2023" for month buckets. */
export function formatMonth(iso: string): string {
  const p = dayParts(iso);
  if (!p) return iso;
  return `${MONTHS[p.month - 1] ?? '?'} ${p.year}`;
}

/** "16 Jul" for axis ticks where the year is shown elsewhere. */
export function formatDayMonth(iso: string): string {
  const p = dayParts(iso);
  if (!p) return iso;
  return `${p.day} ${MONTHS[p.month - 1] ?? '?'}`;
}

/** Server timestamps (import and change times) in UK local time: "16 Jul 2023, 14:05". */
export function formatTimestamp(iso: string | null | undefined): string {
  return iso ? ukTimestamp(iso) : '—';
}

/** "1 report", "2 reports". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
