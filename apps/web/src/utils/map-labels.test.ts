import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  MARKER_SIDES,
  besideMarker,
  districtLabelPoints,
  insideRing,
  labelScale,
  labelWidth,
  placeLabels,
  polygonLabelPoint,
  rayToBox,
  rayToCircle,
  settlementClass,
  twoLines,
} from './map-labels';
import type { DistrictInput, LabelRequest, MarkerInput, PlacedLabel, TownInput } from './map-labels';

const square = [
  [0, 0],
  [4, 0],
  [4, 4],
  [0, 4],
  [0, 0],
];

const herts = (
  JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../../data/lad-boundaries.geojson'), 'utf8')) as {
    features: { properties: { county: string; name: string }; geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown } }[];
  }
).features.filter((f) => f.properties.county === 'Hertfordshire');

describe('polygonLabelPoint', () => {
  it('puts a convex district’s name at its centroid', () => {
    expect(polygonLabelPoint({ type: 'Polygon', coordinates: [square] })).toEqual([2, 2]);
  });

  it('uses the largest part of a district in several pieces', () => {
    const islet = [
      [10, 10],
      [10.1, 10],
      [10.1, 10.1],
      [10, 10],
    ];
    expect(polygonLabelPoint({ type: 'MultiPolygon', coordinates: [[islet], [square]] })).toEqual([2, 2]);
  });

  it('keeps the name inside a crescent whose centroid falls outside it', () => {
    // A "C": its centroid lies in the open mouth.
    const c = [
      [0, 0],
      [6, 0],
      [6, 1],
      [1, 1],
      [1, 5],
      [6, 5],
      [6, 6],
      [0, 6],
      [0, 0],
    ];
    const at = polygonLabelPoint({ type: 'Polygon', coordinates: [c] });
    expect(at).not.toBeNull();
    const [lat, lon] = at!;
    expect(insideRing(c, lon, lat)).toBe(true);
  });

  it('finds a point inside every real district boundary of the force', () => {
    expect(herts.length).toBe(10);
    for (const f of herts) {
      const [lat, lon] = polygonLabelPoint(f.geometry)!;
      const parts = (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates) as number[][][][];
      expect(
        parts.some((p) => insideRing(p[0]!, lon, lat)),
        f.properties.name,
      ).toBe(true);
    }
  });
});

describe('districtLabelPoints', () => {
  it('offers the label point first, then other points, every one inside the district', () => {
    for (const f of herts) {
      const points = districtLabelPoints(f.geometry);
      expect(points[0]).toEqual(polygonLabelPoint(f.geometry));
      expect(points.length, f.properties.name).toBeGreaterThan(10);
      const parts = (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates) as number[][][][];
      for (const [lat, lon] of points)
        expect(
          parts.some((p) => insideRing(p[0]!, lon, lat)),
          f.properties.name,
        ).toBe(true);
    }
  });
});

describe('besideMarker', () => {
  it('places a name on each side of a marker clear of its box, never over its centre', () => {
    const r = 10;
    for (const side of MARKER_SIDES) {
      const { dx, dy } = besideMarker(side, r, 60, 16, 3);
      const clear = dx >= r + 3 || dx + 60 <= -r - 3 || dy >= r + 3 || dy + 16 <= -r - 3;
      expect(clear, side).toBe(true);
    }
    expect(besideMarker('right', r, 60, 16)).toEqual({ dx: 13, dy: -8 });
    expect(besideMarker('above', r, 60, 16)).toEqual({ dx: -30, dy: -29 });
  });
});

describe('settlementClass, labelScale, twoLines', () => {
  it('sizes a place by its share of all reports, since the gazetteer gives no population', () => {
    // 10,000 reports in the county: a town has 1 % or more, a village 0.2 %.
    expect(settlementClass(530, 10_000)).toBe('town');
    expect(settlementClass(100, 10_000)).toBe('town');
    expect(settlementClass(99, 10_000)).toBe('village');
    expect(settlementClass(20, 10_000)).toBe('village');
    expect(settlementClass(19, 10_000)).toBe('hamlet');
    expect(settlementClass(0, 10_000)).toBe('hamlet');
    // Four reports in a small import say nothing about size; a district's namesake is a town.
    expect(settlementClass(4, 40)).toBe('hamlet');
    expect(settlementClass(0, 0, true)).toBe('town');
  });
  it('names villages from closer in and hamlets only at street level', () => {
    expect(labelScale(9)).toBe('county');
    expect(labelScale(10.5)).toBe('close');
    expect(labelScale(11.5)).toBe('street');
  });
  it('breaks a name at the space nearest its middle', () => {
    expect(twoLines('Hemel Hempstead')).toBe('Hemel\nHempstead');
    expect(twoLines('Welwyn Garden City +19')).toBe('Welwyn Garden\nCity +19');
    expect(twoLines('Stevenage')).toBeNull();
  });
  it('gives longer names wider boxes when they cannot be measured', () => {
    expect(labelWidth('Welwyn Garden City', 12)).toBeGreaterThan(labelWidth('Ware', 12));
  });
});

