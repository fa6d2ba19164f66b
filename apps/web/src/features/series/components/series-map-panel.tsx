import { lazy, Suspense } from 'react';
import { ErrorNotice, Loading } from '../../../components/status';
import { useDistrictShading } from '../../../components/map/use-district-shading';
import { useMapChrome } from '../../../components/map/use-map-chrome';
import { plural } from '../../../utils/format';
import type { MapPlace } from '../../../utils/map-places';

const SeriesMap = lazy(() => import('../../../components/map/series-map'));

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
  const { boundaries, fillByCode, countByCode, legend } = useDistrictShading(districts);
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
              countByCode={countByCode}
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
