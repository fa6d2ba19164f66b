import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { appealSourceKey, METHOD_LABELS } from '@scam/shared';
import type { AppealDocument, AppealDraft, FilterQuery, Incident } from '@scam/shared';
import { EmptyState, ErrorNotice, Loading } from '../../components/status';
import { PrintSheet } from '../../components/print/print-sheet';
import { Link, useLocation } from '../../lib/router';
import { daysInclusive } from '@scam/shared';
import { formatDate, formatTimestamp } from '../../utils/format';
import { getJson } from '../../lib/api-client';
import { ROUTES } from '@scam/shared';
import { seriesQueries } from '../../api/series.queries';
import { appealQueries, useRecordEditedExport } from './api/appeals.queries';
import { ReleaseView } from './components/release-view';
import { useDistrictShading } from '../../components/map/use-district-shading';
import { useMapChrome } from '../../components/map/use-map-chrome';
import { appealRequest, parsePurpose, parseVersion } from './utils/appeal-export';
import { initialDocument } from './utils/appeal-editor';
import { printHold, printSheetLines } from './utils/appeal-print';
import { appealSearch, parseAppealSource } from '../../utils/appeal-source';
import type { AppealSource } from '../../utils/appeal-source';
import { mondayOf, shapeTimeline, timelineSeriesDefs, timelineTitle } from '../../utils/timeline';
import type { TimelineWindow } from '../../utils/timeline';
import './appeals.css';

const SeriesTimelineChart = lazy(() => import('../../components/series-timeline-chart'));
const SeriesMap = lazy(() => import('../../components/map/series-map'));

/**
 * The appeal as it goes to print, on an A4 sheet: the inspector's saved version (`&version=<id>`, as
 * the editor's "Print-ready page" links it) or, without one, the generated draft; then the reports over
 * the period and the areas. Printing is an export: the page asks the server to record it, with the
 * version's acknowledgements, and prints nothing the export check refuses.
 */
export function AppealPrintPage() {
  const { search } = useLocation();
  const source = parseAppealSource(search);
  if (!source) {
    return (
      <EmptyState action={<Link to="/appeals">Go to the appeal drafter</Link>}>This print link names no series or filters.</EmptyState>
    );
  }
  return <PrintView source={source} versionId={parseVersion(search)} purpose={parsePurpose(search)} />;
}

function PrintView({ source, versionId, purpose }: { source: AppealSource; versionId: number | null; purpose: string | null }) {
  // The draft carries the figures behind the chart and the map, and is the text when no version is named.
  const draft = useQuery(appealQueries.draft(source));
  const version = useQuery({ ...appealQueries.version(versionId ?? 0), enabled: versionId !== null, retry: false });
  const generated = useMemo(() => (draft.data ? initialDocument(draft.data) : undefined), [draft.data]);
  const doc: AppealDocument | undefined = versionId !== null ? version.data?.document : generated;
  const acknowledged = useMemo(() => (versionId !== null ? (version.data?.acknowledged ?? []) : []), [versionId, version.data]);
  const otherAppeal = version.data !== undefined && appealSourceKey(version.data.source) !== appealSourceKey(appealRequest(source));

  const record = useRecordEditedExport(source);
  const recordMutate = record.mutate;
  const recorded = useRef<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  // Opening the print page is the disclosure: recorded once per text shown, and checked by the server
  // first; a refused export (422) records nothing and the page does not print.
  useEffect(() => {
    if (!doc || otherAppeal) return;
    const key = `${versionId !== null ? `version:${versionId}` : `draft:${doc.title}`}#${attempt}`;
    if (recorded.current === key) return;
    recorded.current = key;
    recordMutate({
      document: doc,
      format: 'print',
      acknowledged,
      ...(versionId !== null ? { draftId: versionId } : {}),
      ...(purpose ? { purpose } : {}),
    });
  }, [doc, otherAppeal, versionId, acknowledged, purpose, recordMutate, attempt]);

  const back = { to: `/appeals${appealSearch(source)}`, label: 'Back to the editor' };
  const loadError = draft.error ?? version.error;
  const hold = otherAppeal
    ? {
        title: 'This saved version is of another appeal.',
        reasons: ['The version named in the link was saved for a different series or set of filters.'],
        advice: 'Go back to the editor and open the print-ready page from there.',
        retry: false,
      }
    : record.isError
      ? printHold(record.error)
      : null;
  const cleared = record.isSuccess && !otherAppeal;
  const lines = draft.data
    ? printSheetLines(
        draft.data.figures,
        version.data ? { version: version.data.version, savedAt: formatTimestamp(version.data.createdAt) } : null,
      )
    : ['Loading the appeal…'];

  return (
    <div className={`appeal-print${cleared ? '' : ' appeal-print--held'}`} data-testid="appeal-print-page" data-cleared={cleared}>
      <div className="appeal-print__status no-print" data-testid="appeal-print-status">
        {hold ? (
          <div className="notice notice--warn appeal-print__hold" role="alert" data-testid="appeal-print-blocked">
            <p className="notice__title">{hold.title}</p>
            <ul>
              {hold.reasons.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
            <p className="small">
              {hold.advice} <Link to={back.to}>Back to the editor</Link>
            </p>
            {hold.retry ? (
              <button type="button" className="button button--small" onClick={() => setAttempt((n) => n + 1)}>
                Try again
              </button>
            ) : null}
          </div>
        ) : cleared ? (
          <p className="small muted" role="status">
            Recorded in the audit trail as a print of this appeal{purpose ? ` (for ${purpose})` : ''}. Printed pages carry the
            OFFICIAL-SENSITIVE marking until the press office releases the appeal.
          </p>
        ) : doc ? (
          <p className="small muted" role="status">
            Checking the release before printing…
          </p>
        ) : null}
      </div>
      {loadError ? (
        <ErrorNotice
          error={loadError}
          title={version.error ? 'Could not open the saved version' : 'Could not draft an appeal'}
          onRetry={() => void (version.error ? version.refetch() : draft.refetch())}
        />
      ) : !draft.data || !doc ? (
        <Loading label="Loading the appeal…" height={320} />
      ) : (
        <PrintSheet
          title="Press appeal"
          orientation="portrait"
          lines={lines}
          back={back}
          ready={cleared}
          held={hold ? 'Not cleared for printing: see above.' : null}
          testId="appeal-print-sheet"
        >
          <ReleaseView doc={doc} titleLevel={2} testId="appeal-print-release" />
          <div className="appeal-print__figures">
            <PrintChart source={source} draft={draft.data} />
            <PrintMap draft={draft.data} />
          </div>
        </PrintSheet>
      )}
      {/* What paper shows if someone prints from the browser while the export is held. */}
      <p className="appeal-print__held-note">Not cleared for printing: this appeal's export was not recorded.</p>
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
    queryFn: ({ signal }) => getJson(ROUTES.timeseries, { query: { ...contextFilters, interval: span.interval }, signal }),
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
  const { boundaries, fillByCode, countByCode, legend } = useDistrictShading(districts);
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
              countByCode={countByCode}
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
