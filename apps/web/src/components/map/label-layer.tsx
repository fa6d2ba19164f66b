import { useEffect, useMemo } from 'react';
import L from 'leaflet';
import { useMap } from 'react-leaflet';
import type { BoundaryCollection, MapLabels } from '@scam/shared';
import {
  CLOSE_ZOOM,
  DISTRICT_PRIORITY_CLOSE,
  DISTRICT_PRIORITY_WIDE,
  MARKER_SIDES,
  besideMarker,
  labelWidth,
  polygonLabelPoint,
  thinLabels,
  townPriority,
} from '../../utils/map-labels';
import type { LabelBox } from '../../utils/map-labels';

const TOWN_PX = 12;
const DISTRICT_PX = 11;
/** Towns sit to the right of their point, clear of a small marker drawn on it. */
const TOWN_OFFSET_X = 9;
/** Pixels kept clear around every name: enough air that the map still reads as a map. */
const LABEL_GAP = 6;
/** Names beside markers outrank district names, which outrank other towns. */
const MARKER_LABEL_PRIORITY = 2 * DISTRICT_PRIORITY_WIDE;
/** Below this zoom only places that have had reports are named: hamlets would crowd the county view. */
const HAMLET_ZOOM = 11.5;

/** A marker drawn on the map: names keep clear of it, and a place's own name sits beside it. */
export interface MarkerSpot {
  lat: number;
  lon: number;
  diameter: number;
  reports: number;
  /** The name written beside the marker ("Watford", "Watford +12"); null to write none. */
  label: string | null;
  /** The place that name is for: its plain town name is then not written again. */
  place: string | null;
}

interface Candidate {
  id: string;
  text: string;
  lat: number;
  lon: number;
  kind: 'district' | 'town';
  /** Priority for the two zoom regimes: the county view and a closer look. */
  wide: number;
  close: number;
  /** Pixels from the point to the label's top-left corner, once placed. */
  dx?: number;
  dy?: number;
}

/** A label's element: text set as textContent, so a place name can never be read as markup. */
function labelIcon(c: Candidate, width: number, height: number): L.DivIcon {
  const el = document.createElement('span');
  el.className = `map-label map-label--${c.kind}`;
  el.setAttribute('data-testid', 'map-label');
  el.setAttribute('data-kind', c.kind);
  el.textContent = c.text;
  const anchor: [number, number] = [-(c.dx ?? -width / 2), -(c.dy ?? -height / 2)];
  return L.divIcon({ html: el, className: 'map-label-icon', iconSize: [width, height], iconAnchor: anchor });
}

/**
 * District names (at each district's label point) and town names from the offline gazetteer, drawn
 * under the markers and thinned at every zoom so that no two touch: while the county is in view the
 * districts and the places with reports are named; closer in, more towns appear.
 */
