import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { ROUTES } from '@scam/shared';
import type { FilterQuery } from '@scam/shared';
import { getJson, routeUrl } from '../../../lib/api-client';
import type { listParams } from '../utils/table-state';

type ListParams = ReturnType<typeof listParams>;

export const incidentQueries = {
  all: () => ['incidents'] as const,
  list: (filters: FilterQuery, params: ListParams) =>
    queryOptions({
      queryKey: [...incidentQueries.all(), 'list', filters, params] as const,
      queryFn: ({ signal }) => getJson(ROUTES.incidents, { query: { ...filters, ...params }, signal }),
      placeholderData: keepPreviousData,
    }),
  /** By numeric id or by reference. */
  detail: (id: number | string) =>
    queryOptions({
      queryKey: [...incidentQueries.all(), 'detail', id] as const,
      queryFn: ({ signal }) => getJson(ROUTES.incident, { params: { id }, signal }),
    }),
};

type ExportOrder = Pick<ListParams, 'sort' | 'order'>;

/** The CSV export of the filtered set in the table's order, as a plain download link (the searches are not applied). */
export function incidentsCsvUrl(filters: FilterQuery, order: ExportOrder): string {
  return routeUrl(ROUTES.incidentsCsv, { query: { ...filters, sort: order.sort, order: order.order } });
}

/** The same rows as an Excel workbook: typed dates and money, the filters on a second sheet. */
export function incidentsXlsxUrl(filters: FilterQuery, order: ExportOrder): string {
  return routeUrl(ROUTES.incidentsXlsx, { query: { ...filters, sort: order.sort, order: order.order } });
}
