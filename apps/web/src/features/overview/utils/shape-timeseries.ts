import { METHODS, OUTCOMES } from '@scam/shared';
import type { Interval, Method, Outcome, TimeBucket } from '@scam/shared';
import { addDays, addMonths, daysInclusive, monthEnd as endOfMonth, maxDay, minDay } from '@scam/shared';
import { formatDate, formatDayMonth, formatMonth } from '../../../utils/format';

export type Measure = 'reports' | 'loss';

/**
 * Whether a bucket's returns can be in: `in` when the latest return is on or after its last day,
 * `partial` when the latest return falls inside it, `none` when it starts after the latest return.
 */
export type ReturnStatus = 'in' | 'partial' | 'none';

/** One row per time bucket, in the shape recharts reads (one numeric key per series). */
export interface TimeRow {
  start: string;
  label: string;
  /** Null, like every series, where no return is in yet: recharts draws no bar rather than a zero. */
  total: number | null;
  returns: ReturnStatus;
  [series: string]: number | string | null;
}

/** How far the returns reach into a bucket. Without a latest date (no data) every bucket is `in`. */
export function returnStatus(start: string, interval: Interval, latestData: string | null): ReturnStatus {
  if (latestData === null) return 'in';
  if (start > latestData) return 'none';
  return bucketEnd(start, interval) > latestData ? 'partial' : 'in';
}

function bucketEnd(start: string, interval: Interval): string {
  return interval === 'month' ? endOfMonth(start) : interval === 'week' ? addDays(start, 6) : start;
}

/** The buckets with no return yet, as the first and last axis labels of their run (they always end the axis). */
export function noReturnSpan(rows: readonly { label: string; returns: ReturnStatus }[]): { x1: string; x2: string; count: number } | null {
  const none = rows.filter((r) => r.returns === 'none');
  const first = none[0];
  const last = none[none.length - 1];
  return first && last ? { x1: first.label, x2: last.label, count: none.length } : null;
}

function bucketStarts(first: string, last: string, interval: Interval): string[] {
  const starts: string[] = [];
  let cursor = first;
  // Bounded so a malformed response cannot spin forever.
  for (let i = 0; cursor <= last && i < 5000; i += 1) {
    starts.push(cursor);
    cursor = interval === 'month' ? addMonths(cursor, 1) : addDays(cursor, interval === 'week' ? 7 : 1);
  }
  return starts;
}

/**
 * Fills the buckets the API leaves out (periods with no reports) with zeros, so the time axis is even
 * and a quiet week shows as a gap rather than vanishing.
 */
export function fillGaps(buckets: readonly TimeBucket[], interval: Interval): TimeBucket[] {
  if (buckets.length < 2) return [...buckets];
  const sorted = [...buckets].sort((a, b) => a.start.localeCompare(b.start));
  const byStart = new Map(sorted.map((b) => [b.start, b]));
  const first = sorted[0]!.start;
  const last = sorted[sorted.length - 1]!.start;
  return bucketStarts(first, last, interval).map(
    (start) => byStart.get(start) ?? { start, reports: 0, lossPence: 0, byMethod: {}, byOutcome: {} },
  );
}

export function bucketLabel(start: string, interval: Interval): string {
  if (interval === 'month') return formatMonth(start);
  return formatDayMonth(start);
}

/**
 * Long label for tooltips and tables: "Week from 16 Jul 2023", "Jul 2023", "16 Jul 2023", saying when
 * the bucket has no return yet or only part of one.
 */
export function bucketTitle(start: string, interval: Interval, latestData: string | null = null): string {
  const title = interval === 'month' ? formatMonth(start) : interval === 'week' ? `Week from ${formatDate(start)}` : formatDate(start);
  const status = returnStatus(start, interval, latestData);
  if (status === 'none') return `${title}: no return yet`;
  if (status === 'partial' && latestData) return `${title}: returns to ${formatDate(latestData)} only`;
  return title;
}

