import { useEffect, useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { METHOD_LABELS, OUTCOME_LABELS } from '@scam/shared';
import type { FilterQuery, IncidentSort } from '@scam/shared';
import { EmptyState, ErrorNotice, Loading, Refreshing } from '../../../components/status';
import { isMarked, navigate, useLocation } from '../../../lib/router';
import { formatDate, formatMoney } from '../../../utils/format';
import { METHOD_COLOURS } from '../../../utils/palette';
import { incidentQueries, incidentsCsvUrl, incidentsXlsxUrl } from '../api/incidents.queries';
import { PAGE_SIZE, ariaSort, listParams, nextSort, pageCount, pageSummary, parseTableState, withTableState } from '../utils/table-state';
import type { TableState } from '../utils/table-state';
import { IncidentDetailDialog } from './incident-detail';

/** Names the history entry an incident opened from the list made, so closing it can step Back. */
const OPENED_FROM_LIST = 'incident-opened';

const COLUMNS: { sort: IncidentSort; label: string; numeric?: boolean }[] = [
  { sort: 'reference', label: 'Reference' },
  { sort: 'offenceDate', label: 'Offence date' },
  { sort: 'place', label: 'Place' },
  { sort: 'district', label: 'District' },
  { sort: 'method', label: 'Method' },
  { sort: 'outcome', label: 'Outcome' },
  { sort: 'lossPence', label: 'Loss', numeric: true },
  { sort: 'age', label: 'Age', numeric: true },
];

/** Keeps a text box in step with a value from the URL (back, forward, a link) while letting it be edited. */
function useDraft(value: string): [string, (next: string) => void] {
  const [draft, setDraft] = useState(value);
  const [seen, setSeen] = useState(value);
  if (seen !== value) {
    setSeen(value);
    setDraft(value);
  }
  return [draft, setDraft];
}

export function IncidentsView({ filters, onClearFilters }: { filters: FilterQuery; onClearFilters: () => void }) {
  const { pathname, search } = useLocation();
  const table = parseTableState(search);
  const params = listParams(table);
  const query = useQuery(incidentQueries.list(filters, params));
  const [returnFocus, setReturnFocus] = useState<HTMLElement | null>(null);
  const searchId = useId();
  // One box for references, towns, caller numbers and accounts (the server reads which `q` is). A link
  // from elsewhere that asks for one number or account (`?identifier=`) shows it in the same box.
  const [draft, setDraft] = useDraft(table.q || table.identifier);

  const setTable = (next: TableState, options?: { replace?: boolean }) => navigate(pathname + withTableState(search, next), options);

  const onSearch = (event: FormEvent) => {
    event.preventDefault();
    setTable({ ...table, q: draft, identifier: '', offset: 0 });
  };

  // Which incident is open lives in the URL, so another page can link to it (`?open=<reference>`).
  // Opening one from the list is a step in the browser's history of its own, so Back closes it and
  // leaves the list as it was (filters, search, page); Close and Escape step back the same way rather
  // than adding a step. An incident opened by a link from elsewhere closes in place.
  const open = (reference: string, from: HTMLElement) => {
    navigate(pathname + withTableState(search, { ...table, open: reference }), { mark: OPENED_FROM_LIST });
    // After the URL says it is open, so the effect below cannot take it for a close.
    setReturnFocus(from);
  };
  const close = () => {
    if (isMarked(OPENED_FROM_LIST)) window.history.back();
    else setTable({ ...table, open: '' }, { replace: true });
  };
  // However it closed (Close, Escape, Back), focus goes back to the row that opened it.
  useEffect(() => {
    if (!table.open && returnFocus) {
      returnFocus.focus();
      setReturnFocus(null);
    }
  }, [table.open, returnFocus]);

  const exportTitle =
    table.q || table.identifier
      ? 'Exports every incident matching the filters, in this order; the search is not applied'
      : 'Exports every incident matching the filters, in this order';

  const data = query.data;
  const total = data?.total ?? 0;
  const page = Math.floor(table.offset / PAGE_SIZE) + 1;
  const pages = pageCount(total);

  // A link to a page beyond the end (after filters shrink the set) goes back to the last page.
  useEffect(() => {
    if (data && data.incidents.length === 0 && table.offset > 0 && total > 0) {
      navigate(pathname + withTableState(search, { ...table, offset: (pageCount(total) - 1) * PAGE_SIZE }), { replace: true });
    }
  }, [data, table, total, pathname, search]);

  return (
    <section className="panel incidents" aria-labelledby="incidents-title">
      <div className="panel__head">
        <h2 id="incidents-title" className="panel__heading">
          Incidents {data ? <span className="muted">({total.toLocaleString('en-GB')})</span> : null}
        </h2>
        <Refreshing active={query.isFetching && !query.isPending} />
        <div className="panel__tools">
          <form role="search" onSubmit={onSearch} className="search" aria-label="Incidents">
            <label htmlFor={searchId} className="visually-hidden">
              Search by reference, town, caller number or account
            </label>
            <input
              id={searchId}
              type="search"
              placeholder="Reference, town, phone or account"
              value={draft}
              maxLength={100}
              onChange={(e) => setDraft(e.target.value)}
              data-testid="incident-search"
            />
            <button type="submit" className="button button--small">
              Search
            </button>
          </form>
          <a className="button button--small" href={incidentsCsvUrl(filters, table)} download data-testid="export-csv" title={exportTitle}>
            Export CSV
          </a>
          <a
            className="button button--small"
            href={incidentsXlsxUrl(filters, table)}
            download
            data-testid="export-xlsx"
            title={exportTitle}
          >
            Export Excel
          </a>
        </div>
      </div>

      {query.isPending ? (
        <Loading label="Loading incidents…" height={320} />
      ) : query.isError && !data ? (
        <ErrorNotice error={query.error} onRetry={() => void query.refetch()} />
      ) : data && data.incidents.length === 0 && table.offset === 0 ? (
        <EmptyState
          action={
            <div className="empty__actions">
              {table.q || table.identifier ? (
                <button type="button" className="button" onClick={() => setTable({ ...table, q: '', identifier: '', offset: 0 })}>
                  Clear search
                </button>
              ) : null}
              <button type="button" className="button" onClick={onClearFilters} data-testid="empty-clear-filters">
                Clear filters
              </button>
            </div>
          }
        >
          No incidents match these filters{table.q ? ` and the search “${table.q}”` : ''}
          {table.identifier ? ` with the caller number or account “${table.identifier}”` : ''}.
        </EmptyState>
      ) : data ? (
        <>
          <div className="table-scroll">
            <table className="table table--incidents" data-testid="incidents-table">
              <caption className="visually-hidden">
                Incidents matching the filters, sorted by {COLUMNS.find((c) => c.sort === table.sort)?.label}
              </caption>
              <thead>
                <tr>
                  {COLUMNS.map((c) => (
                    <th key={c.sort} scope="col" aria-sort={ariaSort(table, c.sort)} className={c.numeric ? 'num' : undefined}>
                      <button type="button" className="sort-button" onClick={() => setTable(nextSort(table, c.sort))} data-sort={c.sort}>
                        {c.label}
                        <span className="sort-button__icon" aria-hidden="true">
                          {table.sort === c.sort ? (table.order === 'asc' ? '▲' : '▼') : '↕'}
                        </span>
                      </button>
                    </th>
                  ))}
                  <th scope="col" className="visually-hidden-cell">
                    <span className="visually-hidden">Details</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.incidents.map((i) => (
                  <tr
                    key={i.id}
                    data-testid="incident-row"
                    data-reference={i.reference}
                    onClick={(e) => open(i.reference, e.currentTarget)}
                    className="clickable"
                  >
                    <td>
                      <button
                        type="button"
                        className="link-button"
                        onClick={(e) => {
                          e.stopPropagation();
                          open(i.reference, e.currentTarget);
                        }}
                      >
                        {i.reference}
                      </button>
                    </td>
                    <td className="nowrap">{formatDate(i.offenceDate)}</td>
                    <td>{i.place}</td>
                    <td>{i.district}</td>
                    <td>
                      <span className="swatch" style={{ background: METHOD_COLOURS[i.method] }} aria-hidden="true" />
                      {METHOD_LABELS[i.method]}
                    </td>
                    <td>{OUTCOME_LABELS[i.outcome]}</td>
                    <td className="num">{i.lossPence > 0 ? formatMoney(i.lossPence, { withPence: true }) : '—'}</td>
                    <td className="num">{i.victimAge ?? (i.ageBand === 'unknown' ? '—' : i.ageBand)}</td>
                    <td className="muted small">View</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <nav className="pager" aria-label="Pages">
            <span aria-live="polite">{pageSummary(table.offset, data.incidents.length, total)}</span>
            <button type="button" className="button button--small" disabled={page <= 1} onClick={() => setTable({ ...table, offset: 0 })}>
              First
            </button>
            <button
              type="button"
              className="button button--small"
              disabled={page <= 1}
              onClick={() => setTable({ ...table, offset: Math.max(0, table.offset - PAGE_SIZE) })}
              data-testid="page-prev"
            >
              Previous
            </button>
            <span>
              Page {page} of {pages}
            </span>
            <button
              type="button"
              className="button button--small"
              disabled={page >= pages}
              onClick={() => setTable({ ...table, offset: table.offset + PAGE_SIZE })}
              data-testid="page-next"
            >
              Next
            </button>
            <button
              type="button"
              className="button button--small"
              disabled={page >= pages}
              onClick={() => setTable({ ...table, offset: (pages - 1) * PAGE_SIZE })}
            >
              Last
            </button>
          </nav>
        </>
      ) : null}
      {table.open ? <IncidentDetailDialog key={table.open} id={table.open} onClose={close} /> : null}
    </section>
  );
}
