import {
  addDays,
  AGE_BANDS,
  daysBetween,
  isoOfDay,
  METHOD_LABELS,
  monthStart,
  nextBucket,
  weekStart,
  METHODS,
  OUTCOME_LABELS,
  OUTCOMES,
  type AgeBand,
  type Breakdowns,
  type CountAndLoss,
  type DistrictList,
  type FigureSet,
  type Interval,
  type Meta,
  type PlaceAggregate,
  type PeriodCoverage,
  type PlaceList,
  type Summary,
  type TimeBucket,
  type Timeseries,
} from '@scam/shared';
import type { ResolvedFilters } from '../domain/filters.js';
import { toImportBatch } from '../db/repos/imports.repo.js';
import type { ServiceContext } from './context.js';
import { monthKeyToIso, type Aggregate } from '../db/read-model/query.js';
import type { DecodedAggregate } from '../db/read-model/read-model.js';

/** Middle of each band, used for the median only when no exact age is known. */
const BAND_MIDDLE: Record<AgeBand, number | null> = {
  'under 18': 15,
  '18-29': 24,
  '30-39': 35,
  '40-49': 45,
  '50-59': 55,
  '60-69': 65,
  '70-79': 75,
  '80-89': 85,
  '90+': 92,
  unknown: null,
};
const SEVENTY_PLUS: readonly AgeBand[] = ['70-79', '80-89', '90+'];

export const MAX_PLACES = 5000;

/** Median of a histogram given as (value, count) pairs; the lower middle value for an even total. */
export function medianOfCounts(pairs: readonly [number, number][]): number | null {
  const total = pairs.reduce((s, [, n]) => s + n, 0);
  if (total === 0) return null;
  const sorted = [...pairs].sort((a, b) => a[0] - b[0]);
  const target = Math.ceil(total / 2);
  let seen = 0;
  for (const [value, n] of sorted) {
    seen += n;
    if (seen >= target) return value;
  }
  return null;
}

function figuresOf(a: Aggregate): FigureSet {
  const o = (name: (typeof OUTCOMES)[number]) => a.outcomeReports[OUTCOMES.indexOf(name)] ?? 0;
  const band = (b: AgeBand) => a.bandReports[AGE_BANDS.indexOf(b)] ?? 0;
  const exact: [number, number][] = [];
  a.exactAges.forEach((n, age) => n > 0 && exact.push([age, n]));
  // Exact ages give a true median; only when every known age is a band do we use band middles.
  const banded: [number, number][] = AGE_BANDS.flatMap((b) => {
    const middle = BAND_MIDDLE[b];
    return middle === null || band(b) === 0 ? [] : [[middle, band(b)] as [number, number]];
  });
  return {
    reports: o('lost') + o('attempted') + o('prevented'),
    lost: o('lost'),
    attempted: o('attempted'),
    prevented: o('prevented'),
    lossPence: a.outcomeLoss.reduce((s, v) => s + v, 0),
    medianAge: exact.length > 0 ? medianOfCounts(exact) : medianOfCounts(banded),
    ageKnown: AGE_BANDS.filter((b) => b !== 'unknown').reduce((s, b) => s + band(b), 0),
    aged70Plus: SEVENTY_PLUS.reduce((s, b) => s + band(b), 0),
  };
}

/** Days `from`…`to` (both included) that fall between `first` and `last`, as offsets from `from`. */
function offsetsWithData(from: string, days: number, range: { first: string; last: string }): [number, number] {
  return [Math.max(0, daysBetween(from, range.first)), Math.min(days - 1, daysBetween(from, range.last))];
}

/**
 * The days a change can honestly be computed over. The previous period is the one of equal length
 * just before; day k of each is paired, and only pairs where both days lie within the data count. A
 * period running past the latest return so compares its covered weeks with the same weeks before,
 * not with a whole period whose returns are all in.
 */
export function comparisonDays(
  from: string,
  to: string,
  range: { first: string; last: string } | null,
): {
  coverage: Omit<PeriodCoverage, 'latestData'>;
  current: { from: string; to: string } | null;
  previous: { from: string; to: string } | null;
} {
  const days = daysBetween(from, to) + 1;
  const prevFrom = addDays(from, -days);
  const daysPastData = range ? Math.max(0, Math.min(days, daysBetween(range.last, to))) : days;
  if (!range) return { coverage: { days, coveredDays: 0, daysPastData, comparedDays: 0 }, current: null, previous: null };
  const [curLo, curHi] = offsetsWithData(from, days, range);
  const [prevLo, prevHi] = offsetsWithData(prevFrom, days, range);
  const lo = Math.max(curLo, prevLo);
  const hi = Math.min(curHi, prevHi);
  const coverage = { days, coveredDays: Math.max(0, curHi - curLo + 1), daysPastData, comparedDays: Math.max(0, hi - lo + 1) };
  if (lo > hi) return { coverage, current: null, previous: null };
  return {
    coverage,
    current: { from: addDays(from, lo), to: addDays(from, hi) },
    previous: { from: addDays(prevFrom, lo), to: addDays(prevFrom, hi) },
  };
}