/** The date range a bucket covers, clipped to the active filter range so a click only narrows. */
export function bucketRange(
  start: string,
  interval: Interval,
  clip: { from: string | null; to: string | null } = { from: null, to: null },
): { from: string; to: string } {
  let from = start;
  let to = bucketEnd(start, interval);
  if (clip.from) from = maxDay(from, clip.from);
  if (clip.to) to = minDay(to, clip.to);
  return { from, to };
}

function pick(value: { reports: number; lossPence: number } | undefined, measure: Measure): number {
  if (!value) return 0;
  return measure === 'reports' ? value.reports : value.lossPence;
}

/** Methods that appear anywhere in the series, in vocabulary order (a stable stacking order). */
export function methodsPresent(buckets: readonly TimeBucket[]): Method[] {
  const seen = new Set<string>();
  for (const b of buckets) for (const m of Object.keys(b.byMethod)) seen.add(m);
  return METHODS.filter((m) => seen.has(m));
}

/**
 * Rows stacked by method: each method is a key holding reports or pence lost. Buckets after the
 * latest return (`latestData`) hold nulls, not zeros: their reports are not in yet.
 */
export function toMethodRows(
  buckets: readonly TimeBucket[],
  interval: Interval,
  measure: Measure,
  latestData: string | null = null,
): TimeRow[] {
  const methods = methodsPresent(buckets);
  return fillGaps(buckets, interval).map((b) => {
    const returns = returnStatus(b.start, interval, latestData);
    const known = returns !== 'none';
    const row: TimeRow = { start: b.start, label: bucketLabel(b.start, interval), total: known ? pick(b, measure) : null, returns };
    for (const m of methods) row[m] = known ? pick(b.byMethod[m], measure) : null;
    return row;
  });
}

/** Reports per outcome — lost vs attempted vs prevented; nulls after the latest return, as above. */
export function toOutcomeRows(buckets: readonly TimeBucket[], interval: Interval, latestData: string | null = null): TimeRow[] {
  return fillGaps(buckets, interval).map((b) => {
    const returns = returnStatus(b.start, interval, latestData);
    const known = returns !== 'none';
    const row: TimeRow = { start: b.start, label: bucketLabel(b.start, interval), total: known ? b.reports : null, returns };
    for (const o of OUTCOMES) row[o] = known ? (b.byOutcome[o]?.reports ?? 0) : null;
    return row;
  });
}

export interface CumulativeRow {
  start: string;
  label: string;
  /** Null after the latest return, so the running total stops there rather than running flat. */
  reports: number | null;
  lossPence: number | null;
  returns: ReturnStatus;
}

/** Running totals from the first bucket: the "since <date>" figures inspectors quote. */
export function toCumulativeRows(buckets: readonly TimeBucket[], interval: Interval, latestData: string | null = null): CumulativeRow[] {
  let reports = 0;
  let lossPence = 0;
  return fillGaps(buckets, interval).map((b) => {
    reports += b.reports;
    lossPence += b.lossPence;
    const returns = returnStatus(b.start, interval, latestData);
    const label = bucketLabel(b.start, interval);
    return returns === 'none'
      ? { start: b.start, label, reports: null, lossPence: null, returns }
      : { start: b.start, label, reports, lossPence, returns };
  });
}

export const OUTCOME_SERIES: readonly Outcome[] = OUTCOMES;

/**
 * Weekly bars stop being readable beyond about half a year (26+ bars in a laptop-width panel), so
 * longer ranges default to months. Open ends take the data's own first or last date.
 */
export function autoInterval(
  range: { from: string | null; to: string | null },
  dataRange: { first: string; last: string } | null,
): Interval {
  const from = range.from ?? dataRange?.first ?? null;
  const to = range.to ?? dataRange?.last ?? null;
  if (!from || !to || from > to) return 'week';
  return daysInclusive(from, to) > 183 ? 'month' : 'week';
}

/**
 * Whether there is anything to chart: the API fills every period of the range with zeros, so an empty
 * result is a row of zero buckets, which would draw as bare axes rather than saying so.
 */
export function hasReports(buckets: readonly TimeBucket[]): boolean {
  return buckets.some((b) => b.reports > 0);
}
