import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ROUTES } from '@scam/shared';
import type { Method, SavedSeriesStatus } from '@scam/shared';
import { seriesQueries } from '../../../api/series.queries';
import { routePath, sendJson } from '../../../lib/api-client';

export interface SavedSeriesCreate {
  name: string;
  method: Method;
  status: SavedSeriesStatus;
  detectedId: string | null;
  incidents: string[];
  notes?: string;
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
    onSuccess: (saved) => {
      client.setQueryData(seriesQueries.saved(saved.id).queryKey, saved);
      void client.invalidateQueries({ queryKey: seriesQueries.savedList().queryKey });
    },
  });
}

export function useUpdateSavedSeries(id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (patch: SavedSeriesPatch) => sendJson('PATCH', routePath(ROUTES.savedSeries, { id }), { body: patch }),
    onSuccess: (saved) => {
      client.setQueryData(seriesQueries.saved(saved.id).queryKey, saved);
      void client.invalidateQueries({ queryKey: seriesQueries.savedList().queryKey });
    },
  });
}
