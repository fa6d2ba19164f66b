import { METHOD_LABELS } from '@scam/shared';
import type { SavedSeries, SavedSeriesStatus, Series } from '@scam/shared';
import { formatMonth } from '../../../utils/format';
import type { StatusFilter } from './period';

/**
 * Local copy of the saved-series statuses: the original sits beside zod schemas in series.ts and
 * the type below fails to compile if the contract gains a status this list lacks.
 */
export const SAVED_STATUSES = ['new', 'ongoing', 'closed', 'dismissed'] as const satisfies readonly SavedSeriesStatus[];
type Missing<All, Listed> = [Exclude<All, Listed>] extends [never] ? true : { missing: Exclude<All, Listed> };
export const savedStatusesComplete: Missing<SavedSeriesStatus, (typeof SAVED_STATUSES)[number]> = true;

export function countByStatus(saved: readonly SavedSeries[]): Record<StatusFilter, number> {
  const counts: Record<StatusFilter, number> = { all: saved.length, new: 0, ongoing: 0, closed: 0, dismissed: 0 };
  for (const s of saved) counts[s.status] += 1;
  return counts;
}

/**
 * Saved series for a status filter, in working order: live ones (new, ongoing) before closed and
 * dismissed, and the most recently touched first within each status.
 */
export function filterSaved(saved: readonly SavedSeries[], status: StatusFilter): SavedSeries[] {
  const rank = (s: SavedSeriesStatus) => SAVED_STATUSES.indexOf(s);
  return saved
    .filter((s) => status === 'all' || s.status === status)
    .sort((a, b) => rank(a.status) - rank(b.status) || b.updatedAt.localeCompare(a.updatedAt) || b.id - a.id);
}

/** Detected id → the saved series that confirmed or dismissed it. */
export function savedByDetectedId(saved: readonly SavedSeries[]): Map<string, SavedSeries> {
  const map = new Map<string, SavedSeries>();
  for (const s of saved) if (s.detectedId) map.set(s.detectedId, s);
  return map;
}

/** A first name for a confirmed series: "Courier fraud, St Albans, Dec 2025 – Jan 2026". */
export function defaultSeriesName(series: Pick<Series, 'method' | 'districts' | 'first' | 'last'>): string {
  const top = series.districts.slice(0, 2).map((d) => d.name);
  const more = series.districts.length > 2 ? ' and others' : '';
  const start = formatMonth(series.first);
  const end = formatMonth(series.last);
  const when = start === end ? start : `${start} – ${end}`;
  return [METHOD_LABELS[series.method], top.length ? top.join(', ') + more : null, when].filter(Boolean).join(', ');
}

/** A p-value as analysts quote it: three decimals, and "< 0.001" rather than 0.000. */
export function formatPValue(p: number | null): string {
  if (p === null) return '—';
  if (p < 0.001) return '< 0.001';
  return p.toFixed(3);
}

/** "once in 500 days" — how often chance alone would raise a prospective alarm this strong. */
export function formatRecurrence(days: number | null): string {
  if (days === null) return '—';
  if (days >= 730) return `once in ${Math.round(days / 365)} years`;
  return `once in ${Math.round(days)} days`;
}

/** Saved series a detected one could be merged into: same method, not dismissed, most shared members first. */
export function mergeCandidates(
  series: Pick<Series, 'method' | 'incidents'>,
  saved: readonly SavedSeries[],
): { saved: SavedSeries; shared: number }[] {
  const mine = new Set(series.incidents);
  return saved
    .filter((s) => s.method === series.method && s.status !== 'dismissed')
    .map((s) => ({ saved: s, shared: s.incidents.filter((r) => mine.has(r)).length }))
    .sort((a, b) => b.shared - a.shared || b.saved.updatedAt.localeCompare(a.saved.updatedAt))
    .slice(0, 20);
}
