/**
 * Space-time permutation scan statistic (Kulldorff, Heffernan, Hartman, Assunção & Mostashari 2005,
 * as implemented in SaTScan) for the reports of one method.
 *
 * Cases are counted per place and per time bin. The expected count in a cylinder (a zone of places ×
 * a window of bins) is C_zone × C_window / C, taken from the two margins of that table. Monte-Carlo
 * replicates shuffle the case dates among the cases, which keeps both margins, so the expected counts
 * are computed once and only the observed counts change between replicates.
 *
 * Time is binned into steps of `binDays` days counted back from the last day of the study period, so
 * the most recent bin always ends on `to` (what prospective surveillance needs). With `binDays: 1` the
 * windows are whole days with a one-day step, and minBins/maxBins are SaTScan's minimum and maximum
 * temporal cluster size in days.
 */
import { haversineKm } from './geo.js';
import { criticalLlr, rankAmong } from './monte-carlo.js';
import type { Rng } from './random.js';

export interface ScanPlace {
  lat: number;
  lon: number;
}

export interface ScanConfig {
  fromDay: number;
  toDay: number;
  /** Length of a time bin in days (7 = weekly steps for the window ends and lengths). */
  binDays: number;
  radiusKm: number;
  maxNeighbours: number;
  /** Window lengths, in bins. */
  minBins: number;
  maxBins: number;
  minCases: number;
  /** Only windows that end on the last bin (the latest data) are scanned. */
  prospective: boolean;
  /**
   * Circle centres, when they differ from the case places (SaTScan's grid file, or every place of a
   * gazetteer). Default: the places themselves. A zone is the case places nearest one centre, so a
   * centre between two towns can hold both. ScanCluster.centre indexes this list when it is given.
   */
  centres?: readonly ScanPlace[];
  /**
   * Largest share of all cases a zone may hold, in (0, 1] (SaTScan's maximum spatial cluster size as a
   * percentage of the population at risk, which for this model is the cases). Applies on top of
   * radiusKm and maxNeighbours. Default 1 (no limit).
   */
  maxShare?: number;
  /**
   * Which secondary clusters are kept. 'cell' (default): no place-day cell shared with a more likely
   * cluster, so one town can hold two series months apart. 'location': SaTScan's default "no
   * geographical overlap", no place shared with a more likely cluster.
   */
  overlap?: 'cell' | 'location';
  /**
   * Report every candidate cluster with its p-value, as SaTScan does: for each centre its most likely
   * cylinder (largest LLR over its zones and windows, LLR > 0, at least minCases cases), by descending
   * LLR, without those overlapping a more likely one under `overlap`. Every replicate is then run, so
   * that the p-values of non-significant clusters are exact ranks too. Default false: only clusters with
   * p ≤ alpha, and the Monte Carlo may stop early.
   */
  reportAll?: boolean;
}

/** Everything that stays fixed across Monte-Carlo replicates. */
export interface ScanSetup {
  config: ScanConfig;
  nPlaces: number;
  /** Number of circle centres (config.centres, or the places). */
  nCentres: number;
  nBins: number;
  nCases: number;
  casePlace: Int32Array;
  caseBin: Int32Array;
  placeTotal: Int32Array;
  binTotal: Int32Array;
  /** Neighbour lists: row i holds the places sorted by distance from centre i (when the centres are
   * the places, i itself first), cut at radiusKm, maxNeighbours and maxShare. */
  K: number;
  nbr: Int32Array;
  nbrCount: Int32Array;
  nbrDistKm: Float64Array;
  /** Zone (i, k) = the first k+1 entries of row i. Duplicate place sets are scanned once. */
  zoneActive: Uint8Array;
  zoneTotal: Float64Array;
  lnZoneTotal: Float64Array;
  /** Reverse lists (CSR): the centres whose neighbour list contains place p are
   * revCentre[revStart[p] .. revStart[p + 1] − 1]. */
  revStart: Int32Array;
  revCentre: Int32Array;
}

