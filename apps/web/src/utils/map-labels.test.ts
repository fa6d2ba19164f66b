import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MARKER_SIDES, besideMarker, insideRing, labelWidth, polygonLabelPoint, thinLabels, townPriority } from './map-labels';

const square = [
  [0, 0],
  [4, 0],
  [4, 4],
  [0, 4],
  [0, 0],
];

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
    const geo = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../../data/lad-boundaries.geojson'), 'utf8')) as {
      features: { properties: { county: string; name: string }; geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown } }[];
    };
    const herts = geo.features.filter((f) => f.properties.county === 'Hertfordshire');
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

describe('thinLabels', () => {
  const view = { width: 400, height: 300 };
  const box = (id: string, x: number, y: number, priority: number) => ({ id, x, y, width: 60, height: 16, priority });

  it('keeps the more important of two names that would touch', () => {
    const kept = thinLabels([box('Hamlet', 100, 100, 1), box('Watford', 120, 105, 50)], view);
    expect([...kept]).toEqual(['Watford']);
  });

  it('keeps names that stand apart, and drops one running off the map', () => {
    const kept = thinLabels([box('A', 10, 10, 1), box('B', 200, 10, 1), box('Edge', 370, 10, 9)], view);
    expect([...kept].sort()).toEqual(['A', 'B']);
  });

  it('keeps names off a marker, even one partly out of view', () => {
    const marker = { id: 'marker', x: -10, y: 90, width: 40, height: 40, priority: Infinity };
    // Markers overlap one another; every one still keeps names off it.
    const marker2 = { id: 'marker2', x: 90, y: 95, width: 40, height: 40, priority: Infinity };
    const marker3 = { id: 'marker3', x: 110, y: 95, width: 40, height: 40, priority: Infinity };
    const kept = thinLabels(
      [marker, marker2, marker3, box('Croxley Green', 5, 100, 999), box('Sarratt', 140, 100, 1), box('Chipperfield', 200, 200, 1)],
      view,
    );
    expect([...kept].sort()).toEqual(['Chipperfield', 'marker', 'marker2', 'marker3']);
  });

  it('lets a name sit just beside a marker, though names keep a wider gap from each other', () => {
    const marker = { id: 'marker', x: 100, y: 100, width: 30, height: 30, priority: Infinity };
    const beside = { id: 'Watford +3', x: 133, y: 107, width: 60, height: 16, priority: 50 };
    const near = { id: 'Bushey', x: 196, y: 107, width: 40, height: 16, priority: 10 };
    expect([...thinLabels([marker, beside, near], view, 6)].sort()).toEqual(['Watford +3', 'marker']);
  });

  it('puts a name on the next side of its marker when the first is taken, and draws it once', () => {
    const marker = { id: 'marker', x: 100, y: 100, width: 20, height: 20, priority: Infinity };
    const taken = { id: 'Bushey', x: 124, y: 100, width: 60, height: 16, priority: 100 };
    // "Watford" may go right of the marker (taken by Bushey), left of it, or above it.
    const sides = ['right', 'left', 'above'].map((side, k) => ({
      ...box(`Watford:${side}`, side === 'right' ? 123 : side === 'left' ? 37 : 80, side === 'above' ? 81 : 102, 50 - k / 10),
      group: 'Watford',
    }));
    expect([...thinLabels([marker, taken, ...sides], view, 2)].sort()).toEqual(['Bushey', 'Watford:left', 'marker']);
    // With every side free, only the first choice is drawn.
    expect([...thinLabels([marker, ...sides], view, 2)].sort()).toEqual(['Watford:right', 'marker']);
  });

  it('never keeps two overlapping boxes, however many there are', () => {
    const many = Array.from({ length: 300 }, (_, i) => box(`p${i}`, (i * 37) % 340, (i * 53) % 284, i % 7));
    const kept = many.filter((b) => thinLabels(many, view).has(b.id));
    expect(kept.length).toBeGreaterThan(10);
    for (const a of kept)
      for (const b of kept)
        if (a !== b) expect(a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y).toBe(true);
  });
});

describe('besideMarker', () => {
  it('places a name on each side of a marker clear of it, never over its centre', () => {
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

describe('townPriority and labelWidth', () => {
  it('ranks places with reports in view above places with reports ever, above the rest', () => {
    expect(townPriority(1, 0)).toBeGreaterThan(townPriority(0, 5000));
    expect(townPriority(0, 1)).toBeGreaterThan(townPriority(0, 0));
    expect(townPriority(30, 0)).toBeGreaterThan(townPriority(3, 0));
  });
  it('gives longer names wider boxes', () => {
    expect(labelWidth('Welwyn Garden City', 12)).toBeGreaterThan(labelWidth('Ware', 12));
  });
});
