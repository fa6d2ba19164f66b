import { queryOptions, useQuery } from '@tanstack/react-query';
import { ROUTES } from '@scam/shared';
import type { Meta } from '@scam/shared';
import { getJson } from '../lib/api-client';

/** Vocabularies, districts, places and the data range: shared by the filters bar and every page. */
export const metaQueries = {
  all: () => ['meta'] as const,
  detail: () =>
    queryOptions({
      queryKey: [...metaQueries.all(), 'detail'] as const,
      queryFn: ({ signal }) => getJson(ROUTES.meta, { signal }),
      staleTime: 5 * 60_000,
    }),
};

export function useMeta() {
  return useQuery(metaQueries.detail());
}

/** An optional tile server from Meta, if the API ever offers one; the contract does not name it yet. */
export function metaTileUrl(meta: Meta | undefined): string | null {
  if (!meta) return null;
  const value: unknown = (meta as Meta & { tileUrl?: unknown }).tileUrl;
  return typeof value === 'string' && value.length > 0 ? value : null;
}

/** Whether the data set is the generated demo data, so nobody mistakes it for real reports. */
export function isDemoData(meta: Meta | undefined): boolean {
  return meta?.demo === true;
}
