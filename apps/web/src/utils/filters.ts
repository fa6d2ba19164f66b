import { AGE_BANDS, METHODS, METHOD_LABELS, OUTCOMES, OUTCOME_LABELS } from '@scam/shared';
import { FILTER_KEYS as FILTER_PARAM_KEYS } from '@scam/shared/keys';
import type { AgeBand, FilterQuery, Method, Outcome } from '@scam/shared';
import { toQueryString } from '../lib/api-client';
import { addDays, addMonths, daysInclusive, isDay } from '@scam/shared';
import { formatDate, formatMoney } from './format';

/**
 * The filter state lives in the URL query string under exactly the API's parameter names, so a copied
 * link reproduces the view and the same string can be sent to every read route.
 */
export interface FilterState {
  from: string | null;
  to: string | null;
  method: Method[];
  district: string[];
  place: string[];
  outcome: Outcome[];
  ageBand: AgeBand[];
  /** Pounds as the user typed them ("500", "99.50"); the API takes pounds too. */
  minLoss: string | null;
  maxLoss: string | null;
}

export const EMPTY_FILTERS: FilterState = {
  from: null,
  to: null,
  method: [],
  district: [],
  place: [],
  outcome: [],
  ageBand: [],
  minLoss: null,
  maxLoss: null,
};

const POUNDS = /^\d+(\.\d{1,2})?$/;

function splitList(value: string | null): string[] {
  if (!value) return [];
  const seen = new Set<string>();
  for (const item of value.split(',')) {
    const trimmed = item.trim();
    if (trimmed) seen.add(trimmed);
  }
  return [...seen];
}

/** Keeps only known codes, in vocabulary order, so equal filters make equal query keys. */
function vocabularyList<T extends string>(value: string | null, vocabulary: readonly T[]): T[] {
  const given = new Set(splitList(value));
  return vocabulary.filter((code) => given.has(code));
}

function pounds(value: string | null): string | null {
  if (value === null) return null;
  const trimmed = value.trim().replace(/^£/, '').replaceAll(',', '');
  return POUNDS.test(trimmed) ? trimmed : null;
}

/**
 * Reads filters from a query string. Values the API would refuse (unknown codes, impossible dates,
 * malformed amounts) are dropped rather than sent, and reversed ranges are put the right way round.
 */
export function parseFilters(search: string | URLSearchParams): FilterState {
  const params = typeof search === 'string' ? new URLSearchParams(search) : search;
  const date = (key: string) => {
    const v = params.get(key);
    return v !== null && isDay(v) ? v : null;
  };
  let from = date('from');
  let to = date('to');
  if (from && to && from > to) [from, to] = [to, from];
  let minLoss = pounds(params.get('minLoss'));
  let maxLoss = pounds(params.get('maxLoss'));
  if (minLoss !== null && maxLoss !== null && Number(minLoss) > Number(maxLoss)) {
    [minLoss, maxLoss] = [maxLoss, minLoss];
  }
  return {
    from,
    to,
    method: vocabularyList(params.get('method'), METHODS),
    district: splitList(params.get('district')),
    place: splitList(params.get('place')),
    outcome: vocabularyList(params.get('outcome'), OUTCOMES),
    ageBand: vocabularyList(params.get('ageBand'), AGE_BANDS),
    minLoss,
    maxLoss,
  };
}

/** The filters as the API's query parameters; absent filters are left out entirely. */
export function toFilterQuery(state: FilterState): FilterQuery {
  const query: FilterQuery = {};
  if (state.from) query.from = state.from;
  if (state.to) query.to = state.to;
  if (state.method.length) query.method = state.method.join(',');
  if (state.district.length) query.district = state.district.join(',');
  if (state.place.length) query.place = state.place.join(',');
  if (state.outcome.length) query.outcome = state.outcome.join(',');
  if (state.ageBand.length) query.ageBand = state.ageBand.join(',');
  if (state.minLoss !== null) query.minLoss = state.minLoss;
  if (state.maxLoss !== null) query.maxLoss = state.maxLoss;
  return query;
}

export function isFiltered(state: FilterState): boolean {
  return Object.keys(toFilterQuery(state)).length > 0;
}

/**
 * A new query string with these filters in place of the old ones. Other parameters (the incident
 * table's sort or search) are kept, except the page offset, which is meaningless for a new result set.
 */
export function withFilters(search: string, state: FilterState): string {
  const params = new URLSearchParams(search);
  for (const key of FILTER_PARAM_KEYS) params.delete(key);
  params.delete('offset');
  const rest: Record<string, string> = {};
  params.forEach((value, key) => {
    rest[key] = value;
  });
  return toQueryString({ ...toFilterQuery(state), ...rest });
}

