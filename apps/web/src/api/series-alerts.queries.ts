import { queryOptions } from '@tanstack/react-query';
import { ROUTES } from '@scam/shared';
import { getJson } from '../lib/api-client';

/**
 * The alerts query on its own: the overview banner is in the first chunk, and importing the rest of
 * the series queries (member loading, detection) there would bring them along.
 */
export const SERIES_KEY = ['series'] as const;

export const alertsQuery = () =>
  queryOptions({
    queryKey: [...SERIES_KEY, 'alerts'] as const,
    queryFn: ({ signal }) => getJson(ROUTES.seriesAlerts, { signal }),
    staleTime: 30_000,
    // While a watch run is due or running, look again every few seconds until it lands.
    refetchInterval: (query) => (query.state.data?.pending || query.state.data?.stale ? 4000 : false),
  });
