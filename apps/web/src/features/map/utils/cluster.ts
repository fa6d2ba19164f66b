import Supercluster from 'supercluster';
import { METHODS } from '@scam/shared';
import type { Method, PlaceAggregate } from '@scam/shared';

export type MethodCounts = Partial<Record<Method, number>>;

/** A place as the map takes it: with how many of its reports lost money, where that was counted. */
export interface MapPlace extends PlaceAggregate {
  lossReports?: number;
}

/** Properties of one place point. */
export interface PlacePointProps {
  name: string;
  district: string;
  reports: number;
  lossPence: number;
  /** Reports with money lost, or null where not counted (the screen shows every total). */
  lossReports: number | null;
  methods: MethodCounts;
}

/** What a cluster accumulates from its places: reports and loss are summed, not places counted. */
export interface ClusterAggregate {
  reports: number;
  lossPence: number;
  lossReports: number | null;
  methods: MethodCounts;
  /** The place with the most reports: the name the map writes beside the cluster. */
  top: { name: string; reports: number };
}

export type PlaceIndex = Supercluster<PlacePointProps, ClusterAggregate>;

export function buildClusterIndex(places: readonly MapPlace[], options: { radius?: number; maxZoom?: number } = {}): PlaceIndex {
  const index = new Supercluster<PlacePointProps, ClusterAggregate>({
    // Supercluster measures the radius on 512px tiles: 90 is ~45 screen pixels, about one marker.
    radius: options.radius ?? 90,
    maxZoom: options.maxZoom ?? 14,
    map: (p) => ({
      reports: p.reports,
      lossPence: p.lossPence,
      lossReports: p.lossReports,
      methods: { ...p.methods },
      top: { name: p.name, reports: p.reports },
    }),
    reduce: (acc, p) => {
      acc.reports += p.reports;
      acc.lossReports = acc.lossReports === null || p.lossReports === null ? null : acc.lossReports + p.lossReports;
      if (p.top.reports > acc.top.reports || (p.top.reports === acc.top.reports && p.top.name < acc.top.name)) acc.top = p.top;
      acc.lossPence += p.lossPence;
      // Supercluster clones cluster properties shallowly between zoom levels, so the nested record
      // must be replaced, not mutated, or a coarser cluster's totals leak into a finer one.
      const methods: MethodCounts = { ...acc.methods };
      for (const [method, n] of Object.entries(p.methods) as [Method, number][]) {
        methods[method] = (methods[method] ?? 0) + n;
      }
      acc.methods = methods;
    },
  });
  index.load(
    places
      .filter((p) => p.reports > 0 && Number.isFinite(p.lat) && Number.isFinite(p.lon))
      .map((p) => ({
        type: 'Feature' as const,
        geometry: { type: 'Point' as const, coordinates: [p.lon, p.lat] },
        properties: {
          name: p.name,
          district: p.district,
          reports: p.reports,
          lossPence: p.lossPence,
          lossReports: p.lossReports ?? null,
          methods: Object.fromEntries(p.methods.map((m) => [m.method, m.reports])) as MethodCounts,
        },
      })),
  );
  return index;
}

/** A marker as the map draws it: one place, or a cluster of places. */
export interface MarkerDatum {
  /** Stable across renders at the same zoom, for React keys. */
  key: string;
  lat: number;
  lon: number;
  reports: number;
  lossPence: number;
  /** Reports with money lost, where counted: a total of fewer than three is not shown. */
  lossReports: number | null;
  topMethods: { method: Method; reports: number }[];
  /** Set for a single place. */
  place: { name: string; district: string } | null;
  /** Set for a cluster: its id (for leaves and expansion zoom) and how many places it holds. */
  cluster: { id: number; places: number } | null;
  /** The marker's place, or its busiest place for a cluster: what the map names beside it. */
  topPlace: string;
}

/** The name written beside a marker: "Watford", or "Watford +12" for a cluster of 13 places. */
export function markerLabel(m: MarkerDatum): string {
  return m.cluster ? `${m.topPlace} +${m.cluster.places - 1}` : m.topPlace;
}

export function topMethods(methods: MethodCounts, n = 3): { method: Method; reports: number }[] {
  return METHODS.map((method) => ({ method, reports: methods[method] ?? 0 }))
    .filter((m) => m.reports > 0)
    .sort((a, b) => b.reports - a.reports)
    .slice(0, n);
}

export type BBox = [west: number, south: number, east: number, north: number];

/** Markers for the visible area at a zoom level, biggest last so they draw on top. */
export function markersFor(index: PlaceIndex, bbox: BBox, zoom: number): MarkerDatum[] {
  return index
    .getClusters(bbox, Math.round(zoom))
    .map((f): MarkerDatum => {
      const [lon, lat] = f.geometry.coordinates as [number, number];
      const p = f.properties;
      if ('cluster' in p && p.cluster) {
        return {
          key: `c${p.cluster_id}`,
          lat,
          lon,
          reports: p.reports,
          lossPence: p.lossPence,
          lossReports: p.lossReports,
          topMethods: topMethods(p.methods),
          place: null,
          cluster: { id: p.cluster_id, places: p.point_count },
          topPlace: p.top.name,
        };
      }
      const place = p as PlacePointProps;
      return {
        key: `p:${place.name}:${place.district}`,
        lat,
        lon,
        reports: place.reports,
        lossPence: place.lossPence,
        lossReports: place.lossReports,
        topMethods: topMethods(place.methods),
        place: { name: place.name, district: place.district },
        cluster: null,
        topPlace: place.name,
      };
    })
    .sort((a, b) => a.reports - b.reports);
}

