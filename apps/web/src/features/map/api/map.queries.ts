import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { ROUTES } from '@scam/shared';
import type { FilterQuery } from '@scam/shared';
import { getJson } from '../../../lib/api-client';

export const mapQueries = {
  all: () => ['map'] as const,
  places: (filters: FilterQuery) =>
    queryOptions({
      queryKey: [...mapQueries.all(), 'places', filters] as const,
      queryFn: ({ signal }) => getJson(ROUTES.places, { query: filters, signal }),
      placeholderData: keepPreviousData,
    }),
  districts: (filters: FilterQuery) =>
    queryOptions({
      queryKey: [...mapQueries.all(), 'districts', filters] as const,
      queryFn: ({ signal }) => getJson(ROUTES.districts, { query: filters, signal }),
      placeholderData: keepPreviousData,
    }),
};
