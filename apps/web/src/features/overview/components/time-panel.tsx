import { lazy, Suspense, useEffect } from 'react';
import { useQuery } from '@tanstack/react-query';
import { METHOD_LABELS, OUTCOME_LABELS } from '@scam/shared';
import type { FilterQuery, Interval } from '@scam/shared';
import { Segmented } from '../../../components/segmented';
import { useViewParam } from '../../../hooks/use-view-param';
import { EmptyState, ErrorNotice, Loading, Refreshing } from '../../../components/status';
import { formatCount, formatMoney } from '../../../utils/format';
import { METHOD_COLOURS, OUTCOME_COLOURS } from '../../../utils/palette';
import { overviewQueries } from '../api/overview.queries';
import { quoteLine } from '../utils/shape-summary';
import {
  OUTCOME_SERIES,
  autoInterval,
  bucketRange,
  bucketTitle,
  hasReports,
  methodsPresent,
  toCumulativeRows,
  toMethodRows,
  toOutcomeRows,
} from '../utils/shape-timeseries';
import type { Measure } from '../utils/shape-timeseries';
import type { ChartSeries, TimeChartProps } from './time-chart';
import { eventsQueries } from '../../../api/events.queries';
import { eventMarkers } from '../../../utils/event-markers';
import { TimelineEvents } from './timeline-events';

// Fetched as the panel mounts, beside its data, not after it: waiting for the data first put the
// chunk's download in series with the slowest query on the first render.
const loadTimeChart = () => import('./time-chart');
const TimeChart = lazy(loadTimeChart);

type View = 'method' | 'outcome' | 'cumulative';

const VIEWS = [
  { value: 'method', label: 'By method' },
  { value: 'outcome', label: 'Outcomes' },
  { value: 'cumulative', label: 'Running total' },
] as const;
const INTERVALS = [
  { value: 'week', label: 'Week' },
  { value: 'month', label: 'Month' },
] as const;
const MEASURES = [
  { value: 'reports', label: 'Reports' },
  { value: 'loss', label: '£ lost' },
] as const;
const VIEW_KEYS = VIEWS.map((v) => v.value);
const INTERVAL_KEYS = ['auto', ...INTERVALS.map((i) => i.value)] as const;
const MEASURE_KEYS = MEASURES.map((m) => m.value);
const SHOWN_AS = ['chart', 'table'] as const;
const NO_RETURN = 'no return yet';