/** The places inside a cluster, most reports first: the names the "Show incidents" filter takes. */
export function placesInCluster(index: PlaceIndex, clusterId: number): { name: string; reports: number }[] {
  return index
    .getLeaves(clusterId, Infinity)
    .map((leaf) => ({ name: leaf.properties.name, reports: leaf.properties.reports }))
    .sort((a, b) => b.reports - a.reports || a.name.localeCompare(b.name));
}

/** Marker diameter in pixels: area grows with reports (square-root scale), within readable bounds. */
export function markerDiameter(reports: number, maxReports: number, range: [number, number] = [24, 46]): number {
  const [min, max] = range;
  if (maxReports <= 0 || reports <= 0) return min;
  return Math.round(min + (max - min) * Math.sqrt(Math.min(reports, maxReports) / maxReports));
}

/** Web Mercator at Leaflet's 256-pixel tiles: a point's pixel position at a zoom, and back. */
function project(lat: number, lon: number, zoom: number): [number, number] {
  const scale = 256 * 2 ** zoom;
  const s = Math.sin((lat * Math.PI) / 180);
  return [((lon + 180) / 360) * scale, (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * scale];
}
function unproject(x: number, y: number, zoom: number): [lat: number, lon: number] {
  const scale = 256 * 2 ** zoom;
  const lon = (x / scale) * 360 - 180;
  const n = Math.PI - (2 * Math.PI * y) / scale;
  return [(180 / Math.PI) * Math.atan(Math.sinh(n)), lon];
}

/**
 * Moves markers apart until no two marker boxes overlap at this zoom (`gap` pixels between them), the
 * smaller of each pair giving way. Clustering leaves neighbouring clusters closer than their
 * sizes now and then; an overlapped marker is hard to read and, half covered, too small a target
 * to press (WCAG 2.5.8). The moves are a few pixels: the marker still stands where its places are.
 */
export function declutter<T extends { lat: number; lon: number; diameter: number; reports: number }>(
  markers: readonly T[],
  zoom: number,
  gap = 2,
): T[] {
  const pts = markers.map((m) => {
    const [x, y] = project(m.lat, m.lon, zoom);
    return { m, x, y, r: m.diameter / 2 };
  });
  for (let pass = 0; pass < 200; pass++) {
    let moved = false;
    for (let i = 0; i < pts.length; i++) {
      for (let j = i + 1; j < pts.length; j++) {
        const a = pts[i]!;
        const b = pts[j]!;
        // Markers are square boxes to a pointer (and to an accessibility checker), not circles: two
        // are clear of each other once they are apart by the sum of their half-sizes on either axis.
        const need = a.r + b.r + gap;
        let dx = b.x - a.x;
        let dy = b.y - a.y;
        const d = Math.hypot(dx, dy);
        const apart = Math.max(Math.abs(dx), Math.abs(dy));
        if (apart >= need - 0.01) continue;
        if (d < 1e-6) {
          dx = 1;
          dy = 0;
        } else {
          dx /= d;
          dy /= d;
        }
        // Along the line between the centres, as far as it takes for the larger axis gap to reach `need`.
        const push = d < 1e-6 ? need : d * (need / apart - 1);
        // The smaller marker moves further, but the bigger gives a little too: a small marker wedged
        // between two big ones would otherwise bounce between them for ever.
        const share = a.m.reports === b.m.reports ? 0.5 : a.m.reports > b.m.reports ? 0.8 : 0.2;
        a.x -= dx * push * (1 - share);
        a.y -= dy * push * (1 - share);
        b.x += dx * push * share;
        b.y += dy * push * share;
        moved = true;
      }
    }
    if (!moved) break;
  }
  return pts.map(({ m, x, y }) => {
    const [lat, lon] = unproject(x, y, zoom);
    return { ...m, lat, lon };
  });
}

const WORLD_BBOX: BBox = [-180, -85, 180, 85];

/**
 * The markers as drawn at a view: clustered, sized against the biggest marker anywhere at this zoom
 * (so panning never resizes them) and moved apart where they would overlap. The marker layer and
 * the map's names both read this, so names keep clear of the markers actually drawn.
 */
export function placedMarkers(index: PlaceIndex, bbox: BBox, zoom: number): (MarkerDatum & { diameter: number })[] {
  const maxReports = Math.max(1, ...markersFor(index, WORLD_BBOX, zoom).map((m) => m.reports));
  const sized = markersFor(index, bbox, zoom).map((m) => ({ ...m, diameter: markerDiameter(m.reports, maxReports) }));
  return declutter(sized, zoom).sort((a, b) => a.reports - b.reports);
}

/**
 * The places with how many of their reports lost money, from the same places read with the filters
 * narrowed to losses (`lossesOnly`; null when no report can have lost money). A place missing from that
 * list (it is capped) counts none, so its total is withheld rather than shown.
 */
export function withLossReports(places: readonly PlaceAggregate[], lossPlaces: readonly PlaceAggregate[] | null): MapPlace[] {
  const key = (p: PlaceAggregate) => `${p.name}\u0000${p.districtCode}`;
  const counts = new Map((lossPlaces ?? []).map((p) => [key(p), p.reports]));
  return places.map((p) => ({ ...p, lossReports: counts.get(key(p)) ?? 0 }));
}
