/**
 * Surges against each area's own past: an expectation-based temporal scan per area (every district
 * and the whole force area), calibrated by Monte Carlo so that the chance of any false alarm for a
 * method stays at alpha however long the period looked at.
 *
 * Why not the space-time scan alone: the permutation scan takes its expectation from the period's own
 * time margin, so a surge across the whole force (or most of it) raises the expectation everywhere and
 * leaves little spatial excess to find. Here a window is compared with the area's trailing baseline.
 *
 * Why Monte Carlo and not Bonferroni: the earlier check divided alpha by the number of area × window
 * tests. Windows overlap heavily (an eight-week window shares seven weeks with its neighbour), so the
 * tests are far from independent, and over three years the correction grew so strict that a real
 * six-week county-wide surge found in its own weeks (p 0.005) was not found at all. Calibrating the
 * maximum statistic over all windows and areas by simulation (Kulldorff's approach; Neill's
 * expectation-based scan statistics use the same calibration) holds the family-wise rate at alpha
 * exactly and costs little power as the period grows.
 *
 * Windows: lengths minDays..maxDays in steps of stepDays, ending on `to` and every stepDays back from
 * it; prospective mode only the windows ending on `to` (the surveillance question "is something
 * happening now?"); retrospective mode every window inside [from, to].
 *
 * Statistic per window: the likelihood ratio of "the window's daily rate is higher than the trailing
 * baseline's" against "the same rate", for two Poisson counts — c reports in the window's w days and n
 * in the b baseline days (up to two years just before the window):
 *   LLR = c ln(c/w) + n ln(n/b) − (c+n) ln((c+n)/(w+b))   when c/w > n/b, else 0.
 * Unlike "Poisson tail against a fixed expectation", this counts the baseline's own noise: a district
 * with one report last year does not make three in a week look like a one-in-a-million event. All its
 * arguments are whole numbers, so it is evaluated with a table of logarithms (no log calls per window).
 *
 * Null distribution: each area's reports keep their number and are spread uniformly over the days
 * (the multinomial null of a constant rate, conditioned on the counts, as in Kulldorff's purely
 * temporal scan); the force area is the sum of its districts in every replicate, as in the data. The
 * p-value of a window is its rank among the replicates' maxima over every area and window.
 */
import type { Rng } from './random.js';
import { criticalLlr, rankAmong } from './monte-carlo.js';
import { poissonUpperTail } from './tails.js';

export interface BaselineCase {
  day: number;
  district: string;
  /** The place (town) the report came from: places are scanned as areas of their own too. */
  place: string;
  /** Who the caller posed as (police, bank…), or null when unknown: each kind is scanned on its own as
   * well as with the rest, so that one gang's script stands out from the method's other reports. */
  profile?: string | null;
}

export interface BaselineConfig {
  fromDay: number;
  toDay: number;
  /** First day the data could contain reports (earliest report of any method). */
  dataStartDay: number;
  /** Window lengths in days, stepped by stepDays. */
  minDays: number;
  maxDays: number;
  /** Step of the window ends and lengths in days: 7 (weekly, the default) or 1. */
  stepDays: number;
  prospective: boolean;
  baselineDays: number;
  /** A window needs at least this much baseline before it. */
  minBaselineDays: number;
  minCases: number;
  alpha: number;
  replicates: number;
}

/** Which area a finding is about. */
export type BaselineArea = { kind: 'force' } | { kind: 'district'; name: string } | { kind: 'place'; name: string; district: string };

/** An area, for every report of the method (profile null) or only those where the caller posed as `profile`. */
export interface BaselineRow {
  area: BaselineArea;
  profile: string | null;
}

export interface BaselineFinding {
  area: BaselineArea;
  /** Null: every report of the method; otherwise only those where the caller posed as this. */
  profile: string | null;
  startDay: number;
  endDay: number;
  observed: number;
  /** Baseline rate × window length (with half a report added, so an empty baseline is not 0). */
  expected: number;
  baselineCount: number;
  baselineDays: number;
  llr: number;
  /** Monte-Carlo p-value: rank among the replicate maxima / (replicates + 1). */
  pValue: number;
  rank: number;
  /** Indices into the input cases. */
  cases: number[];
  /** 0 for the first round; later rounds judged what was left once earlier surges were set aside. */
  round: number;
  /** Reports of other surges (earlier rounds, or a prospective look's prior pass) left out of its own
   * baseline: its area and kind of caller, in the days its baseline covers. */
  setAsideBefore: number;
}

