import type { ComponentType } from 'react';
import type { FilterQuery } from '@scam/shared';
import { useMeta } from '../../api/meta.queries';
import { useCan } from '../../api/session.queries';
import { navigate } from '../../lib/router';
import { FiltersBar } from '../../components/filters/filters-bar';
import { useFilters } from '../../hooks/use-filters';
import { toggleOnly } from '../../utils/filters';
import { Breakdowns } from './components/breakdowns';
import { HeadlineFigures } from './components/headline-figures';
import { TimePanel } from './components/time-panel';
import { METHODS, AGE_BANDS } from '@scam/shared';
import type { AgeBand, Method } from '@scam/shared';

/** What the overview asks of the map panel it is given. */
export interface OverviewMapProps {
  filters: FilterQuery;
  selectedDistricts: readonly string[];
  onDistrict: (name: string) => void;
  /** Absent when the role cannot list incidents: the popups then offer no way there. */
  onShowPlaces?: (names: string[]) => void;
  /** On a printed page: no district's or town's loss total where fewer than three people lost money. */
  withholdSmallLosses?: boolean;
}

/**
 * The overview lays out panels; each takes the filters as API parameters and reports clicks back
 * here, where they become URL changes. The map and the series banner belong to other features, so
 * src/app hands them in: features never import each other.
 */
export function OverviewPage({ map: MapPanel, alerts: SeriesAlerts }: { map: ComponentType<OverviewMapProps>; alerts: ComponentType }) {
  const { filters, query, patchFilters, clearFilters, hrefFor } = useFilters();
  const meta = useMeta();
  // Listing incidents and series needs more than the aggregates every role sees: without it the
  // drill-downs are not offered and the series banner is not even fetched.
  const canListIncidents = useCan('incidents');

  const onMethod = (key: string) => {
    if ((METHODS as readonly string[]).includes(key)) patchFilters({ method: toggleOnly(filters.method, key as Method) });
  };
  const onAgeBand = (key: string) => {
    if ((AGE_BANDS as readonly string[]).includes(key)) patchFilters({ ageBand: toggleOnly(filters.ageBand, key as AgeBand) });
  };
  const onDistrict = (name: string) => patchFilters({ district: toggleOnly(filters.district, name) });
  const onShowPlaces = canListIncidents ? (names: string[]) => navigate(hrefFor('/incidents', { ...filters, place: names })) : undefined;

  return (
    <div className="overview">
      <h1 className="visually-hidden">Overview</h1>
      {canListIncidents ? <SeriesAlerts /> : null}
      <FiltersBar />
      <HeadlineFigures filters={query} />
      <div className="overview__main">
        <TimePanel
          filters={query}
          range={{ from: filters.from, to: filters.to }}
          dataRange={meta.data?.dataRange ?? null}
          onRange={(range) => patchFilters(range)}
          onClearFilters={clearFilters}
        />
        <MapPanel filters={query} selectedDistricts={filters.district} onDistrict={onDistrict} onShowPlaces={onShowPlaces} />
      </div>
      <Breakdowns
        filters={query}
        selected={{ method: filters.method, district: filters.district, ageBand: filters.ageBand }}
        onMethod={onMethod}
        onDistrict={onDistrict}
        onAgeBand={onAgeBand}
      />
    </div>
  );
}