describe('ray tests', () => {
  it('measures how far a line runs before it meets a marker or a name', () => {
    expect(rayToCircle(0, 0, 1, 0, 50, 0, 10)).toBeCloseTo(40);
    expect(rayToCircle(0, 0, -1, 0, 50, 0, 10)).toBe(Infinity);
    expect(rayToCircle(0, 0, 1, 0, 50, 20, 10)).toBe(Infinity);
    expect(rayToBox(0, 0, 1, 0, { x: 30, y: -5, width: 10, height: 10 })).toBeCloseTo(30);
    expect(rayToBox(0, 0, 0, 1, { x: 30, y: -5, width: 10, height: 10 })).toBe(Infinity);
  });
});

/** A name's size as the layer would measure it: 7 px a character, 16 px a line. */
const sized = (text: string) => ({
  text,
  width: 7 * Math.max(...text.split('\n').map((l) => l.length)) + 4,
  height: 16 * text.split('\n').length,
});
const marker = (id: string, x: number, y: number, r: number, weight: number, name: string | null = id): MarkerInput => ({
  id,
  x,
  y,
  r,
  weight,
  names: name === null ? [] : [sized(name)],
});
const town = (
  text: string,
  x: number,
  y: number,
  settlement: TownInput['settlement'],
  size = 0,
  extra: Partial<TownInput> = {},
): TownInput => ({
  ...sized(text),
  id: text,
  x,
  y,
  settlement,
  weight: 0,
  size,
  own: true,
  ...extra,
});
const district = (text: string, points: { x: number; y: number }[], weight: number): DistrictInput => ({
  // Sized as drawn, in capitals.
  ...sized(text.toUpperCase()),
  id: text,
  text,
  points,
  weight,
});
const request = (over: Partial<LabelRequest>): LabelRequest => ({
  view: { width: 600, height: 400 },
  scale: 'county',
  markers: [],
  districts: [],
  towns: [],
  alwaysNamed: 5,
  gap: 6,
  ...over,
});
const texts = (placed: readonly PlacedLabel[]) => placed.map((p) => p.text);
const overlaps = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Every kept name inside the view, off every marker and every other name. */
function expectTidy(req: LabelRequest, placed: readonly PlacedLabel[]) {
  for (const [i, a] of placed.entries()) {
    expect(a.x >= 0 && a.y >= 0 && a.x + a.width <= req.view.width && a.y + a.height <= req.view.height, `${a.text} in view`).toBe(true);
    for (const b of placed.slice(i + 1)) expect(overlaps(a, b), `${a.text} / ${b.text}`).toBe(false);
    for (const m of req.markers)
      expect(overlaps(a, { x: m.x - m.r, y: m.y - m.r, width: 2 * m.r, height: 2 * m.r }), `${a.text} over ${m.id}`).toBe(false);
  }
}