export interface ScanCluster {
  /** Index into config.centres when given, else into the places. */
  centre: number;
  /** Indices into the places, nearest the centre first. */
  places: number[];
  radiusKm: number;
  startBin: number;
  endBin: number;
  startDay: number;
  endDay: number;
  observed: number;
  expected: number;
  llr: number;
  /** SaTScan's relative risk (c / μ) / ((C − c) / (C − μ)); Infinity when every case is inside. */
  relativeRisk: number;
  /** 1 + number of replicates whose maximum LLR is at least this cluster's LLR. */
  rank: number;
  pValue: number;
  /** pValue ≤ alpha (always true unless config.reportAll). */
  significant: boolean;
  /** Indices into the case arrays. */
  cases: number[];
}

export interface ScanResult {
  setup: ScanSetup;
  /** Maximum LLR of each replicate, largest first. */
  replicateMax: Float64Array;
  /** Non-overlapping clusters by descending LLR: those with p ≤ alpha, or every candidate with
   * config.reportAll. */
  clusters: ScanCluster[];
  /** Replicates actually run (fewer than asked when the sequential stop applied). */
  stoppedAfter: number;
}

export function binCount(cfg: Pick<ScanConfig, 'fromDay' | 'toDay' | 'binDays'>): number {
  return Math.ceil((cfg.toDay - cfg.fromDay + 1) / cfg.binDays);
}

export function binOfDay(cfg: Pick<ScanConfig, 'fromDay' | 'toDay' | 'binDays'>, day: number): number {
  return binCount(cfg) - 1 - Math.floor((cfg.toDay - day) / cfg.binDays);
}

export function binDays(cfg: Pick<ScanConfig, 'fromDay' | 'toDay' | 'binDays'>, bin: number): { start: number; end: number } {
  const end = cfg.toDay - (binCount(cfg) - 1 - bin) * cfg.binDays;
  return { start: Math.max(cfg.fromDay, end - cfg.binDays + 1), end };
}

/**
 * @param places  only places that have at least one case: a place without cases has zero expected
 *                and zero observed in every cylinder, so leaving it out changes no LLR, and it keeps
 *                the work proportional to the data rather than to the gazetteer.
 * @param casePlace, caseDay  one entry per case, days inside [fromDay, toDay].
 */
export function buildScanSetup(places: readonly ScanPlace[], casePlace: Int32Array, caseDay: Int32Array, config: ScanConfig): ScanSetup {
  const maxShare = config.maxShare ?? 1;
  if (!(maxShare > 0 && maxShare <= 1)) throw new RangeError('maxShare must be in (0, 1]');
  const centres = config.centres ?? places;
  const P = places.length;
  const G = centres.length;
  const B = binCount(config);
  const n = casePlace.length;
  const caseBin = new Int32Array(n);
  const placeTotal = new Int32Array(P);
  const binTotal = new Int32Array(B);
  for (let j = 0; j < n; j++) {
    const b = binOfDay(config, caseDay[j] ?? 0);
    if (b < 0 || b >= B) throw new RangeError('case outside the study period');
    caseBin[j] = b;
    placeTotal[casePlace[j] ?? 0]! += 1;
    binTotal[b]! += 1;
  }

  const K = Math.max(1, Math.min(config.maxNeighbours, P));
  const nbr = new Int32Array(G * K);
  const nbrCount = new Int32Array(G);
  const nbrDistKm = new Float64Array(G * K);
  // Place totals are whole numbers, so the tolerance only absorbs the rounding of maxShare × n.
  const maxZoneTotal = maxShare * n + 1e-9;
  const order: { j: number; d: number }[] = [];
  for (let i = 0; i < G; i++) {
    const a = centres[i]!;
    const self = config.centres ? -1 : i;
    order.length = 0;
    for (let j = 0; j < P; j++) {
      const b = places[j]!;
      const d = j === self ? 0 : haversineKm(a.lat, a.lon, b.lat, b.lon);
      if (d <= config.radiusKm) order.push({ j, d });
    }
    // The centre sorts first even when another place shares its coordinates.
    order.sort((x, y) => x.d - y.d || (x.j === self ? -1 : y.j === self ? 1 : x.j - y.j));
    const limit = Math.min(K, order.length);
    let m = 0;
    for (let total = 0; m < limit; m++) {
      total += placeTotal[order[m]!.j]!;
      if (total > maxZoneTotal) break;
      nbr[i * K + m] = order[m]!.j;
      nbrDistKm[i * K + m] = order[m]!.d;
    }
    nbrCount[i] = m;
  }

  const zoneActive = new Uint8Array(G * K);
  const zoneTotal = new Float64Array(G * K);
  const lnZoneTotal = new Float64Array(G * K);
  const seen = new Set<string>();
  for (let i = 0; i < G; i++) {
    let total = 0;
    const members: number[] = [];
    for (let k = 0; k < nbrCount[i]!; k++) {
      const p = nbr[i * K + k]!;
      members.push(p);
      total += placeTotal[p]!;
      zoneTotal[i * K + k] = total;
      lnZoneTotal[i * K + k] = Math.log(total);
      const key = members
        .slice()
        .sort((x, y) => x - y)
        .join(',');
      if (!seen.has(key)) {
        seen.add(key);
        zoneActive[i * K + k] = 1;
      }
    }
  }

  const revStart = new Int32Array(P + 1);
  for (let i = 0; i < G; i++) for (let k = 0; k < nbrCount[i]!; k++) revStart[nbr[i * K + k]! + 1]! += 1;
  for (let p = 0; p < P; p++) revStart[p + 1]! += revStart[p]!;
  const revCentre = new Int32Array(revStart[P]!);
  const fillAt = revStart.slice(0, P);
  for (let i = 0; i < G; i++) for (let k = 0; k < nbrCount[i]!; k++) revCentre[fillAt[nbr[i * K + k]!]!++] = i;

  return {
    config,
    nPlaces: P,
    nCentres: G,
    nBins: B,
    nCases: n,
    casePlace,
    caseBin,
    placeTotal,
    binTotal,
    K,
    nbr,
    nbrCount,
    nbrDistKm,
    zoneActive,
    zoneTotal,
    lnZoneTotal,
    revStart,
    revCentre,
  };
}

