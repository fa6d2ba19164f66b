import { useQuery } from '@tanstack/react-query';
import { METHOD_LABELS } from '@scam/shared';
import type { Series } from '@scam/shared';
import { EmptyState, ErrorNotice, Loading, Refreshing } from '../../../components/status';
import { Link } from '../../../lib/router';
import { formatCount, formatDate, formatTimestamp, plural } from '../../../utils/format';
import { seriesQueries } from '../../../api/series.queries';
import type { SeriesListParams } from '../../../api/series.queries';
import { STATUS_FILTERS, detailSearch } from '../utils/period';
import type { SeriesViewState } from '../utils/period';
import { STATUS_LABELS } from '../../../utils/series-labels';
import { countByStatus, filterSaved, savedByDetectedId } from '../utils/series-status';
import { DetectionControls } from './detection-controls';
import { SeriesCard, StatusBadge } from './series-card';

export function detectingLabel(params: Pick<SeriesListParams, 'replicates'>): string {
  return `Detecting series… (Monte-Carlo, ${formatCount(params.replicates)} replicates)`;
}

/** Detected series for the chosen run beside the saved ones, with links into each. */
export function SeriesWorkspace({
  view,
  params,
  dataRange,
  onChange,
}: {
  view: SeriesViewState;
  params: SeriesListParams | null;
  dataRange: { first: string; last: string } | null;
  onChange: (patch: Partial<SeriesViewState>) => void;
}) {
  const detected = useQuery({
    ...seriesQueries.list(params ?? { from: '', to: '', mode: 'retrospective', replicates: 0 }),
    enabled: params !== null,
  });
  const saved = useQuery(seriesQueries.savedList());
  const savedList = saved.data?.series ?? [];
  const byDetected = savedByDetectedId(savedList);
  const counts = countByStatus(savedList);
  const period = params ? { from: params.from, to: params.to } : null;
  const card = (s: Series) => (
    <SeriesCard
      key={s.id}
      series={s}
      mode={detected.data?.mode ?? view.mode}
      href={`/series${detailSearch(view, period, { id: s.id })}`}
      saved={byDetected.get(s.id)}
    />
  );
  const statusOptions = STATUS_FILTERS.map((s) => ({ value: s, label: `${s === 'all' ? 'All' : STATUS_LABELS[s]} (${counts[s]})` }));

  return (
    <div className="page series-workspace">
      <h1 className="page-title">Series</h1>
      <section className="panel" aria-label="Detection settings">
        <DetectionControls view={view} period={period} dataRange={dataRange} onChange={onChange} />
      </section>
      <div className="series-workspace__grid">
        <section className="panel" aria-labelledby="detected-title" aria-busy={detected.isFetching}>
          <div className="panel__head">
            <h2 id="detected-title" className="panel__heading">
              Detected
              {detected.data ? <span className="muted"> · {plural(detected.data.series.length, 'series', 'series')}</span> : null}
            </h2>
            <Refreshing active={detected.isFetching && !detected.isPending} />
            {detected.data ? (
              <p className="small muted panel__tools">
                {formatDate(detected.data.from)} – {formatDate(detected.data.to)}
                {view.method ? ` · ${METHOD_LABELS[view.method]}` : ''} · {detected.data.mode} · {formatCount(detected.data.replicates)}{' '}
                replicates · {(detected.data.elapsedMs / 1000).toFixed(1)} s
              </p>
            ) : null}
          </div>
          {params === null || detected.isPending ? (
            <Loading label={detectingLabel(params ?? { replicates: view.replicates })} height={220} />
          ) : detected.isError ? (
            <ErrorNotice error={detected.error} title="Could not detect series" onRetry={() => void detected.refetch()} />
          ) : detected.data.series.length === 0 ? (
            <EmptyState>
              No series stand out in this period{view.method ? ` for ${METHOD_LABELS[view.method].toLowerCase()}` : ''}.
            </EmptyState>
          ) : (
            <>
              <ul className="series-list" data-testid="series-list">
                {detected.data.series.filter((s) => s.significant).map(card)}
              </ul>
              {detected.data.series.some((s) => !s.significant) ? (
                <details className="series-not-significant" open data-testid="series-not-significant">
                  <summary>
                    Not significant · {plural(detected.data.series.filter((s) => !s.significant).length, 'cluster')}, shown because all
                    candidates were asked for
                  </summary>
                  <ul className="series-list">
                    {detected.data.series
                      .filter((s) => !s.significant)
                      .map((s) => (
                        <SeriesCard
                          key={s.id}
                          series={s}
                          mode={detected.data.mode}
                          href={`/series${detailSearch(view, period, { id: s.id })}`}
                          saved={byDetected.get(s.id)}
                        />
                      ))}
                  </ul>
                </details>
              ) : null}
            </>
          )}
        </section>
        <section className="panel" aria-labelledby="saved-title">
          <div className="panel__head">
            <h2 id="saved-title" className="panel__heading">
              Saved
            </h2>
            <Refreshing active={saved.isFetching && !saved.isPending} />
          </div>
          <label className="field saved-status">
            <span className="field__label">Status</span>
            <select
              value={view.status}
              onChange={(e) => {
                const status = STATUS_FILTERS.find((s) => s === e.target.value);
                if (status) onChange({ status });
              }}
              data-testid="saved-status"
            >
              {statusOptions.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </label>
          {saved.isPending ? (
            <Loading label="Loading saved series…" height={120} />
          ) : saved.isError ? (
            <ErrorNotice error={saved.error} title="Could not load saved series" onRetry={() => void saved.refetch()} />
          ) : (
            <SavedList view={view} period={period} list={filterSaved(savedList, view.status)} truncated={saved.data.truncated} />
          )}
        </section>
      </div>
    </div>
  );
}

function SavedList({
  view,
  period,
  list,
  truncated,
}: {
  view: SeriesViewState;
  period: { from: string; to: string } | null;
  list: ReturnType<typeof filterSaved>;
  truncated: boolean;
}) {
  if (list.length === 0) {
    return (
      <EmptyState>
        {view.status === 'all'
          ? 'No saved series yet. Open a detected series and confirm it to start one.'
          : `No ${STATUS_LABELS[view.status].toLowerCase()} series.`}
      </EmptyState>
    );
  }
  return (
    <>
      <ul className="saved-list" data-testid="saved-list">
        {list.map((s) => (
          <li key={s.id} className="saved-item" data-testid="saved-item" data-saved-id={s.id}>
            <Link to={`/series${detailSearch(view, period, { saved: s.id })}`} className="saved-item__name">
              {s.name}
            </Link>
            <span className="saved-item__meta">
              <StatusBadge status={s.status} /> {METHOD_LABELS[s.method]} · {plural(s.incidents.length, 'incident')}
            </span>
            <span className="small muted">Updated {formatTimestamp(s.updatedAt)}</span>
          </li>
        ))}
      </ul>
      {truncated ? <p className="small muted">Showing the most recent 500 saved series.</p> : null}
    </>
  );
}
