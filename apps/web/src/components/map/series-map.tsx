import { useCallback, useMemo } from 'react';
import 'leaflet/dist/leaflet.css';
import './series-map.css';
import { Circle, CircleMarker, MapContainer, TileLayer, Tooltip } from 'react-leaflet';
import type { BoundaryCollection } from '@scam/shared';
import { DistrictLayer } from './district-layer';
import type { LegendItem } from '../../utils/choropleth';
import { formatCount, plural } from '../../utils/format';
import type { MapPlace } from '../../utils/map-places';
import { markerRadius } from '../../utils/map-places';
import { MapLegend, PlacesNote } from './map-legend';
import { LabelLayer } from './label-layer';
import { useMapLabels } from '../../api/map-labels.queries';

export interface SeriesMapProps {
  boundaries: BoundaryCollection;
  fillByCode: Record<string, string>;
  /** The series' (or appeal's) count per district code: its own districts, named first, most first. */
  countByCode: ReadonlyMap<string, number>;
  /** District names to fit the view to. */
  focus: string[];
  places: MapPlace[];
  centre: { lat: number; lon: number } | null;
  radiusKm: number;
  legendTitle: string;
  legend: LegendItem[];
  tileUrl: string | null;
  attribution: readonly string[];
  /** Printing has no pointer: the map is a picture there, so it is not interactive. */
  interactive?: boolean;
}

const MARKER = '#D55E00';
const CENTRE = '#0b2545';

/**
 * Where a series happened, on the whole county so the reader sees where in it: its districts shaded
 * by member count, one marker per place sized by its reports, and the detection's centre and radius.
 * Each place is named beside its marker by the label layer, which keeps names off each other and off
 * the markers (a name with no room is left to the marker's hover tooltip); names are set as text,
 * never HTML strings; attribution is our own text element because Leaflet's control inserts HTML.
 */
export default function SeriesMap(props: SeriesMapProps) {
  const max = props.places.reduce((m, p) => Math.max(m, p.count), 0);
  const interactive = props.interactive ?? true;
  const { labels, reportsEver } = useMapLabels();
  // The series' own places first: its member places beside their markers, then its districts, then
  // the towns in its districts. Towns elsewhere are named only once zoomed in, so that at the county
  // view no name of a place outside the series reads as one of its places.
  const memberNames = useMemo(() => new Set(props.places.map((p) => p.name)), [props.places]);
  const memberCounts = useMemo(() => new Map(props.places.map((p) => [p.name, p.count])), [props.places]);
  // An appeal's map has no places, only its areas: a town named there would read as where the calls
  // were ("Royston" on a Hitchin series), so it names districts alone until zoomed in.
  const ownDistricts = useMemo(() => {
    const names = new Set<string>();
    if (props.places.length === 0) return names;
    for (const f of props.boundaries.features) if ((props.countByCode.get(f.properties.code) ?? 0) > 0) names.add(f.properties.name);
    return names;
  }, [props.boundaries, props.countByCode, props.places.length]);
  const markerSpots = useCallback(
    () =>
      props.places.map((p) => ({
        id: `p:${p.name}`,
        lat: p.lat,
        lon: p.lon,
        diameter: 2 * markerRadius(p.count, max),
        weight: p.count,
        label: `${p.name} (${formatCount(p.count)})`,
        place: p.name,
      })),
    [props.places, max],
  );
  return (
    <div className="map-layout">
      <div className="map-frame">
        <MapContainer
          className="map-canvas"
          center={props.centre ? [props.centre.lat, props.centre.lon] : [51.8, -0.25]}
          zoom={10}
          minZoom={7}
          maxZoom={15}
          zoomSnap={0.25}
          attributionControl={false}
          zoomControl={interactive}
          dragging={interactive}
          scrollWheelZoom={false}
          doubleClickZoom={interactive}
          keyboard={interactive}
        >
          {props.tileUrl ? <TileLayer url={props.tileUrl} /> : null}
          <DistrictLayer
            boundaries={props.boundaries}
            fillByCode={props.fillByCode}
            selected={props.focus}
            fitTo="all"
            onDistrict={() => undefined}
            onHover={() => undefined}
          />
          <LabelLayer
            boundaries={props.boundaries}
            labels={labels}
            weightInView={memberCounts}
            reportsEver={reportsEver}
            districtWeights={props.countByCode}
            markers={markerSpots}
            skipPlaces={memberNames}
            ownDistricts={ownDistricts}
          />
          {props.centre ? (
            <Circle
              center={[props.centre.lat, props.centre.lon]}
              // A zero radius (all reports from one place) would vanish; half a kilometre still marks the spot.
              radius={Math.max(500, props.radiusKm * 1000)}
              pathOptions={{ color: CENTRE, weight: 2, dashArray: '6 4', fillOpacity: 0.04 }}
              interactive={false}
            />
          ) : null}
          {props.places.map((p) => (
            <CircleMarker
              key={p.name}
              center={[p.lat, p.lon]}
              radius={markerRadius(p.count, max)}
              // Leaflet reads className only when it creates the path: an option, not a style.
              className="series-map__marker"
              pathOptions={{ color: '#fff', weight: 1.5, fillColor: MARKER, fillOpacity: 0.85 }}
            >
              {interactive ? (
                <Tooltip direction="top" offset={[0, -4]}>
                  <span className="series-map__label">
                    {p.name}: {plural(p.count, 'report')}
                  </span>
                </Tooltip>
              ) : null}
            </CircleMarker>
          ))}
        </MapContainer>
      </div>
      <MapLegend title={props.legendTitle} items={props.legend}>
        {props.places.length > 0 ? <PlacesNote /> : null}
        {props.centre ? (
          <p className="map-legend__note">
            <span className="series-map__ring" aria-hidden="true" /> detected area
          </p>
        ) : null}
      </MapLegend>
      <p className="map-attribution">
        {props.attribution.map((line) => (
          <span key={line}>{line}</span>
        ))}
      </p>
    </div>
  );
}
