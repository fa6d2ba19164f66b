import { queryOptions } from '@tanstack/react-query';
import { ROUTES } from '@scam/shared';
import type { Method, QueryOf } from '@scam/shared';
import { getJson } from '../lib/api-client';
import { SERIES_KEY, alertsQuery } from './series-alerts.queries';
import type { SeriesAlerts } from '@scam/shared';
import type { TimelineWindow } from '../utils/timeline';

export type { SeriesAlerts };

/**
 * A detection run as the series page asks for it: the route's query (the filters and the
 * `seriesQuerySchema` settings, typed from the shared contract) with the period, the mode and the
 * replicates always given; the SaTScan-grade settings left out take the API's defaults.
 */
export type SeriesListParams = QueryOf<'series'> & {
  from: string;
  to: string;
  mode: NonNullable<QueryOf<'series'>['mode']>;
  replicates: number;
};

export const seriesQueries = {
  all: () => SERIES_KEY,
  /** Detection is a Monte-Carlo run taking seconds: results are kept for the session. */
  list: (params: SeriesListParams) =>
    queryOptions({
      queryKey: [...seriesQueries.all(), 'list', params] as const,
      queryFn: ({ signal }) => getJson(ROUTES.series, { query: params, signal }),
      staleTime: 10 * 60_000,
      gcTime: 30 * 60_000,
    }),
  alerts: alertsQuery,
  savedList: () =>
    queryOptions({
      queryKey: [...seriesQueries.all(), 'saved', 'list'] as const,
      queryFn: ({ signal }) => getJson(ROUTES.savedSeriesList, { signal }),
    }),
  saved: (id: number) =>
    queryOptions({
      queryKey: [...seriesQueries.all(), 'saved', 'detail', id] as const,
      queryFn: ({ signal }) => getJson(ROUTES.savedSeries, { params: { id }, signal }),
    }),
  /** A stored detected series with its members' records (one request, also after a server restart). */
  detail: (id: string) =>
    queryOptions({
      queryKey: [...seriesQueries.all(), 'detail', id] as const,
      queryFn: ({ signal }) => getJson(ROUTES.seriesDetail, { params: { id }, signal }),
      staleTime: 60_000,
    }),
  /** Reports of the series' method in its districts around its span: the timeline's context. */
  context: (hint: { method: Method; districts: string[] }, window: TimelineWindow) =>
    queryOptions({
      queryKey: [...seriesQueries.all(), 'context', hint, window] as const,
      queryFn: ({ signal }) =>
        getJson(ROUTES.timeseries, {
          query: { method: hint.method, district: hint.districts.join(','), from: window.from, to: window.to, interval: window.interval },
          signal,
        }),
      staleTime: 5 * 60_000,
    }),
};