/** Sets a list to just this value, or clears it when it is already exactly that (click to toggle). */
export function toggleOnly<T extends string>(list: readonly T[], value: T): T[] {
  return list.length === 1 && list[0] === value ? [] : [value];
}

// ── Date presets ────────────────────────────────────────────────────────────────────────────────

export const PRESETS = [
  { id: 'last4w', label: 'Last 4 weeks' },
  { id: 'last3m', label: 'Last 3 months' },
  { id: 'thisYear', label: 'This year' },
  { id: 'all', label: 'All dates' },
] as const;
export type PresetId = (typeof PRESETS)[number]['id'];

/**
 * Preset ranges end on the data's last date, not today: the returns arrive weekly and the demo data
 * ends in the past, so "last 4 weeks" means the latest four weeks we hold.
 */
export function presetRange(id: PresetId, lastDay: string): { from: string | null; to: string | null } {
  switch (id) {
    case 'last4w':
      return { from: addDays(lastDay, -27), to: lastDay };
    case 'last3m':
      return { from: addDays(addMonths(lastDay, -3), 1), to: lastDay };
    case 'thisYear':
      return { from: `${lastDay.slice(0, 4)}-01-01`, to: lastDay };
    case 'all':
      return { from: null, to: null };
  }
}

/** Which preset the current range equals, `since` for an open-ended start, else `custom`. */
export function activePreset(state: Pick<FilterState, 'from' | 'to'>, lastDay: string | null): PresetId | 'since' | 'custom' {
  if (!state.from && !state.to) return 'all';
  if (lastDay) {
    for (const { id } of PRESETS) {
      const r = presetRange(id, lastDay);
      if (r.from === state.from && r.to === state.to) return id;
    }
  }
  if (state.from && !state.to) return 'since';
  return 'custom';
}

function lengthInWords(from: string, to: string): string {
  const days = daysInclusive(from, to);
  if (days % 7 === 0) return days === 7 ? '1 week' : `${days / 7} weeks`;
  return days === 1 ? '1 day' : `${days} days`;
}

/** The active date range in words: "Since 1 Apr 2023", "11 Sep 2023 – 8 Oct 2023 (4 weeks)". */
export function describeRange(state: Pick<FilterState, 'from' | 'to'>, dataRange: { first: string; last: string } | null): string {
  const { from, to } = state;
  if (from && to) {
    if (from === to) return formatDate(from);
    return `${formatDate(from)} – ${formatDate(to)} (${lengthInWords(from, to)})`;
  }
  if (from) return `Since ${formatDate(from)}`;
  if (to) return `Up to ${formatDate(to)}`;
  return dataRange ? `All dates (${formatDate(dataRange.first)} – ${formatDate(dataRange.last)})` : 'All dates';
}

/** "1500" → "£1,500"; "99.5" → "£99.50". */
function formatPoundsText(pounds: string): string {
  return formatMoney(Math.round(Number(pounds) * 100), { withPence: pounds.includes('.') });
}

/** Every non-date filter as a short line of text, for the printed page and the summary line. */
export function describeFilters(
  state: FilterState,
  labels: { method?: (m: Method) => string; outcome?: (o: Outcome) => string } = {},
): string[] {
  const methodLabel = labels.method ?? ((m: Method) => METHOD_LABELS[m]);
  const outcomeLabel = labels.outcome ?? ((o: Outcome) => OUTCOME_LABELS[o]);
  const lines: string[] = [];
  if (state.method.length) lines.push(`Method: ${state.method.map(methodLabel).join(', ')}`);
  if (state.district.length) lines.push(`District: ${state.district.join(', ')}`);
  if (state.place.length) lines.push(`Place: ${state.place.join(', ')}`);
  if (state.outcome.length) lines.push(`Outcome: ${state.outcome.map(outcomeLabel).join(', ')}`);
  if (state.ageBand.length) lines.push(`Age: ${state.ageBand.join(', ')}`);
  const min = state.minLoss === null ? null : formatPoundsText(state.minLoss);
  const max = state.maxLoss === null ? null : formatPoundsText(state.maxLoss);
  if (min !== null && max !== null) lines.push(`Loss: ${min} to ${max}`);
  else if (min !== null) lines.push(`Loss: at least ${min}`);
  else if (max !== null) lines.push(`Loss: at most ${max}`);
  return lines;
}
