import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { appealSourceKey, ROUTES } from '@scam/shared';
import type { AppealDocument } from '@scam/shared';
import { getJson, postForFile, sendJson } from '../../../lib/api-client';
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
  /** The disclosure checks over the text as typed (debounced by the caller); only masked warnings come back. */
  check: (source: AppealSource, document: AppealDocument) =>
    queryOptions({
      queryKey: [...appealQueries.all(), 'check', source, document] as const,
      queryFn: () => sendJson('POST', ROUTES.appealCheck, { body: { source: appealRequest(source), document } }),
      placeholderData: keepPreviousData,
      staleTime: Infinity,
      retry: false,
    }),
  versions: (source: AppealSource) =>
    queryOptions({
      queryKey: [...appealQueries.all(), 'versions', appealSourceKey(appealRequest(source))] as const,
      queryFn: ({ signal }) => getJson(ROUTES.appealDrafts, { query: { source: appealSourceKey(appealRequest(source)) }, signal }),
    }),
  version: (id: number) =>
    queryOptions({
      queryKey: [...appealQueries.all(), 'version', id] as const,
      queryFn: ({ signal }) => getJson(ROUTES.appealDraftVersion, { params: { id }, signal }),
      staleTime: Infinity,
    }),
  trail: () =>
    queryOptions({
      queryKey: [...appealQueries.all(), 'trail'] as const,
      queryFn: ({ signal }) => getJson(ROUTES.appealExports, { signal }),
      staleTime: 0,
    }),
};

export function useSaveDraft(source: AppealSource) {
  const client = useQueryClient();
  return useMutation({
    /** A version keeps the warnings ticked when it was saved, for the print page's export of it. */
    mutationFn: (version: { document: AppealDocument; acknowledged: string[] }) =>
      sendJson('POST', ROUTES.appealDrafts, { body: { source: appealRequest(source), ...version } }),
    onSettled: () => void client.invalidateQueries({ queryKey: appealQueries.versions(source).queryKey }),
  });
}

/** Records the export of the edited text; the server checks it again and refuses it while anything is open. */
export function useRecordEditedExport(source: AppealSource) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: {
      document: AppealDocument;
      format: 'text' | 'markdown' | 'print';
      acknowledged: string[];
      draftId?: number;
      purpose?: string;
    }) =>
      sendJson('POST', ROUTES.appealExports, {
        body: { title: body.document.title, warnings: 0, ...appealRequest(source), ...body },
      }),
    onSettled: () => void client.invalidateQueries({ queryKey: appealQueries.trail().queryKey }),
  });
}

/**
 * The edited text as a Word file, made by the server: it checks the text like any export and records
 * the export as it makes the file, so a refused one comes back as an error and no file.
 */
export function useExportDocx(source: AppealSource) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { document: AppealDocument; acknowledged: string[]; draftId?: number; purpose?: string }) =>
      postForFile(ROUTES.appealExportDocx, { body: { ...appealRequest(source), ...body } }),
    onSettled: () => void client.invalidateQueries({ queryKey: appealQueries.trail().queryKey }),
  });
}
