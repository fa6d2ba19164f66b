import { describe, expect, it } from 'vitest';
import type { PlaceAggregate } from '@scam/shared';
import {
  buildClusterIndex,
  declutter,
  markerDiameter,
  markerLabel,
  markersFor,
  placesInCluster,
  topMethods,
  withLossReports,
} from './cluster';
import { areaLossWords } from '../../../utils/small-area-losses';

const place = (
  name: string,
  lat: number,
  lon: number,
  reports: number,
  lossPence: number,
  methods: PlaceAggregate['methods'],
): PlaceAggregate => ({
  name,
  district: 'Test',
  districtCode: 'E0',
  lat,
  lon,
  reports,
  lossPence,
  methods,
});

// Watford and Bushey sit a few km apart; Royston is ~50 km away.
const places = [
  place('Watford', 51.6565, -0.3903, 12, 1_000_000, [
    { method: 'courier', reports: 10 },
    { method: 'hmrc', reports: 2 },
  ]),
  place('Bushey', 51.6429, -0.3598, 3, 250_000, [
    { method: 'courier', reports: 1 },
    { method: 'romance', reports: 2 },
  ]),
  place('Royston', 52.0481, -0.0244, 5, 0, [{ method: 'tech_support', reports: 5 }]),
  place('Nowhere', 51.7, -0.2, 0, 0, []),
];
const herts = [-0.8, 51.5, 0.3, 52.1] as [number, number, number, number];

describe('cluster index', () => {
  it('sums reports and loss (not places) into clusters at county zoom', () => {
    const index = buildClusterIndex(places);
    const markers = markersFor(index, herts, 9);
    const cluster = markers.find((m) => m.cluster);
    expect(cluster).toMatchObject({ reports: 15, lossPence: 1_250_000, cluster: { places: 2 } });
    expect(cluster?.topMethods).toEqual([
      { method: 'courier', reports: 11 },
      { method: 'hmrc', reports: 2 },
      { method: 'romance', reports: 2 },
    ]);
    expect(placesInCluster(index, cluster!.cluster!.id).map((p) => p.name)).toEqual(['Watford', 'Bushey']);
  });

  it('splits into places when zoomed in and leaves out places with no reports', () => {
    const markers = markersFor(buildClusterIndex(places), herts, 14);
    expect(markers.map((m) => m.place?.name).sort()).toEqual(['Bushey', 'Royston', 'Watford']);
    expect(markers.every((m) => m.cluster === null)).toBe(true);
  });

  it('orders markers so the largest is drawn last (on top)', () => {
    const markers = markersFor(buildClusterIndex(places), herts, 14);
    expect(markers.map((m) => m.reports)).toEqual([3, 5, 12]);
  });
});

describe('topMethods', () => {
  it('keeps the biggest methods and drops zeros', () => {
    expect(topMethods({ courier: 1, hmrc: 0, romance: 4 }, 3)).toEqual([
      { method: 'romance', reports: 4 },
      { method: 'courier', reports: 1 },
    ]);
  });
});

describe('markerDiameter', () => {
  it('grows with the square root of reports within bounds', () => {
    expect(markerDiameter(0, 100)).toBe(24);
    expect(markerDiameter(100, 100)).toBe(46);
    expect(markerDiameter(25, 100)).toBe(35);
    expect(markerDiameter(500, 100)).toBe(46);
  });
});

describe('marker names', () => {
  it('names a cluster after its busiest place and says how many more it holds, at every zoom', () => {
    const index = buildClusterIndex([...places, place('Oxhey', 51.6333, -0.3833, 4, 0, [{ method: 'courier', reports: 4 }])]);
    const atCounty = markersFor(index, herts, 8);
    const cluster = atCounty.find((m) => m.cluster !== null);
    expect(cluster).toBeDefined();
    expect(markerLabel(cluster!)).toBe(`Watford +${cluster!.cluster!.places - 1}`);
    const royston = atCounty.find((m) => m.place?.name === 'Royston');
    expect(royston && markerLabel(royston)).toBe('Royston');
    // Closer in, Watford's cluster splits and each place is named for itself.
    const close = markersFor(index, herts, 14);
    expect(close.map(markerLabel).sort()).toEqual(['Bushey', 'Oxhey', 'Royston', 'Watford']);
  });
});

