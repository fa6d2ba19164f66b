import { queryOptions } from '@tanstack/react-query';
import type { QueryClient } from '@tanstack/react-query';
import { ROUTES } from '@scam/shared';
import type { Incident, Method, Series, SeriesList } from '@scam/shared';
import { ApiError, getJson, routePath } from '../lib/api-client';
import { SERIES_KEY, alertsQuery } from './series-alerts.queries';
import type { SeriesAlerts } from '@scam/shared';
import type { TimelineWindow } from '../utils/timeline';

export type { SeriesAlerts };

export interface SeriesListParams {
  from: string;
  to: string;
  method?: Method;
  mode: 'retrospective' | 'prospective';
  replicates: number;
}

/** Where member incidents are likely to be, so one list request finds most of them. */
export interface MemberHint {
  method: Method;
  districts: string[];
  from: string;
  to: string;
}

export interface MemberIncidents {
  byReference: Map<string, Incident>;
  /** Members whose details were not fetched (beyond the per-view cap). */
  notLoaded: string[];
}

const LIST_PAGE = 500;
const LIST_PAGES = 4;
/** Incidents fetched one by one, at most, per view: keeps a large saved series from flooding the API. */
export const SINGLE_FETCH_CAP = 60;
const SINGLE_FETCH_CONCURRENCY = 4;

async function fetchMembers(references: readonly string[], hint: MemberHint | null, signal: AbortSignal): Promise<MemberIncidents> {
  const wanted = new Set(references);
  const byReference = new Map<string, Incident>();
  if (hint) {
    for (let page = 0; page < LIST_PAGES && byReference.size < wanted.size; page += 1) {
      const list = await getJson(
        ROUTES.incidents,
        {
          method: hint.method,
          district: hint.districts.join(','),
          from: hint.from,
          to: hint.to,
          sort: 'offenceDate',
          order: 'asc',
          limit: LIST_PAGE,
          offset: page * LIST_PAGE,
        },
        signal,
      );
      for (const i of list.incidents) if (wanted.has(i.reference)) byReference.set(i.reference, i);
      if (!list.truncated && list.offset + list.incidents.length >= list.total) break;
    }
  }
  const rest = references.filter((r) => !byReference.has(r));
  const batch = rest.slice(0, SINGLE_FETCH_CAP);
  let next = 0;
  const worker = async () => {
    while (next < batch.length) {
      const reference = batch[next++] as string;
      try {
        const d = await getJson(routePath(ROUTES.incident, { id: reference }), {}, signal);
        byReference.set(reference, d.incident);
      } catch (err) {
        // A member deleted by a rollback stays listed but has no details; anything else is a real failure.
        if (!(err instanceof ApiError && err.status === 404)) throw err;
      }
    }
  };
  await Promise.all(Array.from({ length: SINGLE_FETCH_CONCURRENCY }, worker));
  return { byReference, notLoaded: rest.slice(SINGLE_FETCH_CAP) };
}

export const seriesQueries = {
  all: () => SERIES_KEY,
  /** Detection is a Monte-Carlo run taking seconds: results are kept for the session. */
  list: (params: SeriesListParams) =>
    queryOptions({
      queryKey: [...seriesQueries.all(), 'list', params] as const,
      queryFn: ({ signal }) => getJson(ROUTES.series, { ...params }, signal),
      staleTime: 10 * 60_000,
      gcTime: 30 * 60_000,
    }),
  alerts: alertsQuery,
  savedList: () =>
    queryOptions({
      queryKey: [...seriesQueries.all(), 'saved', 'list'] as const,
      queryFn: ({ signal }) => getJson(ROUTES.savedSeriesList, {}, signal),
    }),
  saved: (id: number) =>
    queryOptions({
      queryKey: [...seriesQueries.all(), 'saved', 'detail', id] as const,
      queryFn: ({ signal }) => getJson(routePath(ROUTES.savedSeries, { id }), {}, signal),
    }),
  members: (references: readonly string[], hint: MemberHint | null) =>
    queryOptions({
      queryKey: [...seriesQueries.all(), 'members', [...references].sort(), hint] as const,
      queryFn: ({ signal }) => fetchMembers(references, hint, signal),
      staleTime: 5 * 60_000,
    }),
  /** Reports of the series' method in its districts around its span: the timeline's context. */
  context: (hint: Pick<MemberHint, 'method' | 'districts'>, window: TimelineWindow) =>
    queryOptions({
      queryKey: [...seriesQueries.all(), 'context', hint, window] as const,
      queryFn: ({ signal }) =>
        getJson(
          ROUTES.timeseries,
          { method: hint.method, district: hint.districts.join(','), from: window.from, to: window.to, interval: window.interval },
          signal,
        ),
      staleTime: 5 * 60_000,
    }),
};

/** A detected series from any detection result or alert list already in the cache. */
export function findCachedSeries(client: QueryClient, id: string): Series | null {
  for (const [, data] of client.getQueriesData<SeriesList | SeriesAlerts>({ queryKey: seriesQueries.all() })) {
    const hit = data && 'series' in data && Array.isArray(data.series) ? (data.series as unknown[]).find(isSeriesWithId(id)) : undefined;
    if (hit) return hit;
  }
  return null;
}

function isSeriesWithId(id: string) {
  return (x: unknown): x is Series => typeof x === 'object' && x !== null && 'id' in x && x.id === id && 'evidence' in x;
}
