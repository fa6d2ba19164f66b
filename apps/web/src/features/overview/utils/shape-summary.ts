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
    return { kind: 'none', text: 'no earlier period' };
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
  change: Change;
  /** Previous value in words, for the tooltip and screen readers. */
  previousText: string | null;
}

function share(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

function aged70Share(f: FigureSet): number | null {
  return share(f.aged70Plus, f.ageKnown);
}

/** The headline figures for the current filters, each with its change against the period before. */
export function headlineFigures(summary: Summary): HeadlineFigure[] {
  const prev = summary.previous;
  const pctOf = (n: number) => {
    const s = share(n, summary.reports);
    return s === null ? null : `${formatPercent(s)} of reports`;
  };
  const currentAged = aged70Share(summary);
  const prevAged = prev ? aged70Share(prev) : null;
  const figure = (
    id: FigureId,
    label: string,
    value: string,
    note: string | null,
    current: number | null,
    previous: number | null | undefined,
    format: (n: number) => string,
    compare: (current: number | null, previous: number | null | undefined) => Change = compareFigure,
  ): HeadlineFigure => ({
    id,
    label,
    value,
    note,
    change: prev ? compare(current, previous) : { kind: 'none', text: 'no earlier period' },
    previousText: prev && previous !== null && previous !== undefined ? format(previous) : null,
  });
  return [
    figure('reports', 'Reports', formatCount(summary.reports), null, summary.reports, prev?.reports, formatCount),
    figure('loss', 'Total lost', formatMoney(summary.lossPence), null, summary.lossPence, prev?.lossPence, (n) => formatMoney(n)),
    figure('lost', 'Victims lost money', formatCount(summary.lost), pctOf(summary.lost), summary.lost, prev?.lost, formatCount),
    figure(
      'attempted',
      'Attempts, no loss',
      formatCount(summary.attempted),
      pctOf(summary.attempted),
      summary.attempted,
      prev?.attempted,
      formatCount,
    ),
    figure(
      'prevented',
      'Prevented',
      formatCount(summary.prevented),
      pctOf(summary.prevented),
      summary.prevented,
      prev?.prevented,
      formatCount,
    ),
    figure(
      'median-age',
      'Median victim age',
      summary.medianAge === null ? '—' : formatCount(summary.medianAge),
      summary.ageKnown > 0 ? `of ${formatCount(summary.ageKnown)} with age` : 'no ages known',
      summary.medianAge,
      prev ? prev.medianAge : undefined,
      formatCount,
      compareYears,
    ),
    {
      id: 'aged70',
      label: 'Aged 70 or over',
      value: currentAged === null ? '—' : formatPercent(currentAged),
      note: summary.ageKnown > 0 ? `${formatCount(summary.aged70Plus)} of ${formatCount(summary.ageKnown)} victims` : null,
      // Compared in percentage points: a share's relative change would mislead.
      change: !prev ? { kind: 'none', text: 'no earlier period' } : comparePoints(currentAged, prevAged),
      previousText: prevAged === null ? null : formatPercent(prevAged),
    },
  ];
}

/** An age compared in years: "2% older" would mean nothing to a reader. */
export function compareYears(current: number | null, previous: number | null | undefined): Change {
  if (current === null || previous === null || previous === undefined) return { kind: 'none', text: 'no earlier period' };
  const years = Math.round(current - previous);
  if (years === 0) return { kind: 'same', text: 'no change' };
  const n = Math.abs(years);
  return { kind: years > 0 ? 'up' : 'down', pct: null, text: `${years > 0 ? '▲' : '▼'} ${n} year${n === 1 ? '' : 's'}` };
}

function comparePoints(current: number | null, previous: number | null): Change {
  if (current === null || previous === null) return { kind: 'none', text: 'no earlier period' };
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

export function previousPeriodText(summary: Summary): string {
  if (!summary.previous) return 'Choose a start and end date to compare with the period before.';
  return `Compared with ${formatDate(summary.previous.from)} – ${formatDate(summary.previous.to)}`;
}
