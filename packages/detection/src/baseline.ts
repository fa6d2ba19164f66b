/**
 * Expectation-based check of each area against its own recent past. The permutation scan scales
 * expected counts by the overall time margin, so a surge across the whole force area (or a large part
 * of it) raises the expectation everywhere and leaves little spatial excess to find. This check
 * compares a window with the area's own baseline instead.
 *
 * Areas: every district, and the whole force area. Windows: the same as the scan's, whole weeks
 * (minWeeks..maxWeeks, default 1..8) ending on `to` or on a weekly step back from it; prospective mode
 * tests only windows ending on `to`, retrospective mode every window inside [from, to].
 *
 * Expected count: the area's mean daily rate over the 52 weeks before the window, times the window
 * length (a mean baseline rather than a seasonally naive one — the same weeks last year — because per
 * district the same weeks of one earlier year hold a handful of reports, which would make the
 * expectation mostly noise). The reported expectation adds half a report to the baseline count so an
 * area without earlier reports does not show an expectation of exactly zero.
 *
 * p-value: the exact conditional test of two Poisson counts — given n = window + baseline reports, the
 * window's share is Binomial(n, w / (w + b)) under "same rate" (w, b = window and baseline days). The
 * plain Poisson tail P(X ≥ observed | expected) treats the estimated baseline as exact; in a district
 * with 1 or 2 reports in the past year it turned three reports in a week into p ≈ 1e-6 and raised
 * false alarms in pure background data, which the conditional test does not. Bonferroni-adjusted by
 * the number of area × window tests made for the method. Per area, flagged windows that overlap in
 * time are reduced to the one with the smallest p.
 */

export interface BaselineCase {
  day: number;
  district: string;
}

export interface BaselineConfig {
  fromDay: number;
  toDay: number;
  /** First day the data could contain reports (earliest report of any method). */
  dataStartDay: number;
  minWeeks: number;
  maxWeeks: number;
  prospective: boolean;
  baselineWeeks: number;
  minBaselineWeeks: number;
  minCases: number;
  alpha: number;
}

export interface BaselineFinding {
  /** District name, or null for the whole force area. */
  district: string | null;
  startDay: number;
  endDay: number;
  observed: number;
  expected: number;
  baselineCount: number;
  baselineDays: number;
  pRaw: number;
  /** Bonferroni-adjusted p (capped at 1). */
  pAdjusted: number;
  tests: number;
  /** Indices into the input cases. */
  cases: number[];
}

export const DEFAULT_BASELINE = { baselineWeeks: 52, minBaselineWeeks: 26 } as const;

/** ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9; ~15 significant digits). */
export function logGamma(x: number): number {
  const g = 7;
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
    -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const xx = x - 1;
  let a = c[0]!;
  const t = xx + g + 0.5;
  for (let i = 1; i < g + 2; i++) a += c[i]! / (xx + i);
  return 0.5 * Math.log(2 * Math.PI) + (xx + 0.5) * Math.log(t) - t + Math.log(a);
}

/** P(X ≥ k) for X ~ Binomial(n, q), summed upward from k. */
export function binomialUpperTail(k: number, n: number, q: number): number {
  if (k <= 0) return 1;
  if (k > n || q <= 0) return 0;
  if (q >= 1) return 1;
  const lnTerm = logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1) + k * Math.log(q) + (n - k) * Math.log1p(-q);
  let term = Math.exp(lnTerm);
  const ratio = q / (1 - q);
  let sum = 0;
  for (let x = k; x <= n; x++) {
    sum += term;
    term *= ((n - x) / (x + 1)) * ratio;
    if (term < sum * 1e-17) break;
  }
  return Math.min(1, sum);
}

export function baselineCheck(cases: readonly BaselineCase[], cfg: BaselineConfig): BaselineFinding[] {
  const districts = [...new Set(cases.map((c) => c.district))].sort();
  const areas: (string | null)[] = [null, ...districts];
  const origin = cfg.dataStartDay;
  const span = cfg.toDay - origin + 1;
  if (span <= 0) return [];

  /** A finding before the correction, with its area as an index into `areas`. */
  type Test = Pick<BaselineFinding, 'startDay' | 'endDay' | 'observed' | 'expected' | 'baselineCount' | 'baselineDays' | 'pRaw'> & {
    area: number;
  };
  const tests: Test[] = [];
  areas.forEach((area, a) => {
    // prefix[d] = reports of this area on days origin .. origin + d − 1
    const prefix = new Int32Array(span + 1);
    for (const c of cases) {
      if ((area === null || c.district === area) && c.day >= origin && c.day <= cfg.toDay) prefix[c.day - origin + 1]! += 1;
    }
    for (let d = 1; d <= span; d++) prefix[d]! += prefix[d - 1]!;
    const countIn = (from: number, to: number): number => prefix[to - origin + 1]! - prefix[from - origin]!;
    for (let endDay = cfg.toDay; endDay >= cfg.fromDay; endDay -= 7) {
      for (let weeks = cfg.minWeeks; weeks <= cfg.maxWeeks; weeks++) {
        const startDay = endDay - weeks * 7 + 1;
        if (startDay < cfg.fromDay) break;
        const baseEnd = startDay - 1;
        const baseStart = Math.max(origin, startDay - cfg.baselineWeeks * 7);
        const baselineDays = baseEnd - baseStart + 1;
        if (baselineDays < cfg.minBaselineWeeks * 7) continue;
        const observed = countIn(startDay, endDay);
        const baselineCount = countIn(baseStart, baseEnd);
        const windowDays = weeks * 7;
        const expected = ((baselineCount + 0.5) * windowDays) / baselineDays;
        const pRaw =
          observed >= cfg.minCases && observed > expected
            ? binomialUpperTail(observed, observed + baselineCount, windowDays / (windowDays + baselineDays))
            : 1;
        tests.push({ area: a, startDay, endDay, observed, expected, baselineCount, baselineDays, pRaw });
      }
      if (cfg.prospective) break;
    }
  });

  const m = tests.length;
  const flagged = tests
    .filter((t) => t.pRaw * m < cfg.alpha)
    .sort((x, y) => x.pRaw - y.pRaw || y.observed - x.observed || x.area - y.area || y.endDay - x.endDay || x.startDay - y.startDay);
  const kept: Test[] = [];
  for (const t of flagged) {
    if (kept.some((k) => k.area === t.area && k.startDay <= t.endDay && t.startDay <= k.endDay)) continue;
    kept.push(t);
  }
  return kept.map((t) => {
    const area = areas[t.area]!;
    const members: number[] = [];
    cases.forEach((c, i) => {
      if ((area === null || c.district === area) && c.day >= t.startDay && c.day <= t.endDay) members.push(i);
    });
    return {
      district: area,
      startDay: t.startDay,
      endDay: t.endDay,
      observed: t.observed,
      expected: t.expected,
      baselineCount: t.baselineCount,
      baselineDays: t.baselineDays,
      pRaw: t.pRaw,
      pAdjusted: Math.min(1, t.pRaw * m),
      tests: m,
      cases: members,
    };
  });
}
