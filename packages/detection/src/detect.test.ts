/**
 * The press-release series embedded in a seeded Hertfordshire background (places and coordinates from
 * the gazetteer, all methods at realistic rates): detection must find each series, hold most of its
 * reports, and name the right areas.
 */
import type { Series } from '@scam/shared';
import { describe, expect, it } from 'vitest';
import { detectSeries } from './detect.js';
import { createRng } from './random.js';
import {
  aprilCourierSeries,
  augustStAlbansSeries,
  background,
  decemberCountySurge,
  hmrcVoucherCalls,
  SHARED_NUMBER,
} from './test-support/herts.js';
import type { DetectionIncident } from './types.js';

const SEEDS = [1, 2, 3];

function scenario(seed: number) {
  // 2018 is history for the baseline check; the study period is 2019–2020.
  const bg = background(seed, '2018-01-01', '2020-12-31');
  const april = aprilCourierSeries(seed);
  const august = augustStAlbansSeries(seed);
  const december = decemberCountySurge(seed);
  const hmrc = hmrcVoucherCalls(seed);
  const incidents = [
    ...bg,
    ...april.core.incidents,
    ...april.scattered.incidents,
    ...august.incidents,
    ...december.incidents,
    ...hmrc.incidents,
  ];
  return { incidents, april, august, december, hmrc };
}

/** The series holding most of `refs`, with recall (share of refs in it) and precision (share of its
 * members that are from `embedded`). */
function bestMatch(series: readonly Series[], refs: readonly string[], embedded: readonly string[] = refs) {
  const want = new Set(refs);
  const emb = new Set(embedded);
  let best: Series | undefined;
  let bestHit = 0;
  for (const s of series) {
    const hit = s.incidents.filter((r) => want.has(r)).length;
    if (hit > bestHit) {
      best = s;
      bestHit = hit;
    }
  }
  if (!best) return { series: undefined, recall: 0, precision: 0 };
  return {
    series: best,
    recall: bestHit / refs.length,
    precision: best.incidents.filter((r) => emb.has(r)).length / best.count,
  };
}

const retrospective = (incidents: readonly DetectionIncident[], seed = 1) =>
  detectSeries(incidents, { from: '2019-01-01', to: '2020-12-31', replicates: 499, seed, forceAreaName: 'Hertfordshire' });

describe.each(SEEDS)('press-release series over background seed %i', (seed) => {
  const sc = scenario(seed);
  const result = retrospective(sc.incidents);

  it('finds the April 2019 courier series in St Albans, Watford and Hertsmere', () => {
    const all = [...sc.april.core.references, ...sc.april.scattered.references];
    const m = bestMatch(result.series, sc.april.core.references, all);
    expect(m.series?.method).toBe('courier');
    expect(m.recall).toBeGreaterThanOrEqual(0.8);
    expect(m.precision).toBeGreaterThanOrEqual(0.5);
    const top3 = m.series!.districts.slice(0, 3).map((d) => d.name);
    expect(top3.sort()).toEqual(['Hertsmere', 'St Albans', 'Watford']);
    expect(m.series!.explanation).toMatch(/^\d+ courier-fraud reports .* April .*2019/);
  });

  it('catches the county-wide December surge with the temporal scan', () => {
    // The study period ends on 31 December: the series' January reports are not in it.
    const inStudy = sc.december.incidents.filter((i) => i.offenceDate <= '2020-12-31').map((i) => i.reference);
    const m = bestMatch(
      result.series.filter((s) => s.kind === 'baseline'),
      inStudy,
    );
    expect(m.series).toBeDefined();
    expect(m.recall).toBeGreaterThanOrEqual(0.8);
    expect(m.precision).toBeGreaterThanOrEqual(0.6);
    expect(m.series!.districts.length).toBeGreaterThanOrEqual(6);
    expect(m.series!.explanation).toMatch(/in Hertfordshire .*December 2020/);
    // The towns the release names, those of them whose report falls in December.
    const named = ['Rickmansworth', 'Borehamwood', 'Hertford', 'Hitchin', 'Royston'];
    const namedInStudy = sc.december.incidents.filter((i) => i.offenceDate <= '2020-12-31' && named.includes(i.place)).map((i) => i.place);
    expect(m.series!.places.map((p) => p.name)).toEqual(expect.arrayContaining(namedInStudy));
  });

  it('links the four HMRC voucher calls from one caller number', () => {
    const linked = result.series.filter((s) => s.kind === 'linked');
    const m = bestMatch(linked, sc.hmrc.references);
    expect(m.recall).toBe(1);
    expect(m.series!.count).toBe(4);
    expect(m.series!.method).toBe('hmrc');
    expect(m.series!.pValue).toBeNull();
    expect(m.series!.districts.length).toBe(4);
    for (const e of m.series!.evidence) expect(e.reasons).toContain(`same caller number ${SHARED_NUMBER} as 3 other reports`);
  });

  it('finds the five August 2020 reports in St Albans when run on the day of the appeal', () => {
    const upToAppeal = sc.incidents.filter((i) => i.offenceDate <= '2020-08-26');
    const r = detectSeries(upToAppeal, { from: '2019-08-27', to: '2020-08-26', mode: 'prospective', replicates: 499 });
    const m = bestMatch(r.series, sc.august.references);
    expect(m.recall).toBeGreaterThanOrEqual(0.8);
    expect(m.precision).toBeGreaterThanOrEqual(0.5);
    expect(m.series!.districts[0]!.name).toBe('St Albans');
    expect(m.series!.places[0]!.name).toBe('St Albans');
    expect(m.series!.last >= '2020-08-01').toBe(true);
  });

  it('returns only significant, complete series, best first', () => {
    for (const s of result.series) {
      if (s.kind === 'linked') expect(s.count).toBeGreaterThanOrEqual(3);
      else expect(s.pValue!).toBeLessThanOrEqual(0.05);
      expect(s.incidents.length).toBe(s.count);
      expect(s.evidence.map((e) => e.reference)).toEqual(s.incidents);
      expect(s.districts.reduce((n, d) => n + d.count, 0)).toBe(s.count);
      expect(s.places.reduce((n, d) => n + d.count, 0)).toBe(s.count);
      expect(s.first <= s.last).toBe(true);
      expect(s.lossPence).toBeGreaterThanOrEqual(0);
      expect(s.victimsLost + s.attempts).toBe(s.count);
      expect(s.explanation.length).toBeGreaterThan(40);
      expect(s.id).toMatch(/^[a-z0-9-]+$/);
    }
    expect(new Set(result.series.map((s) => s.id)).size).toBe(result.series.length);
    const ps = result.series.map((s) => s.pValue ?? Infinity);
    expect(ps).toEqual([...ps].sort((a, b) => a - b));
  });
});

