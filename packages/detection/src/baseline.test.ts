import { describe, expect, it } from 'vitest';
import { baselineCheck, DEFAULT_BASELINE } from './baseline.js';
import type { BaselineCase, BaselineConfig } from './baseline.js';
import { createRng } from './random.js';

const DAY0 = 18000;
const cfg: BaselineConfig = {
  ...DEFAULT_BASELINE,
  fromDay: DAY0 + 364,
  toDay: DAY0 + 727,
  dataStartDay: DAY0,
  minDays: 7,
  maxDays: 56,
  stepDays: 7,
  prospective: false,
  minCases: 3,
  alpha: 0.05,
  replicates: 199,
};
const DISTRICTS = ['A', 'B', 'C', 'D', 'E'];

/** Steady reports in five districts (two places each), ~1 a week per district, to `lastDay`. */
function steady(seed: number, lastDay = DAY0 + 727): BaselineCase[] {
  const rng = createRng(seed);
  const out: BaselineCase[] = [];
  for (let d = DAY0; d <= lastDay; d++) {
    for (const district of DISTRICTS) if (rng.next() < 1 / 7) out.push({ day: d, district, place: `${district}${rng.int(2)}` });
  }
  return out;
}

const run = (cases: readonly BaselineCase[], over: Partial<BaselineConfig> = {}, seed = 1) =>
  baselineCheck(cases, { ...cfg, ...over }, createRng(seed));

/** Six weeks in which every district has two extra reports a week. */
function sixWeekRise(startDay: number): BaselineCase[] {
  const out: BaselineCase[] = [];
  for (let w = 0; w < 6; w++)
    for (const district of DISTRICTS)
      for (let k = 0; k < 2; k++) out.push({ day: startDay + w * 7 + k * 3, district, place: `${district}0` });
  return out;
}

