import { useQuery } from '@tanstack/react-query';
import type { FilterQuery } from '@scam/shared';
import { Segmented } from '../../../components/segmented';
import { EmptyState, ErrorNotice, Loading, Refreshing } from '../../../components/status';
import { useViewParam } from '../../../hooks/use-view-param';
import { formatCount, formatMoney } from '../../../utils/format';
import { overviewQueries } from '../api/overview.queries';
import { ageBars, districtBars, methodBars } from '../utils/shape-breakdowns';
import type { Measure } from '../utils/shape-timeseries';
import { BarList } from './bar-list';

const MEASURES = [
  { value: 'reports', label: 'Reports' },
  { value: 'loss', label: '£ lost' },
] as const;
const MEASURE_KEYS = MEASURES.map((m) => m.value);

export function Breakdowns({
  filters,
  selected,
  onMethod,
  onDistrict,
  onAgeBand,
}: {
  filters: FilterQuery;
  selected: { method: readonly string[]; district: readonly string[]; ageBand: readonly string[] };
  onMethod: (method: string) => void;
  onDistrict: (district: string) => void;
  onAgeBand: (band: string) => void;
}) {
  const [measure, setMeasure] = useViewParam<Measure>('breakdown', MEASURE_KEYS, 'reports');
  const query = useQuery(overviewQueries.breakdowns(filters));
  const format = measure === 'reports' ? formatCount : (n: number) => formatMoney(n);

  return (
    <section className="panel breakdowns" aria-labelledby="breakdowns-title">
      <div className="panel__head">
        <h2 id="breakdowns-title" className="panel__heading">
          Breakdowns <span className="muted small no-print">— press a bar to filter to it</span>
        </h2>
        <Refreshing active={query.isFetching && !query.isPending} />
        <div className="panel__tools no-print">
          <Segmented legend="Breakdown measure" options={MEASURES} value={measure} onChange={setMeasure} testId="breakdown-measure" />
        </div>
      </div>
      {query.isPending ? (
        <Loading height={220} />
      ) : query.isError && !query.data ? (
        <ErrorNotice error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data && query.data.byMethod.every((m) => m.reports === 0) ? (
        <EmptyState>No reports for these filters</EmptyState>
      ) : query.data ? (
        <div className="breakdowns__grid">
          <BarList
            title="By method"
            testId="chart-method"
            rows={methodBars(query.data, measure, selected.method)}
            format={format}
            onSelect={onMethod}
          />
          <BarList
            title="By district"
            testId="chart-district"
            rows={districtBars(query.data, measure, selected.district)}
            format={format}
            onSelect={onDistrict}
          />
          <BarList
            title="By victim age"
            testId="chart-age"
            rows={ageBars(query.data, measure, selected.ageBand)}
            format={format}
            onSelect={onAgeBand}
          />
        </div>
      ) : null}
    </section>
  );
}
