import { AGE_BANDS, METHODS, METHOD_LABELS, OUTCOMES, OUTCOME_LABELS, PLACE_MATCHES, PLACE_MATCH_LABELS } from '@scam/shared';
import { FILTER_KEYS as FILTER_PARAM_KEYS } from '@scam/shared/keys';
import type { AgeBand, FilterQuery, Method, Outcome, PlaceMatch } from '@scam/shared';
import { toQueryString } from '../lib/api-client';
import { addDays, daysInclusive, isDay, maxDay } from '@scam/shared';
import { formatDate, formatMoney } from './format';
import { localToday } from './today';

/**
 * The filter state lives in the URL query string under exactly the API's parameter names, so a copied
 * link reproduces the view and the same string can be sent to every read route. A rolling period is
 * the exception: the URL holds `period=last-12-weeks` or `since=2026-04-01`, not the dates it means
 * today, so a link opened next week means the twelve weeks before next week.
 */
export interface FilterState {
  /** A rolling period, or null for fixed dates. When set, `from`/`to` are resolved from it against its anchor. */
  period: RollingPeriod | null;
  /** What a rolling period ends on: today, or the latest return (`anchor=data` in the URL). */
  anchor: PeriodAnchor;
  from: string | null;
  to: string | null;
  method: Method[];
  district: string[];
  place: string[];
  /** How reports were placed: `['national']` is "outside the force area". */
  placeMatch: PlaceMatch[];
  outcome: Outcome[];
  ageBand: AgeBand[];
  /** Pounds as the user typed them ("500", "99.50"); the API takes pounds too. */
  minLoss: string | null;
  maxLoss: string | null;
}