/**
 * How far back a window's baseline reaches: up to two years before it. A town with four such reports a
 * year has about four in its past year, and that count is too noisy to say whether five in three weeks
 * is unusual (with two years the estimate is twice as sure). Surges inside those two years would inflate
 * it, so they are set aside first: a retrospective look finds them in rounds (baselineCheck), and a
 * prospective look, which sees only its latest weeks, first looks back over the two years before its
 * longest window (PRIOR_PASS).
 */
export const DEFAULT_BASELINE = { baselineDays: 728, minBaselineDays: 182 } as const;

/**
 * A prospective look's pass over the two years before its longest window: it only has to find the strong
 * surges there to set them aside, so one-year baselines and 99 replicates serve (at alpha/2 that still
 * resolves p; the false-alarm rate holds for any number of replicates).
 */
export const PRIOR_PASS = { days: 728, baselineDays: 364, replicates: 99 } as const;

/**
 * How much history before `from` a look needs: its baselines, and in prospective mode the prior pass's,
 * which covers the two years before its longest window (`maxDays`) with one-year baselines of its own.
 */
export function historyDaysFor(mode: 'retrospective' | 'prospective', maxDays = 56): number {
  return mode === 'prospective' ? maxDays + PRIOR_PASS.days + PRIOR_PASS.baselineDays : DEFAULT_BASELINE.baselineDays;
}

/** Rounds of finding surges and setting them aside; each costs one Monte-Carlo calibration. */
export const MAX_ROUNDS = 4;

/** A town is scanned as an area of its own once the data holds this many of its reports of the method. */
export const MIN_PLACE_REPORTS = 20;

/**
 * Time is counted in bins of stepDays ending on `to` (weekly bins for the default weekly step), so the
 * prefix sums a replicate rebuilds are a seventh of a daily table. Bins before the data's first day
 * count as empty days of baseline (at most one bin's worth).
 */
interface Bins {
  size: number;
  count: number;
  /** First day of bin 0. */
  origin: number;
}

interface Windows {
  /** Window start and end bins (inclusive) and the first baseline bin before each. */
  start: Int32Array;
  end: Int32Array;
  baseStart: Int32Array;
}

function windowsOf(cfg: BaselineConfig, bins: Bins): Windows {
  const start: number[] = [];
  const end: number[] = [];
  const baseStart: number[] = [];
  const minL = Math.max(1, Math.ceil(cfg.minDays / bins.size));
  const maxL = Math.max(minL, Math.floor(cfg.maxDays / bins.size));
  const baseL = Math.round(cfg.baselineDays / bins.size);
  const minBaseL = Math.ceil(cfg.minBaselineDays / bins.size);
  const firstStudyBin = Math.max(0, Math.ceil((cfg.fromDay - bins.origin) / bins.size));
  for (let e = bins.count - 1; e >= firstStudyBin; e--) {
    for (let len = minL; len <= maxL; len++) {
      const st = e - len + 1;
      if (st < firstStudyBin) break;
      const bs = Math.max(0, st - baseL);
      if (st - bs < minBaseL) continue;
      start.push(st);
      end.push(e);
      baseStart.push(bs);
    }
    if (cfg.prospective) break;
  }
  return { start: Int32Array.from(start), end: Int32Array.from(end), baseStart: Int32Array.from(baseStart) };
}

/** ln of 0..n, with ln 0 stored as 0 so that 0 · ln 0 terms vanish. */
function lnTable(n: number): Float64Array {
  const t = new Float64Array(n + 1);
  for (let i = 2; i <= n; i++) t[i] = Math.log(i);
  return t;
}

type Collect = (area: number, w: number, c: number, n: number, llr: number) => void;

/**
 * Best LLR over every window of every area, from the prefix table (row a: prefix[a·(B+1) + k] = reports
 * of area a in bins 0..k−1). Lengths are in bins: the LLR depends only on the ratio of window to baseline
 * length, so bins serve as well as days. With `collect`, every window above `threshold` is reported.
 */