describe('reproducibility', () => {
  const sc = scenario(1);
  const first = retrospective(sc.incidents);

  it('same input and seed give the same series, whatever the input order', () => {
    const again = retrospective(sc.incidents);
    expect(again.series).toEqual(first.series);
    const rng = createRng(99);
    const shuffled = [...sc.incidents];
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
    }
    expect(retrospective(shuffled).series).toEqual(first.series);
  });

  it('another replicate seed finds the same series; only p-values may move', () => {
    const other = retrospective(sc.incidents, 2);
    // A series well inside significance with one seed is found with the other too (at any p ≤ alpha).
    const strong = first.series.filter((s) => s.pValue === null || s.pValue <= 0.01).map((s) => s.id);
    expect(strong.length).toBeGreaterThanOrEqual(3);
    const again = new Set(other.series.map((s) => s.id));
    for (const id of strong) expect(again, id).toContain(id);
    const scanIds = first.series.filter((s) => s.kind === 'space_time').map((s) => s.id);
    const moved = other.series.filter((s) => scanIds.includes(s.id) && s.pValue !== first.series.find((f) => f.id === s.id)!.pValue);
    for (const s of moved) expect(Math.abs(s.pValue! - first.series.find((f) => f.id === s.id)!.pValue!)).toBeLessThan(0.03);
  });

  it('marks series new, steady or growing against the previous run', () => {
    expect(first.series.every((s) => s.trend === 'new')).toBe(true);
    const same = detectSeries(sc.incidents, {
      from: '2019-01-01',
      to: '2020-12-31',
      replicates: 499,
      forceAreaName: 'Hertfordshire',
      previous: first.series,
    });
    expect(same.series.every((s) => s.trend === 'steady')).toBe(true);
    const linked = first.series.find((s) => s.kind === 'linked')!;
    const smaller: Series = { ...linked, count: 2, incidents: linked.incidents.slice(0, 2) };
    const grown = detectSeries(sc.incidents, {
      from: '2019-01-01',
      to: '2020-12-31',
      replicates: 499,
      previous: [smaller],
    });
    expect(grown.series.find((s) => s.id === linked.id)!.trend).toBe('growing');
  });

  it('rejects an impossible study period', () => {
    expect(() => detectSeries([], { from: '2020-02-30', to: '2020-03-01' })).toThrow(RangeError);
    expect(() => detectSeries([], { from: '2020-03-02', to: '2020-03-01' })).toThrow(RangeError);
  });
});
