import { describe, expect, it } from 'vitest';
import { createRng } from './random.js';
import {
  binOfDay,
  buildScanSetup,
  fillTable,
  runPermutationScan,
  scanWork,
  shuffleDates,
  spaceTimeExpected,
  spaceTimeLlr,
} from './scan.js';
import type { ScanConfig } from './scan.js';

const config: ScanConfig = {
  fromDay: 0,
  toDay: 363,
  binDays: 7,
  radiusKm: 10,
  maxNeighbours: 6,
  minBins: 1,
  maxBins: 8,
  minCases: 3,
  prospective: false,
};

/** A 6 × 5 grid of places about 2.2 km apart and `n` cases at random places and days. */
function randomTable(seed: number, n: number) {
  const rng = createRng(seed);
  const places = Array.from({ length: 30 }, (_, i) => ({ lat: 51.7 + Math.floor(i / 6) * 0.02, lon: -0.3 + (i % 6) * 0.03 }));
  const casePlace = Int32Array.from({ length: n }, () => rng.int(places.length));
  const caseDay = Int32Array.from({ length: n }, () => rng.int(364));
  return { places, casePlace, caseDay };
}

describe('space-time permutation expectation', () => {
  it('expected counts from the margins add up to the observed margins', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const t = randomTable(seed, 200 + seed * 37);
      const setup = buildScanSetup(t.places, t.casePlace, t.caseDay, config);
      const rng = createRng(seed + 100);
      for (let trial = 0; trial < 20; trial++) {
        const s = rng.int(setup.nBins);
        const e = s + rng.int(setup.nBins - s);
        let sum = 0;
        for (let p = 0; p < setup.nPlaces; p++) sum += spaceTimeExpected(setup, [p], s, e);
        let inWindow = 0;
        for (const d of t.caseDay) {
          const b = binOfDay(config, d);
          if (b >= s && b <= e) inWindow++;
        }
        expect(sum).toBeCloseTo(inWindow, 9);
      }
      // And over all bins, a zone's expectation is its own total.
      const zone = [0, 7, 13];
      const total = t.casePlace.reduce((n, p) => n + (zone.includes(p) ? 1 : 0), 0);
      expect(spaceTimeExpected(setup, zone, 0, setup.nBins - 1)).toBeCloseTo(total, 9);
    }
  });

  it('the expectation is the mean count under random permutation of dates', () => {
    const t = randomTable(9, 300);
    const setup = buildScanSetup(t.places, t.casePlace, t.caseDay, config);
    const zone = [2, 3, 8];
    const [s, e] = [10, 14];
    const rng = createRng(4);
    const perm = Int32Array.from(setup.caseBin);
    const R = 3000;
    let total = 0;
    for (let r = 0; r < R; r++) {
      shuffleDates(perm, rng);
      for (let j = 0; j < perm.length; j++) {
        if (perm[j]! >= s && perm[j]! <= e && zone.includes(setup.casePlace[j]!)) total++;
      }
    }
    const mu = spaceTimeExpected(setup, zone, s, e);
    // Hypergeometric mean; 3000 draws put the average within about 0.05 of it.
    expect(total / R).toBeGreaterThan(mu - 0.1);
    expect(total / R).toBeLessThan(mu + 0.1);
  });

  it('shuffling keeps both margins', () => {
    const t = randomTable(3, 150);
    const setup = buildScanSetup(t.places, t.casePlace, t.caseDay, config);
    const perm = Int32Array.from(setup.caseBin);
    shuffleDates(perm, createRng(1));
    expect(Array.from(perm)).not.toEqual(Array.from(setup.caseBin));
    const binCounts = new Int32Array(setup.nBins);
    for (const b of perm) binCounts[b]!++;
    expect(Array.from(binCounts)).toEqual(Array.from(setup.binTotal));
    const work = scanWork(setup);
    fillTable(setup, perm, work);
    expect(work.binCase.slice().sort()).toEqual(Int32Array.from({ length: 150 }, (_, i) => i));
  });
});

describe('likelihood ratio', () => {
  it('is zero without an excess and grows with the excess', () => {
    expect(spaceTimeLlr(2, 3, 100)).toBe(0);
    expect(spaceTimeLlr(3, 3, 100)).toBe(0);
    const a = spaceTimeLlr(6, 3, 100);
    const b = spaceTimeLlr(9, 3, 100);
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(a);
    // Matches the formula written out.
    expect(a).toBeCloseTo(6 * Math.log(6 / 3) + 94 * Math.log(94 / 97), 12);
  });
});

describe('permutation scan', () => {
  it('the last time bin ends on the last day of the study period', () => {
    expect(binOfDay(config, 363)).toBe(binOfDay(config, 357));
    expect(binOfDay(config, 356)).toBe(binOfDay(config, 357) - 1);
  });

  it('finds a planted cluster at the right places and time and not elsewhere', () => {
    const t = randomTable(11, 300);
    const places = [...t.casePlace];
    const days = [...t.caseDay];
    // 12 extra cases in neighbouring places 14 and 15 during days 200..211.
    for (let i = 0; i < 12; i++) {
      places.push([14, 15][i % 2]!);
      days.push(200 + i);
    }
    const setup = buildScanSetup(t.places, Int32Array.from(places), Int32Array.from(days), config);
    const res = runPermutationScan(setup, 199, createRng(2), 0.05);
    expect(res.clusters.length).toBeGreaterThanOrEqual(1);
    const top = res.clusters[0]!;
    expect(top.pValue).toBeLessThanOrEqual(0.05);
    expect(top.places).toEqual(expect.arrayContaining([14, 15]));
    expect(top.places.length).toBeLessThanOrEqual(4);
    expect(top.startDay).toBeLessThanOrEqual(200);
    expect(top.endDay).toBeGreaterThanOrEqual(211);
    expect(top.endDay - top.startDay).toBeLessThan(35);
    expect(top.observed).toBeGreaterThan(top.expected * 2);
  });

  it('secondary clusters never share a place and a time bin', () => {
    const t = randomTable(12, 300);
    const places = [...t.casePlace];
    const days = [...t.caseDay];
    for (let i = 0; i < 9; i++) {
      places.push(0, 29);
      days.push(50 + i, 300 + i);
    }
    const setup = buildScanSetup(t.places, Int32Array.from(places), Int32Array.from(days), config);
    const res = runPermutationScan(setup, 199, createRng(3), 0.05);
    expect(res.clusters.length).toBeGreaterThanOrEqual(2);
    for (const a of res.clusters) {
      for (const b of res.clusters) {
        if (a === b) continue;
        const timeOverlap = a.startBin <= b.endBin && b.startBin <= a.endBin;
        const placeOverlap = a.places.some((p) => b.places.includes(p));
        expect(timeOverlap && placeOverlap).toBe(false);
      }
    }
  });
});
