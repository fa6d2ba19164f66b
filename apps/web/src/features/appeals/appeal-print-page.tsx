import { lazy, Suspense, useEffect, useMemo, useRef } from 'react';
import { useQuery } from '@tanstack/react-query';
import { METHOD_LABELS } from '@scam/shared';
import type { AppealDraft, FilterQuery, Incident } from '@scam/shared';
import { EmptyState, ErrorNotice, Loading } from '../../components/status';
import { Link, useLocation } from '../../lib/router';
import { daysInclusive } from '@scam/shared';
import { formatDate } from '../../utils/format';
import { getJson } from '../../lib/api-client';
import { ROUTES } from '@scam/shared';
import { seriesQueries } from '../../api/series.queries';
import { appealQueries, useRecordExport } from './api/appeals.queries';
import { AppealText } from './components/appeal-draft-view';
import { exportRecord } from './components/appeal-exports';
import { useDistrictShading } from '../../components/map/use-district-shading';
import { useMapChrome } from '../../components/map/use-map-chrome';
import { parsePurpose } from './utils/appeal-export';
import { appealSearch, parseAppealSource } from '../../utils/appeal-source';
import type { AppealSource } from '../../utils/appeal-source';
import { mondayOf, shapeTimeline, timelineSeriesDefs, timelineTitle } from '../../utils/timeline';
import type { TimelineWindow } from '../../utils/timeline';
import './appeals.css';

const SeriesTimelineChart = lazy(() => import('../../components/series-timeline-chart'));
const SeriesMap = lazy(() => import('../../components/map/series-map'));

/** The appeal as it goes to print: title, bullets, body, reports over the period and the areas, on A4. */
export function AppealPrintPage() {
  const { search } = useLocation();
  const source = parseAppealSource(search);
  if (!source) {
    return (
      <EmptyState action={<Link to="/appeals">Go to the appeal drafter</Link>}>This print link names no series or filters.</EmptyState>
    );
  }
  return <PrintView source={source} purpose={parsePurpose(search)} />;
}

function PrintView({ source, purpose }: { source: AppealSource; purpose: string | null }) {
  const draft = useQuery(appealQueries.draft(source));
  const record = useRecordExport();
  const recorded = useRef<string | null>(null);
  const recordMutate = record.mutate;

  // Opening the print page is the disclosure, so it is recorded once per draft shown.
  useEffect(() => {
    if (!draft.data || recorded.current === draft.data.title) return;
    recorded.current = draft.data.title;
    recordMutate(exportRecord(source, draft.data, 'print', purpose));
  }, [draft.data, source, purpose, recordMutate]);

  return (
    <div className="appeal-print" data-testid="appeal-print-page">
      <div className="appeal-print__tools no-print">
        <Link to={`/appeals${appealSearch(source)}`}>← Back to the drafter</Link>
        <button
          type="button"
          className="button button--primary"
          onClick={() => window.print()}
          disabled={!draft.data}
          data-testid="appeal-print-button"
        >
          Print
        </button>
        <span className="small muted">A4 portrait. The opening of this page is recorded in the audit trail.</span>
      </div>
      {draft.isPending ? (
        <Loading label="Drafting the appeal…" height={320} />
      ) : draft.isError ? (
        <ErrorNotice error={draft.error} title="Could not draft an appeal" onRetry={() => void draft.refetch()} />
      ) : (
        <>
          {draft.data.warnings.length > 0 ? (
            <p className="notice notice--warn no-print" role="alert">
              {draft.data.warnings.length} disclosure warning{draft.data.warnings.length === 1 ? '' : 's'} on this draft: see the drafter
              before publishing. Warnings are not printed.
            </p>
          ) : null}
          <article className="appeal-print__sheet">
            <AppealText draft={draft.data} headingLevel={1} />
            <div className="appeal-print__figures">
              <PrintChart source={source} draft={draft.data} />
              <PrintMap draft={draft.data} />
            </div>
          </article>
        </>
      )}
    </div>
  );
}

function printWindow(since: string, until: string): TimelineWindow {
  // The appeal's own period, by day while that stays readable on paper, else by week.
  return daysInclusive(since, until) <= 45
    ? { from: since, to: until, interval: 'day' }
    : { from: mondayOf(since), to: until, interval: 'week' };
}

/**
 * Member incidents of a series appeal, from the server in one request: a saved series with its
 * members, a detected one from the store of detected series. Null for an appeal drawn from filters
 * (the chart then shows all reports of the method in the named areas).
 */
