import { useEffect, useMemo } from 'react';
import L from 'leaflet';
import { useMap } from 'react-leaflet';
import type { BoundaryCollection, MapLabels } from '@scam/shared';
import { districtLabelPoints, labelScale, labelWidth, placeLabels, settlementClass, twoLines } from '../../utils/map-labels';
import type { Box, LabelScale, MarkerName, PlacedLabel, SettlementClass } from '../../utils/map-labels';

/** Pixels kept clear around every name: enough air that the map still reads as a map. */
const LABEL_GAP = 6;
/** The biggest markers always named, however crowded the map. */
const ALWAYS_NAMED = 5;

/** A marker drawn on the map: names keep clear of it, and a place's own name sits beside it. */
export interface MarkerSpot {
  /** The marker's key, written on its name too (`data-for`), so a name can be traced to its marker. */
  id: string;
  lat: number;
  lon: number;
  diameter: number;
  /** What the view is about at this marker: its reports, or its loss. Ranks the names. */
  weight: number;
  /** The name written beside the marker ("Watford", "Watford +12"); null to write none. */
  label: string | null;
  /** A shorter name for when the full one has no room ("Watford" for "Watford +12"). */
  short?: string | null;
  /** The place that name is for: its plain town name is then not written again. */
  place: string | null;
}

type LabelKind = PlacedLabel['kind'];

/**
 * Measures names as the browser will draw them (font, weight, letter spacing and case from the
 * labels' own CSS), so the boxes that keep names apart are the names' real size. Falls back to an
 * estimate where there is no canvas.
 */
function labelMeasurer(container: HTMLElement): (text: string, kind: LabelKind) => { width: number; height: number } {
  const context = document.createElement('canvas').getContext('2d');
  const styles = new Map<LabelKind, { font: string; spacing: number; upper: boolean; height: number; px: number }>();
  for (const kind of ['marker', 'district', 'town'] as const) {
    const probe = document.createElement('span');
    probe.className = `map-label map-label--${kind === 'marker' ? 'town' : kind}`;
    probe.style.position = 'absolute';
    probe.style.visibility = 'hidden';
    container.append(probe);
    const css = getComputedStyle(probe);
    const px = parseFloat(css.fontSize) || 12;
    styles.set(kind, {
      font: css.font || `600 ${px}px sans-serif`,
      spacing: parseFloat(css.letterSpacing) || 0,
      upper: css.textTransform === 'uppercase',
      height: Math.ceil(parseFloat(css.lineHeight) || px + 4),
      px,
    });
    probe.remove();
  }
  const cache = new Map<string, { width: number; height: number }>();
  const lineWidth = (line: string, s: { font: string; spacing: number; px: number }) => {
    if (!context) return labelWidth(line, s.px);
    context.font = s.font;
    // Two pixels either side for the white halo drawn round the letters.
    return Math.ceil(context.measureText(line).width + s.spacing * line.length) + 4;
  };
  return (text, kind) => {
    const key = `${kind}\u0000${text}`;
    const hit = cache.get(key);
    if (hit) return hit;
    const s = styles.get(kind)!;
    const lines = (s.upper ? text.toUpperCase() : text).split('\n');
    const size = { width: Math.max(...lines.map((l) => lineWidth(l, s))), height: s.height * lines.length };
    cache.set(key, size);
    return size;
  };
}

/** A label's element: text set as textContent, so a place name can never be read as markup. */
function labelIcon(label: PlacedLabel): L.DivIcon {
  const el = document.createElement('span');
  el.className = `map-label map-label--${label.kind === 'district' ? 'district' : 'town'}`;
  el.setAttribute('data-testid', 'map-label');
  el.setAttribute('data-kind', label.kind);
  el.style.textAlign = label.align;
  if (label.markerId) el.setAttribute('data-for', label.markerId);
  el.textContent = label.text;
  return L.divIcon({ html: el, className: 'map-label-icon', iconSize: [label.width, label.height], iconAnchor: [0, 0] });
}

/**
 * The map's names: the biggest markers' first (with a line out to free space when they are boxed in),
 * then district names, the other markers', and town names from the offline gazetteer by size, thinned
 * at every zoom so that no two touch and none covers a marker. The choices are `placeLabels`'s; this
 * layer measures, projects and draws. Used by the overview (and its print) and the series and appeal
 * maps, so the same rules name places on screen and on paper.
 */
