import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { ROUTES } from '@scam/shared';
import type { SavedViewPage } from '@scam/shared';
import { getJson, sendJson } from '../lib/api-client';

/** Per user: another user signing in on the same tab never sees the previous user's list. */
export const savedViewQueries = {
  all: () => ['saved-views'] as const,
  list: (user: string) =>
    queryOptions({
      queryKey: [...savedViewQueries.all(), 'list', user] as const,
      queryFn: ({ signal }) => getJson(ROUTES.savedViews, { signal }),
      staleTime: 30_000,
    }),
};

export function useSaveView() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; page: SavedViewPage; search: string; shared: boolean }) =>
      sendJson('POST', ROUTES.savedViews, { body }),
    onSuccess: () => client.invalidateQueries({ queryKey: savedViewQueries.all() }),
  });
}

export function useUpdateView() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: number; name?: string; shared?: boolean }) =>
      sendJson('PATCH', ROUTES.savedView, { params: { id }, body }),
    onSuccess: () => client.invalidateQueries({ queryKey: savedViewQueries.all() }),
  });
}

export function useDeleteView() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => sendJson('DELETE', ROUTES.savedView, { params: { id } }),
    onSuccess: () => client.invalidateQueries({ queryKey: savedViewQueries.all() }),
  });
}
