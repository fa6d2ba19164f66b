import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ROUTES } from '@scam/shared';
import type { Method, SavedSeriesStatus } from '@scam/shared';
import { seriesQueries } from '../../../api/series.queries';
import { sendJson } from '../../../lib/api-client';

export interface SavedSeriesCreate {
  name: string;
  method: Method;
  status: SavedSeriesStatus;
  detectedId: string | null;
  incidents: string[];
  notes?: string;
  seenUpdatedAt?: string;
}

export interface SavedSeriesPatch {
  name?: string;
  status?: SavedSeriesStatus;
  notes?: string;
  addIncidents?: string[];
  removeIncidents?: string[];
}

export function useCreateSavedSeries() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: SavedSeriesCreate) => sendJson('POST', ROUTES.savedSeriesList, { body }),
    onSuccess: () => refreshAfterDecision(client),
  });
}

/**
 * A decision (confirm, dismiss, merge, edit) changes what has been reviewed, so every series' trend
 * and the alerts change with it: everything under the series key is refetched.
 */
function refreshAfterDecision(client: ReturnType<typeof useQueryClient>): Promise<void> {
  return client.invalidateQueries({ queryKey: seriesQueries.all() });
}

/** Adds a detected series' members to an existing saved series (a merge). */
export function useMergeIntoSaved() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, incidents }: { id: number; incidents: string[] }) =>
      sendJson('PATCH', ROUTES.savedSeries, { params: { id }, body: { addIncidents: incidents } }),
    onSuccess: () => refreshAfterDecision(client),
  });
}

export function useUpdateSavedSeries(id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (patch: SavedSeriesPatch) => sendJson('PATCH', ROUTES.savedSeries, { params: { id }, body: patch }),
    onSuccess: () => refreshAfterDecision(client),
  });
}

/** Re-assesses a saved series now (detection runs again; the next frozen assessment is appended). */
export function useReassessSavedSeries(id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { note: string }) => sendJson('POST', ROUTES.savedSeriesAssessments, { params: { id }, body }),
    onSuccess: () => refreshAfterDecision(client),
  });
}