/** μ(zone, window) = C_zone × C_window / C, from the margins of the case table. */
export function spaceTimeExpected(setup: ScanSetup, zonePlaces: readonly number[], startBin: number, endBin: number): number {
  if (setup.nCases === 0) return 0;
  let zone = 0;
  for (const p of zonePlaces) zone += setup.placeTotal[p] ?? 0;
  let win = 0;
  for (let b = startBin; b <= endBin; b++) win += setup.binTotal[b] ?? 0;
  return (zone * win) / setup.nCases;
}

/** Poisson generalised likelihood ratio of the space-time permutation model (0 unless c > μ). */
export function spaceTimeLlr(c: number, mu: number, total: number): number {
  if (c <= mu) return 0;
  const inside = c * Math.log(c / mu);
  const outside = total - c > 0 ? (total - c) * Math.log((total - c) / (total - mu)) : 0;
  return inside + outside;
}

/** SaTScan's relative risk: the rate inside over the rate outside, (c / μ) / ((C − c) / (C − μ)).
 * Infinity when no case is outside (or μ is 0), rather than a division by zero. */
export function spaceTimeRelativeRisk(c: number, mu: number, total: number): number {
  const outside = (total - c) / (total - mu);
  return outside > 0 ? c / mu / outside : Number.POSITIVE_INFINITY;
}

/** Shuffles the case dates among the cases (Fisher–Yates). Both margins of the place × bin table are
 * unchanged by construction: every case keeps its place and every date is still used once. */
export function shuffleDates(perm: Int32Array, rng: Rng): void {
  for (let j = perm.length - 1; j > 0; j--) {
    const r = rng.int(j + 1);
    const t = perm[j]!;
    perm[j] = perm[r]!;
    perm[r] = t;
  }
}

/** Reusable buffers, so the replicate loop allocates nothing. */
export interface ScanWork {
  /** Cases grouped by bin (counting sort): binCase[binStart[b] .. binStart[b + 1] − 1]. */
  binStart: Int32Array;
  binCase: Int32Array;
  cursor: Int32Array;
  /** Per place: cases in the current window. */
  col: Int32Array;
  /** Per centre: cases in the current window within its whole neighbour list. */
  hoodCol: Int32Array;
  /** Centres whose neighbour list holds at least minCases cases in the current window. */
  active: Int32Array;
}

export function scanWork(setup: ScanSetup): ScanWork {
  const binStart = new Int32Array(setup.nBins + 1);
  for (let b = 0; b < setup.nBins; b++) binStart[b + 1] = binStart[b]! + setup.binTotal[b]!;
  return {
    binStart,
    cursor: new Int32Array(setup.nBins),
    binCase: new Int32Array(setup.nCases),
    col: new Int32Array(setup.nPlaces),
    hoodCol: new Int32Array(setup.nCentres),
    active: new Int32Array(setup.nCentres),
  };
}

