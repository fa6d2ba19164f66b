import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { ROUTES } from '@scam/shared';
import type { FilterQuery, Method, TimelineEventKind } from '@scam/shared';
import { getJson, sendJson } from '../lib/api-client';

export interface TimelineEventDraft {
  day: string;
  kind: TimelineEventKind;
  title: string;
  method?: Method | null;
}

/** Events on the time chart, keyed by the same filters as the chart so they change together. */
export const eventsQueries = {
  all: () => ['timeline-events'] as const,
  list: (filters: FilterQuery) =>
    queryOptions({
      queryKey: [...eventsQueries.all(), 'list', filters] as const,
      queryFn: ({ signal }) => getJson(ROUTES.timelineEvents, { query: filters, signal }),
      placeholderData: keepPreviousData,
    }),
};

export function useAddEvent() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TimelineEventDraft) => sendJson('POST', ROUTES.timelineEvents, { body }),
    onSuccess: () => client.invalidateQueries({ queryKey: eventsQueries.all() }),
  });
}

export function useDeleteEvent() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => sendJson('DELETE', ROUTES.timelineEvent, { params: { id } }),
    onSuccess: () => client.invalidateQueries({ queryKey: eventsQueries.all() }),
  });
}