function scanAreas(
  prefix: Int32Array,
  areas: number,
  B: number,
  win: Windows,
  ln: Float64Array,
  minCases: number,
  threshold: number,
  collect: Collect | null,
): number {
  let best = 0;
  const { start, end, baseStart } = win;
  const W = start.length;
  const row = B + 1;
  for (let a = 0; a < areas; a++) {
    const o = a * row;
    // An area with fewer reports in all than a series needs cannot hold one.
    if (prefix[o + B]! < minCases) continue;
    for (let k = 0; k < W; k++) {
      const s = start[k]!;
      const ps = prefix[o + s]!;
      const c = prefix[o + end[k]! + 1]! - ps;
      if (c < minCases) continue;
      const bs = baseStart[k]!;
      const n = ps - prefix[o + bs]!;
      const w = end[k]! - s + 1;
      const b = s - bs;
      // c/w > n/b, without a division.
      if (c * b <= n * w) continue;
      const N = c + n;
      const llr = c * (ln[c]! - ln[w]!) + n * (ln[n]! - ln[b]!) - N * (ln[N]! - ln[w + b]!);
      if (llr > best) best = llr;
      if (collect !== null && llr > threshold) collect(a, k, c, n, llr);
    }
  }
  return best;
}

/** Whether a report counts in a row (its area, and its kind of caller when the row has one). */
function inRow({ area, profile }: BaselineRow, c: BaselineCase): boolean {
  return (
    (profile === null || (c.profile ?? null) === profile) &&
    (area.kind === 'force' ||
      (area.kind === 'district' && c.district === area.name) ||
      (area.kind === 'place' && c.district === area.district && c.place === area.name))
  );
}

/**
 * Surges found in rounds, as SaTScan's iterative scan adjusts for more likely clusters (Zhang, Assunção
 * & Kulldorff 2010): each round scans what the earlier rounds left, with its own Monte-Carlo
 * calibration, and the reports of every surge it finds are set aside before the next. So the April 2019
 * series does not raise St Albans's usual rate when August 2020 is judged. With no surge at all the first
 * round finds nothing with probability 1 − alpha and the look stops there, so the chance of a false alarm
 * stays alpha. A later round's p-value holds given the surges set aside, nearly: their weeks still count
 * as baseline days, so a baseline spanning one is up to a window's length low (8 weeks in 104), which
 * errs a little towards alarms. In a prospective look the same holds after a chance finding of the prior
 * pass (probability alpha at most), so its strict bound there is twice alpha; measured, it stays under
 * alpha (docs/detection.md §2).
 */
export function baselineCheck(cases: readonly BaselineCase[], cfg: BaselineConfig, rng: Rng): BaselineFinding[] {
  const setAside = new Uint8Array(cases.length);
  // Nothing to look for when the look's longest window holds fewer reports than a surge needs.
  const recent = cases.filter((c) => c.day > cfg.toDay - cfg.maxDays && c.day <= cfg.toDay).length;
  if (cfg.prospective && recent >= cfg.minCases) {
    // The surges of the two years before the longest window this look can report, so that they do not
    // inflate its baselines. It stops where that window could start: an ongoing surge is the look's own.
    const toDay = cfg.toDay - cfg.maxDays;
    const prior = baselineCheck(
      cases,
      {
        ...cfg,
        prospective: false,
        fromDay: Math.max(cfg.dataStartDay + cfg.minBaselineDays, toDay - PRIOR_PASS.days + 1),
        toDay,
        baselineDays: PRIOR_PASS.baselineDays,
        replicates: Math.min(cfg.replicates, PRIOR_PASS.replicates),
      },
      rng,
    );
    for (const f of prior) for (const i of f.cases) setAside[i] = 1;
  }
  const out: BaselineFinding[] = [];
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const left: number[] = [];
    cases.forEach((_, i) => {
      if (setAside[i] === 0) left.push(i);
    });
    const found = baselineRound(
      left.map((i) => cases[i]!),
      cfg,
      rng,
    );
    if (found.length === 0) break;
    // How many reports of other surges were left out of each finding's own baseline (its area and kind
    // of caller, and the days its baseline covers), counted before this round's surges join them.
    const withAside = found.map((f) => {
      const row: BaselineRow = { area: f.area, profile: f.profile };
      const from = f.startDay - f.baselineDays;
      let n = 0;
      cases.forEach((c, i) => {
        if (setAside[i] === 1 && c.day >= from && c.day < f.startDay && inRow(row, c)) n++;
      });
      return { ...f, cases: f.cases.map((j) => left[j]!), round, setAsideBefore: n };
    });
    for (const f of withAside) {
      out.push(f);
      for (const i of f.cases) setAside[i] = 1;
    }
  }
  return out;
}

