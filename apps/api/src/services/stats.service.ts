import {
  AGE_BANDS,
  METHOD_LABELS,
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
  type Method,
  type Outcome,
  type PlaceAggregate,
  type PlaceList,
  type Summary,
  type TimeBucket,
  type Timeseries,
} from '@scam/shared';
import type { AgeCountRow } from '../db/repos/aggregates.repo.js';
import type { ResolvedFilters } from '../db/repos/filter-sql.js';
import { toImportBatch } from '../db/repos/imports.repo.js';
import { addDays, daysBetween, monthStart, nextBucket, weekStart } from '../lib/dates.js';
import type { ServiceContext } from './context.js';

/** Middle of each band, used for the median only when no exact age is known. */
const BAND_MIDDLE: Record<AgeBand, number | null> = {
  'under 18': 15, '18-29': 24, '30-39': 35, '40-49': 45, '50-59': 55, '60-69': 65, '70-79': 75, '80-89': 85, '90+': 92, unknown: null,
};
const SEVENTY_PLUS = new Set<AgeBand>(['70-79', '80-89', '90+']);

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

export function ageFigures(rows: readonly AgeCountRow[]): Pick<FigureSet, 'medianAge' | 'ageKnown' | 'aged70Plus'> {
  const exact: [number, number][] = [];
  const banded: [number, number][] = [];
  let ageKnown = 0;
  let aged70Plus = 0;
  for (const r of rows) {
    if (r.age_band === 'unknown') continue;
    ageKnown += r.n;
    if (SEVENTY_PLUS.has(r.age_band)) aged70Plus += r.n;
    if (r.victim_age !== null) exact.push([r.victim_age, r.n]);
    const middle = BAND_MIDDLE[r.age_band];
    if (middle !== null) banded.push([r.victim_age ?? middle, r.n]);
  }
  // Exact ages give a true median; only when every age is a band do we fall back to band middles.
  const medianAge = exact.length > 0 ? medianOfCounts(exact) : medianOfCounts(banded);
  return { medianAge, ageKnown, aged70Plus };
}

function figures(ctx: ServiceContext, filters: ResolvedFilters): FigureSet {
  const byOutcome = new Map(ctx.repos.aggregates.outcomeTotals(filters).map((r) => [r.outcome, r]));
  const count = (o: Outcome) => byOutcome.get(o)?.reports ?? 0;
  let lossPence = 0;
  for (const r of byOutcome.values()) lossPence += r.loss_pence;
  return {
    reports: count('lost') + count('attempted') + count('prevented'),
    lost: count('lost'),
    attempted: count('attempted'),
    prevented: count('prevented'),
    lossPence,
    ...ageFigures(ctx.repos.aggregates.ageCounts(filters)),
  };
}

export function summary(ctx: ServiceContext, filters: ResolvedFilters): Summary {
  const current = figures(ctx, filters);
  let previous: Summary['previous'] = null;
  if (filters.from && filters.to) {
    const days = daysBetween(filters.from, filters.to) + 1;
    const prevTo = addDays(filters.from, -1);
    const prevFrom = addDays(prevTo, -(days - 1));
    previous = { ...figures(ctx, { ...filters, from: prevFrom, to: prevTo }), from: prevFrom, to: prevTo };
  }
  return { ...current, from: filters.from ?? null, to: filters.to ?? null, previous };
}

function addTo(target: CountAndLoss, reports: number, lossPence: number): void {
  target.reports += reports;
  target.lossPence += lossPence;
}

export function timeseries(ctx: ServiceContext, filters: ResolvedFilters, interval: Interval): Timeseries {
  const rows = ctx.repos.aggregates.buckets(filters, interval);
  const buckets = new Map<string, TimeBucket>();
  const bucketOf = (start: string): TimeBucket => {
    let b = buckets.get(start);
    if (!b) {
      b = { start, reports: 0, lossPence: 0, byMethod: {}, byOutcome: {} };
      buckets.set(start, b);
    }
    return b;
  };
  for (const r of rows) {
    const b = bucketOf(r.bucket);
    addTo(b, r.reports, r.loss_pence);
    addTo((b.byMethod[r.method] ??= { reports: 0, lossPence: 0 }), r.reports, r.loss_pence);
    addTo((b.byOutcome[r.outcome] ??= { reports: 0, lossPence: 0 }), r.reports, r.loss_pence);
  }
  // Empty buckets are filled in so a quiet week shows as zero rather than vanishing from the chart.
  const align = (d: string) => (interval === 'day' ? d : interval === 'week' ? weekStart(d) : monthStart(d));
  const range = ctx.repos.aggregates.dataRange();
  const first = filters.from ?? range?.first;
  const last = filters.to ?? range?.last;
  if (first && last && first <= last) {
    let guard = 0;
    for (let d = align(first); d <= last && guard < 20_000; d = nextBucket(d, interval), guard++) bucketOf(d);
  }
  return { interval, buckets: [...buckets.values()].sort((a, b) => a.start.localeCompare(b.start)) };
}

