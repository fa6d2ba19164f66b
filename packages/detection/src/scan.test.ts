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
  spaceTimeRelativeRisk,
} from './scan.js';
import type { ScanCluster, ScanConfig } from './scan.js';

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

/** One case per [place, day] pair. */
function table(pairs: readonly (readonly [number, number])[]) {
  return { casePlace: Int32Array.from(pairs, (x) => x[0]), caseDay: Int32Array.from(pairs, (x) => x[1]) };
}

/**
 * Sixty days in one-day bins, three places: place 0 has a burst on days 10–12 and a case on days 20, 30,
 * 40 and 50; place 1, beside it, has none; place 2 has a case every other day except 8–14. So no odd
 * day, and no day of 8–14 but the burst's, has a case anywhere.
 */
const SPARSE_PLACES = [
  { lat: 51.75, lon: -0.3 },
  { lat: 51.751, lon: -0.3 },
  { lat: 51.8, lon: -0.3 },
];
const SPARSE_PAIRS: [number, number][] = [];
for (let d = 0; d < 60; d += 2) if (d < 8 || d > 14) SPARSE_PAIRS.push([2, d]);
for (const d of [20, 30, 40, 50]) SPARSE_PAIRS.push([0, d]);
for (const d of [10, 11, 12]) SPARSE_PAIRS.push([0, d], [0, d], [0, d]);
const DAILY: ScanConfig = {
  fromDay: 0,
  toDay: 59,
  binDays: 1,
  radiusKm: 20,
  maxNeighbours: 3,
  minBins: 1,
  maxBins: 20,
  minCases: 2,
  prospective: false,
};

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