export function LabelLayer({
  boundaries,
  labels,
  reportsInView,
  reportsEver,
  markers,
  skipPlaces,
}: {
  boundaries: BoundaryCollection;
  labels: MapLabels | undefined;
  /** Reports per place name in the current view of the data (the filters). */
  reportsInView: ReadonlyMap<string, number>;
  /** Reports per place name over all the data, to rank places that have none in the view. */
  reportsEver: ReadonlyMap<string, number>;
  /** The markers in view at the map's current zoom, which no name may cover. */
  markers?: (map: L.Map) => readonly MarkerSpot[];
  /** Places the map names beside their markers, so not again as towns (the series map's members). */
  skipPlaces?: ReadonlySet<string>;
}) {
  const map = useMap();
  const candidates = useMemo(() => {
    const list: Candidate[] = [];
    for (const f of boundaries.features) {
      const at = polygonLabelPoint(f.geometry);
      if (!at) continue;
      const id = `d:${f.properties.code}`;
      list.push({
        id,
        text: f.properties.name,
        lat: at[0],
        lon: at[1],
        kind: 'district',
        wide: DISTRICT_PRIORITY_WIDE,
        close: DISTRICT_PRIORITY_CLOSE,
      });
    }
    for (const p of labels?.places ?? []) {
      if (skipPlaces?.has(p.name)) continue;
      const priority = townPriority(reportsInView.get(p.name) ?? 0, reportsEver.get(p.name) ?? 0);
      list.push({ id: `t:${p.name}:${p.district}`, text: p.name, lat: p.lat, lon: p.lon, kind: 'town', wide: priority, close: priority });
    }
    return list;
  }, [boundaries, labels, reportsInView, reportsEver, skipPlaces]);

  useEffect(() => {
    if (!map.getPane('labels')) {
      const pane = map.createPane('labels');
      // Above the district shapes (overlayPane 400), below the markers (600) and popups.
      pane.style.zIndex = '450';
      pane.style.pointerEvents = 'none';
    }
    const group = L.layerGroup([], { pane: 'labels' }).addTo(map);
    const draw = () => {
      group.clearLayers();
      const zoom = map.getZoom();
      const close = zoom >= CLOSE_ZOOM;
      const size = map.getSize();
      const boxes: (LabelBox & { c: Candidate | null })[] = [];
      // Markers go in first, as boxes no name can displace (they are not drawn here); then the name
      // beside each marker, so a cluster marked "3" says where it is before anything else is named.
      // Each such name may go on any side of its marker, right first: the first side free is used.
      const named = new Set<string>();
      const spots = markers?.(map) ?? [];
      for (const [i, m] of spots.entries()) {
        const p = map.latLngToContainerPoint([m.lat, m.lon]);
        const r = m.diameter / 2;
        boxes.push({ id: `m:${i}`, x: p.x - r, y: p.y - r, width: m.diameter, height: m.diameter, priority: Infinity, c: null });
        if (m.place) named.add(m.place);
        if (!m.label) continue;
        const width = labelWidth(m.label, TOWN_PX);
        const height = TOWN_PX + 4;
        for (const [k, side] of MARKER_SIDES.entries()) {
          const { dx, dy } = besideMarker(side, r, width, height);
          const c: Candidate = { id: `ml:${i}:${side}`, text: m.label, lat: m.lat, lon: m.lon, kind: 'town', wide: 0, close: 0, dx, dy };
          // Reports are whole numbers: a tenth per side keeps a busier marker's every choice first.
          const priority = MARKER_LABEL_PRIORITY + m.reports - k / 10;
          boxes.push({ id: c.id, x: p.x + dx, y: p.y + dy, width, height, priority, group: `ml:${i}`, c });
        }
      }
      for (const c of candidates) {
        if (c.kind === 'town' && named.has(c.text)) continue;
        const priority = close ? c.close : c.wide;
        if (c.kind === 'town' && priority === 0 && zoom < HAMLET_ZOOM) continue;
        const px = c.kind === 'town' ? TOWN_PX : DISTRICT_PX;
        const width = labelWidth(c.kind === 'district' ? c.text.toUpperCase() : c.text, px);
        const height = px + 4;
        const p = map.latLngToContainerPoint([c.lat, c.lon]);
        const dx = c.kind === 'town' ? TOWN_OFFSET_X : -width / 2;
        const dy = -height / 2;
        boxes.push({ id: c.id, x: p.x + dx, y: p.y + dy, width, height, priority, c: { ...c, dx, dy } });
      }
      const keep = thinLabels(boxes, { width: size.x, height: size.y }, LABEL_GAP);
      for (const b of boxes) {
        if (!b.c || !keep.has(b.id)) continue;
        L.marker([b.c.lat, b.c.lon], {
          pane: 'labels',
          icon: labelIcon(b.c, b.width, b.height),
          interactive: false,
          keyboard: false,
        }).addTo(group);
      }
    };
    draw();
    map.on('zoomend moveend resize', draw);
    return () => {
      map.off('zoomend moveend resize', draw);
      group.remove();
    };
  }, [map, candidates, markers]);
  return null;
}
