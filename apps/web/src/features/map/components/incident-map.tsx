import { useState } from 'react';
import 'leaflet/dist/leaflet.css';
import { MapContainer, TileLayer, useMapEvents } from 'react-leaflet';
import type { BoundaryCollection, PlaceAggregate } from '@scam/shared';
import type { LegendItem } from '../../../utils/choropleth';
import { ClusterLayer } from './cluster-layer';
import { DistrictLayer } from '../../../components/map/district-layer';
import { MapLegend, PlacesNote } from '../../../components/map/map-legend';

export interface DistrictInfo {
  name: string;
  text: string;
}

export interface IncidentMapProps {
  boundaries: BoundaryCollection;
  fillByCode: Record<string, string>;
  infoByCode: Record<string, DistrictInfo>;
  legendTitle: string;
  legend: LegendItem[];
  places: readonly PlaceAggregate[];
  selectedDistricts: readonly string[];
  tileUrl: string | null;
  attribution: readonly string[];
  onDistrict: (name: string) => void;
  onShowPlaces?: (names: string[]) => void;
}

/**
 * Leaflet's map pane is its own stacking context, so an overlay cannot sit between the markers and a
 * popup: the legend and hover box step aside while a popup is open instead.
 */
function PopupWatcher({ onChange }: { onChange: (open: boolean) => void }) {
  useMapEvents({ popupopen: () => onChange(true), popupclose: () => onChange(false) });
  return null;
}

/**
 * The Leaflet map, loaded on demand. No tile server by default: the district shapes on a plain
 * background work offline. Attribution is our own text element, because Leaflet's attribution
 * control inserts its strings as HTML.
 */
export default function IncidentMap(props: IncidentMapProps) {
  const [hovered, setHovered] = useState<string | null>(null);
  const [popupOpen, setPopupOpen] = useState(false);
  const info = hovered ? props.infoByCode[hovered] : undefined;
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
          <ClusterLayer places={props.places} onShowPlaces={props.onShowPlaces} />
          <PopupWatcher onChange={setPopupOpen} />
        </MapContainer>
        <div className="map-info" aria-live="polite" hidden={popupOpen}>
          {info ? (
            <>
              <strong>{info.name}</strong> {info.text}
            </>
          ) : (
            <span className="muted">Click a district to filter to it</span>
          )}
        </div>
        <MapLegend title={props.legendTitle} items={props.legend} hidden={popupOpen}>
          <PlacesNote />
        </MapLegend>
      </div>
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