describe('SaTScan-grade options', () => {
  /** Background cases at random places and days, plus `extra` [place, day] pairs. */
  function withCases(t: ReturnType<typeof randomTable>, extra: readonly (readonly [number, number])[]) {
    return {
      casePlace: Int32Array.from([...t.casePlace, ...extra.map((x) => x[0])]),
      caseDay: Int32Array.from([...t.caseDay, ...extra.map((x) => x[1])]),
    };
  }

  it('a centre between two towns draws both into one cluster; cluster.centre indexes the centres', () => {
    // Two towns 10 km apart on one parallel, far from a ring of background towns; circles of 6 km.
    const towns = [
      { lat: 51.75, lon: -0.3 },
      { lat: 51.75, lon: -0.1551 },
      ...Array.from({ length: 8 }, (_, i) => ({ lat: 52.3 + 0.05 * i, lon: 0.5 })),
    ];
    const rng = createRng(21);
    const extra: [number, number][] = [];
    for (let i = 0; i < 120; i++) extra.push([rng.int(towns.length), rng.int(364)]);
    for (let i = 0; i < 10; i++) extra.push([0, 120 + (i % 5)], [1, 120 + (i % 5)]);
    const casePlace = Int32Array.from(extra, (x) => x[0]);
    const caseDay = Int32Array.from(extra, (x) => x[1]);
    const cfg: ScanConfig = { ...config, radiusKm: 6, reportAll: true };
    const own = runPermutationScan(buildScanSetup(towns, casePlace, caseDay, cfg), 99, createRng(1), 0.05);
    expect(own.clusters.every((c) => !(c.places.includes(0) && c.places.includes(1)))).toBe(true);

    const midpoint = { lat: 51.75, lon: -0.22755 };
    const centres = [...towns, midpoint];
    const setup = buildScanSetup(towns, casePlace, caseDay, { ...cfg, centres });
    expect(setup.nCentres).toBe(towns.length + 1);
    const res = runPermutationScan(setup, 99, createRng(1), 0.05);
    const top = res.clusters[0]!;
    expect(top.centre).toBe(towns.length);
    expect([...top.places].sort()).toEqual([0, 1]);
    expect(top.radiusKm).toBeGreaterThan(4.9);
    expect(top.radiusKm).toBeLessThan(5.1);
    expect(top.llr).toBeGreaterThan(own.clusters[0]!.llr);
  });

  it('maxShare keeps every zone at or below that share of all cases', () => {
    const t = randomTable(31, 200);
    // Place 14 gets more cases than everywhere else together, and a burst.
    const extra: [number, number][] = [];
    const rng = createRng(5);
    for (let i = 0; i < 220; i++) extra.push([14, rng.int(364)]);
    for (let i = 0; i < 30; i++) extra.push([14, 200 + (i % 10)]);
    const { casePlace, caseDay } = withCases(t, extra);
    const total = casePlace.length;
    const cfg: ScanConfig = { ...config, reportAll: true };
    const free = runPermutationScan(buildScanSetup(t.places, casePlace, caseDay, cfg), 99, createRng(1), 0.05);
    expect(free.clusters.some((c) => c.places.includes(14))).toBe(true);

    const setup = buildScanSetup(t.places, casePlace, caseDay, { ...cfg, maxShare: 0.5 });
    const capped = runPermutationScan(setup, 99, createRng(1), 0.05);
    expect(capped.clusters.length).toBeGreaterThan(0);
    for (const c of capped.clusters) {
      const zoneTotal = c.places.reduce((s, p) => s + setup.placeTotal[p]!, 0);
      expect(zoneTotal).toBeLessThanOrEqual(0.5 * total);
      expect(c.places).not.toContain(14);
    }
    expect(() => buildScanSetup(t.places, casePlace, caseDay, { ...cfg, maxShare: 0 })).toThrow(RangeError);
    expect(() => buildScanSetup(t.places, casePlace, caseDay, { ...cfg, maxShare: 1.5 })).toThrow(RangeError);
  });

  it("overlap 'cell' keeps two series in one place months apart; 'location' keeps one", () => {
    const t = randomTable(12, 300);
    const extra: [number, number][] = [];
    for (let i = 0; i < 15; i++) extra.push([0, 50 + (i % 9)], [0, 300 + (i % 9)]);
    const { casePlace, caseDay } = withCases(t, extra);
    const inPlace0 = (cs: readonly ScanCluster[]) => cs.filter((c) => c.places.includes(0));

    const byCell = runPermutationScan(buildScanSetup(t.places, casePlace, caseDay, config), 199, createRng(3), 0.05);
    const cellHits = inPlace0(byCell.clusters);
    expect(cellHits.length).toBe(2);
    expect(cellHits.some((c) => c.startDay <= 54 && c.endDay >= 54)).toBe(true);
    expect(cellHits.some((c) => c.startDay <= 304 && c.endDay >= 304)).toBe(true);

    const setup = buildScanSetup(t.places, casePlace, caseDay, { ...config, overlap: 'location' });
    const byLocation = runPermutationScan(setup, 199, createRng(3), 0.05);
    expect(inPlace0(byLocation.clusters).length).toBe(1);
    for (const a of byLocation.clusters) {
      for (const b of byLocation.clusters) if (a !== b) expect(a.places.some((p) => b.places.includes(p))).toBe(false);
    }
  });

  it('reportAll reports non-significant clusters with exact p-values and runs every replicate', () => {
    const t = randomTable(40, 250);
    const setupQuiet = buildScanSetup(t.places, t.casePlace, t.caseDay, config);
    const quiet = runPermutationScan(setupQuiet, 199, createRng(8), 0.05);
    expect(quiet.clusters).toEqual([]);
    expect(quiet.stoppedAfter).toBeLessThan(199);

    const setup = buildScanSetup(t.places, t.casePlace, t.caseDay, { ...config, reportAll: true, overlap: 'location' });
    const all = runPermutationScan(setup, 199, createRng(8), 0.05);
    expect(all.stoppedAfter).toBe(199);
    expect(all.clusters.length).toBeGreaterThan(3);
    for (const [i, c] of all.clusters.entries()) {
      expect(c.llr).toBeGreaterThan(0);
      expect(c.observed).toBeGreaterThanOrEqual(config.minCases);
      if (i > 0) expect(c.llr).toBeLessThanOrEqual(all.clusters[i - 1]!.llr);
      // Replicate maxima within rounding of the cluster's LLR may be the same statistics; any clearly
      // above count, any clearly below do not.
      expect(c.rank).toBeGreaterThanOrEqual(1 + all.replicateMax.filter((m) => m > c.llr + 1e-9).length);
      expect(c.rank).toBeLessThanOrEqual(1 + all.replicateMax.filter((m) => m >= c.llr - 1e-9).length);
      expect(c.pValue).toBe(c.rank / 200);
      expect(c.significant).toBe(c.pValue <= 0.05);
    }
    expect(all.clusters.filter((c) => !c.significant).length).toBeGreaterThan(0);
    expect(all.clusters.at(-1)!.pValue).toBeGreaterThan(0.5);
  });

  it('p exactly alpha is significant: rank 1 of 19 replicates is p = 0.05', () => {
    const t = randomTable(11, 300);
    const { casePlace, caseDay } = withCases(
      t,
      Array.from({ length: 12 }, (_, i) => [[14, 15][i % 2]!, 200 + i] as const),
    );
    const setup = buildScanSetup(t.places, casePlace, caseDay, { ...config, reportAll: true });
    const [top, next] = runPermutationScan(setup, 19, createRng(2), 0.05).clusters;
    expect([top!.rank, top!.pValue, top!.significant]).toEqual([1, 0.05, true]);
    expect(next!.rank).toBeGreaterThan(1);
    expect(next!.significant).toBe(false);
  });

  it('relative risk is the rate inside over the rate outside', () => {
    expect(spaceTimeRelativeRisk(6, 3, 100)).toBeCloseTo(2 / (94 / 97), 12);
    expect(spaceTimeRelativeRisk(100, 40, 100)).toBe(Number.POSITIVE_INFINITY);
    const t = randomTable(11, 300);
    const { casePlace, caseDay } = withCases(
      t,
      Array.from({ length: 12 }, (_, i) => [[14, 15][i % 2]!, 200 + i] as const),
    );
    const res = runPermutationScan(buildScanSetup(t.places, casePlace, caseDay, config), 199, createRng(2), 0.05);
    const top = res.clusters[0]!;
    const C = casePlace.length;
    expect(top.relativeRisk).toBeCloseTo(top.observed / top.expected / ((C - top.observed) / (C - top.expected)), 9);
    expect(top.relativeRisk).toBeGreaterThan(2);
  });

  it('with one-day bins, windows are whole days within minBins..maxBins days', () => {
    const t = randomTable(50, 300);
    // A burst of 8 cases over three days in place 7.
    const { casePlace, caseDay } = withCases(
      t,
      Array.from({ length: 8 }, (_, i) => [7, 100 + (i % 3)] as const),
    );
    const daily: ScanConfig = { ...config, binDays: 1, minBins: 5, maxBins: 9, reportAll: true, overlap: 'location' };
    const setup = buildScanSetup(t.places, casePlace, caseDay, daily);
    expect(setup.nBins).toBe(364);
    const res = runPermutationScan(setup, 99, createRng(4), 0.05);
    expect(res.clusters.length).toBeGreaterThan(0);
    for (const c of res.clusters) {
      expect(c.endDay - c.startDay + 1).toBeGreaterThanOrEqual(5);
      expect(c.endDay - c.startDay + 1).toBeLessThanOrEqual(9);
      expect(c.startBin).toBe(c.startDay);
    }
    const burst = res.clusters.find((c) => c.places.includes(7) && c.startDay <= 100 && c.endDay >= 102);
    expect(burst).toBeDefined();
    expect(burst!.endDay - burst!.startDay + 1).toBe(5);
  });
});

