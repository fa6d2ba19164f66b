import { lazy, Suspense, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { Method } from '@scam/shared';
import { ErrorNotice, Loading } from '../../../components/status';
import { formatCount, formatDate } from '../../../utils/format';
import { seriesQueries } from '../../../api/series.queries';
import { eventsQueries } from '../../../api/events.queries';
import { eventMarkers } from '../../../utils/event-markers';
import { shapeTimeline, timelineSeriesDefs, timelineTitle, timelineWindow } from '../../../utils/timeline';
import type { TimelineMember } from '../../../utils/timeline';

const SeriesTimelineChart = lazy(() => import('../../../components/series-timeline-chart'));

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
  // Events the unit marked in the window (an appeal published, an arrest) for the method and areas:
  // what followed the series is part of its story. Without them the chart still draws.
  const events = useQuery(eventsQueries.list({ from: span.from, to: span.to, method, district: districts.join(',') }));
  const markers = eventMarkers(events.data?.events ?? [], rows, span.interval);
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
        {context.isError ? (
          <ErrorNotice error={context.error} title="Could not load the context reports" onRetry={() => void context.refetch()} />
        ) : null}
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
            <SeriesTimelineChart rows={rows} series={defs} titleFor={titleFor} markers={markers} />
          </Suspense>
        )}
      </div>
    </section>
  );
}
