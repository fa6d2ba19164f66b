import { describe, expect, it } from 'vitest';
import type { PlaceAggregate } from '@scam/shared';
import { buildClusterIndex, markerDiameter, markersFor, placesInCluster, topMethods } from './cluster';

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