describe('reportAll: each centre’s most likely cluster', () => {
  const daily: ScanConfig = { ...DAILY, reportAll: true, overlap: 'location' };

  it('ties go to fewer places, then the shorter window, then the later end', () => {
    // Place 1 has no cases and sits beside place 0, so adding it changes no count; days 9 and 13 have
    // no case anywhere, so stretching a window over them changes nothing either.
    const { casePlace, caseDay } = table(SPARSE_PAIRS);
    const fromCentre0 = (cfg: ScanConfig) =>
      runPermutationScan(buildScanSetup(SPARSE_PLACES, casePlace, caseDay, cfg), 19, createRng(1), 0.05).clusters.find(
        (c) => c.centre === 0,
      )!;

    const shortest = fromCentre0(daily);
    expect([shortest.places, shortest.startDay, shortest.endDay, shortest.observed]).toEqual([[0], 10, 12, 9]);
    // Four days at least: [9, 12] and [10, 13] hold the same cases against the same expectation.
    const fourDays = fromCentre0({ ...daily, minBins: 4 });
    expect([fourDays.places, fourDays.startDay, fourDays.endDay, fourDays.observed]).toEqual([[0], 10, 13, 9]);
    expect(fourDays.llr).toBe(shortest.llr);
  });

  it('a centre whose best zone is another centre’s zone still reports it', () => {
    // Places on one parallel: q at 0 km, p at 5 km, r at 11 km. Centres A (4 km) and B (6 km) both
    // have p nearest, so both start with the zone {p}; centre Q sits on q. r is a large town, q has a
    // strong burst on days 30–31 and p a small one on days 45–46.
    const at = (km: number) => ({ lat: 51.75, lon: -0.3 + km / 68.9 });
    const places = [at(0), at(5), at(11)];
    const centres = [at(4), at(6), at(0)];
    const pairs: [number, number][] = [];
    for (let d = 2; d < 60; d += 6) pairs.push([0, d]);
    for (let i = 0; i < 16; i++) pairs.push([0, 30 + (i % 2)]);
    for (const d of [5, 15, 25, 35, 52, 57]) pairs.push([1, d]);
    pairs.push([1, 45], [1, 45], [1, 46]);
    for (let i = 0; i < 40; i++) pairs.push([2, Math.floor(i * 1.5)]);
    const { casePlace, caseDay } = table(pairs);
    const setup = buildScanSetup(places, casePlace, caseDay, { ...daily, centres });
    // The scan of replicates sees {p} once, from A.
    expect(setup.zoneActive[setup.K]).toBe(0);
    const res = runPermutationScan(setup, 19, createRng(1), 0.05);
    const byCentre = new Map(res.clusters.map((c) => [c.centre, c]));
    // Q's burst in q outranks A's best zone {p, q}, which is dropped for sharing q; B's best is {p}
    // alone (the same zone as A's first), which shares nothing with Q's cluster and is kept.
    expect(byCentre.get(2)!.places).toEqual([0]);
    expect(byCentre.has(0)).toBe(false);
    expect(byCentre.get(1)!.places).toEqual([1]);
    expect([byCentre.get(1)!.startDay, byCentre.get(1)!.endDay]).toEqual([45, 46]);
  });
});

