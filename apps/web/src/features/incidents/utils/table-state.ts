import { INCIDENT_SORTS as INCIDENT_SORT_KEYS } from '@scam/shared/keys';
import type { IncidentChange, IncidentSort } from '@scam/shared';
import { toQueryString } from '../../../lib/api-client';
import { fieldLabel, formatChangeValue } from './history-labels';

export const PAGE_SIZE = 50;

/** The table's own view state, kept in the URL next to the filters so a link opens the same page. */
export interface TableState {
  sort: IncidentSort;
  order: 'asc' | 'desc';
  offset: number;
  q: string;
  /** A caller number or payee account: only the reports that used it. */
  identifier: string;
  /** The incident whose details are open, by reference or id (`/incidents?open=HC%2F25%2F12024`). */
  open: string;
}

export const DEFAULT_TABLE: TableState = { sort: 'offenceDate', order: 'desc', offset: 0, q: '', identifier: '', open: '' };

const TABLE_KEYS = ['sort', 'order', 'offset', 'q', 'identifier', 'open'] as const;

export function parseTableState(search: string): TableState {
  const params = new URLSearchParams(search);
  const sort = params.get('sort');
  const order = params.get('order');
  const offset = Number(params.get('offset') ?? '0');
  return {
    sort: (INCIDENT_SORT_KEYS as readonly string[]).includes(sort ?? '') ? (sort as IncidentSort) : DEFAULT_TABLE.sort,
    order: order === 'asc' || order === 'desc' ? order : DEFAULT_TABLE.order,
    offset: Number.isInteger(offset) && offset > 0 ? offset : 0,
    q: (params.get('q') ?? '').slice(0, 100),
    identifier: (params.get('identifier') ?? '').slice(0, 100),
    open: (params.get('open') ?? '').slice(0, 100),
  };
}

/** Parameters for GET /api/incidents, beyond the filters (which incident is open is not one). */
export function listParams(state: TableState): {
  sort: IncidentSort;
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
  q?: string;
  identifier?: string;
} {
  const q = state.q.trim();
  const identifier = state.identifier.trim();
  return {
    sort: state.sort,
    order: state.order,
    limit: PAGE_SIZE,
    offset: state.offset,
    ...(q ? { q } : {}),
    ...(identifier ? { identifier } : {}),
  };
}

/** The query string with the table state replaced; defaults are left out to keep links short. */
export function withTableState(search: string, state: TableState): string {
  const params = new URLSearchParams(search);
  for (const key of TABLE_KEYS) params.delete(key);
  const rest: Record<string, string> = {};
  params.forEach((value, key) => {
    rest[key] = value;
  });
  return toQueryString({
    ...rest,
    sort: state.sort === DEFAULT_TABLE.sort ? undefined : state.sort,
    order: state.order === DEFAULT_TABLE.order ? undefined : state.order,
    offset: state.offset > 0 ? state.offset : undefined,
    q: state.q.trim() || undefined,
    identifier: state.identifier.trim() || undefined,
    open: state.open || undefined,
  });
}

const TEXT_COLUMNS: ReadonlySet<IncidentSort> = new Set(['reference', 'place', 'district', 'method', 'outcome']);

/**
 * Clicking the sorted column reverses it; clicking another starts where an analyst expects: A–Z for
 * text, newest or largest first for dates and amounts. Either way the table returns to page one.
 */
export function nextSort(state: TableState, column: IncidentSort): TableState {
  if (state.sort === column) return { ...state, order: state.order === 'asc' ? 'desc' : 'asc', offset: 0 };
  return { ...state, sort: column, order: TEXT_COLUMNS.has(column) ? 'asc' : 'desc', offset: 0 };
}

export function ariaSort(state: TableState, column: IncidentSort): 'ascending' | 'descending' | 'none' {
  if (state.sort !== column) return 'none';
  return state.order === 'asc' ? 'ascending' : 'descending';
}

/** "51–100 of 230"; "0 of 0" never appears because the empty state replaces the table. */
export function pageSummary(offset: number, shown: number, total: number): string {
  if (shown === 0) return `0 of ${total.toLocaleString('en-GB')}`;
  return `${(offset + 1).toLocaleString('en-GB')}–${(offset + shown).toLocaleString('en-GB')} of ${total.toLocaleString('en-GB')}`;
}

export function pageCount(total: number): number {
  return Math.max(1, Math.ceil(total / PAGE_SIZE));
}

export interface HistoryRow {
  key: string;
  changedAt: string;
  batchId: number | null;
  kind: IncidentChange['kind'];
  field: string | null;
  /** What the screen calls the field ("Amount lost"), null for an insert. */
  label: string | null;
  before: string;
  after: string;
}

/** One row per changed field, newest change first; an insert is one row with no field. */
export function historyRows(history: readonly IncidentChange[]): HistoryRow[] {
  const sorted = [...history].sort((a, b) => b.changedAt.localeCompare(a.changedAt) || b.id - a.id);
  return sorted.flatMap((change): HistoryRow[] => {
    const fields = Object.entries(change.changes);
    if (fields.length === 0) {
      return [
        {
          key: `${change.id}`,
          changedAt: change.changedAt,
          batchId: change.batchId,
          kind: change.kind,
          field: null,
          label: null,
          before: '—',
          after: '—',
        },
      ];
    }
    return fields.map(([field, [before, after]]) => ({
      key: `${change.id}:${field}`,
      changedAt: change.changedAt,
      batchId: change.batchId,
      kind: change.kind,
      field,
      label: fieldLabel(field),
      before: formatChangeValue(field, before),
      after: formatChangeValue(field, after),
    }));
  });
}