function baselineRound(cases: readonly BaselineCase[], cfg: BaselineConfig, rng: Rng): Omit<BaselineFinding, 'round' | 'setAsideBefore'>[] {
  const size = Math.max(1, cfg.stepDays);
  const count = Math.ceil((cfg.toDay - cfg.dataStartDay + 1) / size);
  if (count <= 0 || cases.length < cfg.minCases) return [];
  const bins: Bins = { size, count, origin: cfg.toDay - count * size + 1 };
  const win = windowsOf(cfg, bins);
  if (win.start.length === 0) return [];

  // Rows: for every report of the method, then for each kind of caller (police, bank…) on its own, the
  // force, every district, and the towns with a baseline of their own. A village with a report or two a
  // year makes three reports in a week look extraordinary (nothing to compare with), and scanning
  // hundreds of them raises the bar every other area must clear; its district still covers it.
  const profiles = [...new Set(cases.map((c) => c.profile ?? null).filter((p): p is string => p !== null))].sort();
  const rows: BaselineRow[] = [];
  const rowOf = new Map<string, number>();
  const key = (profile: string | null, kind: string, name = '', district = ''): string =>
    `${profile ?? ''}\u0000${kind}\u0000${name}\u0000${district}`;
  for (const profile of [null, ...profiles]) {
    const ofProfile = cases.filter(
      (c) => c.day >= cfg.dataStartDay && c.day <= cfg.toDay && (profile === null || (c.profile ?? null) === profile),
    );
    if (ofProfile.length < cfg.minCases) continue;
    const perPlace = new Map<string, number>();
    for (const c of ofProfile) {
      const k = `${c.district}\u0000${c.place}`;
      perPlace.set(k, (perPlace.get(k) ?? 0) + 1);
    }
    const add = (area: BaselineArea, k: string): void => {
      rowOf.set(k, rows.length);
      rows.push({ area, profile });
    };
    add({ kind: 'force' }, key(profile, 'force'));
    for (const name of [...new Set(ofProfile.map((c) => c.district))].sort())
      add({ kind: 'district', name }, key(profile, 'district', name));
    for (const k of [...perPlace.entries()]
      .filter(([, n]) => n >= MIN_PLACE_REPORTS)
      .map(([k]) => k)
      .sort()) {
      const [district, name] = k.split('\u0000') as [string, string];
      add({ kind: 'place', name, district }, key(profile, 'place', name, district));
    }
  }
  /** Each report counts in every row it belongs to (at most six: force, district and town, overall and for its kind). */
  const inRange = cases
    .map((c, i) => {
      const member: number[] = [];
      for (const profile of c.profile ? [null, c.profile] : [null]) {
        for (const k of [key(profile, 'force'), key(profile, 'district', c.district), key(profile, 'place', c.place, c.district)]) {
          const r = rowOf.get(k);
          if (r !== undefined) member.push(r);
        }
      }
      return { i, day: c.day, rows: member };
    })
    .filter((c) => c.day >= cfg.dataStartDay && c.day <= cfg.toDay);
  const A = rows.length;
  const B = bins.count;
  const ln = lnTable(Math.max(inRange.length, 2 * B) + 1);
  const binOf = (day: number): number => Math.floor((day - bins.origin) / size);

  const prefix = new Int32Array(A * (B + 1));
  const fill = (binOfCase: (j: number) => number): void => {
    prefix.fill(0);
    for (let j = 0; j < inRange.length; j++) {
      const b = binOfCase(j) + 1;
      for (const r of inRange[j]!.rows) prefix[r * (B + 1) + b]! += 1;
    }
    for (let a = 0; a < A; a++) {
      const o = a * (B + 1);
      for (let k = 1; k <= B; k++) prefix[o + k]! += prefix[o + k - 1]!;
    }
  };

  fill((j) => binOf(inRange[j]!.day));
  const observedMax = scanAreas(prefix, A, B, win, ln, cfg.minCases, Number.POSITIVE_INFINITY, null);
  if (observedMax <= 0) return [];

  // Replicates: every report keeps its area and moves to a uniformly drawn day of the data. Sequential
  // stop (Besag & Clifford) once enough replicates reach the observed maximum that nothing can be significant.
  const R = cfg.replicates;
  const replicateMax = new Float64Array(R);
  const simBin = new Int32Array(inRange.length);
  const firstDay = Math.max(cfg.dataStartDay, bins.origin);
  const days = cfg.toDay - firstDay + 1;
  const stopAt = Math.floor(cfg.alpha * (R + 1) + 1e-9);
  let reached = 0;
  for (let r = 0; r < R; r++) {
    for (let j = 0; j < simBin.length; j++) simBin[j] = binOf(firstDay + rng.int(days));
    fill((j) => simBin[j]!);
    const m = scanAreas(prefix, A, B, win, ln, cfg.minCases, Number.POSITIVE_INFINITY, null);
    replicateMax[r] = m;
    if (m >= observedMax && ++reached >= stopAt) return [];
  }
  replicateMax.sort().reverse();
  const threshold = criticalLlr(replicateMax, cfg.alpha);
  if (!Number.isFinite(threshold)) return [];

  fill((j) => binOf(inRange[j]!.day));
  const flagged: { area: number; w: number; c: number; n: number; llr: number }[] = [];
  scanAreas(prefix, A, B, win, ln, cfg.minCases, threshold, (area, w, c, n, llr) => flagged.push({ area, w, c, n, llr }));
  flagged.sort(
    (x, y) => y.llr - x.llr || y.c - x.c || x.area - y.area || win.end[y.w]! - win.end[x.w]! || win.start[x.w]! - win.start[y.w]!,
  );

  // Per area, windows that overlap in time describe one surge: the most unusual is kept.
  const kept: typeof flagged = [];
  for (const f of flagged) {
    if (kept.some((k) => k.area === f.area && win.start[k.w]! <= win.end[f.w]! && win.start[f.w]! <= win.end[k.w]!)) continue;
    kept.push(f);
  }
  const dayOfBin = (b: number): number => bins.origin + b * size;
  return kept.map((f) => {
    const row = rows[f.area]!;
    const area = row.area;
    const areaDays = inRange.filter((c) => inRow(row, cases[c.i]!)).map((c) => c.day);
    const w = refineWindow(areaDays, Math.max(cfg.fromDay, dayOfBin(win.start[f.w]!)), dayOfBin(win.end[f.w]! + 1) - 1, cfg, ln);
    const members: number[] = [];
    cases.forEach((c, i) => {
      if (c.day >= w.startDay && c.day <= w.endDay && inRow(row, c)) members.push(i);
    });
    const rank = rankAmong(replicateMax, f.llr);
    return {
      area,
      profile: row.profile,
      startDay: w.startDay,
      endDay: w.endDay,
      observed: members.length,
      expected: ((w.baselineCount + 0.5) * (w.endDay - w.startDay + 1)) / Math.max(1, w.baselineDays),
      baselineCount: w.baselineCount,
      baselineDays: w.baselineDays,
      llr: f.llr,
      pValue: rank / (R + 1),
      rank,
      cases: members,
    };
  });
}