describe('declutter', () => {
  // Pixel distance between two markers at a zoom, by the same Web Mercator Leaflet uses.
  const px = (a: { lat: number; lon: number }, b: { lat: number; lon: number }, zoom: number) => {
    const p = (m: { lat: number; lon: number }) => {
      const s = Math.sin((m.lat * Math.PI) / 180);
      const scale = 256 * 2 ** zoom;
      return [((m.lon + 180) / 360) * scale, (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * scale] as const;
    };
    const [ax, ay] = p(a);
    const [bx, by] = p(b);
    return Math.hypot(ax - bx, ay - by);
  };
  // How far apart two marker boxes are: the larger of the two axis gaps between their centres.
  const apart = (a: { lat: number; lon: number }, b: { lat: number; lon: number }, zoom: number) => {
    const p = (m: { lat: number; lon: number }) => {
      const s = Math.sin((m.lat * Math.PI) / 180);
      const scale = 256 * 2 ** zoom;
      return [((m.lon + 180) / 360) * scale, (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * scale] as const;
    };
    const [ax, ay] = p(a);
    const [bx, by] = p(b);
    return Math.max(Math.abs(ax - bx), Math.abs(ay - by));
  };

  it('moves overlapping markers apart, the smaller giving way, and leaves separate ones where they are', () => {
    const zoom = 9;
    const big = { lat: 51.75, lon: -0.34, diameter: 46, reports: 1900 };
    const small = { lat: 51.752, lon: -0.33, diameter: 24, reports: 18 };
    const far = { lat: 52.05, lon: -0.02, diameter: 30, reports: 195 };
    expect(px(big, small, zoom)).toBeLessThan(35);
    const [b, s, f] = declutter([big, small, far], zoom);
    expect(apart(b!, s!, zoom)).toBeGreaterThanOrEqual(35 + 2 - 0.1);
    // The small one gives way most; neither moves further than the overlap was.
    expect(px(b!, big, zoom)).toBeLessThan(px(s!, small, zoom));
    expect(px(s!, small, zoom)).toBeLessThan(37);
    expect(f!.lat).toBeCloseTo(far.lat, 9);
    expect(f!.lon).toBeCloseTo(far.lon, 9);
  });

  it('leaves no two marker boxes overlapping in a crowd, diagonal neighbours included', () => {
    const zoom = 8.75;
    const crowd = Array.from({ length: 25 }, (_, i) => ({
      lat: 51.7 + ((i * 7) % 11) * 0.01,
      lon: -0.4 + ((i * 5) % 13) * 0.015,
      diameter: 24 + (i % 5) * 5,
      reports: 10 + i,
    }));
    const out = declutter(crowd, zoom);
    for (let i = 0; i < out.length; i++)
      for (let j = i + 1; j < out.length; j++)
        expect(apart(out[i]!, out[j]!, zoom)).toBeGreaterThanOrEqual((out[i]!.diameter + out[j]!.diameter) / 2 + 1.9);
  });
});

describe('loss totals on a printed map', () => {
  // Reports with money lost: two in Watford, one in Bushey; Royston lost nothing.
  const lossPlaces = [place('Watford', 51.6565, -0.3903, 2, 1_000_000, []), place('Bushey', 51.6429, -0.3598, 1, 250_000, [])];
  const counted = withLossReports(places, lossPlaces);

  it('withholds a town’s total where fewer than three people lost money, and shows a cluster’s of three', () => {
    const towns = markersFor(buildClusterIndex(counted), herts, 14);
    const words = Object.fromEntries(towns.map((m) => [m.place?.name, areaLossWords(m.lossPence, m.lossReports)]));
    expect(words).toEqual({
      Watford: 'loss not shown: fewer than three people lost money here',
      Bushey: 'loss not shown: fewer than three people lost money here',
      Royston: '£0 lost',
    });
    const cluster = markersFor(buildClusterIndex(counted), herts, 9).find((m) => m.cluster);
    expect(cluster?.lossReports).toBe(3);
    expect(areaLossWords(cluster!.lossPence, cluster!.lossReports)).toBe('£12,500 lost');
  });

  it('shows every total on screen, where losses are not counted', () => {
    const towns = markersFor(buildClusterIndex(places), herts, 14);
    expect(towns.find((m) => m.place?.name === 'Bushey')).toMatchObject({ lossReports: null });
    expect(areaLossWords(250_000, null)).toBe('£2,500 lost');
  });
});
