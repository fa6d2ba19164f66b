import { lazy, Suspense, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { METHOD_LABELS, OUTCOME_LABELS } from '@scam/shared';
import type { Method } from '@scam/shared';
import { ErrorNotice, Loading } from '../../../components/status';
import { formatCount, formatDate } from '../../../utils/format';
import { OUTCOME_COLOURS } from '../../../utils/palette';
import { seriesQueries } from '../api/series.queries';
import { shapeTimeline, timelineTitle, timelineWindow } from '../utils/timeline';
import type { TimelineMember } from '../utils/timeline';
import type { TimelineSeriesDef } from './series-timeline-chart';

const SeriesTimelineChart = lazy(() => import('./series-timeline-chart'));

/** Grey for "not in the series": the context recedes and the Okabe–Ito outcome colours carry the series. */
const CONTEXT_GREY = '#BDBDBD';

export function timelineSeriesDefs(method: Method): TimelineSeriesDef[] {
  return [
    { key: 'lost', label: `In series: ${OUTCOME_LABELS.lost.toLowerCase()}`, colour: OUTCOME_COLOURS.lost },
    { key: 'attempted', label: `In series: ${OUTCOME_LABELS.attempted.toLowerCase()}`, colour: OUTCOME_COLOURS.attempted },
    { key: 'prevented', label: `In series: ${OUTCOME_LABELS.prevented.toLowerCase()}`, colour: OUTCOME_COLOURS.prevented },
    { key: 'member', label: 'In series: outcome not loaded', colour: '#555555' },
    { key: 'other', label: `Other ${METHOD_LABELS[method].toLowerCase()} reports in these districts`, colour: CONTEXT_GREY },
  ];
}

/** Reports per day or week over the series span and some weeks either side, members by outcome. */
export function SeriesTimeline({
  method,
  districts,
  first,
  last,
  members,
  membersLoading,
}: {
  method: Method;
  districts: string[];
  first: string;
  last: string;
  members: TimelineMember[];
  membersLoading: boolean;
}) {
  const [asTable, setAsTable] = useState(false);
  const span = timelineWindow(first, last);
  const context = useQuery(seriesQueries.context({ method, districts }, span));
  const rows = shapeTimeline(span, { first, last }, members, context.data?.buckets ?? null);
  const defs = timelineSeriesDefs(method).filter((d) => d.key !== 'member' || rows.some((r) => r.member > 0));
  const titleFor = (start: string) => timelineTitle(start, span.interval);

  return (
    <section className="panel series-timeline" aria-labelledby="timeline-title">
      <div className="panel__head">
        <h2 id="timeline-title" className="panel__heading">
          Reports per {span.interval}
        </h2>
        <span className="small muted">
          Series {formatDate(first)} – {formatDate(last)} shaded
        </span>
        <div className="panel__tools no-print">
          <button type="button" className="button button--small button--quiet" onClick={() => setAsTable((t) => !t)} aria-pressed={asTable}>
            {asTable ? 'Show chart' : 'Show as table'}
          </button>
        </div>
      </div>
      <div className="series-timeline__body" data-testid="series-timeline" data-interval={span.interval}>
        {context.isError ? <ErrorNotice error={context.error} title="Could not load the context reports" onRetry={() => void context.refetch()} /> : null}
        {membersLoading || context.isPending ? (
          <Loading label="Loading timeline…" height="100%" />
        ) : asTable ? (
          <div className="table-scroll table-scroll--short">
            <table className="table table--compact">
              <caption className="visually-hidden">Reports per {span.interval}</caption>
              <thead>
                <tr>
                  <th scope="col">{span.interval === 'week' ? 'Week from' : 'Day'}</th>
                  {defs.map((d) => (
                    <th key={d.key} scope="col" className="num">
                      {d.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.start} className={r.inSeries ? 'is-in-series' : undefined}>
                    <th scope="row">{titleFor(r.start)}</th>
                    {defs.map((d) => (
                      <td key={d.key} className="num">
                        {formatCount(r[d.key])}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <Suspense fallback={<Loading label="Loading chart…" height="100%" />}>
            <SeriesTimelineChart rows={rows} series={defs} titleFor={titleFor} />
          </Suspense>
        )}
      </div>
    </section>
  );
}
