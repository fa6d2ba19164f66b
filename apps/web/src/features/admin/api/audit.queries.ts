import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { ROUTES } from '@scam/shared';
import { apiUrl, getJson } from '../../../lib/api-client';
import { auditCsvParams, auditListParams } from '../utils/audit-trail';
import type { AuditFilters } from '../utils/audit-trail';

export const auditQueries = {
  all: () => ['admin', 'audit'] as const,
  list: (filters: AuditFilters) =>
    queryOptions({
      queryKey: [...auditQueries.all(), 'list', filters] as const,
      // One line per screen view, in words, with the calls underneath (GET /api/audit has them flat).
      queryFn: ({ signal }) => getJson(ROUTES.auditViews, auditListParams(filters), signal),
      // The trail grows with every request anyone makes: always ask again, but keep the last page on
      // screen while paging so the table does not flash.
      staleTime: 0,
      placeholderData: keepPreviousData,
    }),
};

export function auditCsvUrl(filters: AuditFilters): string {
  return apiUrl(ROUTES.auditCsv, auditCsvParams(filters));
}
