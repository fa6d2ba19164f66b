import { lazy, Suspense, useEffect, useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { FilterQuery } from '@scam/shared';
import { boundariesQuery } from '../../../api/boundaries.queries';
import { useMapChrome } from '../../../components/map/use-map-chrome';
import { Segmented } from '../../../components/segmented';
import { useViewParam } from '../../../hooks/use-view-param';
import { ErrorNotice, Loading, Refreshing } from '../../../components/status';
import { formatCount, formatMoneyShort } from '../../../utils/format';
import { areaLossWords, lossesOnly } from '../../../utils/small-area-losses';
import { mapQueries } from '../api/map.queries';
import { withLossReports } from '../utils/cluster';
import { choroplethScale, fillFor, legendItems } from '../../../utils/choropleth';
import type { DistrictInfo } from './incident-map';

// Fetched as the panel mounts, beside its data, not after it: waiting for the data first put the
// chunk's download in series with the slowest query on the first render.
const loadIncidentMap = () => import('./incident-map');
const IncidentMap = lazy(loadIncidentMap);

const METRICS = [
  { value: 'reports', label: 'Reports' },
  { value: 'loss', label: '£ lost' },
] as const;
const METRIC_KEYS = METRICS.map((m) => m.value);

export function MapPanel({
  filters,
  selectedDistricts,
  onDistrict,
  onShowPlaces,
  withholdSmallLosses = false,
}: {
  filters: FilterQuery;
  selectedDistricts: readonly string[];
  onDistrict: (name: string) => void;
  /** Absent when the role cannot list incidents: the popups then offer no way there. */
  onShowPlaces?: (names: string[]) => void;
  /** On a printed page: no district's or town's loss total where fewer than three people lost money. */
  withholdSmallLosses?: boolean;
}) {
  useEffect(() => void loadIncidentMap(), []);
  // In the URL (mapBy=loss), so a link or saved view shades the map the same way.
  const [metric, setMetric] = useViewParam<'reports' | 'loss'>('mapBy', METRIC_KEYS, 'reports');
  const chrome = useMapChrome();
  const boundaries = useQuery(boundariesQuery());
  const districts = useQuery(mapQueries.districts(filters));
  const places = useQuery(mapQueries.places(filters));
  // The same reads narrowed to reports with money lost count, per area, the people behind its total.
  const lossFilters = withholdSmallLosses ? lossesOnly(filters) : null;
  const lossDistricts = useQuery({ ...mapQueries.districts(lossFilters ?? filters), enabled: lossFilters !== null });
  const lossPlaces = useQuery({ ...mapQueries.places(lossFilters ?? filters), enabled: lossFilters !== null });
  const lossCounts =
    lossFilters === null
      ? { ready: true, districts: null, places: null }
      : {
          ready: !!lossDistricts.data && !lossDistricts.isPlaceholderData && !!lossPlaces.data && !lossPlaces.isPlaceholderData,
          districts: lossDistricts.data?.districts ?? [],
          places: lossPlaces.data?.places ?? [],
        };
  const counted = withholdSmallLosses;

  const shading = useMemo(() => {
    const list = districts.data?.districts ?? [];
    const value = (d: { reports: number; lossPence: number }) => (metric === 'reports' ? d.reports : d.lossPence);
    const scale = choroplethScale(list.map(value));
    const fillByCode: Record<string, string> = {};
    const weightByCode = new Map<string, number>();
    const infoByCode: Record<string, DistrictInfo> = {};
    const lossReports = new Map((lossCounts.districts ?? []).map((d) => [d.code, d.reports]));
    for (const d of list) {
      fillByCode[d.code] = fillFor(value(d), scale);
      weightByCode.set(d.code, value(d));
      const losses = counted ? (lossReports.get(d.code) ?? 0) : null;
      infoByCode[d.code] = { name: d.name, text: `${formatCount(d.reports)} reports · ${areaLossWords(d.lossPence, losses)}` };
    }
    for (const f of boundaries.data?.features ?? []) {
      infoByCode[f.properties.code] ??= { name: f.properties.name, text: 'no reports' };
    }
    const legend = metric === 'reports' ? legendItems(scale, formatCount, true) : legendItems(scale, formatMoneyShort, false);
    return { fillByCode, infoByCode, legend, weightByCode };
  }, [districts.data, boundaries.data, metric, lossCounts.districts, counted]);
  const mapPlaces = useMemo(
    () => (places.data && counted ? withLossReports(places.data.places, lossCounts.places) : (places.data?.places ?? [])),
    [places.data, counted, lossCounts.places],
  );

  const error = boundaries.error ?? (districts.data ? null : districts.error) ?? (places.data ? null : places.error);

  return (
    <section className="panel map-panel" aria-labelledby="map-title">
      <div className="panel__head">
        <h2 id="map-title" className="panel__heading">
          Where
        </h2>
        <Refreshing active={(places.isFetching && !places.isPending) || (districts.isFetching && !districts.isPending)} />
        {places.data?.truncated ? (
          <span className="badge" title="The API capped the list of places">
            Top places only
          </span>
        ) : null}
        <div className="panel__tools no-print">
          <Segmented legend="Shade districts by" options={METRICS} value={metric} onChange={setMetric} testId="map-metric" />
        </div>
      </div>
      <div className="map-panel__body" data-testid="map" data-metric={metric}>
        {error ? (
          <ErrorNotice
            error={error}
            title="Could not load the map"
            onRetry={() => void Promise.all([boundaries.refetch(), districts.refetch(), places.refetch()])}
          />
        ) : !boundaries.data || !districts.data || !places.data || !lossCounts.ready ? (
          <Loading label="Loading map…" height="100%" />
        ) : (
          <Suspense fallback={<Loading label="Loading map…" height="100%" />}>
            <IncidentMap
              boundaries={boundaries.data}
              fillByCode={shading.fillByCode}
              infoByCode={shading.infoByCode}
              districtWeights={shading.weightByCode}
              metric={metric}
              legendTitle={metric === 'reports' ? 'Reports per district' : 'Lost per district'}
              legend={shading.legend}
              places={mapPlaces}
              selectedDistricts={selectedDistricts}
              tileUrl={chrome.tileUrl}
              attribution={chrome.attribution}
              onDistrict={onDistrict}
              onShowPlaces={onShowPlaces}
            />
          </Suspense>
        )}
      </div>
    </section>
  );
}