/** Groups the cases by bin for one assignment of bins to cases (a counting sort; the bin sizes are
 * the fixed time margin, so binStart never changes). */
export function fillTable(setup: ScanSetup, bins: Int32Array, w: ScanWork): void {
  const { binStart, binCase, cursor } = w;
  cursor.set(binStart.subarray(0, setup.nBins));
  for (let j = 0; j < bins.length; j++) binCase[cursor[bins[j]!]!++] = j;
}

/** Receives a cylinder: zone, end bin, length in bins, cases inside, cases in the window, LLR. */
type Collector = (zone: number, endBin: number, bins: number, c: number, cw: number, llr: number) => void;

/** A bound may round a hair below the LLR it bounds; cylinders within this of a centre's floor are
 * still visited, so that exact ties reach the collector and the tie rule, not the visiting order,
 * decides between them. */
const TIE_SLACK = 1e-9;

/**
 * Maximum LLR over every zone in `zones` (a 0/1 mask over zone indices) × allowed window of the table
 * in `w`. With a collector, also reports every cylinder whose LLR reaches its centre's `floor` (which
 * the collector may raise as it goes); the replicates pass neither. This runs once per replicate, so
 * the loops allocate nothing and skip work that cannot matter:
 * - windows grow one bin at a time from each end bin, adding only that bin's cases;
 * - a window whose first bin has no cases at all has the counts, expectations and LLRs of the window
 *   one bin shorter, which was already scanned (and wins ties), so it is skipped; without a collector
 *   (only the maximum matters) so is a window whose last bin is empty, the same as the one ending a
 *   bin earlier;
 * - a centre is visited only once its whole neighbour list holds minCases cases in the window;
 * - a centre is skipped when an upper bound on the LLR of all its zones cannot beat the best so far
 *   nor reach its floor;
 * - a cylinder's exact LLR (one logarithm) is computed only when a log-free bound could.
 */
function scanTable(
  setup: ScanSetup,
  w: ScanWork,
  lnTab: Float64Array,
  zones: Uint8Array,
  floor: Float64Array | null,
  collect: Collector | null,
): number {
  const { nBins: B, K, nbr, nbrCount, zoneTotal, lnZoneTotal, binTotal, casePlace, revStart, revCentre } = setup;
  const { minBins, maxBins, minCases, prospective } = setup.config;
  const { binStart, binCase, col, hoodCol, active } = w;
  const C = setup.nCases;
  const lnC = Math.log(C);
  let best = 0;
  const lastEnd = prospective ? B - 1 : minBins - 1;
  for (let e = B - 1; e >= lastEnd && e >= 0; e--) {
    // In prospective mode no window ends a bin earlier, so an empty last bin is scanned like any other.
    const sameAsEarlierEnd = collect === null && !prospective && binTotal[e] === 0;
    col.fill(0);
    hoodCol.fill(0);
    let nActive = 0;
    let cw = 0;
    for (let L = 1; L <= maxBins && e - L + 1 >= 0; L++) {
      const b = e - L + 1;
      for (let q = binStart[b]!; q < binStart[b + 1]!; q++) {
        const p = casePlace[binCase[q]!]!;
        col[p]! += 1;
        for (let r = revStart[p]!; r < revStart[p + 1]!; r++) {
          const i = revCentre[r]!;
          if (++hoodCol[i]! === minCases) active[nActive++] = i;
        }
      }
      cw += binTotal[b]!;
      if (L < minBins || cw < minCases) continue;
      if (L > minBins && (binTotal[b] === 0 || sameAsEarlierEnd)) continue;
      const lnWin = Math.log(cw) - lnC;
      const winShare = cw / C;
      for (let a = 0; a < nActive; a++) {
        const i = active[a]!;
        const base = i * K;
        const keep = floor === null ? Number.POSITIVE_INFINITY : floor[i]! - TIE_SLACK;
        // No zone of centre i holds more than h cases, and each has μ ≥ max(centre total, its own
        // count) × share; the LLR grows with c and falls with μ, so this bounds all of them.
        const h = hoodCol[i]!;
        const muLow = Math.max(zoneTotal[base]!, h) * winShare;
        if (h <= muLow) continue;
        const hoodBound = h * (lnTab[h]! - Math.log(muLow)) - ((C - h) * (h - muLow)) / (C - muLow);
        if (hoodBound <= best && hoodBound < keep) continue;
        let c = 0;
        const m = nbrCount[i]!;
        for (let k = 0; k < m; k++) {
          c += col[nbr[base + k]!]!;
          if (c < minCases) continue;
          const z = base + k;
          if (zones[z] === 0) continue;
          const mu = zoneTotal[z]! * winShare;
          if (c <= mu) continue;
          const inside = c * (lnTab[c]! - (lnZoneTotal[z]! + lnWin));
          // ln x ≤ x − 1 bounds the outside term without a logarithm; most cylinders stop here.
          const bound = inside - ((C - c) * (c - mu)) / (C - mu);
          if (bound <= best && bound < keep) continue;
          const llr = inside + (C - c) * (lnTab[C - c]! - Math.log(C - mu));
          if (llr > best) best = llr;
          if (collect !== null && llr >= keep) collect(z, e, L, c, cw, llr);
        }
      }
    }
  }
  return best;
}

