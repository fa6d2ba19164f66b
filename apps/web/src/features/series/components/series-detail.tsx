import { useMemo, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { METHOD_LABELS } from '@scam/shared';
import type { SavedSeries, Series } from '@scam/shared';
import { useCan } from '../../../api/session.queries';
import { EmptyState, ErrorNotice, Loading } from '../../../components/status';
import { Link, navigate } from '../../../lib/router';
import { formatCount, formatDate, formatMoney, formatTimestamp, plural } from '../../../utils/format';
import { findCachedSeries, seriesQueries } from '../../../api/series.queries';
import type { MemberHint, SeriesListParams } from '../../../api/series.queries';
import { useUpdateSavedSeries } from '../api/series.mutations';
import { appealSearch } from '../../../utils/appeal-source';
import { buildMatrixRows } from '../utils/matrix';
import { placesFromIncidents, summariseMembers } from '../utils/members';
import { detailSearch, seriesViewSearch } from '../utils/period';
import type { SeriesViewState } from '../utils/period';
import { KIND_LABELS } from '../../../utils/series-labels';
import { EvidenceMatrix } from './evidence-matrix';
import { DetectedActions, SavedActions } from './series-actions';
import { Significance, StatusBadge, TrendBadge, expectedText } from './series-card';
import { SeriesMapPanel } from './series-map-panel';
import { SeriesTimeline } from './series-timeline';
import { detectingLabel } from './series-workspace';

/**
 * One series, detected or saved, addressed by the URL. A detected series is looked up in the
 * detection run the URL names (or the latest alerts); a saved one is fetched, and its evidence comes
 * from the detected series it was confirmed from when that run is at hand.
 */
export function SeriesDetail({ view, params }: { view: SeriesViewState; params: SeriesListParams | null }) {
  const client = useQueryClient();
  const list = useQuery({
    ...seriesQueries.list(params ?? { from: '', to: '', mode: 'retrospective', replicates: 0 }),
    enabled: params !== null,
  });
  const alerts = useQuery({ ...seriesQueries.alerts(), refetchInterval: false });
  const savedList = useQuery(seriesQueries.savedList());
  const saved = useQuery({ ...seriesQueries.saved(view.saved ?? 0), enabled: view.saved !== null });

  const detectedId = view.id ?? saved.data?.detectedId ?? null;
  const detected: Series | null = detectedId
    ? (list.data?.series.find((s) => s.id === detectedId) ??
      alerts.data?.series.find((s) => s.id === detectedId) ??
      findCachedSeries(client, detectedId))
    : null;
  const savedRecord: SavedSeries | undefined =
    saved.data ?? (view.id ? savedList.data?.series.find((s) => s.detectedId === view.id) : undefined);

  const back = `/series${seriesViewSearch({ ...view, id: null, saved: null })}`;
  const header = (
    <p className="series-detail__back no-print">
      <Link to={back}>← All series</Link>
    </p>
  );

  if (view.saved !== null) {
    if (saved.isPending)
      return (
        <div className="page">
          {header}
          <Loading label="Loading saved series…" height={240} />
        </div>
      );
    if (saved.isError)
      return (
        <div className="page">
          {header}
          <ErrorNotice error={saved.error} title="Could not load this saved series" onRetry={() => void saved.refetch()} />
        </div>
      );
    // The detected series is only needed for its evidence; wait for the run the URL names, not longer.
    if (saved.data.detectedId && !detected && params && list.isPending) {
      return (
        <div className="page">
          {header}
          <Loading label={detectingLabel(params)} height={240} />
        </div>
      );
    }
  } else if (!detected) {
    if (params === null || list.isPending)
      return (
        <div className="page">
          {header}
          <Loading label={detectingLabel(params ?? { replicates: view.replicates })} height={240} />
        </div>
      );
    if (list.isError)
      return (
        <div className="page">
          {header}
          <ErrorNotice error={list.error} title="Could not detect series" onRetry={() => void list.refetch()} />
        </div>
      );
    return (
      <div className="page">
        {header}
        <EmptyState action={<Link to={back}>See the series detected in this period</Link>}>
          Series “{view.id}” is not among those detected for {formatDate(params.from)} – {formatDate(params.to)}. New data may have changed
          the detection.
        </EmptyState>
      </div>
    );
  }

  return (
    <div className="page">
      {header}
      <SeriesDetailBody
        key={savedRecord?.id ?? detected?.id}
        detected={detected}
        saved={view.saved !== null ? (savedRecord ?? null) : null}
        savedForDetected={view.saved === null ? savedRecord : undefined}
        mode={list.data?.mode ?? view.mode}
        savedHref={(id) => `/series${detailSearch(view, params, { saved: id })}`}
      />
    </div>
  );
}

function SeriesDetailBody({
  detected,
  saved,
  savedForDetected,
  mode,
  savedHref,
}: {
  detected: Series | null;
  saved: SavedSeries | null;
  savedForDetected: SavedSeries | undefined;
  mode: 'retrospective' | 'prospective';
  savedHref: (id: number) => string;
}) {
  const references = useMemo(() => saved?.incidents ?? detected?.incidents ?? [], [saved, detected]);
  const hint: MemberHint | null = detected
    ? { method: detected.method, districts: detected.districts.map((d) => d.name), from: detected.first, to: detected.last }
    : null;
  const members = useQuery(seriesQueries.members(references, hint));
  const incidents = useMemo(() => [...(members.data?.byReference.values() ?? [])], [members.data]);
  const summary = useMemo(() => summariseMembers(incidents), [incidents]);
  const rows = useMemo(
    () => buildMatrixRows(references, detected?.evidence ?? [], members.data?.byReference),
    [references, detected, members.data],
  );
  const places = useMemo(() => placesFromIncidents(incidents), [incidents]);
  const remove = useUpdateSavedSeries(saved?.id ?? 0);
  const [removing, setRemoving] = useState<string | null>(null);

  const method = saved?.method ?? detected?.method ?? 'other';
  const first = (saved ? summary.first : null) ?? detected?.first ?? null;
  const last = (saved ? summary.last : null) ?? detected?.last ?? null;
  const districts = saved && incidents.length > 0 ? summary.districts : (detected?.districts ?? summary.districts);
  const title = saved?.name ?? `${METHOD_LABELS[method]} series`;
  const appealSeriesId = saved ? `saved:${saved.id}` : (detected?.id ?? '');
  const canDraftAppeal = useCan('appeals');

  return (
    <article className="series-detail" data-testid="series-detail" data-series-id={detected?.id} data-saved-id={saved?.id}>
      <section className="panel series-detail__head">
        <div className="series-detail__title-row">
          <h1 className="page-title">{title}</h1>
          {saved ? <StatusBadge status={saved.status} /> : null}
          {detected ? <TrendBadge trend={detected.trend} /> : null}
          <span className="muted small">
            {METHOD_LABELS[method]}
            {detected ? ` · ${KIND_LABELS[detected.kind]}` : ' · saved series'}
          </span>
          {canDraftAppeal ? (
            <Link
              to={`/appeals${appealSearch({ kind: 'series', seriesId: appealSeriesId })}`}
              className="button button--small series-detail__appeal no-print"
              data-testid="appeal-draft-button"
            >
              Draft appeal
            </Link>
          ) : null}
        </div>
        <dl className="series-card__stats series-detail__stats">
          <div>
            <dt>Period</dt>
            <dd>{first && last ? `${formatDate(first)} – ${formatDate(last)}` : members.isPending ? '…' : '—'}</dd>
          </div>
          <div>
            <dt>Reports</dt>
            <dd>
              <strong>{formatCount(references.length)}</strong>
              {detected && !saved ? ` ${expectedText(detected)}` : ''}
            </dd>
          </div>
          {detected ? (
            <>
              <div>
                <dt>Relative risk</dt>
                <dd>{detected.relativeRisk > 0 ? `${detected.relativeRisk.toFixed(1)}×` : '—'}</dd>
              </div>
              <div>
                <Significance series={detected} mode={mode} />
              </div>
            </>
          ) : null}
          <div>
            <dt>Lost</dt>
            <dd>{formatMoney(saved && incidents.length > 0 ? summary.lossPence : (detected?.lossPence ?? summary.lossPence))}</dd>
          </div>
          <div>
            <dt>Victims</dt>
            <dd>
              {saved && incidents.length > 0
                ? `${formatCount(summary.victimsLost)} lost money · ${plural(summary.attempts, 'attempt')}`
                : detected
                  ? `${formatCount(detected.victimsLost)} lost money · ${plural(detected.attempts, 'attempt')}`
                  : '—'}
            </dd>
          </div>
          <div>
            <dt>Areas</dt>
            <dd>{districts.map((d) => `${d.name} (${d.count})`).join(', ') || '—'}</dd>
          </div>
        </dl>
        {saved ? (
          <SavedActions key={saved.id} saved={saved} />
        ) : detected ? (
          <DetectedActions series={detected} saved={savedForDetected} savedHref={savedHref} onSaved={(s) => navigate(savedHref(s.id))} />
        ) : null}
        {saved ? (
          <p className="small muted">
            Saved {formatTimestamp(saved.createdAt)} · updated {formatTimestamp(saved.updatedAt)}
          </p>
        ) : null}
      </section>

      <section className="panel" aria-labelledby="evidence-title">
        <h2 id="evidence-title" className="panel__heading">
          Evidence
        </h2>
        {detected ? (
          <p className="series-detail__explanation" data-testid="series-evidence">
            {detected.explanation}
          </p>
        ) : (
          <p className="muted">This series was put together by hand; there is no detection evidence for it.</p>
        )}
        {saved && detected && saved.detectedId === detected.id ? (
          <p className="small muted">
            Evidence from the detected series this was confirmed from; incidents added since are marked “not assessed”.
          </p>
        ) : null}
        {saved?.detectedId && !detected ? (
          <p className="small muted">
            The detected series it was confirmed from is not in the current detection run, so the ties below are not shown.
          </p>
        ) : null}
      </section>

      {members.isError ? (
        <ErrorNotice error={members.error} title="Could not load the member incidents" onRetry={() => void members.refetch()} />
      ) : null}
      {first && last ? (
        <div className="series-detail__grid">
          <SeriesTimeline
            method={method}
            districts={districts.map((d) => d.name)}
            first={first}
            last={last}
            members={incidents.map((i) => ({ offenceDate: i.offenceDate, outcome: i.outcome }))}
            membersLoading={members.isPending}
          />
          <SeriesMapPanel
            districts={districts}
            places={places}
            centre={detected?.centre ?? null}
            radiusKm={detected?.radiusKm ?? 0}
            placesLoading={members.isPending}
            notLoaded={members.data?.notLoaded.length ?? 0}
          />
        </div>
      ) : members.isPending ? (
        <Loading label="Loading member incidents…" height={200} />
      ) : null}

      <section className="panel" aria-labelledby="matrix-title">
        <div className="panel__head">
          <h2 id="matrix-title" className="panel__heading">
            Incidents and what ties them
          </h2>
          <span className="small muted">✓ matches the series profile · – does not · ? not assessed</span>
        </div>
        {members.data && members.data.notLoaded.length > 0 ? (
          <p className="notice notice--warn small">
            Details were loaded for the first {formatCount(references.length - members.data.notLoaded.length)} incidents only; the rest are
            listed by reference.
          </p>
        ) : null}
        {remove.isError ? <ErrorNotice error={remove.error} title="Could not remove the incident" /> : null}
        {!saved && detected ? <p className="small muted no-print">Confirm the series to add or remove incidents.</p> : null}
        <EvidenceMatrix
          rows={rows}
          removing={removing}
          onRemove={
            saved
              ? (reference) => {
                  setRemoving(reference);
                  remove.mutate({ removeIncidents: [reference] }, { onSettled: () => setRemoving(null) });
                }
              : undefined
          }
        />
      </section>
    </article>
  );
}
