import { useMemo, useState } from 'react';
import L from 'leaflet';
import { Marker, Popup, useMap, useMapEvents } from 'react-leaflet';
import { formatCount } from '../../../utils/format';
import { areaLossWords } from '../../../utils/small-area-losses';
import { buildClusterIndex, placedMarkers, placesInCluster } from '../utils/cluster';
import type { BBox, MapPlace, MarkerDatum, PlaceIndex } from '../utils/cluster';
import { MarkerPopup } from './map-popup';

function boundsToBBox(map: L.Map): BBox {
  const b = map.getBounds();
  return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()];
}

/**
 * The icon is built from DOM nodes, not an HTML string: the count is set as textContent, so nothing
 * from the data can be interpreted as markup.
 */
function makeIcon(key: string, reports: number, isCluster: boolean, diameter: number): L.DivIcon {
  const el = document.createElement('span');
  el.className = isCluster ? 'map-marker map-marker--cluster' : 'map-marker';
  el.setAttribute('data-testid', 'map-marker');
  // The same key its name carries (`data-for`), so a name can be traced to its marker.
  el.setAttribute('data-key', key);
  el.setAttribute('data-reports', String(reports));
  el.setAttribute('data-kind', isCluster ? 'cluster' : 'place');
  el.style.width = `${diameter}px`;
  el.style.height = `${diameter}px`;
  el.style.fontSize = `${Math.max(12, Math.min(17, Math.round(diameter / 2.6)))}px`;
  el.textContent = formatCount(reports);
  return L.divIcon({ html: el, className: 'map-marker-icon', iconSize: [diameter, diameter] });
}

function PlaceMarker({
  datum,
  diameter,
  index,
  onShowPlaces,
}: {
  datum: MarkerDatum;
  diameter: number;
  index: PlaceIndex;
  onShowPlaces?: (names: string[]) => void;
}) {
  const map = useMap();
  const [open, setOpen] = useState(false);
  // Keyed on values, not the datum object: Leaflet's setIcon re-binds an open popup, so a new icon
  // after every pan (the popup's own auto-pan included) would tear the popup's content down.
  const isCluster = datum.cluster !== null;
  const icon = useMemo(() => makeIcon(datum.key, datum.reports, isCluster, diameter), [datum.key, datum.reports, isCluster, diameter]);
  const title = datum.place
    ? `${datum.place.name}: ${formatCount(datum.reports)} reports, ${areaLossWords(datum.lossPence, datum.lossReports)}`
    : `${formatCount(datum.cluster?.places ?? 0)} places: ${formatCount(datum.reports)} reports, ${areaLossWords(datum.lossPence, datum.lossReports)}`;
  // Leaves are only looked up when the popup is open: a big cluster can hold hundreds of places.
  const places = open && datum.cluster ? placesInCluster(index, datum.cluster.id) : [];
  const zoomIn = datum.cluster
    ? () => {
        const zoom = Math.min(index.getClusterExpansionZoom(datum.cluster!.id), 14);
        map.closePopup();
        map.flyTo([datum.lat, datum.lon], zoom);
      }
    : null;
  return (
    <Marker
      position={[datum.lat, datum.lon]}
      icon={icon}
      title={title}
      keyboard
      riseOnHover
      eventHandlers={{
        // Leaflet leaves focus on the marker and puts the popup at the end of the map's DOM, so a
        // keyboard user is taken into the popup and brought back to the marker when it closes.
        popupopen: (e: L.PopupEvent) => {
          setOpen(true);
          const marker = (e.target as L.Marker).getElement();
          if (marker && marker.contains(document.activeElement)) {
            // The first button, if the popup has any (a viewer's place popup has none): else the
            // popup's own close button, so Escape and Tab still work from inside it.
            requestAnimationFrame(() =>
              e.popup.getElement()?.querySelector<HTMLElement>('.map-popup button, .leaflet-popup-close-button')?.focus(),
            );
          }
        },
        popupclose: (e: L.PopupEvent) => {
          setOpen(false);
          const marker = (e.target as L.Marker).getElement();
          if (marker && e.popup.getElement()?.contains(document.activeElement)) marker.focus();
        },
      }}
    >
      <Popup minWidth={220} maxWidth={320}>
        <MarkerPopup datum={datum} places={places} onShowPlaces={onShowPlaces} onZoomIn={zoomIn} onClose={() => map.closePopup()} />
      </Popup>
    </Marker>
  );
}

/** Place markers, clustered with report counts summed, sized by reports and labelled with them. */
export function ClusterLayer({ places, onShowPlaces }: { places: readonly MapPlace[]; onShowPlaces?: (names: string[]) => void }) {
  const map = useMap();
  const index = useMemo(() => buildClusterIndex(places), [places]);
  const [view, setView] = useState(() => ({ bbox: boundsToBBox(map), zoom: map.getZoom() }));
  useMapEvents({
    moveend: () => setView({ bbox: boundsToBBox(map), zoom: map.getZoom() }),
  });
  const markers = useMemo(() => placedMarkers(index, view.bbox, view.zoom), [index, view]);
  return (
    <>
      {markers.map((m) => (
        <PlaceMarker key={m.key} datum={m} diameter={m.diameter} index={index} onShowPlaces={onShowPlaces} />
      ))}
    </>
  );
}