function lnTable(n: number): Float64Array {
  const t = new Float64Array(n + 1);
  // 0·ln 0 is taken as 0 in the LLR, so ln 0 is stored as 0 rather than −∞.
  for (let i = 1; i <= n; i++) t[i] = Math.log(i);
  return t;
}

/** A cylinder: zone z (centre ⌊z / K⌋, its first z mod K + 1 places), window of L bins ending at e. */
interface Candidate {
  z: number;
  e: number;
  L: number;
  c: number;
  mu: number;
  llr: number;
  /** The LLR as the replicate scans compute it, to rank against their maxima. */
  scanLlr: number;
}

/** Every cylinder with LLR above the critical value (the secondary clusters of today's rule). */
function cylindersAbove(setup: ScanSetup, w: ScanWork, lnTab: Float64Array, threshold: number): Candidate[] {
  const cand: Candidate[] = [];
  const floor = new Float64Array(setup.nCentres).fill(threshold);
  scanTable(setup, w, lnTab, setup.zoneActive, floor, (z, e, L, c, cw, llr) => {
    if (llr > threshold) cand.push({ z, e, L, c, mu: setup.zoneTotal[z]! * (cw / setup.nCases), llr, scanLlr: llr });
  });
  return cand;
}

/**
 * Each centre's most likely cylinder (SaTScan's candidate list). Every zone is scanned, duplicates of
 * another centre's place set too, so each centre's answer does not depend on which centre saw a place
 * set first. Ties go to fewer places, then the shorter window, then the later end, whatever order the
 * scan visits them in. The scan's LLR, a sum of logarithms, can differ in the last bit between two
 * cylinders that tie exactly (the same c and C_zone × C_window), so each candidate's μ and LLR are
 * computed again from those integers, which makes exact ties compare equal.
 */
function mostLikelyPerCentre(setup: ScanSetup, w: ScanWork, lnTab: Float64Array): Candidate[] {
  const { K, nCases: C, zoneTotal } = setup;
  const best: (Candidate | undefined)[] = Array.from({ length: setup.nCentres }, () => undefined);
  // Only cylinders with c > μ reach a collector, so every candidate has LLR > 0 (an excess).
  const floor = new Float64Array(setup.nCentres);
  const everyZone = new Uint8Array(setup.zoneActive.length).fill(1);
  scanTable(setup, w, lnTab, everyZone, floor, (z, e, L, c, cw, scanLlr) => {
    const mu = (zoneTotal[z]! * cw) / C;
    const llr = spaceTimeLlr(c, mu, C);
    const i = Math.floor(z / K);
    const q = best[i];
    const wins = q === undefined || llr > q.llr || (llr === q.llr && (z < q.z || (z === q.z && (L < q.L || (L === q.L && e > q.e)))));
    if (!wins) return;
    best[i] = { z, e, L, c, mu, llr, scanLlr };
    floor[i] = llr;
  });
  return best.filter((q): q is Candidate => q !== undefined);
}

