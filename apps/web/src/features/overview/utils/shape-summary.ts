import type { FigureSet, Summary } from '@scam/shared';
import { formatCount, formatDate, formatMoney, formatPercent } from '../../../utils/format';

export type Change =
  { kind: 'none'; text: string } | { kind: 'same'; text: string } | { kind: 'up' | 'down'; pct: number | null; text: string };

/**
 * Change against the previous period of equal length. A rise from zero has no percentage, so it says
 * so in words rather than showing "Infinity%".
 */
export function compareFigure(current: number | null, previous: number | null | undefined): Change {
  if (previous === undefined || previous === null || current === null) {
    return { kind: 'none', text: 'nothing to compare' };
  }
  if (current === previous) return { kind: 'same', text: 'no change' };
  const kind = current > previous ? 'up' : 'down';
  const arrow = kind === 'up' ? '▲' : '▼';
  if (previous === 0) return { kind, pct: null, text: `${arrow} from 0` };
  const pct = ((current - previous) / previous) * 100;
  const rounded = Math.abs(pct) < 10 ? Math.abs(pct).toFixed(1).replace(/\.0$/, '') : Math.round(Math.abs(pct)).toString();
  return { kind, pct, text: `${arrow} ${rounded}%` };
}

export type FigureId = 'reports' | 'loss' | 'lost' | 'attempted' | 'prevented' | 'median-age' | 'aged70';

export interface HeadlineFigure {
  id: FigureId;
  label: string;
  value: string;
  /** A second line of context: a share, or what the figure counts. */
  note: string | null;
  /** Null when there is nothing to compare with (all dates): the card shows no change line at all. */
  change: Change | null;
  /** Previous value in words, for the tooltip and screen readers. */
  previousText: string | null;
  /**
   * This period's value over the compared days, when that is not the value shown (the period starts
   * before the period before has data): the change is between it and the previous value.
   */
  comparedText: string | null;
}

