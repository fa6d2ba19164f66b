import Supercluster from 'supercluster';
import { METHODS } from '@scam/shared';
import type { Method, PlaceAggregate } from '@scam/shared';

export type MethodCounts = Partial<Record<Method, number>>;

/** Properties of one place point. */
export interface PlacePointProps {
  name: string;
  district: string;
  reports: number;
  lossPence: number;
  methods: MethodCounts;
}

/** What a cluster accumulates from its places: reports and loss are summed, not places counted. */
export interface ClusterAggregate {
  reports: number;
  lossPence: number;
  methods: MethodCounts;
}

export type PlaceIndex = Supercluster<PlacePointProps, ClusterAggregate>;

export function buildClusterIndex(places: readonly PlaceAggregate[], options: { radius?: number; maxZoom?: number } = {}): PlaceIndex {
  const index = new Supercluster<PlacePointProps, ClusterAggregate>({
    // Supercluster measures the radius on 512px tiles: 90 is ~45 screen pixels, about one marker.
    radius: options.radius ?? 90,
    maxZoom: options.maxZoom ?? 14,
    map: (p) => ({ reports: p.reports, lossPence: p.lossPence, methods: { ...p.methods } }),
    reduce: (acc, p) => {
      acc.reports += p.reports;
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
  topMethods: { method: Method; reports: number }[];
  /** Set for a single place. */
  place: { name: string; district: string } | null;
  /** Set for a cluster: its id (for leaves and expansion zoom) and how many places it holds. */
  cluster: { id: number; places: number } | null;
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
          topMethods: topMethods(p.methods),
          place: null,
          cluster: { id: p.cluster_id, places: p.point_count },
        };
      }
      const place = p as PlacePointProps;
      return {
        key: `p:${place.name}:${place.district}`,
        lat,
        lon,
        reports: place.reports,
        lossPence: place.lossPence,
        topMethods: topMethods(place.methods),
        place: { name: place.name, district: place.district },
        cluster: null,
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
