import { useMemo } from 'react';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { ROUTES } from '@scam/shared';
import { getJson } from '../lib/api-client';
import { useMeta } from './meta.queries';

/** The force area's gazetteer places for the map's town names: fixed for the life of the server. */
export const mapLabelsQuery = () =>
  queryOptions({
    queryKey: ['map', 'labels'] as const,
    queryFn: ({ signal }) => getJson(ROUTES.mapLabels, { signal }),
    staleTime: Infinity,
  });

/**
 * Town names and how much each place matters over all the data (its reports in the meta), for the
 * label layer's ranking. A failed load leaves the map without town names, not broken.
 */
export function useMapLabels() {
  const labels = useQuery(mapLabelsQuery());
  const meta = useMeta();
  const places = meta.data?.places;
  const reportsEver = useMemo(() => {
    const byName = new Map<string, number>();
    for (const p of places ?? []) byName.set(p.name, (byName.get(p.name) ?? 0) + p.reports);
    return byName;
  }, [places]);
  return { labels: labels.data, reportsEver };
}
