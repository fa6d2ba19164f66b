import { infiniteQueryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { ROUTES } from '@scam/shared';
import { getJson, routeUrl, sendJson } from '../../../lib/api-client';

/** Batches per page of the import history. */
export const HISTORY_PAGE = 50;

export const importQueries = {
  all: () => ['imports'] as const,
  /** The history a page at a time, newest first; "Show older imports" asks for the next page. */
  list: () =>
    infiniteQueryOptions({
      queryKey: [...importQueries.all(), 'list'] as const,
      queryFn: ({ signal, pageParam }) =>
        getJson(ROUTES.imports, { query: { limit: HISTORY_PAGE, ...(pageParam === null ? {} : { before: pageParam }) }, signal }),
      initialPageParam: null as number | null,
      getNextPageParam: (last) => last.nextBefore,
    }),
};

export function rejectedCsvUrl(batchId: number): string {
  return routeUrl(ROUTES.importRejectedCsv, { params: { id: batchId } });
}

export function noticesCsvUrl(batchId: number): string {
  return routeUrl(ROUTES.importNoticesCsv, { params: { id: batchId } });
}

export interface UploadInput {
  file: File;
  /** JSON object header → field (or "ignore"); null to let the server detect every column. */
  mapping: string | null;
  dryRun: boolean;
}

function uploadBody({ file, mapping }: UploadInput): FormData {
  const body = new FormData();
  body.append('file', file, file.name);
  if (mapping) body.append('mapping', mapping);
  return body;
}

/** A dry run writes nothing, so it invalidates nothing. */
export function useDryRun() {
  return useMutation({
    mutationFn: (input: Omit<UploadInput, 'dryRun'>) =>
      sendJson('POST', ROUTES.imports, { query: { dryRun: 'true' }, body: uploadBody({ ...input, dryRun: true }) }),
  });
}

/** Committing or rolling back changes every figure on every page, so every query is refreshed. */
export function useCommitImport() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: Omit<UploadInput, 'dryRun'>) => sendJson('POST', ROUTES.imports, { body: uploadBody({ ...input, dryRun: false }) }),
    onSuccess: () => client.invalidateQueries(),
  });
}

export function useRollback() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (batchId: number) => sendJson('POST', ROUTES.importRollback, { params: { id: batchId } }),
    onSuccess: () => client.invalidateQueries(),
  });
}

/** Erasing removes what a rollback only set aside; the figures do not change, but the history does. */
export function useErase() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (batchId: number) => sendJson('POST', ROUTES.importErase, { params: { id: batchId } }),
    onSuccess: () => client.invalidateQueries(),
  });
}
