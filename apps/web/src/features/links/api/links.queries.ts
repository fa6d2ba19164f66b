import { queryOptions } from '@tanstack/react-query';
import { ROUTES } from '@scam/shared';
import type { FilterQuery } from '@scam/shared';
import { getJson } from '../../../lib/api-client';

export const linkQueries = {
  all: () => ['links'] as const,
  /** Ties among the given references (narrowed by the filters), or among everything the filters match. */
  network: (filters: FilterQuery, references: readonly string[]) =>
    queryOptions({
      queryKey: [...linkQueries.all(), 'network', filters, references] as const,
      queryFn: ({ signal }) =>
        getJson(ROUTES.links, { query: { ...filters, ...(references.length > 0 ? { references: references.join(',') } : {}) }, signal }),
    }),
};
