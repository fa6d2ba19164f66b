import { useCallback, useMemo } from 'react';
import type { FilterQuery } from '@scam/shared';
import { navigate, useLocation } from '../lib/router';
import { toQueryString } from '../lib/api-client';
import { EMPTY_FILTERS, parseFilters, patchFilterState, toFilterQuery, toUrlQuery, withFilters } from '../utils/filters';
import type { FilterState } from '../utils/filters';
import { useToday } from './use-today';
import { useMeta } from '../api/meta.queries';

export interface FiltersApi {
  filters: FilterState;
  /** The filters as API query parameters: the query-key input for every read. */
  query: FilterQuery;
  /** Today's date, against which rolling periods anchored to today were resolved. */
  today: string;
  /** The latest return (the server's latest offence date), against which `anchor=data` periods were resolved. */
  latestData: string | null;
  setFilters: (next: FilterState) => void;
  patchFilters: (patch: Partial<FilterState>) => void;
  clearFilters: () => void;
  /** A link to another page carrying these (or other) filters; rolling periods stay rolling. */
  hrefFor: (pathname: string, state?: FilterState) => string;
}

/** The URL is the single source of truth for the filters; every view reads them from here. */
export function useFilters(): FiltersApi {
  const { pathname, search } = useLocation();
  const today = useToday();
  // Meta is shared by every page (the filters bar loads it first), so this is almost always cached.
  const latestData = useMeta().data?.dataRange?.last ?? null;
  const filters = useMemo(() => parseFilters(search, today, latestData), [search, today, latestData]);
  const query = useMemo(() => toFilterQuery(filters), [filters]);
  const setFilters = useCallback((next: FilterState) => navigate(pathname + withFilters(search, next)), [pathname, search]);
  const patchFilters = useCallback((patch: Partial<FilterState>) => setFilters(patchFilterState(filters, patch)), [filters, setFilters]);
  const clearFilters = useCallback(() => setFilters(EMPTY_FILTERS), [setFilters]);
  const hrefFor = useCallback((target: string, state: FilterState = filters) => target + toQueryString(toUrlQuery(state)), [filters]);
  return { filters, query, today, latestData, setFilters, patchFilters, clearFilters, hrefFor };
}