export function LabelLayer({
  boundaries,
  labels,
  weightInView,
  reportsEver,
  districtWeights,
  markers,
  skipPlaces,
  ownDistricts,
}: {
  boundaries: BoundaryCollection;
  labels: MapLabels | undefined;
  /** Reports (or loss) per place name in the current view of the data (the filters). */
  weightInView: ReadonlyMap<string, number>;
  /** Reports per place name over all the data: how big a place is, to rank places the view says nothing about. */
  reportsEver: ReadonlyMap<string, number>;
  /** Reports (or loss) per district code in the view: the districts the view shades most are named first. */
  districtWeights: ReadonlyMap<string, number>;
  /** The markers in view at the map's current zoom, which no name may cover. */
  markers?: (map: L.Map) => readonly MarkerSpot[];
  /** Places the map names beside their markers, so not again as towns (the series map's members). */
  skipPlaces?: ReadonlySet<string>;
  /**
   * A series map's own districts: towns in them are named at the county scale, towns elsewhere only
   * once zoomed in, so no outside place reads as one of the series'. Absent: every town is the view's.
   */
  ownDistricts?: ReadonlySet<string>;
}) {
  const map = useMap();
  const districtPoints = useMemo(
    () =>
      boundaries.features.map((f) => ({
        code: f.properties.code,
        name: f.properties.name,
        points: districtLabelPoints(f.geometry),
      })),
    [boundaries],
  );
  const towns = useMemo(() => {
    const districtNames = new Set(boundaries.features.map((f) => f.properties.name.toLowerCase()));
    let total = 0;
    for (const n of reportsEver.values()) total += n;
    return (labels?.places ?? [])
      .filter((p) => !skipPlaces?.has(p.name))
      .map((p) => {
        const size = reportsEver.get(p.name) ?? 0;
        const settlement: SettlementClass = settlementClass(size, total, districtNames.has(p.name.toLowerCase()));
        return { ...p, size, settlement, own: ownDistricts ? ownDistricts.has(p.district) : true };
      });
  }, [boundaries, labels, reportsEver, skipPlaces, ownDistricts]);

  useEffect(() => {
    if (!map.getPane('labels')) {
      const pane = map.createPane('labels');
      // Above the district shapes (overlayPane 400), below the markers (600) and popups.
      pane.style.zIndex = '450';
      pane.style.pointerEvents = 'none';
    }
    const measure = labelMeasurer(map.getContainer());
    const renderer = L.svg({ pane: 'labels' });
    const group = L.layerGroup([], { pane: 'labels' }).addTo(map);
    const draw = () => {
      group.clearLayers();
      const scale: LabelScale = labelScale(map.getZoom());
      const size = map.getSize();
      const px = (lat: number, lon: number) => map.latLngToContainerPoint([lat, lon]);
      const spots = markers?.(map) ?? [];
      const named = new Set(spots.map((m) => m.place).filter((p): p is string => p !== null));
      const markerInputs = spots.map((m) => {
        const p = px(m.lat, m.lon);
        return {
          id: m.id,
          x: p.x,
          y: p.y,
          r: m.diameter / 2,
          weight: m.weight,
          names: markerNames(m).map((text): MarkerName => ({ text, ...measure(text, 'marker') })),
        };
      });
      const districts = districtPoints.map((d) => ({
        id: d.code,
        text: d.name,
        points: d.points.map(([lat, lon]) => px(lat, lon)),
        weight: districtWeights.get(d.code) ?? 0,
        ...measure(d.name, 'district'),
      }));
      const bounds = map.getBounds().pad(0.1);
      const townInputs = towns
        .filter((t) => !named.has(t.name) && bounds.contains([t.lat, t.lon]))
        .map((t) => {
          const p = px(t.lat, t.lon);
          return {
            id: `${t.name}:${t.district}`,
            text: t.name,
            x: p.x,
            y: p.y,
            settlement: t.settlement,
            weight: weightInView.get(t.name) ?? 0,
            size: t.size,
            own: t.own,
            ...measure(t.name, 'town'),
          };
        });
      const placed = placeLabels({
        view: { width: size.x, height: size.y },
        scale,
        markers: markerInputs,
        districts,
        towns: townInputs,
        obstacles: controlBoxes(map),
        alwaysNamed: ALWAYS_NAMED,
        othersFrom: ownDistricts ? 'close' : 'county',
        gap: LABEL_GAP,
      });
      for (const label of placed) {
        // Each name is pinned to the map at its own top-left corner, so it stays put while panning.
        const at = map.containerPointToLatLng([label.x, label.y]);
        L.marker(at, { pane: 'labels', icon: labelIcon(label), interactive: false, keyboard: false }).addTo(group);
        if (label.leader) {
          const { x1, y1, x2, y2 } = label.leader;
          L.polyline([map.containerPointToLatLng([x1, y1]), map.containerPointToLatLng([x2, y2])], {
            pane: 'labels',
            renderer,
            interactive: false,
            // The names' own colour, a little heavier than a district edge, so the line reads as the name's.
            color: '#111418',
            weight: 1.5,
            className: 'map-label-leader',
          }).addTo(group);
        }
      }
    };
    draw();
    map.on('zoomend moveend resize', draw);
    return () => {
      map.off('zoomend moveend resize', draw);
      group.remove();
      renderer.remove();
    };
  }, [map, districtPoints, towns, districtWeights, weightInView, markers, ownDistricts]);
  return null;
}

/** A marker's name in the forms it may take, best first: in full, shorter, and shorter on two lines. */
function markerNames(m: MarkerSpot): string[] {
  if (!m.label) return [];
  const short = m.short && m.short !== m.label ? m.short : null;
  const wrapped = twoLines(short ?? m.label);
  return [m.label, ...(short ? [short] : []), ...(wrapped ? [wrapped] : [])];
}

/** The map's own controls (the zoom buttons), as boxes no name may be written under. */
function controlBoxes(map: L.Map): Box[] {
  const container = map.getContainer();
  const origin = container.getBoundingClientRect();
  return [...container.querySelectorAll<HTMLElement>('.leaflet-control')]
    .map((el) => el.getBoundingClientRect())
    .filter((r) => r.width > 0 && r.height > 0)
    .map((r) => ({ x: r.left - origin.left, y: r.top - origin.top, width: r.width, height: r.height }));
}
