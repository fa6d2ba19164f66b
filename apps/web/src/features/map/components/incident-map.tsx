import { useCallback, useMemo, useState } from 'react';
import type L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { MapContainer, TileLayer } from 'react-leaflet';
import type { BoundaryCollection } from '@scam/shared';
import type { LegendItem } from '../../../utils/choropleth';
import { ClusterLayer } from './cluster-layer';
import { buildClusterIndex, markerLabel, placedMarkers } from '../utils/cluster';
import type { MapPlace } from '../utils/cluster';
import type { MarkerSpot } from '../../../components/map/label-layer';
import { DistrictLayer } from '../../../components/map/district-layer';
import { LabelLayer } from '../../../components/map/label-layer';
import { MapLegend, PlacesNote } from '../../../components/map/map-legend';
import { useMapLabels } from '../../../api/map-labels.queries';

export interface DistrictInfo {
  name: string;
  text: string;
}

export interface IncidentMapProps {
  boundaries: BoundaryCollection;
  fillByCode: Record<string, string>;
  infoByCode: Record<string, DistrictInfo>;
  /** The shaded measure per district code: the districts the map shades most are named first. */
  districtWeights: ReadonlyMap<string, number>;
  /** What the map is about: its names are ranked by reports or by money lost. */
  metric: 'reports' | 'loss';
  legendTitle: string;
  legend: LegendItem[];
  places: readonly MapPlace[];
  selectedDistricts: readonly string[];
  tileUrl: string | null;
  attribution: readonly string[];
  onDistrict: (name: string) => void;
  onShowPlaces?: (names: string[]) => void;
}

/**
 * The Leaflet map, loaded on demand. No tile server by default: the district shapes on a plain
 * background work offline. Attribution is our own text element, because Leaflet's attribution
 * control inserts its strings as HTML.
 */
export default function IncidentMap(props: IncidentMapProps) {
  const [hovered, setHovered] = useState<string | null>(null);
  const info = hovered ? props.infoByCode[hovered] : undefined;
  const { labels, reportsEver } = useMapLabels();
  const weightOf = useCallback(
    (p: { reports: number; lossPence: number }) => (props.metric === 'loss' ? p.lossPence : p.reports),
    [props.metric],
  );
  const weightInView = useMemo(() => {
    const byName = new Map<string, number>();
    for (const p of props.places) byName.set(p.name, (byName.get(p.name) ?? 0) + weightOf(p));
    return byName;
  }, [props.places, weightOf]);
  // The same clusters the marker layer draws (same index settings), so names keep clear of them.
  const index = useMemo(() => buildClusterIndex(props.places), [props.places]);
  const markerSpots = useCallback(
    (map: L.Map): MarkerSpot[] => {
      const b = map.getBounds();
      return placedMarkers(index, [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], map.getZoom()).map((m) => ({
        id: m.key,
        lat: m.lat,
        lon: m.lon,
        diameter: m.diameter,
        weight: weightOf(m),
        label: markerLabel(m),
        short: m.topPlace,
        place: m.topPlace,
      }));
    },
    [index, weightOf],
  );
  return (
    <div className="map-layout">
      <div className="map-frame">
        <MapContainer
          className="map-canvas"
          center={[51.8, -0.25]}
          zoom={9}
          minZoom={7}
          maxZoom={15}
          zoomSnap={0.25}
          attributionControl={false}
          preferCanvas={false}
        >
          {props.tileUrl ? <TileLayer url={props.tileUrl} /> : null}
          <DistrictLayer
            boundaries={props.boundaries}
            fillByCode={props.fillByCode}
            selected={props.selectedDistricts}
            onDistrict={props.onDistrict}
            onHover={setHovered}
          />
          <LabelLayer
            boundaries={props.boundaries}
            labels={labels}
            weightInView={weightInView}
            reportsEver={reportsEver}
            districtWeights={props.districtWeights}
            markers={markerSpots}
          />
          <ClusterLayer places={props.places} onShowPlaces={props.onShowPlaces} />
        </MapContainer>
      </div>
      {/* Under the map, not over it: a box in a corner hid the markers beneath it. */}
      <p className="map-info" aria-live="polite">
        {info ? (
          <>
            <strong>{info.name}</strong> {info.text}
          </>
        ) : (
          <span className="muted">Point at a district for its figures; click it to filter to it</span>
        )}
      </p>
      <MapLegend title={props.legendTitle} items={props.legend}>
        <PlacesNote />
      </MapLegend>
      {/* Below the map rather than over it: the licences need the full text, which would hide markers. */}
      <p className="map-attribution" data-testid="map-attribution">
        {props.attribution.map((line) => (
          <span key={line}>{line}</span>
        ))}
        {props.tileUrl ? <span>Map tiles: {safeHost(props.tileUrl)}</span> : null}
      </p>
    </div>
  );
}

function safeHost(url: string): string {
  try {
    return new URL(url.replace(/\{[a-z]\}/g, 'a')).host;
  } catch {
    return 'tile server';
  }
}