describe('days without any case', () => {
  const { casePlace, caseDay } = table(SPARSE_PAIRS);

  it('the default mode still reports the later end when a window ending on an empty day ties', () => {
    const top = runPermutationScan(buildScanSetup(SPARSE_PLACES, casePlace, caseDay, DAILY), 19, createRng(1), 0.05).clusters[0]!;
    // [10, 12] … [10, 15] hold the same cases against the same expectation; today's order takes the
    // latest end.
    expect([top.places, top.startDay, top.endDay, top.observed]).toEqual([[0], 10, 15, 9]);
  });

  it('a window of the minimum length may start on an empty day', () => {
    // Background until day 49, nothing on days 50–57, a burst on days 58–59 at the end of the period:
    // with at least 4 days, [56, 59] is the only shortest window that holds the burst.
    const before50 = SPARSE_PAIRS.filter(([p, d]) => d < 50 && !(p === 0 && d >= 10 && d <= 12));
    const withBurst = [...before50, ...[58, 58, 58, 59, 59, 59].map((d) => [0, d] as const)];
    const setup = buildScanSetup(
      SPARSE_PLACES,
      Int32Array.from(withBurst, (x) => x[0]),
      Int32Array.from(withBurst, (x) => x[1]),
      { ...DAILY, minBins: 4, reportAll: true },
    );
    const top = runPermutationScan(setup, 19, createRng(1), 0.05).clusters[0]!;
    expect([top.places, top.startDay, top.endDay, top.observed]).toEqual([[0], 56, 59, 6]);
  });

  it('prospectively, an empty last day changes no replicate: as if the period ended a day earlier', () => {
    const upTo59 = buildScanSetup(SPARSE_PLACES, casePlace, caseDay, { ...DAILY, prospective: true, reportAll: true });
    const upTo58 = buildScanSetup(SPARSE_PLACES, casePlace, caseDay, {
      ...DAILY,
      toDay: 58,
      maxBins: 19,
      prospective: true,
      reportAll: true,
    });
    const a = runPermutationScan(upTo59, 49, createRng(6), 0.05);
    const b = runPermutationScan(upTo58, 49, createRng(6), 0.05);
    expect(a.replicateMax.some((m) => m > 0)).toBe(true);
    expect(Array.from(a.replicateMax)).toEqual(Array.from(b.replicateMax));
  });
});