export function places(ctx: ServiceContext, filters: ResolvedFilters): PlaceList {
  const byPlace = new Map<string, PlaceAggregate>();
  for (const r of ctx.repos.aggregates.places(filters)) {
    const key = `${r.place}|${r.district_code}|${r.lat}|${r.lon}`;
    let p = byPlace.get(key);
    if (!p) {
      p = { name: r.place, district: r.district, districtCode: r.district_code, lat: r.lat, lon: r.lon, reports: 0, lossPence: 0, methods: [] };
      byPlace.set(key, p);
    }
    p.reports += r.reports;
    p.lossPence += r.loss_pence;
    p.methods.push({ method: r.method, reports: r.reports });
  }
  const all = [...byPlace.values()].sort((a, b) => b.reports - a.reports || a.name.localeCompare(b.name));
  for (const p of all) p.methods.sort((a, b) => b.reports - a.reports);
  return { places: all.slice(0, MAX_PLACES), truncated: all.length > MAX_PLACES };
}

export function districts(ctx: ServiceContext, filters: ResolvedFilters): DistrictList {
  return {
    districts: ctx.repos.aggregates.byDistrict(filters).map((r) => ({ code: r.key, name: r.name, reports: r.reports, lossPence: r.loss_pence })),
  };
}

export function breakdowns(ctx: ServiceContext, filters: ResolvedFilters): Breakdowns {
  const agg = ctx.repos.aggregates;
  const index = (rows: { key: string; reports: number; loss_pence: number }[]) => new Map(rows.map((r) => [r.key, r]));
  const methods = index(agg.byColumn(filters, 'method'));
  const outcomes = index(agg.byColumn(filters, 'outcome'));
  const bands = index(agg.byColumn(filters, 'age_band'));
  const cl = (r: { reports: number; loss_pence: number } | undefined): CountAndLoss => ({ reports: r?.reports ?? 0, lossPence: r?.loss_pence ?? 0 });
  return {
    byMethod: METHODS.map((method: Method) => ({ method, ...cl(methods.get(method)) })),
    byOutcome: OUTCOMES.map((outcome: Outcome) => ({ outcome, ...cl(outcomes.get(outcome)) })),
    byAgeBand: AGE_BANDS.map((ageBand: AgeBand) => ({ ageBand, ...cl(bands.get(ageBand)) })),
    byDistrict: districts(ctx, filters).districts.map((d) => ({ code: d.code, name: d.name, reports: d.reports, lossPence: d.lossPence })),
  };
}

export const ATTRIBUTION = [
  'Contains Ordnance Survey data © Crown copyright and database right 2019',
  'Contains Royal Mail data © Royal Mail copyright and database right 2019',
  'Contains National Statistics data © Crown copyright and database right 2019',
  'Source: Office for National Statistics licensed under the Open Government Licence v.3.0. Contains OS data © Crown copyright and database right 2014',
  'GeoJSON and TopoJSON UK Boundary Data by Martin Chorley (https://github.com/martinjc/UK-GeoJSON), CC BY 4.0',
];

export function meta(ctx: ServiceContext): Meta & { tileUrl: string } {
  const agg = ctx.repos.aggregates;
  const districtsOut = new Map<string, Meta['districts'][number]>();
  for (const d of ctx.geo.forceDistricts()) districtsOut.set(d.code, { code: d.code, name: d.name, county: d.county, inForce: true });
  for (const d of agg.districtsInUse()) {
    if (!districtsOut.has(d.district_code)) districtsOut.set(d.district_code, { code: d.district_code, name: d.district, county: d.county, inForce: false });
  }
  const range = agg.dataRange();
  const last = ctx.repos.imports.lastCommitted();
  return {
    methods: METHODS.map((code) => ({ code, label: METHOD_LABELS[code] })),
    outcomes: OUTCOMES.map((code) => ({ code, label: OUTCOME_LABELS[code] })),
    ageBands: [...AGE_BANDS],
    districts: [...districtsOut.values()].sort((a, b) => Number(b.inForce) - Number(a.inForce) || a.name.localeCompare(b.name)),
    places: agg.placesInUse().map((p) => ({ name: p.place, district: p.district, districtCode: p.district_code, reports: p.n })),
    dataRange: range ? { first: range.first, last: range.last } : null,
    incidents: range?.incidents ?? 0,
    lastImport: last ? toImportBatch(last) : null,
    forceArea: ctx.config.FORCE_AREA,
    attribution: ATTRIBUTION,
    tileUrl: ctx.config.TILE_URL,
  };
}
