import type { ComponentType } from 'react';
import { useMeta } from '../../api/meta.queries';
import { PrintSheet } from '../../components/print/print-sheet';
import { useFilters } from '../../hooks/use-filters';
import { describeFilters, describeRange } from '../../utils/filters';
import { toQueryString } from '../../lib/api-client';
import { Breakdowns } from './components/breakdowns';
import { HeadlineFigures } from './components/headline-figures';
import { TimePanel } from './components/time-panel';
import type { OverviewMapProps } from './overview-page';
import './overview-print.css';

/**
 * The overview for a briefing: one landscape A4 page of figures, reports over time and the map,
 * with the breakdowns on a second. The same panels as the screen, laid out on the sheet; clicks
 * still change the filters, so the inspector can adjust the page before printing it.
 */
export function OverviewPrintPage({ map: MapPanel }: { map: ComponentType<OverviewMapProps> }) {
  const { filters, query, patchFilters, clearFilters } = useFilters();
  const meta = useMeta();
  const dataRange = meta.data?.dataRange ?? null;
  const lines = [describeRange(filters, dataRange), ...describeFilters(filters)];
  if (lines.length === 1) lines.push('All methods, districts, places, outcomes and ages');
  return (
    <PrintSheet
      title="Phone scams: overview"
      orientation="landscape"
      lines={lines}
      back={{ to: `/${toQueryString(query)}`, label: 'Back to the overview' }}
      ready={meta.isSuccess}
      testId="print-overview"
    >
      <HeadlineFigures filters={query} />
      <div className="overview__main">
        <TimePanel
          filters={query}
          range={{ from: filters.from, to: filters.to }}
          dataRange={dataRange}
          onRange={(range) => patchFilters(range)}
          onClearFilters={clearFilters}
        />
        <MapPanel filters={query} selectedDistricts={filters.district} onDistrict={() => undefined} withholdSmallLosses />
      </div>
      <div className="overview-print__breakdowns">
        <Breakdowns
          filters={query}
          selected={{ method: filters.method, district: filters.district, ageBand: filters.ageBand }}
          onMethod={() => undefined}
          onDistrict={() => undefined}
          onAgeBand={() => undefined}
          withholdSmallLosses
        />
      </div>
    </PrintSheet>
  );
}