export const EMPTY_FILTERS: FilterState = {
  period: null,
  anchor: 'today',
  from: null,
  to: null,
  method: [],
  district: [],
  place: [],
  placeMatch: [],
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
 * A rolling period (`period`, `since`) wins over `from`/`to` and is resolved against `today`, or with
 * `anchor=data` against `latestData` (the latest return); a link without `anchor` ends today, as
 * links did before anchors existed.
 */
export function parseFilters(
  search: string | URLSearchParams,
  today: string = localToday(),
  latestData: string | null = null,
): FilterState {
  const params = typeof search === 'string' ? new URLSearchParams(search) : search;
  const date = (key: string) => {
    const v = params.get(key);
    return v !== null && isDay(v) ? v : null;
  };
  const named = params.get('period');
  const since = date('since');
  let period: RollingPeriod | null = isRollingPeriod(named) ? named : since ? 'since' : null;
  const anchor: PeriodAnchor = period && params.get('anchor') === 'data' ? 'data' : 'today';
  const end = anchorDay(anchor, today, latestData);
  let from: string | null;
  let to: string | null;
  if (period === 'since' && since) ({ from, to } = sinceRange(since, end));
  else if (period && period !== 'since') ({ from, to } = periodRange(period, end));
  else {
    period = null;
    from = date('from');
    to = date('to');
    if (from && to && from > to) [from, to] = [to, from];
  }
  let minLoss = pounds(params.get('minLoss'));
  let maxLoss = pounds(params.get('maxLoss'));
  if (minLoss !== null && maxLoss !== null && Number(minLoss) > Number(maxLoss)) {
    [minLoss, maxLoss] = [maxLoss, minLoss];
  }
  return {
    period,
    anchor,
    from,
    to,
    method: vocabularyList(params.get('method'), METHODS),
    district: splitList(params.get('district')),
    place: splitList(params.get('place')),
    placeMatch: vocabularyList(params.get('placeMatch'), PLACE_MATCHES),
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
  if (state.placeMatch.length) query.placeMatch = state.placeMatch.join(',');
  if (state.outcome.length) query.outcome = state.outcome.join(',');
  if (state.ageBand.length) query.ageBand = state.ageBand.join(',');
  if (state.minLoss !== null) query.minLoss = state.minLoss;
  if (state.maxLoss !== null) query.maxLoss = state.maxLoss;
  return query;
}

/**
 * The filters as they go in a link: like the API query, except that a rolling period is written as
 * itself (`period=last-12-weeks`, `since=2026-04-01`) instead of today's dates, so it stays rolling.
 */
export function toUrlQuery(state: FilterState): Record<string, string> {
  const { from, to, ...rest } = toFilterQuery(state);
  // Only the latest-data anchor is written: a link without one ends today, as old links do.
  const anchor: Record<string, string> = state.anchor === 'data' ? { anchor: 'data' } : {};
  if (state.period === 'since' && state.from) return { since: state.from, ...anchor, ...rest };
  if (state.period && state.period !== 'since') return { period: state.period, ...anchor, ...rest };
  return { ...(from ? { from } : {}), ...(to ? { to } : {}), ...rest };
}

/** The filter part of a query string, in link form: what moving to another filtered page carries. */
export function filterSearch(search: string): string {
  return toQueryString(toUrlQuery(parseFilters(search)));
}

export function isFiltered(state: FilterState): boolean {
  return Object.keys(toFilterQuery(state)).length > 0;
}

/** Every query parameter the filters own in a link. */
const URL_FILTER_KEYS: readonly string[] = [...FILTER_PARAM_KEYS, 'period', 'since', 'anchor'];

/**
 * A new query string with these filters in place of the old ones. Other parameters (the incident
 * table's sort or search, chart options) are kept, except the page offset, which is meaningless for a
 * new result set.
 */
export function withFilters(search: string, state: FilterState): string {
  const params = new URLSearchParams(search);
  for (const key of URL_FILTER_KEYS) params.delete(key);
  params.delete('offset');
  const rest: Record<string, string> = {};
  params.forEach((value, key) => {
    rest[key] = value;
  });
  return toQueryString({ ...toUrlQuery(state), ...rest });
}

/**
 * Applies a change. Setting dates without saying which period (a chart bucket clicked, a date typed)
 * means fixed dates: the rolling period is dropped rather than left to override them.
 */
export function patchFilterState(state: FilterState, patch: Partial<FilterState>): FilterState {
  const datesChanged = 'from' in patch || 'to' in patch;
  return { ...state, ...patch, period: 'period' in patch ? (patch.period ?? null) : datesChanged ? null : state.period };
}

/** Sets a list to just this value, or clears it when it is already exactly that (click to toggle). */
export function toggleOnly<T extends string>(list: readonly T[], value: T): T[] {
  return list.length === 1 && list[0] === value ? [] : [value];
}

// ── Periods ─────────────────────────────────────────────────────────────────────────────────────

/**
 * Rolling periods end today (the analyst's own calendar date, see ./today) or, anchored to the data,
 * on the latest return. Ending today, a live unit's "last 12 weeks" includes this week before its
 * return arrives; the weeks with no return yet are marked as such and left out of the comparison.
 * Ending on the latest return, the period is twelve weeks of returns that are all in.
 */
export const ROLLING_PERIODS = [
  { id: 'last-4-weeks', label: 'Last 4 weeks' },
  { id: 'last-12-weeks', label: 'Last 12 weeks' },
  { id: 'last-52-weeks', label: 'Last 52 weeks' },
  { id: 'this-year', label: 'This year' },
] as const;
type NamedPeriod = (typeof ROLLING_PERIODS)[number]['id'];
/** A named period, or `since`: from a given date up to today. */
export type RollingPeriod = NamedPeriod | 'since';

export const PERIOD_ANCHORS = ['today', 'data'] as const;
export type PeriodAnchor = (typeof PERIOD_ANCHORS)[number];

export function isPeriodAnchor(value: unknown): value is PeriodAnchor {
  return PERIOD_ANCHORS.some((a) => a === value);
}

/** The day a rolling period ends on; without data to anchor to, today. */
export function anchorDay(anchor: PeriodAnchor, today: string, latestData: string | null): string {
  return anchor === 'data' && latestData ? latestData : today;
}

function isRollingPeriod(value: string | null): value is NamedPeriod {
  return ROLLING_PERIODS.some((p) => p.id === value);
}

const WEEKS: Record<Exclude<NamedPeriod, 'this-year'>, number> = { 'last-4-weeks': 4, 'last-12-weeks': 12, 'last-52-weeks': 52 };

/** The dates a named period means ending on `end`, both ends included: 12 weeks is 84 days ending that day. */
export function periodRange(id: NamedPeriod, end: string): { from: string; to: string } {
  if (id === 'this-year') return { from: `${end.slice(0, 4)}-01-01`, to: end };
  return { from: addDays(end, -(WEEKS[id] * 7 - 1)), to: end };
}

/** From the date to `end` (a start after it is a period of that one day). */
export function sinceRange(since: string, end: string): { from: string; to: string } {
  return { from: since, to: maxDay(since, end) };
}

/** A rolling period's dates for an anchor. */
export function rollingRange(period: RollingPeriod, since: string, end: string): { from: string; to: string } {
  return period === 'since' ? sinceRange(since, end) : periodRange(period, end);
}

export type PeriodChoice = NamedPeriod | 'all' | 'since' | 'custom';

/** What the period control shows: the rolling period, all dates, or custom dates. */
export function activePreset(state: Pick<FilterState, 'period' | 'from' | 'to'>): PeriodChoice {
  if (state.period) return state.period;
  if (!state.from && !state.to) return 'all';
  return 'custom';
}

function lengthInWords(from: string, to: string): string {
  const days = daysInclusive(from, to);
  if (days % 7 === 0) return days === 7 ? '1 week' : `${days / 7} weeks`;
  return days === 1 ? '1 day' : `${days} days`;
}

/**
 * The active date range in words: "Since 1 Apr 2023", "11 Sep 2023 – 8 Oct 2023 (4 weeks)", and for a
 * rolling period its name, what it ends on and the dates it means now: "Last 4 weeks to today
 * (3 Nov 2026 – 30 Nov 2026)". A range running past the latest return says so.
 */
export function describeRange(
  state: Pick<FilterState, 'from' | 'to'> & { period?: RollingPeriod | null; anchor?: PeriodAnchor },
  dataRange: { first: string; last: string } | null,
): string {
  const { from, to, period } = state;
  const end = state.anchor === 'data' ? 'to the latest data' : 'to today';
  const pastData = to && dataRange && to > dataRange.last ? ` — no return yet after ${formatDate(dataRange.last)}` : '';
  if (period === 'since' && from && to) return `Since ${formatDate(from)}, ${end} (${formatDate(to)})${pastData}`;
  const named = ROLLING_PERIODS.find((p) => p.id === period);
  if (named && from && to) return `${named.label} ${end} (${formatDate(from)} – ${formatDate(to)})${pastData}`;
  if (from && to) {
    if (from === to) return `${formatDate(from)}${pastData}`;
    return `${formatDate(from)} – ${formatDate(to)} (${lengthInWords(from, to)})${pastData}`;
  }
  if (from) return `Since ${formatDate(from)}`;
  if (to) return `Up to ${formatDate(to)}${pastData}`;
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
  if (state.placeMatch.length) lines.push(`Placed: ${state.placeMatch.map((m) => PLACE_MATCH_LABELS[m]).join(', ')}`);
  if (state.outcome.length) lines.push(`Outcome: ${state.outcome.map(outcomeLabel).join(', ')}`);
  if (state.ageBand.length) lines.push(`Age: ${state.ageBand.join(', ')}`);
  const min = state.minLoss === null ? null : formatPoundsText(state.minLoss);
  const max = state.maxLoss === null ? null : formatPoundsText(state.maxLoss);
  if (min !== null && max !== null) lines.push(`Loss: ${min} to ${max}`);
  else if (min !== null) lines.push(`Loss: at least ${min}`);
  else if (max !== null) lines.push(`Loss: at most ${max}`);
  return lines;
}
