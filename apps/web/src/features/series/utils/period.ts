import type { Method, SavedSeriesStatus } from '@scam/shared';
import { METHODS } from '@scam/shared';
import { toQueryString } from '../../../lib/api-client';
import { addDays, isDay } from '@scam/shared';

/**
 * The series workspace keeps its whole view in the query string (period, scam method, mode,
 * replicates, and which series is open), so a copied link reproduces what the analyst saw.
 */

export const PERIOD_PRESETS = [
  { value: '12w', label: 'Last 12 weeks' },
  { value: '12m', label: 'Last 12 months' },
  { value: 'year', label: 'Year' },
  { value: 'custom', label: 'Custom' },
] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number]['value'];

export const REPLICATE_OPTIONS = [
  { value: '199', label: '199 (fast)' },
  { value: '999', label: '999 (standard)' },
] as const;
export type Replicates = 199 | 999;

export const MODE_OPTIONS = [
  { value: 'retrospective', label: 'Retrospective' },
  { value: 'prospective', label: 'Prospective' },
] as const;
export type DetectionMode = (typeof MODE_OPTIONS)[number]['value'];

export const STATUS_FILTERS = ['all', 'new', 'ongoing', 'closed', 'dismissed'] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

/** SaTScan-grade detection settings; the defaults are the API's. */
export interface AdvancedSettings {
  minDays: number;
  maxDays: number;
  timeStep: 1 | 7;
  maxKm: number;
  maxShare: number;
  centres: 'reports' | 'gazetteer';
  include: 'significant' | 'all';
}

export const DEFAULT_ADVANCED: AdvancedSettings = {
  minDays: 7,
  maxDays: 56,
  timeStep: 7,
  maxKm: 10,
  maxShare: 0.5,
  centres: 'reports',
  include: 'significant',
};

export interface SeriesViewState {
  period: PeriodPreset;
  /** Explicit bounds win over the preset: detail links carry them so they reproduce the same run. */
  from: string | null;
  to: string | null;
  year: number | null;
  method: Method | null;
  mode: DetectionMode;
  replicates: Replicates;
  /** Open detected series (its id) or saved series (its number); at most one is set. */
  id: string | null;
  saved: number | null;
  status: StatusFilter;
  advanced: AdvancedSettings;
}

export const DEFAULT_VIEW: SeriesViewState = {
  period: '12m',
  from: null,
  to: null,
  year: null,
  method: null,
  mode: 'retrospective',
  replicates: 999,
  id: null,
  saved: null,
  status: 'all',
  advanced: DEFAULT_ADVANCED,
};

/** A number from the URL within [min, max], or the default. */
function bounded(value: string | null, min: number, max: number, fallback: number, whole = true): number {
  if (value === null || value.trim() === '') return fallback;
  const n = Number(value);
  return Number.isFinite(n) && n >= min && n <= max && (!whole || Number.isInteger(n)) ? n : fallback;
}

function parseAdvanced(p: URLSearchParams): AdvancedSettings {
  const d = DEFAULT_ADVANCED;
  const minDays = bounded(p.get('minDays'), 1, 366, d.minDays);
  const maxDays = bounded(p.get('maxDays'), 1, 366, d.maxDays);
  return {
    minDays: Math.min(minDays, maxDays),
    maxDays: Math.max(minDays, maxDays),
    timeStep: p.get('timeStep') === '1' ? 1 : 7,
    maxKm: bounded(p.get('maxKm'), 0.1, 100, d.maxKm, false),
    maxShare: bounded(p.get('maxShare'), 0.01, 1, d.maxShare, false),
    centres: p.get('centres') === 'gazetteer' ? 'gazetteer' : 'reports',
    include: p.get('include') === 'all' ? 'all' : 'significant',
  };
}

/** The settings that differ from the defaults, as query parameters (for links and for the API). */
export function advancedParams(a: AdvancedSettings): Partial<AdvancedSettings> {
  const out: Partial<AdvancedSettings> = {};
  for (const key of Object.keys(DEFAULT_ADVANCED) as (keyof AdvancedSettings)[]) {
    if (a[key] !== DEFAULT_ADVANCED[key]) Object.assign(out, { [key]: a[key] });
  }
  return out;
}

