import { queryOptions } from '@tanstack/react-query';
import { ROUTES } from '@scam/shared';
import type { Series } from '@scam/shared';
import { getJson } from '../lib/api-client';

/**
 * The alerts query on its own: the overview banner is in the first chunk, and importing the rest of
 * the series queries (member loading, detection) there would bring them along.
 */
export const SERIES_KEY = ['series'] as const;

/** `GET /api/series/alerts`; the contract has the Series type but not this envelope. */
export interface SeriesAlerts {
  runAt: string | null;
  trigger: string | null;
  from: string | null;
  to: string | null;
  stale: boolean;
  pending: boolean;
  series: Series[];
}

export const alertsQuery = () =>
  queryOptions({
    queryKey: [...SERIES_KEY, 'alerts'] as const,
    queryFn: ({ signal }) => getJson(ROUTES.seriesAlerts, {}, signal),
    staleTime: 30_000,
    // While a watch run is due or running, look again every few seconds until it lands.
    refetchInterval: (query) => (query.state.data?.pending || query.state.data?.stale ? 4000 : false),
  });
