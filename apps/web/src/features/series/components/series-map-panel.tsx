import { lazy, Suspense, useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { metaTileUrl, useMeta } from '../../../api/meta.queries';
import { ErrorNotice, Loading } from '../../../components/status';
import { DEFAULT_ATTRIBUTION } from '../../map/components/map-panel';
import { mapQueries } from '../../map/api/map.queries';
import { choroplethScale, fillFor, legendItems } from '../../map/utils/choropleth';
import { formatCount, plural } from '../../../utils/format';
import type { MapPlace } from '../utils/members';

const SeriesMap = lazy(() => import('./series-map'));

/** District shading and legend for a set of district counts (series members or appeal areas). */
export function useDistrictShading(districts: readonly { name: string; count: number }[]) {
  const boundaries = useQuery(mapQueries.boundaries());
  const shading = useMemo(() => {
    const scale = choroplethScale(districts.map((d) => d.count));
    const countByName = new Map(districts.map((d) => [d.name, d.count]));
    const fillByCode: Record<string, string> = {};
    for (const f of boundaries.data?.features ?? []) {
      const n = countByName.get(f.properties.name);
      if (n !== undefined) fillByCode[f.properties.code] = fillFor(n, scale);
    }
    return { fillByCode, legend: legendItems(scale, formatCount, true) };
  }, [districts, boundaries.data]);
  return { boundaries, ...shading };
}

export function useMapChrome() {
  const meta = useMeta();
  return {
    attribution: meta.data?.attribution.length ? meta.data.attribution : DEFAULT_ATTRIBUTION,
    tileUrl: (import.meta.env.VITE_TILE_URL as string | undefined) || metaTileUrl(meta.data),
  };
}

export function SeriesMapPanel({
  districts,
  places,
  centre,
  radiusKm,
  placesLoading,
  notLoaded,
}: {
  districts: { name: string; count: number }[];
  places: MapPlace[];
  centre: { lat: number; lon: number } | null;
  radiusKm: number;
  placesLoading: boolean;
  notLoaded: number;
}) {
  const { boundaries, fillByCode, legend } = useDistrictShading(districts);
  const chrome = useMapChrome();
  return (
    <section className="panel series-map-panel" aria-labelledby="series-map-title">
      <div className="panel__head">
        <h2 id="series-map-title" className="panel__heading">
          Where
        </h2>
        <span className="small muted">
          {plural(places.length, 'place')}
          {notLoaded > 0 ? ` · ${plural(notLoaded, 'incident')} not mapped` : ''}
        </span>
      </div>
      <div className="series-map-panel__body" data-testid="series-map">
        {boundaries.isError ? (
          <ErrorNotice error={boundaries.error} title="Could not load the map" onRetry={() => void boundaries.refetch()} />
        ) : !boundaries.data || placesLoading ? (
          <Loading label="Loading map…" height="100%" />
        ) : (
          <Suspense fallback={<Loading label="Loading map…" height="100%" />}>
            <SeriesMap
              boundaries={boundaries.data}
              fillByCode={fillByCode}
              focus={districts.map((d) => d.name)}
              places={places}
              centre={centre}
              radiusKm={radiusKm}
              legendTitle="Series reports per district"
              legend={legend}
              tileUrl={chrome.tileUrl}
              attribution={chrome.attribution}
            />
          </Suspense>
        )}
      </div>
    </section>
  );
}