export function TimePanel({
  filters,
  range,
  dataRange,
  onRange,
  onClearFilters,
}: {
  filters: FilterQuery;
  range: { from: string | null; to: string | null };
  dataRange: { first: string; last: string } | null;
  onRange: (range: { from: string; to: string }) => void;
  onClearFilters: () => void;
}) {
  useEffect(() => void loadTimeChart(), []);
  // Every option is in the URL (chart=outcome, measure=loss…), so a link or saved view shows this chart.
  const [view, setView] = useViewParam<View>('chart', VIEW_KEYS, 'method');
  // 'auto' until the user picks one: then the range decides (weeks for short spans, months for long).
  const [chosenInterval, setInterval] = useViewParam<Interval | 'auto'>('interval', INTERVAL_KEYS, 'auto');
  const interval = chosenInterval === 'auto' ? autoInterval(range, dataRange) : chosenInterval;
  const [measure, setMeasure] = useViewParam<Measure>('measure', MEASURE_KEYS, 'reports');
  const [shownAs, setShownAs] = useViewParam('timeAs', SHOWN_AS, 'chart');
  const asTable = shownAs === 'table';
  const series = useQuery(overviewQueries.timeseries(filters, interval));
  // Same key as the headline figures, so this reads from the cache.
  const summary = useQuery(overviewQueries.summary(filters));
  const events = useQuery(eventsQueries.list(filters));

  const buckets = series.data?.buckets ?? [];
  // Weeks after the latest return are marked as having none yet, not drawn as quiet weeks.
  const latestData = dataRange?.last ?? null;
  const titleFor = (start: string) => bucketTitle(start, interval, latestData);
  const onBucket = (start: string) => onRange(bucketRange(start, interval, range));
  const since = range.from ?? dataRange?.first ?? null;

  let chart: TimeChartProps | null = null;
  let tableColumns: ChartSeries[] = [];
  let money = false;
  if (view === 'method') {
    tableColumns = methodsPresent(buckets).map((m) => ({ key: m, label: METHOD_LABELS[m], colour: METHOD_COLOURS[m] }));
    money = measure === 'loss';
    chart = {
      kind: 'stacked',
      rows: toMethodRows(buckets, interval, measure, latestData),
      series: tableColumns,
      money,
      titleFor,
      onBucket,
    };
  } else if (view === 'outcome') {
    tableColumns = OUTCOME_SERIES.map((o) => ({ key: o, label: OUTCOME_LABELS[o], colour: OUTCOME_COLOURS[o] }));
    chart = { kind: 'stacked', rows: toOutcomeRows(buckets, interval, latestData), series: tableColumns, money: false, titleFor, onBucket };
  } else {
    chart = { kind: 'cumulative', rows: toCumulativeRows(buckets, interval, latestData), titleFor, onBucket };
  }
  const format = money ? (n: number) => formatMoney(n) : formatCount;

  return (
    <section className="panel time-panel" aria-labelledby="time-title">
      <div className="panel__head">
        <h2 id="time-title" className="panel__heading">
          {view === 'method'
            ? measure === 'loss'
              ? 'Losses over time'
              : 'Reports over time'
            : view === 'outcome'
              ? 'Lost, attempted, prevented'
              : 'Running total'}
        </h2>
        <Refreshing active={series.isFetching && !series.isPending} />
        <div className="panel__tools no-print">
          <Segmented legend="Chart view" options={VIEWS} value={view} onChange={setView} testId="time-view" />
          {view === 'method' ? (
            <Segmented legend="Measure" options={MEASURES} value={measure} onChange={setMeasure} testId="time-measure" />
          ) : null}
          <Segmented legend="Interval" options={INTERVALS} value={interval} onChange={setInterval} testId="time-interval" />
        </div>
      </div>
      {view === 'cumulative' && summary.data ? (
        <p className="quote" data-testid="since-quote">
          {quoteLine(summary.data, since)}
        </p>
      ) : null}
      <div className="time-panel__body" data-testid="chart-time" data-view={view} data-interval={interval}>
        {series.isPending ? (
          <Loading label="Loading chart…" height="100%" />
        ) : series.isError && !series.data ? (
          <ErrorNotice error={series.error} onRetry={() => void series.refetch()} />
        ) : !hasReports(buckets) ? (
          <EmptyState
            action={
              <button type="button" className="button" onClick={onClearFilters}>
                Clear filters
              </button>
            }
          >
            No reports for these filters
          </EmptyState>
        ) : asTable ? (
          <div className="table-scroll">
            <table className="table table--compact">
              <caption className="visually-hidden">
                {view === 'cumulative' ? 'Running totals' : 'Values'} per {interval}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{interval === 'week' ? 'Week from' : 'Month'}</th>
                  {chart.kind === 'cumulative' ? (
                    <>
                      <th scope="col" className="num">
                        Reports so far
                      </th>
                      <th scope="col" className="num">
                        Lost so far
                      </th>
                    </>
                  ) : (
                    <>
                      {tableColumns.map((c) => (
                        <th key={c.key} scope="col" className="num">
                          {c.label}
                        </th>
                      ))}
                      <th scope="col" className="num">
                        Total
                      </th>
                    </>
                  )}
                </tr>
              </thead>
              <tbody>
                {chart.kind === 'cumulative'
                  ? chart.rows.map((r) => (
                      <tr key={r.start}>
                        <th scope="row">
                          <button type="button" className="link-button" onClick={() => onBucket(r.start)}>
                            {titleFor(r.start)}
                          </button>
                        </th>
                        <td className="num">{r.reports === null ? NO_RETURN : formatCount(r.reports)}</td>
                        <td className="num">{r.lossPence === null ? NO_RETURN : formatMoney(r.lossPence)}</td>
                      </tr>
                    ))
                  : chart.rows.map((r) => (
                      <tr key={r.start}>
                        <th scope="row">
                          <button type="button" className="link-button" onClick={() => onBucket(r.start)}>
                            {titleFor(r.start)}
                          </button>
                        </th>
                        {tableColumns.map((c) => (
                          <td key={c.key} className="num">
                            {r.returns === 'none' ? NO_RETURN : format(Number(r[c.key] ?? 0))}
                          </td>
                        ))}
                        <td className="num">{r.total === null ? NO_RETURN : format(r.total)}</td>
                      </tr>
                    ))}
              </tbody>
            </table>
          </div>
        ) : (
          <Suspense fallback={<Loading label="Loading chart…" height="100%" />}>
            <TimeChart {...chart} markers={eventMarkers(events.data?.events ?? [], chart.rows, interval)} />
          </Suspense>
        )}
      </div>
      <TimelineEvents filters={filters} defaultDay={range.to ?? dataRange?.last ?? ''} />
      <div className="panel__foot no-print">
        <span className="muted small">Click a {interval} to filter to it.</span>
        <button
          type="button"
          className="link-button small"
          onClick={() => setShownAs(asTable ? 'chart' : 'table')}
          aria-pressed={asTable}
          data-testid="time-as-table"
        >
          {asTable ? 'Show as chart' : 'Show as table'}
        </button>
      </div>
    </section>
  );
}
