import { useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { MAX_LINK_REFERENCES, METHOD_LABELS } from '@scam/shared';
import type { Incident, SavedSeries, SavedSeriesDetail, Series } from '@scam/shared';
import { useCan } from '../../../api/session.queries';
import { EmptyState, ErrorNotice, Loading } from '../../../components/status';
import { PrintSheet } from '../../../components/print/print-sheet';
import { Link, navigate, useLocation } from '../../../lib/router';
import { formatCount, formatDate, formatMoney, formatTimestamp, plural } from '../../../utils/format';
import { seriesQueries } from '../../../api/series.queries';
import { ApiError, toQueryString } from '../../../lib/api-client';
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
import { AssessmentPanel } from './assessment-panel';
import { HandoverPack } from './handover-pack';
import { assessedDistricts, observedText } from '../utils/assessments';
import { formatPValue } from '../utils/series-status';
import { SeriesMapPanel } from './series-map-panel';
import { SeriesTimeline } from './series-timeline';

/**
 * One series, detected or saved, addressed by the URL; with `print`, laid out on a portrait A4 sheet for
 * a briefing (the same content). Both come from the server with their members' records in one request
 * each: a detected series by its stable id (stored when detection found it, so links survive a restart
 * and new imports); a saved one with its frozen assessments, which are its evidence: what detection
 * finds later is offered beside them, never put in their place.
 */
export function SeriesDetail({ view, print = false }: { view: SeriesViewState; print?: boolean }) {
  const saved = useQuery({ ...seriesQueries.saved(view.saved ?? 0), enabled: view.saved !== null });
  const detectedId = view.saved === null ? view.id : null;
  const detail = useQuery({ ...seriesQueries.detail(detectedId ?? ''), enabled: detectedId !== null, retry: false });
  const savedList = useQuery(seriesQueries.savedList());

  const back = `/series${seriesViewSearch({ ...view, id: null, saved: null })}`;
  const header = (
    <p className="series-detail__back no-print">
      <Link to={back}>← All series</Link>
    </p>
  );
  const frame = (body: React.ReactNode) =>
    print ? (
      <PrintSheet
        title={view.saved !== null ? 'Saved series: briefing' : 'Detected series: briefing'}
        orientation="portrait"
        lines={[]}
        back={{ to: `/series${seriesViewSearch(view)}`, label: 'Back to the series' }}
        ready={view.saved !== null ? saved.isSuccess : detail.isSuccess}
        testId="print-series"
      >
        {body}
      </PrintSheet>
    ) : (
      <div className="page">
        {header}
        {body}
      </div>
    );

  if (view.saved !== null) {
    if (saved.isPending) return frame(<Loading label="Loading saved series…" height={240} />);
    if (saved.isError)
      return frame(<ErrorNotice error={saved.error} title="Could not load this saved series" onRetry={() => void saved.refetch()} />);
    return frame(
      <SeriesDetailBody
        key={saved.data.id}
        detected={null}
        saved={saved.data}
        members={saved.data.members}
        missing={saved.data.incidents.length - saved.data.members.length}
        savedForDetected={undefined}
        savedList={[]}
        mode={view.mode}
        savedHref={(id) => `/series${detailSearch(view, null, { saved: id })}`}
        print={print}
      />,
    );
  }
  if (detail.isPending) return frame(<Loading label="Loading series…" height={240} />);
  if (detail.isError) {
    if (detail.error instanceof ApiError && detail.error.status === 404) {
      return frame(
        <EmptyState action={<Link to={back}>See the series detected in this period</Link>}>
          Series “{view.id}” is not stored: it may have been erased with its incidents. Run detection again to find what the data shows now.
        </EmptyState>,
      );
    }
    return frame(<ErrorNotice error={detail.error} title="Could not load this series" onRetry={() => void detail.refetch()} />);
  }
  return frame(
    <SeriesDetailBody
      key={detail.data.series.id}
      detected={detail.data.series}
      saved={null}
      members={detail.data.members}
      missing={detail.data.missing}
      savedForDetected={savedList.data?.series.find((x) => x.id === detail.data.savedId)}
      savedList={savedList.data?.series ?? []}
      mode={detail.data.found.mode}
      seenUpdatedAt={detail.data.found.updatedAt}
      savedHref={(id) => `/series${detailSearch(view, null, { saved: id })}`}
      print={print}
    />,
  );
}

function SeriesDetailBody({
  detected,
  saved,
  members: incidents,
  missing,
  savedForDetected,
  savedList,
  mode,
  seenUpdatedAt,
  savedHref,
  print,
}: {
  detected: Series | null;
  saved: SavedSeriesDetail | null;
  members: Incident[];
  missing: number;
  savedForDetected: SavedSeries | undefined;
  savedList: SavedSeries[];
  mode: 'retrospective' | 'prospective';
  seenUpdatedAt?: string;
  savedHref: (id: number) => string;
  print: boolean;
}) {
  const byReference = useMemo(() => new Map(incidents.map((i) => [i.reference, i])), [incidents]);
  const summary = useMemo(() => summariseMembers(incidents), [incidents]);
  // A saved series' figures and evidence all come from one frozen assessment (the latest unless another
  // is chosen), never from the records or detection as they are now. The choice is in the URL
  // (`assessment=N`), so the printed briefing is of the same one; without it the latest is shown, so a
  // re-assessment shows at once.
  const location = useLocation();
  const chosenSeq = Number(new URLSearchParams(location.search).get('assessment')) || null;
  const shown = saved?.assessments.find((a) => a.seq === chosenSeq) ?? saved?.assessments.at(-1) ?? null;
  const showAssessment = (seq: number | null) => {
    const params = new URLSearchParams(location.search);
    if (seq === null || seq === saved?.assessments.at(-1)?.seq) params.delete('assessment');
    else params.set('assessment', String(seq));
    const query = params.toString();
    navigate(`${location.pathname}${query ? `?${query}` : ''}`, { replace: true });
  };
  const evidence = useMemo(() => shown?.evidence ?? detected?.evidence ?? [], [shown, detected]);
  // The matrix lists the members of the assessment shown; with the latest, also those added by hand
  // since (marked not assessed), so every current member is on the page.
  const references = useMemo(() => {
    if (!saved || !shown) return detected?.incidents ?? [];
    const isLatest = shown.seq === saved.assessments.at(-1)?.seq;
    return isLatest ? [...shown.members, ...saved.unassessed.added] : shown.members;
  }, [saved, shown, detected]);
  const rows = useMemo(() => buildMatrixRows(references, evidence, byReference), [references, evidence, byReference]);
  const places = useMemo(() => placesFromIncidents(incidents), [incidents]);
  const remove = useUpdateSavedSeries(saved?.id ?? 0);
  const [removing, setRemoving] = useState<string | null>(null);

  const method = saved?.method ?? detected?.method ?? 'other';
  const first = (shown ? shown.first : null) ?? detected?.first ?? (saved ? summary.first : null);
  const last = (shown ? shown.last : null) ?? detected?.last ?? (saved ? summary.last : null);
  const assessedAreas = shown && shown.evidence.length > 0 ? assessedDistricts(shown.evidence) : null;
  const districts = assessedAreas ?? detected?.districts ?? summary.districts;
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
          {references.length > 1 ? (
            <Link
              to={`/links${toQueryString({ references: references.slice(0, MAX_LINK_REFERENCES).join(',') })}`}
              className="button button--small no-print"
              data-testid="series-link-view"
            >
              Link view
            </Link>
          ) : null}
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
            <dd>{first && last ? `${formatDate(first)} – ${formatDate(last)}` : '—'}</dd>
          </div>
          <div>
            <dt>Reports</dt>
            <dd data-testid="series-reports">
              <strong>{formatCount(shown ? shown.reports : references.length)}</strong>
              {shown ? ` · ${observedText(shown)}` : detected ? ` ${expectedText(detected)}` : ''}
            </dd>
          </div>
          {shown ? (
            <>
              <div>
                <dt>Relative risk</dt>
                <dd>{shown.relativeRisk !== null && shown.relativeRisk > 0 ? `${shown.relativeRisk.toFixed(1)}×` : '—'}</dd>
              </div>
              <div>
                <dt>p-value</dt>
                <dd data-testid="series-p-value">{formatPValue(shown.pValue)}</dd>
              </div>
            </>
          ) : null}
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
            <dd>{formatMoney(shown ? shown.lossPence : (detected?.lossPence ?? summary.lossPence))}</dd>
          </div>
          <div>
            <dt>Victims</dt>
            <dd>
              {shown
                ? `${formatCount(shown.victimsLost)} lost money · ${plural(shown.reports - shown.victimsLost, 'attempt')}`
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
          <DetectedActions
            series={detected}
            seenUpdatedAt={seenUpdatedAt}
            saved={savedForDetected}
            savedList={savedList}
            savedHref={savedHref}
            onSaved={(s) => navigate(savedHref(s.id))}
          />
        ) : null}
        {saved ? <HandoverPack saved={saved} seq={shown?.seq ?? null} /> : null}
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
        {shown?.explanation || detected ? (
          <p className="series-detail__explanation" data-testid="series-evidence">
            {shown ? shown.explanation : detected?.explanation}
          </p>
        ) : (
          <p className="muted">
            No detection run found this series when it was assessed: it rests on the analyst's judgement, and the ties below are measured
            against its own members.
          </p>
        )}
        {shown && saved && saved.unassessed.added.length > 0 ? (
          <p className="small muted">
            Incidents added since assessment {shown.seq} are marked “not assessed”: they join the next assessment.
          </p>
        ) : null}
      </section>

      {saved && shown ? <AssessmentPanel saved={saved} shown={shown} onShow={showAssessment} print={print} /> : null}

      {missing > 0 ? (
        <p className="notice notice--warn small">
          {plural(missing, 'member')} {missing === 1 ? 'is' : 'are'} no longer stored (rolled back since); listed by reference only.
        </p>
      ) : null}
      {first && last ? (
        <div className="series-detail__grid">
          <SeriesTimeline
            method={method}
            districts={districts.map((d) => d.name)}
            first={first}
            last={last}
            members={incidents.map((i) => ({ offenceDate: i.offenceDate, outcome: i.outcome }))}
            membersLoading={false}
          />
          <SeriesMapPanel
            districts={districts}
            places={places}
            centre={shown ? shown.centre : (detected?.centre ?? null)}
            radiusKm={shown ? (shown.radiusKm ?? 0) : (detected?.radiusKm ?? 0)}
            placesLoading={false}
            notLoaded={0}
          />
        </div>
      ) : null}

      <section className="panel" aria-labelledby="matrix-title">
        <div className="panel__head">
          <h2 id="matrix-title" className="panel__heading">
            Incidents and what ties them
          </h2>
          <span className="small muted">✓ matches the series profile · – does not · ? not assessed</span>
        </div>
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