describe('placeLabels', () => {
  it('names a big marker boxed in by small ones on every side, out in free space on a line from it', () => {
    // The big cluster sits in a tight ring of small markers: no side of it is free.
    const ring = Array.from({ length: 12 }, (_, k) =>
      marker(`small${k}`, 300 + 42 * Math.cos((k * Math.PI) / 6), 200 + 42 * Math.sin((k * Math.PI) / 6), 12, 5, null),
    );
    const req = request({ markers: [marker('Stevenage +76', 300, 200, 23, 1671), ...ring] });
    const placed = placeLabels(req);
    const name = placed.find((p) => p.markerId === 'Stevenage +76');
    expect(name, 'the biggest marker is named').toBeDefined();
    expect(name!.leader, 'with a line from the marker').toBeDefined();
    const { x1, y1 } = name!.leader!;
    expect(Math.hypot(x1 - 300, y1 - 200)).toBeCloseTo(23);
    // The line ends at the name's edge.
    const { x2, y2 } = name!.leader!;
    const edge = Math.min(
      Math.abs(x2 - name!.x),
      Math.abs(x2 - (name!.x + name!.width)),
      Math.abs(y2 - name!.y),
      Math.abs(y2 - (name!.y + name!.height)),
    );
    expect(edge).toBeLessThanOrEqual(2.01);
    expectTidy(req, placed);
  });

  it('names the five biggest markers before district names, and smaller markers after them', () => {
    // A strip 40 px high: each marker's name can only go level with it, where a district's name also wants to go.
    const weights = [50, 40, 30, 20, 10, 9];
    const markers = weights.map((w, k) => marker(`Place${k}`, 20 + k * 100, 20, 12, w));
    const districts = weights.map((_, k) => district(`D${k}`, [{ x: 70 + k * 100, y: 20 }], 100));
    const placed = placeLabels(request({ markers, districts, view: { width: 600, height: 40 } }));
    expect(placed.filter((p) => p.markerId).map((p) => p.markerId)).toEqual(['Place0', 'Place1', 'Place2', 'Place3', 'Place4']);
    expect(texts(placed)).toContain('D5');
  });

  it('counts every marker tied with the fifth as one of the biggest', () => {
    const markers = [100, 90, 80, 70, 60, 60].map((w, k) => marker(`m${k}`, 80 + k * 90, 100, 12, w));
    const names = placeLabels(request({ markers, alwaysNamed: 5, view: { width: 600, height: 200 } }));
    expect(names.filter((p) => p.markerId).length).toBe(6);
  });

  it('ranks names by what the view is about: the marker that matters more wins a contested spot', () => {
    // Two markers whose names could only go in the same place: by reports one wins, by loss the other.
    const view = { width: 230, height: 60 };
    const a = (w: number) => ({ ...marker('Watford', 20, 30, 12, w), names: [sized('Watford')] });
    const b = (w: number) => ({ ...marker('Bushey', 210, 30, 12, w), names: [sized('Bushey')] });
    const winner = (wa: number, wb: number) =>
      placeLabels(request({ view, markers: [a(wa), b(wb)], alwaysNamed: 1 }))
        .filter((p) => p.markerId)
        .map((p) => p.markerId);
    expect(winner(300, 10)).toContain('Watford');
    expect(winner(10, 300)).toContain('Bushey');
  });

  it('writes the shorter name, then the name on two lines, where the full one has no room', () => {
    const hemel = {
      ...marker('c1', 120, 25, 20, 148),
      names: [sized('Hemel Hempstead +24'), sized('Hemel Hempstead'), sized('Hemel\nHempstead')],
    };
    // A strip 50 px high with under 100 px either side of the marker: no room above or below it, nor
    // for a line out to somewhere else.
    const placed = placeLabels(request({ markers: [hemel], view: { width: 240, height: 50 } }));
    expect(texts(placed)).toEqual(['Hemel\nHempstead']);
    expect(placed[0]!.leader).toBeUndefined();
    const wide = placeLabels(request({ markers: [hemel], view: { width: 600, height: 50 } }));
    expect(texts(wide)).toEqual(['Hemel Hempstead +24']);
  });

  it('does not write a name at a corner where it sits as near another marker as its own', () => {
    // Boxed in left, right and above, the name would fit only at its marker's lower left, running on
    // to the side of the bigger marker below it, where a reader would take it for that marker's name.
    const req = request({
      view: { width: 400, height: 300 },
      markers: [
        marker('own', 211, 152, 20, 50, 'Hemel Hempstead +55'),
        marker('Watford', 231, 197, 23, 100, null),
        marker('blockRight', 262, 145, 20, 1, null),
        marker('blockLeft', 150, 140, 20, 1, null),
        marker('blockAbove', 211, 100, 20, 1, null),
      ],
      alwaysNamed: 0,
    });
    expect(placeLabels(req)).toEqual([]);
    // Without the bigger marker below, the same corner is the name's.
    const alone = placeLabels({ ...req, markers: req.markers.filter((m) => m.id !== 'Watford') });
    expect(alone.map((p) => [p.text, p.align])).toEqual([['Hemel Hempstead +55', 'right']]);
  });

  it('names districts before smaller markers and towns at the county scale, and after them closer in', () => {
    // A strip 40 px high, so names can only go level with their points: each pair wants one spot.
    const view = { width: 600, height: 40 };
    const markers = [marker('big', 300, 20, 12, 500), marker('Hunsdon +1', 30, 20, 12, 7)];
    const districts = [district('East Herts', [{ x: 80, y: 20 }], 900), district('Dacorum', [{ x: 500, y: 20 }], 800)];
    const towns = [town('Tring', 470, 20, 'town', 500)];
    const at = (scale: LabelRequest['scale']) => texts(placeLabels(request({ view, markers, districts, towns, scale, alwaysNamed: 1 })));
    expect(at('county')).toEqual(['big', 'East Herts', 'Dacorum']);
    expect(at('close')).toEqual(['big', 'Hunsdon +1', 'Tring']);
  });

  it('moves a district name off a marker standing on its middle, to another point inside it', () => {
    const markers = [marker('big', 200, 200, 22, 500, null)];
    const placed = placeLabels(
      request({
        markers,
        districts: [
          district(
            'Dacorum',
            [
              { x: 200, y: 200 },
              { x: 200, y: 260 },
            ],
            10,
          ),
        ],
      }),
    );
    const name = placed.find((p) => p.text === 'Dacorum')!;
    expect(name.y + name.height / 2).toBe(260);
  });

  it('leaves hamlets out until street level, villages until closer in, and names towns first', () => {
    const towns = [town('Paynes End', 50, 50, 'hamlet', 3), town('Tring', 50, 150, 'village', 60), town('Watford', 50, 250, 'town', 900)];
    expect(texts(placeLabels(request({ towns, scale: 'county' })))).toEqual(['Watford']);
    expect(texts(placeLabels(request({ towns, scale: 'close' })))).toEqual(['Watford', 'Tring']);
    expect(texts(placeLabels(request({ towns, scale: 'street' })))).toEqual(['Watford', 'Tring', 'Paynes End']);
    // A hamlet and a town in the same spot: the town keeps it even at street level.
    const clash = [town('Braughing Friars', 100, 100, 'hamlet', 2), town('Bishop’s Stortford', 100, 104, 'town', 400)];
    expect(texts(placeLabels(request({ towns: clash, scale: 'street' })))).toEqual(['Bishop’s Stortford']);
  });

  it('ranks towns by reports in the view, then by size', () => {
    const towns = [town('Harpenden', 100, 100, 'town', 900), town('Hitchin', 100, 104, 'town', 300, { weight: 12 })];
    expect(texts(placeLabels(request({ towns })))).toEqual(['Hitchin']);
    const quiet = towns.map((t) => ({ ...t, weight: 0 }));
    expect(texts(placeLabels(request({ towns: quiet })))).toEqual(['Harpenden']);
  });

  it('on a series map names only its own towns at the county scale, and others once closer in', () => {
    const towns = [town('Hitchin', 100, 100, 'town', 300), town('Royston', 100, 200, 'town', 900, { own: false })];
    expect(texts(placeLabels(request({ towns, othersFrom: 'close', scale: 'county' })))).toEqual(['Hitchin']);
    expect(texts(placeLabels(request({ towns, othersFrom: 'close', scale: 'close' })))).toEqual(['Hitchin', 'Royston']);
  });

  it('does not name a place twice: beside its marker and again as a town or a district', () => {
    const markers = [{ ...marker('c1', 100, 100, 20, 500), names: [sized('Watford +47')] }];
    const placed = placeLabels(
      request({
        markers,
        districts: [district('Watford', [{ x: 300, y: 300 }], 900)],
        towns: [town('Watford', 400, 100, 'town', 900)],
      }),
    );
    expect(texts(placed)).toEqual(['Watford +47']);
  });

  it('keeps names off the zoom buttons', () => {
    const towns = [town('Tring', 10, 20, 'town', 100)];
    expect(texts(placeLabels(request({ towns, obstacles: [{ x: 10, y: 10, width: 34, height: 64 }] })))).toEqual([]);
    expect(texts(placeLabels(request({ towns })))).toEqual(['Tring']);
  });

  it('never lets names overlap each other or a marker, nor lines cross, however crowded the map', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    for (let run = 0; run < 20; run++) {
      const markers = Array.from({ length: 25 }, (_, k) =>
        marker(`Place ${k} +${k}`, 30 + random() * 480, 30 + random() * 220, 12 + random() * 11, Math.round(random() * 2000)),
      );
      const towns = Array.from({ length: 60 }, (_, k) =>
        town(`Town${k}`, random() * 540, random() * 280, (['town', 'village', 'hamlet'] as const)[k % 3]!, k),
      );
      const districts = Array.from({ length: 6 }, (_, k) => district(`District ${k}`, [{ x: random() * 540, y: random() * 280 }], k));
      const req = request({ markers, towns, districts, view: { width: 540, height: 280 }, scale: run % 2 ? 'street' : 'county' });
      const placed = placeLabels(req);
      expectTidy(req, placed);
      const lines = placed.filter((p) => p.leader).map((p) => p.leader!);
      for (const [i, a] of lines.entries())
        for (const b of lines.slice(i + 1)) {
          const side = (p: { x: number; y: number }, s: typeof a) => Math.sign((s.x2 - s.x1) * (p.y - s.y1) - (s.y2 - s.y1) * (p.x - s.x1));
          const crosses =
            side({ x: b.x1, y: b.y1 }, a) !== side({ x: b.x2, y: b.y2 }, a) &&
            side({ x: a.x1, y: a.y1 }, b) !== side({ x: a.x2, y: a.y2 }, b);
          expect(crosses).toBe(false);
        }
    }
  });
});