export async function summary(ctx: ServiceContext, filters: ResolvedFilters): Promise<Summary> {
  const range = ctx.facts.current().dataRange();
  const latestData = range?.last ?? null;
  // "Since 1 April" views have no end date: compare them up to the latest data.
  const to = filters.to ?? latestData;
  const plan = filters.from && to && filters.from <= to ? comparisonDays(filters.from, to, range) : null;
  // When the compared days hold every report of the period (only days without data were left out),
  // the period's own figures are the compared ones and need no third count.
  const sameAsPeriod = plan !== null && plan.coverage.comparedDays === plan.coverage.coveredDays;
  // All periods at once: on the query workers they are counted side by side.
  const [now, before, comparedNow] = await Promise.all([
    ctx.facts.aggregate(filters, { ages: true }),
    plan?.previous ? ctx.facts.aggregate({ ...filters, ...plan.previous }, { ages: true }) : null,
    plan?.current && !sameAsPeriod ? ctx.facts.aggregate({ ...filters, ...plan.current }, { ages: true }) : null,
  ]);
  const current = figuresOf(now);
  const previous: Summary['previous'] = plan?.previous && before ? { ...figuresOf(before), ...plan.previous } : null;
  const compared: Summary['compared'] =
    plan?.current && previous ? { ...(comparedNow ? figuresOf(comparedNow) : current), ...plan.current } : null;
  const coverage: PeriodCoverage = plan
    ? { latestData, ...plan.coverage }
    : {
        latestData,
        days: null,
        coveredDays: null,
        daysPastData: filters.to && latestData ? Math.max(0, daysBetween(latestData, filters.to)) : 0,
        comparedDays: 0,
      };
  return { ...current, from: filters.from ?? null, to: filters.to ?? null, previous, compared, coverage };
}

function bucketStart(key: number, interval: Interval): string {
  return interval === 'month' ? monthKeyToIso(key) : isoOfDay(key);
}

export async function timeseries(ctx: ServiceContext, filters: ResolvedFilters, interval: Interval): Promise<Timeseries> {
  const a = await ctx.facts.aggregate(filters, { interval });
  const O = OUTCOMES.length;
  const buckets = new Map<string, TimeBucket>();
  for (const [key, cell] of a.buckets) {
    const b: TimeBucket = { start: bucketStart(key, interval), reports: 0, lossPence: 0, byMethod: {}, byOutcome: {} };
    METHODS.forEach((method, m) => {
      OUTCOMES.forEach((outcome, o) => {
        const reports = cell.reports[m * O + o] ?? 0;
        if (reports === 0) return;
        const loss = cell.loss[m * O + o] ?? 0;
        b.reports += reports;
        b.lossPence += loss;
        const bm = (b.byMethod[method] ??= { reports: 0, lossPence: 0 });
        bm.reports += reports;
        bm.lossPence += loss;
        const bo = (b.byOutcome[outcome] ??= { reports: 0, lossPence: 0 });
        bo.reports += reports;
        bo.lossPence += loss;
      });
    });
    buckets.set(b.start, b);
  }
  // Empty buckets are filled in so a quiet week shows as zero rather than vanishing from the chart.
  const align = (d: string) => (interval === 'day' ? d : interval === 'week' ? weekStart(d) : monthStart(d));
  const range = ctx.facts.current().dataRange();
  const first = filters.from ?? range?.first;
  const last = filters.to ?? range?.last;
  if (first && last && first <= last) {
    let guard = 0;
    for (let d = align(first); d <= last && guard < 20_000; d = nextBucket(d, interval), guard++) {
      if (!buckets.has(d)) buckets.set(d, { start: d, reports: 0, lossPence: 0, byMethod: {}, byOutcome: {} });
    }
  }
  return { interval, buckets: [...buckets.values()].sort((x, y) => x.start.localeCompare(y.start)) };
}

