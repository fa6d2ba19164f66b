import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { ROUTES } from '@scam/shared';
import type { FilterQuery, Interval } from '@scam/shared';
import { getJson } from '../../../lib/api-client';

/** Every overview query is keyed by the API's filter parameters, so the views change together. */
export const overviewQueries = {
  all: () => ['overview'] as const,
  summary: (filters: FilterQuery) =>
    queryOptions({
      queryKey: [...overviewQueries.all(), 'summary', filters] as const,
      queryFn: ({ signal }) => getJson(ROUTES.summary, { query: filters, signal }),
      placeholderData: keepPreviousData,
    }),
  timeseries: (filters: FilterQuery, interval: Interval) =>
    queryOptions({
      queryKey: [...overviewQueries.all(), 'timeseries', filters, interval] as const,
      queryFn: ({ signal }) => getJson(ROUTES.timeseries, { query: { ...filters, interval }, signal }),
      placeholderData: keepPreviousData,
    }),
  breakdowns: (filters: FilterQuery) =>
    queryOptions({
      queryKey: [...overviewQueries.all(), 'breakdowns', filters] as const,
      queryFn: ({ signal }) => getJson(ROUTES.breakdowns, { query: filters, signal }),
      placeholderData: keepPreviousData,
    }),
};