function oneOf<T extends string>(value: string | null, allowed: readonly T[]): T | null {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : null;
}

export function parseSeriesView(search: string): SeriesViewState {
  const p = new URLSearchParams(search);
  const day = (key: string) => {
    const v = p.get(key);
    return v !== null && isDay(v) ? v : null;
  };
  let from = day('from');
  let to = day('to');
  if (from && to && from > to) [from, to] = [to, from];
  const yearRaw = Number(p.get('year'));
  const savedRaw = p.get('saved');
  const saved = savedRaw !== null && /^\d{1,12}$/.test(savedRaw) ? Number(savedRaw) : null;
  const id = p.get('id');
  return {
    period:
      oneOf(
        p.get('period'),
        PERIOD_PRESETS.map((o) => o.value),
      ) ?? (from && to ? 'custom' : DEFAULT_VIEW.period),
    from,
    to,
    year: Number.isInteger(yearRaw) && yearRaw >= 1990 && yearRaw <= 2100 ? yearRaw : null,
    method: oneOf(p.get('method'), METHODS),
    mode: oneOf(p.get('mode'), ['retrospective', 'prospective'] as const) ?? DEFAULT_VIEW.mode,
    replicates: p.get('replicates') === '199' ? 199 : 999,
    id: saved === null && id ? id : null,
    saved,
    status: oneOf(p.get('status'), STATUS_FILTERS) ?? 'all',
    advanced: parseAdvanced(p),
  };
}

/** The query string for a view; defaults are left out so ordinary links stay short. */
export function seriesViewSearch(view: SeriesViewState): string {
  return toQueryString({
    // With pinned dates the preset is written too, so the link reopens with the same preset chosen.
    period: view.period === DEFAULT_VIEW.period && !(view.from && view.to) ? undefined : view.period,
    from: view.from,
    to: view.to,
    year: view.period === 'year' ? view.year : undefined,
    method: view.method,
    mode: view.mode === DEFAULT_VIEW.mode ? undefined : view.mode,
    replicates: view.replicates === DEFAULT_VIEW.replicates ? undefined : view.replicates,
    id: view.id,
    saved: view.saved,
    status: view.status === 'all' ? undefined : view.status,
    ...advancedParams(view.advanced),
  });
}

/**
 * The detection period. Presets end on the data's last day (returns arrive weekly, so "last 12
 * weeks" means the latest twelve weeks held); null until that day is known.
 */
export function resolvePeriod(view: SeriesViewState, lastDay: string | null): { from: string; to: string } | null {
  if (view.from && view.to) return { from: view.from, to: view.to };
  if (!lastDay) return null;
  switch (view.period) {
    case '12w':
      return { from: addDays(lastDay, -83), to: lastDay };
    case 'year': {
      const year = view.year ?? Number(lastDay.slice(0, 4));
      const end = `${year}-12-31`;
      return { from: `${year}-01-01`, to: end < lastDay ? end : lastDay };
    }
    case '12m':
    case 'custom':
      // Matches the API's own default: the 365 days up to the latest data.
      return { from: addDays(lastDay, -364), to: lastDay };
  }
}

/** Years the data covers, newest first, for the year picker. */
export function yearsBetween(first: string, last: string): number[] {
  const out: number[] = [];
  for (let y = Number(last.slice(0, 4)); y >= Number(first.slice(0, 4)); y -= 1) out.push(y);
  return out;
}

/** A link to one series with the period pinned, so it reproduces the same detection run. */
export function detailSearch(
  view: SeriesViewState,
  period: { from: string; to: string } | null,
  target: { id: string } | { saved: number },
): string {
  return seriesViewSearch({
    ...view,
    from: period?.from ?? view.from,
    to: period?.to ?? view.to,
    id: 'id' in target ? target.id : null,
    saved: 'saved' in target ? target.saved : null,
  });
}

export type { SavedSeriesStatus };
