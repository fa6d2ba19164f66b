import { useQuery } from '@tanstack/react-query';
import type { FilterQuery } from '@scam/shared';
import { Segmented } from '../../../components/segmented';
import { EmptyState, ErrorNotice, Loading, Refreshing } from '../../../components/status';
import { useViewParam } from '../../../hooks/use-view-param';
import { formatCount, formatMoney } from '../../../utils/format';
import { lossesOnly, WITHHELD_LOSS_NOTE } from '../../../utils/small-area-losses';
import { overviewQueries } from '../api/overview.queries';
import { ageBars, districtBars, methodBars, withholdSmallDistrictLosses } from '../utils/shape-breakdowns';
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
  withholdSmallLosses = false,
}: {
  filters: FilterQuery;
  selected: { method: readonly string[]; district: readonly string[]; ageBand: readonly string[] };
  onMethod: (method: string) => void;
  onDistrict: (district: string) => void;
  onAgeBand: (band: string) => void;
  /** On a printed page: a district's loss total is not shown where fewer than three people lost money. */
  withholdSmallLosses?: boolean;
}) {
  const [measure, setMeasure] = useViewParam<Measure>('breakdown', MEASURE_KEYS, 'reports');
  const query = useQuery(overviewQueries.breakdowns(filters));
  const lossFilters = withholdSmallLosses && measure === 'loss' ? lossesOnly(filters) : null;
  const losses = useQuery({ ...overviewQueries.breakdowns(lossFilters ?? filters), enabled: lossFilters !== null });
  // Until the losses per district are known, no district's total is shown at all.
  const lossesPending = lossFilters !== null && (!losses.data || losses.isPlaceholderData);
  const format = measure === 'reports' ? formatCount : (n: number) => formatMoney(n);
  const districts = query.data ? districtBars(query.data, measure, selected.district) : [];
  const districtRows =
    withholdSmallLosses && measure === 'loss'
      ? withholdSmallDistrictLosses(districts, lossFilters ? (losses.data ?? null) : null)
      : districts;
  const withheld = districtRows.some((r) => r.withheld);

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
      {query.isPending || lossesPending ? (
        losses.isError ? (
          <ErrorNotice error={losses.error} onRetry={() => void losses.refetch()} />
        ) : (
          <Loading height={220} />
        )
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
            rows={districtRows}
            format={format}
            onSelect={onDistrict}
            note={withheld ? WITHHELD_LOSS_NOTE : undefined}
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