describe('temporal scan against each area’s own past', () => {
  it('flags a surge spread over every district, with the whole force area named', () => {
    const cases = [...steady(1), ...sixWeekRise(DAY0 + 600)];
    const whole = run(cases).find((f) => f.area.kind === 'force');
    expect(whole).toBeDefined();
    expect(whole!.pValue).toBeLessThan(0.05);
    expect(whole!.startDay).toBeLessThanOrEqual(DAY0 + 606);
    expect(whole!.endDay).toBeGreaterThanOrEqual(DAY0 + 636);
    expect(whole!.observed).toBeGreaterThan(whole!.expected * 2);
    expect(whole!.cases.length).toBe(whole!.observed);
  });

  it('finds a six-week rise in a six-week view and in a three-year view alike', () => {
    const lastDay = DAY0 + 4 * 364;
    const rise = DAY0 + 3 * 364 + 100;
    const cases = [...steady(3, lastDay), ...sixWeekRise(rise)];
    const own = run(cases, { fromDay: rise, toDay: rise + 41 }).find((f) => f.area.kind === 'force');
    const years = run(cases, { fromDay: DAY0 + 364, toDay: lastDay }).find((f) => f.area.kind === 'force');
    expect(own?.pValue).toBeLessThan(0.05);
    expect(years?.pValue).toBeLessThan(0.05);
    // Bonferroni over every area × window of three years (the old check) would have needed p below
    // 0.05 / ~10,000; the Monte-Carlo calibration does not grow blind with the period.
    expect(years!.startDay).toBeLessThanOrEqual(rise + 7);
  });

  it('names a single town when the rise is there, inside a district that is otherwise steady', () => {
    const cases = steady(4);
    for (let k = 0; k < 10; k++) cases.push({ day: DAY0 + 650 + k, district: 'B', place: 'B1' });
    const town = run(cases).find((f) => f.area.kind === 'place' && f.area.name === 'B1');
    expect(town?.pValue).toBeLessThan(0.05);
    // The day-by-day refinement puts the ends on the rise, not on the week boundaries around it.
    expect(town!.startDay).toBeGreaterThanOrEqual(DAY0 + 644);
    expect(town!.endDay).toBeLessThanOrEqual(DAY0 + 665);
  });

  it('stays quiet on steady data: the share of runs with any alarm is near alpha', () => {
    let runsWithAlarm = 0;
    for (let seed = 1; seed <= 40; seed++) if (run(steady(seed), {}, seed).length > 0) runsWithAlarm++;
    // alpha 0.05 over 40 runs: 2 expected; 6 is beyond two binomial standard errors.
    expect(runsWithAlarm).toBeLessThanOrEqual(6);
  });

  it('stays quiet on sparse districts, where the estimated baseline is a few reports a year', () => {
    const districts = Array.from({ length: 30 }, (_, i) => `D${i}`);
    let runsWithAlarm = 0;
    for (let seed = 1; seed <= 20; seed++) {
      const rng = createRng(seed);
      const cases: BaselineCase[] = [];
      for (let d = DAY0; d <= DAY0 + 727; d++)
        for (const district of districts) if (rng.next() < 3 / 365) cases.push({ day: d, district, place: district });
      if (run(cases, {}, seed).length > 0) runsWithAlarm++;
    }
    expect(runsWithAlarm).toBeLessThanOrEqual(3);
  });

  it('prospective mode only looks at windows ending on the last day', () => {
    const cases = steady(2);
    for (let k = 0; k < 12; k++) cases.push({ day: DAY0 + 500 + (k % 5), district: 'C', place: 'C0' });
    expect(run(cases).some((f) => f.area.kind !== 'force' && f.endDay < DAY0 + 560)).toBe(true);
    expect(run(cases, { prospective: true }).some((f) => f.area.kind !== 'force')).toBe(false);
  });

  it('keeps the thinner weeks of a long surge on the card, not only its densest weeks', () => {
    const start = DAY0 + 560;
    const cases = steady(5);
    // Three dense weeks (four extra reports a week in every district), then three thinner ones (one).
    for (let w = 0; w < 6; w++)
      for (const district of DISTRICTS)
        for (let k = 0; k < (w < 3 ? 4 : 1); k++) cases.push({ day: start + w * 7 + ((k * 2 + w) % 7), district, place: `${district}0` });
    const whole = run(cases).find((f) => f.area.kind === 'force')!;
    expect(whole.startDay).toBeLessThanOrEqual(start + 2);
    expect(whole.endDay).toBeGreaterThanOrEqual(start + 36);
    // …and does not run on into the ordinary weeks after it.
    expect(whole.endDay).toBeLessThanOrEqual(start + 48);
  });

  it('scans each kind of caller on its own too, and lists only that kind when it is the one rising', () => {
    const rng = createRng(9);
    const cases: BaselineCase[] = steady(6).map((c) => ({ ...c, profile: rng.next() < 0.5 ? 'police' : 'bank' }));
    // Twenty extra police-impersonation calls in three weeks across the force, where both kinds make about
    // fifteen in three weeks.
    for (let k = 0; k < 20; k++)
      cases.push({ day: DAY0 + 600 + k, district: DISTRICTS[k % 5]!, place: `${DISTRICTS[k % 5]!}1`, profile: 'police' });
    const police = run(cases).find((f) => f.profile === 'police' && f.area.kind === 'force');
    expect(police?.pValue).toBeLessThan(0.05);
    expect(police!.cases.every((i) => cases[i]!.profile === 'police')).toBe(true);
  });

  it('sets an earlier surge aside so that it does not hide a later, smaller one in the same town', () => {
    const lastDay = DAY0 + 3 * 364;
    const rng = createRng(12);
    const cases = steady(7, lastDay);
    // A small town with about seven reports a year (enough, without its surges, to be scanned on its own)…
    for (let d = DAY0; d <= lastDay; d++) if (rng.next() < 7 / 364) cases.push({ day: d, district: 'E', place: 'Etown' });
    // …thirty in a fortnight early in the second year, and six in a fortnight fifteen months later, with
    // the first surge inside the second's two-year baseline.
    const first = DAY0 + 400;
    const second = first + 450;
    for (let k = 0; k < 30; k++) cases.push({ day: first + (k % 14), district: 'E', place: 'Etown' });
    for (let k = 0; k < 6; k++) cases.push({ day: second + 2 * k, district: 'E', place: 'Etown' });
    const found = run(cases, { fromDay: DAY0 + 364, toDay: lastDay, minCases: 5 }).filter(
      (f) => f.area.kind === 'place' && f.area.name === 'Etown',
    );
    expect(found.some((f) => f.startDay <= first + 13 && f.endDay >= first && f.round === 0)).toBe(true);
    // Judged against a baseline that still held the thirty, the six would look ordinary.
    const later = found.find((f) => f.startDay <= second + 10 && f.endDay >= second);
    expect(later?.pValue).toBeLessThan(0.05);
    expect(later!.round).toBeGreaterThan(0);
    expect(later!.setAsideBefore).toBeGreaterThanOrEqual(30);
    expect(later!.baselineCount).toBeLessThan(25);
  });

  it('in a prospective look, sets aside the surges of the two years before, so a new one in the same town shows', () => {
    const lastDay = DAY0 + 3 * 364;
    const rng = createRng(13);
    const cases = steady(8, lastDay);
    // A town with about seven reports a year (enough, without its surge, to be scanned on its own).
    for (let d = DAY0; d <= lastDay; d++) if (rng.next() < 7 / 364) cases.push({ day: d, district: 'E', place: 'Etown' });
    // Thirty in a fortnight some twenty months before the look (in the second year its baseline covers),
    // then seven in its last fortnight.
    for (let k = 0; k < 30; k++) cases.push({ day: lastDay - 600 + (k % 14), district: 'E', place: 'Etown' });
    for (let k = 0; k < 7; k++) cases.push({ day: lastDay - 13 + 2 * k, district: 'E', place: 'Etown' });
    const look = run(cases, { fromDay: lastDay - 83, toDay: lastDay, prospective: true, minCases: 5 });
    const town = look.find((f) => f.area.kind === 'place' && f.area.name === 'Etown');
    expect(town?.pValue).toBeLessThan(0.05);
    expect(town!.endDay).toBe(lastDay);
    // The thirty were set aside from its baseline, and only what the look itself found is reported.
    expect(town!.setAsideBefore).toBeGreaterThanOrEqual(30);
    expect(town!.baselineCount).toBeLessThan(20);
    expect(look.every((f) => f.endDay === lastDay)).toBe(true);
  });
});
