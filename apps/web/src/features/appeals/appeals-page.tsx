import { useEffect } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { METHOD_LABELS } from '@scam/shared';
import { EmptyState, ErrorNotice, Loading, Refreshing } from '../../components/status';
import { ApiError, toQueryString } from '../../lib/api-client';
import { Link, navigate, useLocation } from '../../lib/router';
import { formatDate, plural } from '../../utils/format';
import { FiltersBar } from '../../components/filters/filters-bar';
import { useFilters } from '../../hooks/use-filters';
import { describeFilters, describeRange, parseFilters } from '../../utils/filters';
import { useMeta } from '../../api/meta.queries';
import { seriesQueries } from '../../api/series.queries';
import { appealQueries } from './api/appeals.queries';
import { AppealFigures } from './components/appeal-draft-view';
import { AppealEditor } from './components/appeal-editor';
import { AuditTrail } from './components/appeal-exports';
import { appealSearch, parseAppealSource } from '../../utils/appeal-source';
import type { AppealSource } from '../../utils/appeal-source';
import { STATUS_LABELS } from '../../utils/series-labels';
import '../../styles/saved-list.css';
import './appeals.css';

/** Press-appeal drafter: pick a series or the current filters, read the draft and its checks, export. */
export function AppealsPage() {
  const { search } = useLocation();
  const source = parseAppealSource(search);
  return (
    <div className="page appeals">
      <div className="appeals__head">
        <h1 className="page-title">Press appeal</h1>
      </div>
      {source ? <AppealDrafter source={source} /> : <SourcePicker />}
      <AuditTrail />
    </div>
  );
}

