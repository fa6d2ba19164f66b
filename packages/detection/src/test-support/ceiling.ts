/**
 * The best any detector could do on the test fixture: an oracle that is told every area's true
 * background rate (the generator's), so it has no baseline to estimate, and scans the same areas and
 * windows as the temporal scan (the force, each district and each town with a baseline, for every report
 * of the method and for each kind of caller; weekly windows of one to eight weeks; at least
 * MIN_SURGE_REPORTS reports) with the expectation-based Poisson statistic, calibrated by Monte Carlo to
 * any false-alarm rate.
 *
 * Why: the press-series test asks for each release's series in every seeded background. When the oracle
 * itself misses a series in some seeds, no detector that holds the false-alarm rate over the same areas
 * and weeks can find it in all of them: the shortfall is the signal's, not the method's. Test-only: it
 * reads the generator's rates, which no real detector can know.
 */
import type { Impersonated, Method } from '@scam/shared';
import { dayNumber } from '@scam/shared';
import { MIN_PLACE_REPORTS } from '../baseline.js';
import { MIN_SURGE_REPORTS } from '../detect.js';
import { criticalLlr } from '../monte-carlo.js';
import { createRng } from '../random.js';
import type { Rng } from '../random.js';
import { impersonationShares, MONTHLY_RATES } from '../synthetic.js';
import type { DetectionIncident } from '../types.js';
import { hertsPlaces } from './herts.js';

export interface CeilingSpec {
  method: Method;
  /** First day the data holds reports (towns are scanned once they expect MIN_PLACE_REPORTS by `to`). */
  dataFrom: string;
  /** The view: retrospective windows end anywhere in it; prospective ones end on `to`. */
  from: string;
  to: string;
  prospective: boolean;
  replicates: number;
  seed: number;
}

export interface Ceiling {
  /** The LLR a window must exceed to be reported at this false-alarm rate. */
  bar(alpha: number): number;
  /** The largest LLR of any area's window that overlaps [from, to] (by a week either side) in this data. */
  score(incidents: readonly DetectionIncident[], from: string, to: string): number;
}

const WEEK = 7;
const MAX_WEEKS = 8;

/** Known-rate expectation-based Poisson statistic: c ln(c/μ) − (c − μ) when c exceeds μ. */
const ebp = (c: number, mu: number): number => (c > mu ? c * Math.log(c / mu) - (c - mu) : 0);

function poisson(rng: Rng, mu: number): number {
  // Inversion: the weekly means here are well below one, so this takes a step or two.
  let n = 0;
  let p = Math.exp(-mu);
  let cum = p;
  const u = rng.next();
  while (u > cum && n < 1000) {
    n++;
    p *= mu / n;
    cum += p;
  }
  return n;
}

export function knownRateCeiling(spec: CeilingSpec): Ceiling {
  const places = [...hertsPlaces().values()];
  const totalWeight = places.reduce((a, p) => a + p.weight, 0);
  const kinds = [...impersonationShares(spec.method).entries()];
  const perWeek = (MONTHLY_RATES[spec.method] / 30.44) * WEEK;
  const toDay = dayNumber(spec.to);
  const bins = Math.floor((toDay - dayNumber(spec.dataFrom) + 1) / WEEK);
  const binOf = (day: number): number => bins - 1 - Math.floor((toDay - day) / WEEK);
  const firstEnd = spec.prospective ? bins - 1 : Math.max(0, binOf(dayNumber(spec.from)) + 1);

  // Cells: place × kind of caller, each with its true weekly mean.
  const cellMean = places.flatMap((p) => kinds.map(([, share]) => perWeek * share * (p.weight / totalWeight)));
  const cell = (placeIndex: number, kindIndex: number): number => placeIndex * kinds.length + kindIndex;
  interface Row {
    cells: number[];
    mean: number;
  }
  const rows: Row[] = [];
  const rowOf = (cells: number[]): Row => ({ cells, mean: cells.reduce((a, c) => a + cellMean[c]!, 0) });
  const all = places.map((_, i) => i);
  for (const kindIndexes of [kinds.map((_, k) => k), ...kinds.map((_, k) => [k])]) {
    const cellsOf = (ps: number[]): number[] => ps.flatMap((pi) => kindIndexes.map((k) => cell(pi, k)));
    rows.push(rowOf(cellsOf(all)));
    for (const d of [...new Set(places.map((p) => p.district))]) rows.push(rowOf(cellsOf(all.filter((i) => places[i]!.district === d))));
    for (const pi of all) {
      const town = rowOf(cellsOf([pi]));
      if (town.mean * bins >= MIN_PLACE_REPORTS) rows.push(town);
    }
  }

  /** Best LLR over rows and windows ending in [firstEnd, lastEnd] and starting no earlier than firstStart. */
  const scan = (counts: Int32Array[], firstStart: number, lastEnd: number): number => {
    let best = 0;
    const prefix = new Int32Array(bins + 1);
    for (const row of rows) {
      for (let b = 0; b < bins; b++) {
        let c = 0;
        for (const k of row.cells) c += counts[k]![b]!;
        prefix[b + 1] = prefix[b]! + c;
      }
      for (let e = firstEnd; e <= lastEnd; e++) {
        for (let len = 1; len <= MAX_WEEKS && e - len + 1 >= firstStart; len++) {
          const c = prefix[e + 1]! - prefix[e - len + 1]!;
          if (c < MIN_SURGE_REPORTS) continue;
          best = Math.max(best, ebp(c, row.mean * len));
        }
      }
    }
    return best;
  };

  const rng = createRng(spec.seed);
  const maxima = new Float64Array(spec.replicates);
  const firstStudyStart = spec.prospective ? 0 : firstEnd;
  for (let r = 0; r < spec.replicates; r++) {
    const counts = cellMean.map((mu) => Int32Array.from({ length: bins }, () => poisson(rng, mu)));
    maxima[r] = scan(counts, firstStudyStart, bins - 1);
  }
  maxima.sort().reverse();

  const placeIndex = new Map(places.map((p, i) => [p.name, i]));
  const kindIndex = new Map<Impersonated, number>(kinds.map(([k], i) => [k, i]));
  return {
    bar: (alpha) => criticalLlr(maxima, alpha),
    score(incidents, from, to) {
      const counts = cellMean.map(() => new Int32Array(bins));
      for (const inc of incidents) {
        const pi = placeIndex.get(inc.place);
        const k = kindIndex.get(inc.impersonated);
        const b = binOf(dayNumber(inc.offenceDate));
        if (inc.method !== spec.method || pi === undefined || k === undefined || b < 0 || b >= bins) continue;
        counts[cell(pi, k)]![b]! += 1;
      }
      // Only the series' weeks, with a week's slack either side, count: a window elsewhere scores nothing.
      const lo = binOf(dayNumber(from)) - 1;
      const hi = binOf(dayNumber(to)) + 1;
      const clipped = counts.map((c) => c.map((x, b) => (b >= lo && b <= hi ? x : 0)));
      return scan(clipped, firstStudyStart, bins - 1);
    },
  };
}
