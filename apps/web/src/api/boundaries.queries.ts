import { queryOptions } from '@tanstack/react-query';
import { ROUTES } from '@scam/shared';
import { getJson } from '../lib/api-client';

/** District outlines for every map; they do not depend on the filters and rarely change. */
export const boundariesQuery = () =>
  queryOptions({
    queryKey: ['map', 'boundaries'] as const,
    queryFn: ({ signal }) => getJson(ROUTES.boundaries, { signal }),
    staleTime: Infinity,
  });