function SourcePicker() {
  const { query, filters } = useFilters();
  const saved = useQuery(seriesQueries.savedList());
  const live = (saved.data?.series ?? []).filter((s) => s.status !== 'dismissed');
  return (
    <div className="appeals__sources">
      <section className="panel" aria-labelledby="appeal-series-title">
        <h2 id="appeal-series-title" className="panel__heading">
          Draft for a series
        </h2>
        <p className="small muted">
          Open a detected series in <Link to="/series">Series</Link> and choose “Draft appeal”, or pick a saved one:
        </p>
        {saved.isPending ? (
          <Loading label="Loading saved series…" height={60} />
        ) : saved.isError ? (
          <ErrorNotice error={saved.error} title="Could not load saved series" onRetry={() => void saved.refetch()} />
        ) : live.length === 0 ? (
          <p className="muted">No saved series yet.</p>
        ) : (
          <ul className="saved-list">
            {live.map((s) => (
              <li key={s.id} className="saved-item">
                <Link to={`/appeals${appealSearch({ kind: 'series', seriesId: `saved:${s.id}` })}`} className="saved-item__name">
                  {s.name}
                </Link>
                <span className="small muted">
                  {STATUS_LABELS[s.status]} · {METHOD_LABELS[s.method]} · {plural(s.incidents.length, 'incident')}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="panel" aria-labelledby="appeal-filters-title">
        <h2 id="appeal-filters-title" className="panel__heading">
          Draft for the current filters
        </h2>
        <p className="small muted">Set the method, period and districts the appeal is about; the dashboard's filters carry over.</p>
        <FiltersBar />
        <div className="button-row">
          <button
            type="button"
            className="button button--primary"
            onClick={() => navigate(`/appeals${appealSearch({ kind: 'filters', filters: query })}`)}
            data-testid="appeal-draft-button"
          >
            Draft for current filters
          </button>
          {filters.method.length !== 1 ? <span className="small muted">Tip: an appeal reads best about one scam method.</span> : null}
        </div>
      </section>
    </div>
  );
}

export function describeSource(source: AppealSource, dataRange: { first: string; last: string } | null): string {
  if (source.kind === 'series') {
    return source.seriesId.startsWith('saved:') ? `Saved series ${source.seriesId.slice(6)}` : `Detected series ${source.seriesId}`;
  }
  const state = parseFilters(
    new URLSearchParams(Object.entries(source.filters).filter((e): e is [string, string] => typeof e[1] === 'string')),
  );
  return [describeRange(state, dataRange), ...describeFilters(state)].join(' · ');
}

function AppealDrafter({ source }: { source: AppealSource }) {
  const client = useQueryClient();
  const meta = useMeta();
  const draft = useQuery(appealQueries.draft(source));
  const savedId = source.kind === 'series' && /^saved:\d+$/.test(source.seriesId) ? Number(source.seriesId.slice(6)) : null;
  const saved = useQuery({ ...seriesQueries.saved(savedId ?? 0), enabled: savedId !== null });
  const detectedQuery = useQuery({
    ...seriesQueries.detail(source.kind === 'series' ? source.seriesId : ''),
    enabled: source.kind === 'series' && savedId === null,
    retry: false,
  });
  const detected = detectedQuery.data?.series ?? null;
  const sourceName = saved.data
    ? `${saved.data.name} (saved series)`
    : detected
      ? `${METHOD_LABELS[detected.method]} series, ${formatDate(detected.first)} – ${formatDate(detected.last)}`
      : describeSource(source, meta.data?.dataRange ?? null);
  const seriesLink =
    source.kind === 'series'
      ? source.seriesId.startsWith('saved:')
        ? `/series?saved=${encodeURIComponent(source.seriesId.slice(6))}`
        : `/series?id=${encodeURIComponent(source.seriesId)}`
      : null;

  // Each draft is recorded by the API; refresh the trail so it shows this one.
  useEffect(() => {
    if (draft.dataUpdatedAt) void client.invalidateQueries({ queryKey: appealQueries.trail().queryKey });
  }, [client, draft.dataUpdatedAt]);

  return (
    <>
      <section className="panel appeals__source">
        <p>
          <span className="field__label">Drafting for</span> <strong>{sourceName}</strong>
        </p>
        <div className="button-row">
          {seriesLink ? <Link to={seriesLink}>Open the series</Link> : null}
          <Link to={source.kind === 'filters' ? `/appeals${toQueryString(source.filters)}` : '/appeals'}>Choose something else</Link>
          <button
            type="button"
            className="button button--small"
            onClick={() => void draft.refetch()}
            disabled={draft.isFetching}
            data-testid="appeal-redraft"
          >
            Redraft
          </button>
          <Refreshing active={draft.isFetching && !draft.isPending} />
        </div>
      </section>
      {draft.isPending ? (
        <Loading label="Drafting the appeal…" height={320} />
      ) : draft.isError && draft.error instanceof ApiError && draft.error.code === 'no_incidents' ? (
        <div data-testid="appeal-empty">
          <EmptyState action={<Link to="/appeals">Choose other filters or a series</Link>}>
            No reports match these filters, so there is nothing to appeal about yet.
          </EmptyState>
        </div>
      ) : draft.isError ? (
        <ErrorNotice error={draft.error} title="Could not draft an appeal" onRetry={() => void draft.refetch()} />
      ) : (
        <div className="appeals__draft">
          <div className="appeals__main">
            {/* A redraft starts the editor again from the new text. */}
            <AppealEditor key={draft.dataUpdatedAt} source={source} draft={draft.data} />
          </div>
          <aside className="appeals__aside">
            <section className="panel" aria-labelledby="appeal-figures-title">
              <h2 id="appeal-figures-title" className="panel__heading">
                Figures behind the text
              </h2>
              <AppealFigures figures={draft.data.figures} />
              {/* Why the text gives no figure for the total lost, where one or two losses dominate it. */}
              {draft.data.warnings
                .filter((w) => w.code === 'loss_dominance')
                .map((w) => (
                  <p key={w.message} className="small muted" data-testid="appeal-drafting-note">
                    {w.message}
                  </p>
                ))}
            </section>
          </aside>
        </div>
      )}
    </>
  );
}
