import { useMeta } from '../../api/meta.queries';
import { useCan } from '../../api/session.queries';
import { navigate } from '../../lib/router';
import { FiltersBar } from '../../features/filters/components/filters-bar';
import { useFilters } from '../../features/filters/hooks/use-filters';
import { toggleOnly } from '../../features/filters/utils/url-state';
import { MapPanel } from '../../features/map/components/map-panel';
import { Breakdowns } from '../../features/overview/components/breakdowns';
import { HeadlineFigures } from '../../features/overview/components/headline-figures';
import { TimePanel } from '../../features/overview/components/time-panel';
import { SeriesAlerts } from '../../features/series/components/series-alerts';
import { METHODS, AGE_BANDS } from '@scam/shared';
import type { AgeBand, Method } from '@scam/shared';

/**
 * The overview composes the features; each takes the filters as API parameters and reports clicks
 * back here, where they become URL changes. Features never talk to each other directly.
 */
export function OverviewPage() {
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
