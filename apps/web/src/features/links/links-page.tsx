import { useCallback } from 'react';
import { useQuery } from '@tanstack/react-query';
import { FiltersBar } from '../../components/filters/filters-bar';
import { EmptyState, ErrorNotice, Loading, Refreshing } from '../../components/status';
import { useFilters } from '../../hooks/use-filters';
import { Link, navigate, useLocation } from '../../lib/router';
import { plural } from '../../utils/format';
import { isFiltered } from '../../utils/filters';
import { linkQueries } from './api/links.queries';
import { LinkNetworkDrawing } from './components/link-network';
import { TiesPanel } from './components/ties-panel';
import { incidentHref, MAX_REFERENCES, parseLinkView, withTie } from './utils/link-params';
import './links.css';

/** How many unknown references the notice names before "and N more". */
const NAMED_MISSING = 5;

/**
 * Reports tied by a shared caller number or payee account: the reports given in the URL
 * (`/links?references=HC/25/12024,HC/25/12014`, as a series links here), narrowed by the dashboard
 * filters, or everything the filters match.
 */
export function LinksPage() {
  const { pathname, search } = useLocation();
  const { filters, query, clearFilters, hrefFor } = useFilters();
  const view = parseLinkView(search);
  const network = useQuery({ ...linkQueries.network(query, view.references), enabled: !view.tooMany });
  const select = useCallback((tie: string | null) => navigate(pathname + withTie(search, tie), { replace: true }), [pathname, search]);

  const data = network.data;
  const ties = data?.ties ?? [];
  const selected = ties.some((t) => t.id === view.tie) ? view.tie : null;
  const tieOf = (reference: string) =>
    ties.find((t) => t.id === selected && t.incidents.includes(reference)) ?? ties.find((t) => t.incidents.includes(reference)) ?? null;
  const openHref = (reference: string) => incidentHref(reference, tieOf(reference));
  const given = view.references.length;
  const filtered = isFiltered(filters);

  const scope = !data
    ? null
    : given > 0
      ? data.reports === given
        ? `the ${plural(given, 'report')} given`
        : `${data.reports.toLocaleString('en-GB')} of the ${plural(given, 'report')} given${filtered ? ' (narrowed by the filters)' : ''}`
      : `${plural(data.reports, 'report')} ${filtered ? 'matching the filters' : 'in the store'}`;

  return (
    <div className="page links-page">
      <h1 className="visually-hidden">Links</h1>
      <FiltersBar />
      <section className="panel links-network" aria-labelledby="links-title">
        <div className="panel__head">
          <h2 id="links-title" className="panel__heading">
            Links on shared numbers and accounts
          </h2>
          <Refreshing active={network.isFetching && !network.isPending} />
          {given > 0 ? (
            <div className="panel__tools">
              <Link to={hrefFor('/links')} className="button button--small" data-testid="links-use-filters">
                Use the filters instead
              </Link>
            </div>
          ) : null}
        </div>
        {scope ? (
          <p className="links-scope small" data-testid="links-scope">
            Among {scope}.
          </p>
        ) : null}
        {data && data.notFound.length > 0 ? (
          <p className="notice notice--warn small" data-testid="links-not-found">
            {plural(data.notFound.length, 'reference')} {data.notFound.length === 1 ? 'is' : 'are'} not in the store (rolled back or
            erased?): {data.notFound.slice(0, NAMED_MISSING).join(', ')}
            {data.notFound.length > NAMED_MISSING ? ` and ${data.notFound.length - NAMED_MISSING} more` : ''}.
          </p>
        ) : null}
        {data?.truncated ? (
          <p className="notice notice--warn small">Only the largest ties are shown; narrow the filters to see the rest.</p>
        ) : null}

        {view.tooMany ? (
          <EmptyState>
            {`${given.toLocaleString('en-GB')} references are more than one link view takes (${MAX_REFERENCES}). Use the filters to narrow the reports instead.`}
          </EmptyState>
        ) : network.isPending ? (
          <Loading label="Finding shared numbers and accounts…" height={360} />
        ) : network.isError && !data ? (
          <ErrorNotice error={network.error} onRetry={() => void network.refetch()} />
        ) : data && data.reports === 0 ? (
          <EmptyState
            action={
              filtered ? (
                <button type="button" className="button" onClick={clearFilters}>
                  Clear filters
                </button>
              ) : undefined
            }
          >
            {given > 0 ? 'None of these reports is in the store or matches the filters.' : 'No reports match these filters.'}
          </EmptyState>
        ) : data && ties.length === 0 ? (
          <EmptyState>No shared numbers or accounts among these {plural(data.reports, 'report')}.</EmptyState>
        ) : data ? (
          <div className="links-layout">
            <div className="links-layout__drawing">
              <LinkNetworkDrawing network={data} selected={selected} onSelect={select} hrefFor={openHref} />
              <p className="links-legend small" aria-hidden="true">
                <span className="links-legend__item links-legend__item--number">Caller number</span>
                <span className="links-legend__item links-legend__item--account">Payee account</span>
                <span className="links-legend__item links-legend__item--incident">Report</span>
                <span className="muted">The figure in each is how many reports share it.</span>
              </p>
            </div>
            <TiesPanel ties={ties} incidents={data.incidents} selected={selected} onSelect={select} />
          </div>
        ) : null}
      </section>
    </div>
  );
}