function useSeriesMembers(source: AppealSource): { incidents: Incident[] | undefined } | null {
  const seriesId = source.kind === 'series' ? source.seriesId : null;
  const savedId = seriesId !== null && /^saved:\d+$/.test(seriesId) ? Number(seriesId.slice(6)) : null;
  const saved = useQuery({ ...seriesQueries.saved(savedId ?? 0), enabled: savedId !== null });
  const detected = useQuery({ ...seriesQueries.detail(seriesId ?? ''), enabled: seriesId !== null && savedId === null, retry: false });
  if (seriesId === null) return null;
  if (savedId !== null) return saved.isError ? null : { incidents: saved.data?.members };
  return detected.isError ? null : { incidents: detected.data?.members };
}

function PrintChart({ source, draft }: { source: AppealSource; draft: AppealDraft }) {
  const { since, until, method, areas } = draft.figures;
  const span = useMemo(() => printWindow(since, until), [since, until]);
  const members = useSeriesMembers(source);
  const contextFilters: FilterQuery =
    source.kind === 'filters'
      ? { ...source.filters, from: span.from, to: span.to }
      : { method, district: areas.map((a) => a.name).join(','), from: span.from, to: span.to };
  const context = useQuery({
    queryKey: [...seriesQueries.all(), 'print-context', contextFilters, span.interval] as const,
    queryFn: ({ signal }) => getJson(ROUTES.timeseries, { ...contextFilters, interval: span.interval }, signal),
    enabled: members === null,
  });
  const rows = useMemo(() => {
    if (members !== null) {
      const incidents = members.incidents ?? [];
      return shapeTimeline(
        span,
        { first: since, last: until },
        incidents.map((i) => ({ offenceDate: i.offenceDate, outcome: i.outcome })),
        null,
      );
    }
    // Without members, the bars are every matching report: shown as the neutral "reports" series.
    return shapeTimeline(span, { first: since, last: until }, [], context.data?.buckets ?? null);
  }, [members, context.data, span, since, until]);
  const defs =
    members !== null
      ? timelineSeriesDefs(method).filter((d) => d.key !== 'other' && (d.key !== 'member' || rows.some((r) => r.member > 0)))
      : [{ key: 'other' as const, label: 'Reports', colour: '#0072B2' }];
  const caption =
    members !== null || source.kind === 'filters'
      ? `Reports per ${span.interval}, ${formatDate(since)} – ${formatDate(until)}`
      : `${METHOD_LABELS[method]} reports per ${span.interval} in ${areas.map((a) => a.name).join(', ')}, ${formatDate(since)} – ${formatDate(until)}`;
  const loading = members !== null ? members.incidents === undefined : context.isPending;
  const error = members !== null ? null : context.error;
  return (
    <figure className="appeal-print__chart">
      <figcaption>{caption}</figcaption>
      <div className="appeal-print__chart-body">
        {error ? (
          <ErrorNotice error={error} title="Could not load the chart" />
        ) : loading ? (
          <Loading label="Loading chart…" height="100%" />
        ) : (
          <Suspense fallback={<Loading label="Loading chart…" height="100%" />}>
            <SeriesTimelineChart rows={rows} series={defs} titleFor={(start) => timelineTitle(start, span.interval)} />
          </Suspense>
        )}
      </div>
    </figure>
  );
}

function PrintMap({ draft }: { draft: AppealDraft }) {
  const districts = useMemo(() => draft.figures.areas.map((a) => ({ name: a.name, count: a.reports })), [draft.figures.areas]);
  const { boundaries, fillByCode, legend } = useDistrictShading(districts);
  const chrome = useMapChrome();
  return (
    <figure className="appeal-print__map">
      <figcaption>Main areas reporting</figcaption>
      <div className="appeal-print__map-body">
        {boundaries.isError ? (
          <ErrorNotice error={boundaries.error} title="Could not load the map" />
        ) : !boundaries.data ? (
          <Loading label="Loading map…" height="100%" />
        ) : (
          <Suspense fallback={<Loading label="Loading map…" height="100%" />}>
            <SeriesMap
              boundaries={boundaries.data}
              fillByCode={fillByCode}
              focus={[]}
              places={[]}
              centre={null}
              radiusKm={0}
              legendTitle="Reports per area"
              legend={legend}
              tileUrl={chrome.tileUrl}
              attribution={chrome.attribution}
              interactive={false}
            />
          </Suspense>
        )}
      </div>
    </figure>
  );
}