describe('replicates', () => {
  /** The largest LLR over every zone of the setup and every allowed window of a table, by brute force. */
  function bruteMax(setup: ReturnType<typeof buildScanSetup>, bins: Int32Array): number {
    const { nBins: B, nCases: C, K, config: cfg } = setup;
    const inCell = (j: number, zone: Set<number>, s: number, e: number) => bins[j]! >= s && bins[j]! <= e && zone.has(setup.casePlace[j]!);
    let best = 0;
    for (let i = 0; i < setup.nCentres; i++) {
      for (let k = 0; k < setup.nbrCount[i]!; k++) {
        const zone = new Set(setup.nbr.subarray(i * K, i * K + k + 1));
        const cZone = setup.placeTotal.reduce((n, t, p) => n + (zone.has(p) ? t : 0), 0);
        for (let e = cfg.prospective ? B - 1 : 0; e < B; e++) {
          for (let L = cfg.minBins; L <= cfg.maxBins && e - L + 1 >= 0; L++) {
            const s = e - L + 1;
            let c = 0;
            let cw = 0;
            for (let j = 0; j < C; j++) {
              if (bins[j]! >= s && bins[j]! <= e) cw++;
              if (inCell(j, zone, s, e)) c++;
            }
            const mu = (cZone * cw) / C;
            if (c >= cfg.minCases && c > mu) best = Math.max(best, spaceTimeLlr(c, mu, C));
          }
        }
      }
    }
    return best;
  }

  it.each([false, true])('each maximum is the largest LLR over every cylinder of its shuffled table (prospective: %s)', (prospective) => {
    // 60 cases over 60 days: about a third of the days have no case at all.
    const rng = createRng(77);
    const places = Array.from({ length: 12 }, (_, i) => ({ lat: 51.7 + Math.floor(i / 4) * 0.03, lon: -0.3 + (i % 4) * 0.04 }));
    const casePlace = Int32Array.from({ length: 60 }, () => rng.int(12));
    const caseDay = Int32Array.from({ length: 60 }, () => rng.int(60));
    const cfg: ScanConfig = {
      fromDay: 0,
      toDay: 59,
      binDays: 1,
      radiusKm: 8,
      maxNeighbours: 4,
      minBins: 2,
      maxBins: 9,
      minCases: 2,
      prospective,
      reportAll: true,
    };
    const setup = buildScanSetup(places, casePlace, caseDay, cfg);
    const R = 25;
    const res = runPermutationScan(setup, R, createRng(9), 0.05);
    // The same shuffles, in the same order, as the scan's Monte Carlo.
    const shuffles = createRng(9);
    const perm = Int32Array.from(setup.caseBin);
    const expected: number[] = [];
    for (let r = 0; r < R; r++) {
      shuffleDates(perm, shuffles);
      expected.push(bruteMax(setup, perm));
    }
    expected.sort((a, b) => b - a);
    expect(expected[0]).toBeGreaterThan(0);
    Array.from(res.replicateMax).forEach((m, r) => expect(m).toBeCloseTo(expected[r]!, 9));
  });
});