/**
 * Runs the scan: R replicates for the null distribution of the maximum LLR, then the observed table.
 * Secondary clusters are kept greedily by descending LLR when they do not overlap a cluster already
 * kept. The default rule ('cell') is no shared place-day cell (same place AND overlapping window), so
 * the same town can hold two series months apart, which SaTScan's "no geographical overlap" rule
 * ('location') would suppress.
 */
export function runPermutationScan(setup: ScanSetup, replicates: number, rng: Rng, alpha: number): ScanResult {
  const P = setup.nPlaces;
  const reportAll = setup.config.reportAll ?? false;
  const byLocation = setup.config.overlap === 'location';
  const replicateMax = new Float64Array(replicates);
  if (setup.nCases < setup.config.minCases || P === 0 || setup.nCentres === 0) {
    return { setup, replicateMax, clusters: [], stoppedAfter: 0 };
  }

  const lnTab = lnTable(setup.nCases);
  const work = scanWork(setup);
  fillTable(setup, setup.caseBin, work);
  const observedMax = scanTable(setup, work, lnTab, setup.zoneActive, null, null);
  // Sequential Monte Carlo (Besag & Clifford 1991): once this many replicates reach the observed
  // maximum, the most likely cluster has p > alpha, so no cluster can be significant and the remaining
  // replicates cannot change the answer. On data without a series this stops after a few dozen.
  // reportAll reports non-significant clusters too, whose p-values need every replicate.
  const significantRanks = Math.floor(alpha * (replicates + 1) + 1e-9);
  const stopAt = reportAll ? Number.POSITIVE_INFINITY : significantRanks;
  let reached = 0;
  const perm = Int32Array.from(setup.caseBin);
  for (let r = 0; r < replicates; r++) {
    shuffleDates(perm, rng);
    fillTable(setup, perm, work);
    const max = scanTable(setup, work, lnTab, setup.zoneActive, null, null);
    replicateMax[r] = max;
    if (max >= observedMax && ++reached >= stopAt) return { setup, replicateMax, clusters: [], stoppedAfter: r + 1 };
  }
  replicateMax.sort().reverse();

  fillTable(setup, setup.caseBin, work);
  let cand: Candidate[];
  if (reportAll) {
    cand = mostLikelyPerCentre(setup, work, lnTab);
  } else {
    const threshold = criticalLlr(replicateMax, alpha);
    if (!Number.isFinite(threshold)) return { setup, replicateMax, clusters: [], stoppedAfter: replicates };
    cand = cylindersAbove(setup, work, lnTab, threshold);
  }
  cand.sort((a, b) => b.llr - a.llr || b.c - a.c || a.z - b.z || b.e - a.e || a.L - b.L);

  const kept: { marks: Uint8Array; s: number; e: number }[] = [];
  const clusters: ScanCluster[] = [];
  for (const k of cand) {
    const centre = Math.floor(k.z / setup.K);
    const size = (k.z % setup.K) + 1;
    const s = k.e - k.L + 1;
    const zonePlaces = Array.from(setup.nbr.subarray(centre * setup.K, centre * setup.K + size));
    const overlaps = kept.some((q) => (byLocation || (q.s <= k.e && s <= q.e)) && zonePlaces.some((p) => q.marks[p] === 1));
    if (overlaps) continue;
    const marks = new Uint8Array(P);
    for (const p of zonePlaces) marks[p] = 1;
    kept.push({ marks, s, e: k.e });
    const cases: number[] = [];
    for (let j = 0; j < setup.nCases; j++) {
      const b = setup.caseBin[j]!;
      if (b >= s && b <= k.e && marks[setup.casePlace[j]!] === 1) cases.push(j);
    }
    const rank = rankAmong(replicateMax, k.scanLlr);
    clusters.push({
      centre,
      places: zonePlaces,
      radiusKm: setup.nbrDistKm[k.z] ?? 0,
      startBin: s,
      endBin: k.e,
      startDay: binDays(setup.config, s).start,
      endDay: binDays(setup.config, k.e).end,
      observed: k.c,
      expected: k.mu,
      llr: k.llr,
      relativeRisk: spaceTimeRelativeRisk(k.c, k.mu, setup.nCases),
      rank,
      pValue: rank / (replicates + 1),
      significant: rank <= significantRanks,
      cases,
    });
  }
  return { setup, replicateMax, clusters, stoppedAfter: replicates };
}
