import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { ROUTES } from '@scam/shared';
import { getJson, sendJson } from '../../../lib/api-client';
import type { AppealSource } from '../../../utils/appeal-source';
import { appealRequest } from '../utils/appeal-export';

export const appealQueries = {
  all: () => ['appeals'] as const,
  /**
   * A draft is a POST that the API records in the audit trail, so it is fetched once per source and
   * kept; "Redraft" refetches on purpose.
   */
  draft: (source: AppealSource) =>
    queryOptions({
      queryKey: [...appealQueries.all(), 'draft', source] as const,
      queryFn: () => sendJson('POST', ROUTES.appealDraft, { body: appealRequest(source) }),
      staleTime: Infinity,
      gcTime: 60 * 60_000,
      retry: false,
    }),
  trail: () =>
    queryOptions({
      queryKey: [...appealQueries.all(), 'trail'] as const,
      queryFn: ({ signal }) => getJson(ROUTES.appealExports, {}, signal),
      staleTime: 0,
    }),
};

export function useRecordExport() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: {
      title: string;
      format: 'text' | 'markdown' | 'print';
      seriesId?: string;
      filters?: Record<string, string>;
      warnings: number;
      /** Recipient or purpose of the disclosure, as the person typed it. */
      purpose?: string;
    }) => sendJson('POST', ROUTES.appealExports, { body }),
    onSettled: () => void client.invalidateQueries({ queryKey: appealQueries.trail().queryKey }),
  });
}