/**
 * The scan steps in whole bins (weeks by default), so a window found can run a few days past the
 * surge at either end and take in ordinary reports there. Its ends are moved day by day, up to a bin
 * either way, to where the same statistic is largest. The p-value stays the one of the binned scan
 * (the refined window is at least as unusual, so that p is conservative); the refinement only decides
 * which reports the card lists. In prospective mode the end stays on the last day.
 */
function refineWindow(
  areaDays: readonly number[],
  startDay: number,
  endDay: number,
  cfg: BaselineConfig,
  ln: Float64Array,
): { startDay: number; endDay: number; baselineCount: number; baselineDays: number } {
  const reach = Math.max(0, cfg.stepDays - 1);
  const sorted = [...areaDays].sort((a, b) => a - b);
  const countBefore = (day: number): number => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]! < day) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const lnOf = (x: number): number => (x < ln.length ? ln[x]! : Math.log(x));
  let best = { startDay, endDay, llr: -Infinity, n: 0, b: 1 };
  const lastEnd = cfg.prospective ? endDay : Math.min(cfg.toDay, endDay + reach);
  for (let s = Math.max(cfg.fromDay, startDay - reach); s <= startDay + reach; s++) {
    for (let e = cfg.prospective ? endDay : Math.max(s, endDay - reach); e <= lastEnd; e++) {
      if (e - s + 1 < cfg.minDays) continue;
      const baseStart = Math.max(cfg.dataStartDay, s - cfg.baselineDays);
      const b = s - baseStart;
      if (b < 1) continue;
      const c = countBefore(e + 1) - countBefore(s);
      const n = countBefore(s) - countBefore(baseStart);
      const w = e - s + 1;
      if (c * b <= n * w) continue;
      const N = c + n;
      const llr = c * (lnOf(c) - lnOf(w)) + n * (lnOf(n) - lnOf(b)) - N * (lnOf(N) - lnOf(w + b));
      if (llr > best.llr) best = { startDay: s, endDay: e, llr, n, b };
    }
  }
  if (best.llr === -Infinity) {
    const baseStart = Math.max(cfg.dataStartDay, startDay - cfg.baselineDays);
    return { startDay, endDay, baselineCount: countBefore(startDay) - countBefore(baseStart), baselineDays: startDay - baseStart };
  }
  const grown = growWindow(best.startDay, best.endDay, (best.n + 0.5) / best.b, countBefore, cfg);
  return { startDay: grown.startDay, endDay: grown.endDay, baselineCount: best.n, baselineDays: best.b };
}