export async function places(ctx: ServiceContext, filters: ResolvedFilters): Promise<PlaceList> {
  const a = await ctx.facts.aggregate(filters, { byPlace: true });
  const all: PlaceAggregate[] = [];
  for (const [p, perMethod] of a.placeMethod) {
    const place = a.placeTable[p];
    const district = place ? a.districtTable[place.district] : undefined;
    if (!place || !district) continue;
    const methods = METHODS.map((method, m) => ({ method, reports: perMethod[m] ?? 0 }))
      .filter((x) => x.reports > 0)
      .sort((x, y) => y.reports - x.reports);
    all.push({
      name: place.name,
      district: district.name,
      districtCode: district.code,
      lat: place.lat,
      lon: place.lon,
      reports: methods.reduce((s, x) => s + x.reports, 0),
      lossPence: a.placeLoss.get(p) ?? 0,
      methods,
    });
  }
  all.sort((x, y) => y.reports - x.reports || x.name.localeCompare(y.name));
  return { places: all.slice(0, MAX_PLACES), truncated: all.length > MAX_PLACES };
}

function districtRows(a: DecodedAggregate): { code: string; name: string; reports: number; lossPence: number }[] {
  return [...a.districtReports]
    .map(([d, reports]) => ({
      code: a.districtTable[d]?.code ?? '',
      name: a.districtTable[d]?.name ?? '',
      reports,
      lossPence: a.districtLoss.get(d) ?? 0,
    }))
    .sort((x, y) => y.reports - x.reports || x.name.localeCompare(y.name));
}

export async function districts(ctx: ServiceContext, filters: ResolvedFilters): Promise<DistrictList> {
  return { districts: districtRows(await ctx.facts.aggregate(filters, { byDistrict: true })) };
}

export async function breakdowns(ctx: ServiceContext, filters: ResolvedFilters): Promise<Breakdowns> {
  const a = await ctx.facts.aggregate(filters, { byDistrict: true });
  const cl = (reports: number | undefined, loss: number | undefined): CountAndLoss => ({ reports: reports ?? 0, lossPence: loss ?? 0 });
  return {
    byMethod: METHODS.map((method, m) => ({ method, ...cl(a.methodReports[m], a.methodLoss[m]) })),
    byOutcome: OUTCOMES.map((outcome, o) => ({ outcome, ...cl(a.outcomeReports[o], a.outcomeLoss[o]) })),
    byAgeBand: AGE_BANDS.map((ageBand, b) => ({ ageBand, ...cl(a.bandReports[b], a.bandLoss[b]) })),
    byDistrict: districtRows(a),
  };
}

export const ATTRIBUTION = [
  'Contains Ordnance Survey data © Crown copyright and database right 2019',
  'Contains Royal Mail data © Royal Mail copyright and database right 2019',
  'Contains National Statistics data © Crown copyright and database right 2019',
  'Source: Office for National Statistics licensed under the Open Government Licence v.3.0. Contains OS data © Crown copyright and database right 2014',
  'GeoJSON and TopoJSON UK Boundary Data by Martin Chorley (https://github.com/martinjc/UK-GeoJSON), CC BY 4.0',
];

export function meta(ctx: ServiceContext): Meta {
  const facts = ctx.facts.current();
  const districtsOut = new Map<string, Meta['districts'][number]>();
  for (const d of ctx.geo.forceDistricts()) districtsOut.set(d.code, { code: d.code, name: d.name, county: d.county, inForce: true });
  for (const d of facts.districtList()) {
    if (!districtsOut.has(d.code)) districtsOut.set(d.code, { code: d.code, name: d.name, county: d.county, inForce: false });
  }
  const placesOut = [...facts.countByPlace()]
    .map(([p, reports]) => {
      const place = facts.placeEntry(p);
      const district = place ? facts.districtEntry(place.district) : undefined;
      return { name: place?.name ?? '', district: district?.name ?? '', districtCode: district?.code ?? '', reports };
    })
    .sort((x, y) => x.name.localeCompare(y.name) || x.district.localeCompare(y.district));
  const last = ctx.repos.imports.lastCommitted();
  return {
    methods: METHODS.map((code) => ({ code, label: METHOD_LABELS[code] })),
    outcomes: OUTCOMES.map((code) => ({ code, label: OUTCOME_LABELS[code] })),
    ageBands: [...AGE_BANDS],
    districts: [...districtsOut.values()].sort((x, y) => Number(y.inForce) - Number(x.inForce) || x.name.localeCompare(y.name)),
    places: placesOut,
    dataRange: facts.dataRange(),
    incidents: facts.size,
    lastImport: last ? toImportBatch(last) : null,
    forceArea: ctx.config.FORCE_AREA,
    attribution: ATTRIBUTION,
    tileUrl: ctx.config.TILE_URL,
    demo: ctx.repos.accounts.setting('demo_data') === '1',
  };
}
