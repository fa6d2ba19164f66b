import type { FilterQuery } from '@scam/shared';
import { toQueryString } from '../lib/api-client';
import { parseFilters, toFilterQuery } from './filters';

/** What an appeal is drafted for: a series (detected id or `saved:<n>`) or the dashboard's filters. */
export type AppealSource = { kind: 'series'; seriesId: string } | { kind: 'filters'; filters: FilterQuery };

/**
 * The appeal pages read their source from the URL: `?seriesId=…`, or `?source=filters` followed by
 * the usual filter parameters, so the drafter and its print page are both linkable.
 */
export function parseAppealSource(search: string): AppealSource | null {
  const params = new URLSearchParams(search);
  const seriesId = params.get('seriesId');
  if (seriesId) return { kind: 'series', seriesId };
  if (params.get('source') === 'filters') return { kind: 'filters', filters: toFilterQuery(parseFilters(params)) };
  return null;
}

export function appealSearch(source: AppealSource): string {
  return source.kind === 'series' ? toQueryString({ seriesId: source.seriesId }) : toQueryString({ source: 'filters', ...source.filters });
}