/** An added stretch must be this unlikely at the usual rate for a surge to run on into it, and hold at
 * least GROW_MIN_REPORTS (two reports in a quiet town's fortnight are not a surge running on). */
export const GROW_P = 0.02;
export const GROW_MIN_REPORTS = 3;

/**
 * The most unusual window of a long surge is often its densest part: 20 reports in the first three weeks
 * of a six-week surge can outscore all 27 in six weeks, and the last three weeks' reports would be left
 * off the card. So the window runs on, either side, into the stretch next to it (the most unusual of
 * those up to the longest window allowed) as long as that stretch is itself far above the usual rate
 * (Poisson upper tail below GROW_P), and never beyond the longest window or the period looked at. In
 * prospective mode the end stays on the last day.
 */
function growWindow(
  startDay: number,
  endDay: number,
  ratePerDay: number,
  countBefore: (day: number) => number,
  cfg: BaselineConfig,
): { startDay: number; endDay: number } {
  let s = startDay;
  let e = endDay;
  const stretch = (from: number, to: number): { c: number; p: number; llr: number } => {
    const c = countBefore(to + 1) - countBefore(from);
    const mu = ratePerDay * (to - from + 1);
    return { c, p: poissonUpperTail(c, mu), llr: c > mu ? c * Math.log(c / mu) - (c - mu) : 0 };
  };
  for (let moved = true; moved;) {
    moved = false;
    const room = cfg.maxDays - (e - s + 1);
    let bestEnd: { to: number; llr: number; p: number; c: number } | null = null;
    for (let L = 1; !cfg.prospective && L <= room && e + L <= cfg.toDay; L++) {
      const x = stretch(e + 1, e + L);
      if (bestEnd === null || x.llr > bestEnd.llr) bestEnd = { to: e + L, llr: x.llr, p: x.p, c: x.c };
    }
    if (bestEnd !== null && bestEnd.p < GROW_P && bestEnd.c >= GROW_MIN_REPORTS) {
      e = bestEnd.to;
      moved = true;
    }
    const roomBefore = cfg.maxDays - (e - s + 1);
    let bestStart: { from: number; llr: number; p: number; c: number } | null = null;
    for (let L = 1; L <= roomBefore && s - L >= cfg.fromDay; L++) {
      const x = stretch(s - L, s - 1);
      if (bestStart === null || x.llr > bestStart.llr) bestStart = { from: s - L, llr: x.llr, p: x.p, c: x.c };
    }
    if (bestStart !== null && bestStart.p < GROW_P && bestStart.c >= GROW_MIN_REPORTS) {
      s = bestStart.from;
      moved = true;
    }
  }
  return { startDay: s, endDay: e };
}
