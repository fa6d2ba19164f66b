import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { ROUTES } from '@scam/shared';
import type { BoundaryCollection, DistrictList, FilterQuery, PlaceList } from '@scam/shared';
import { getJson } from '../../../lib/api-client';

export const mapQueries = {
  all: () => ['map'] as const,
  places: (filters: FilterQuery) =>
    queryOptions({
      queryKey: [...mapQueries.all(), 'places', filters] as const,
      queryFn: ({ signal }) => getJson<PlaceList>(ROUTES.places, filters, signal),
      placeholderData: keepPreviousData,
    }),
  districts: (filters: FilterQuery) =>
    queryOptions({
      queryKey: [...mapQueries.all(), 'districts', filters] as const,
      queryFn: ({ signal }) => getJson<DistrictList>(ROUTES.districts, filters, signal),
      placeholderData: keepPreviousData,
    }),
  /** Boundaries do not depend on the filters and rarely change. */
  boundaries: () =>
    queryOptions({
      queryKey: [...mapQueries.all(), 'boundaries'] as const,
      queryFn: ({ signal }) => getJson<BoundaryCollection>(ROUTES.boundaries, {}, signal),
      staleTime: Infinity,
    }),
};