function share(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

function aged70Share(f: FigureSet): number | null {
  return share(f.aged70Plus, f.ageKnown);
}

/**
 * The headline figures for the current filters. Each shows the whole period's value; its change is
 * computed between the days both periods have data for (`compared` against `previous`), so a period
 * running past the latest return is not shown as a fall.
 */
export function headlineFigures(summary: Summary): HeadlineFigure[] {
  const prev = summary.previous;
  // An answer without `compared` (an older server) compared the whole period.
  const now: FigureSet | null = prev ? (summary.compared ?? summary) : null;
  const comparedDiffers = summary.compared !== null && summary.coverage.comparedDays !== summary.coverage.coveredDays;
  const pctOf = (n: number) => {
    const s = share(n, summary.reports);
    return s === null ? null : `${formatPercent(s)} of reports`;
  };
  const currentAged = aged70Share(summary);
  const figure = (
    id: FigureId,
    label: string,
    value: string,
    note: string | null,
    pickValue: (f: FigureSet) => number | null,
    format: (n: number) => string,
    compare: (current: number | null, previous: number | null | undefined) => Change = compareFigure,
  ): HeadlineFigure => {
    const previous = prev ? pickValue(prev) : null;
    const current = now ? pickValue(now) : null;
    return {
      id,
      label,
      value,
      note,
      change: prev ? compare(current, previous) : null,
      previousText: previous !== null ? format(previous) : null,
      comparedText: comparedDiffers && current !== null ? format(current) : null,
    };
  };
  const formatShare = (n: number) => formatPercent(n);
  return [
    figure('reports', 'Reports', formatCount(summary.reports), null, (f) => f.reports, formatCount),
    figure(
      'loss',
      'Total lost',
      formatMoney(summary.lossPence),
      null,
      (f) => f.lossPence,
      (n) => formatMoney(n),
    ),
    figure('lost', 'Victims lost money', formatCount(summary.lost), pctOf(summary.lost), (f) => f.lost, formatCount),
    figure('attempted', 'Attempts, no loss', formatCount(summary.attempted), pctOf(summary.attempted), (f) => f.attempted, formatCount),
    figure('prevented', 'Prevented', formatCount(summary.prevented), pctOf(summary.prevented), (f) => f.prevented, formatCount),
    figure(
      'median-age',
      'Median victim age',
      summary.medianAge === null ? '—' : formatCount(summary.medianAge),
      summary.ageKnown > 0 ? `of ${formatCount(summary.ageKnown)} with age` : 'no ages known',
      (f) => f.medianAge,
      formatCount,
      compareYears,
    ),
    figure(
      'aged70',
      'Aged 70 or over',
      currentAged === null ? '—' : formatPercent(currentAged),
      summary.ageKnown > 0 ? `${formatCount(summary.aged70Plus)} of ${formatCount(summary.ageKnown)} victims` : null,
      aged70Share,
      formatShare,
      // Compared in percentage points: a share's relative change would mislead.
      comparePoints,
    ),
  ];
}

/** An age compared in years: "2% older" would mean nothing to a reader. */
export function compareYears(current: number | null, previous: number | null | undefined): Change {
  if (current === null || previous === null || previous === undefined) return { kind: 'none', text: 'no ages to compare' };
  const years = Math.round(current - previous);
  if (years === 0) return { kind: 'same', text: 'no change' };
  const n = Math.abs(years);
  return { kind: years > 0 ? 'up' : 'down', pct: null, text: `${years > 0 ? '▲' : '▼'} ${n} year${n === 1 ? '' : 's'}` };
}

function comparePoints(current: number | null, previous: number | null | undefined): Change {
  if (current === null || previous === null || previous === undefined) return { kind: 'none', text: 'no ages to compare' };
  const points = Math.round((current - previous) * 100);
  if (points === 0) return { kind: 'same', text: 'no change' };
  return points > 0 ? { kind: 'up', pct: null, text: `▲ ${points} pts` } : { kind: 'down', pct: null, text: `▼ ${Math.abs(points)} pts` };
}

/** "Since 1 Apr 2023: 30 reports, £71,234 lost" — the sentence an appeal quotes. */
export function quoteLine(summary: Pick<Summary, 'reports' | 'lossPence'>, since: string | null): string {
  const reports = `${formatCount(summary.reports)} ${summary.reports === 1 ? 'report' : 'reports'}`;
  const lost = `${formatMoney(summary.lossPence)} lost`;
  return since ? `Since ${formatDate(since)}: ${reports}, ${lost}` : `${reports}, ${lost}`;
}

function dayCount(n: number): string {
  return `${formatCount(n)} ${n === 1 ? 'day' : 'days'}`;
}

/**
 * The line beneath the cards: what the changes compare, or why there are none. A period running past
 * the latest return says how much of it has no return yet.
 */
export function previousPeriodText(summary: Summary): string {
  const { coverage, previous, compared } = summary;
  const pastData =
    coverage.daysPastData > 0 && coverage.latestData
      ? ` The last ${dayCount(coverage.daysPastData)} of this period are after the latest return (${formatDate(coverage.latestData)}): no return yet.`
      : '';
  if (coverage.days === null) return 'No comparison for all dates: choose a period to compare it with the one before.';
  if (!previous) {
    if (coverage.coveredDays === 0) {
      return coverage.daysPastData === coverage.days
        ? `No comparison: no return is in yet for any day of this period.${pastData}`
        : 'No comparison: the data holds no day of this period.';
    }
    return `No comparison: the period before is earlier than the first return.${pastData}`;
  }
  const range = (r: { from: string; to: string }) => `${formatDate(r.from)} – ${formatDate(r.to)}`;
  if (!compared || coverage.comparedDays === coverage.days) return `Compared with ${range(previous)}`;
  return `Changes compare ${range(compared)} with ${range(previous)}: the ${dayCount(coverage.comparedDays)} both periods have returns for.${pastData}`;
}
