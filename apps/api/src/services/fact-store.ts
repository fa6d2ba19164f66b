import { AGE_BANDS, CHANNELS, IMPERSONATED, METHODS, OUTCOMES, type AgeBand, type Method, type Outcome } from '@scam/shared';
import type { ResolvedFilters } from '../db/repos/filter-sql.js';
import type { FactsRepo } from '../db/repos/facts.repo.js';

const DAY_MS = 86_400_000;
const NO_AGE = 255;

export const dayNumber = (iso: string): number => Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
export const isoOfDay = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

const METHOD_INDEX = new Map<string, number>(METHODS.map((m, i) => [m, i]));
const OUTCOME_INDEX = new Map<string, number>(OUTCOMES.map((o, i) => [o, i]));
const BAND_INDEX = new Map<string, number>(AGE_BANDS.map((b, i) => [b, i]));
const IMPERSONATED_INDEX = new Map<string, number>(IMPERSONATED.map((b, i) => [b, i]));
const CHANNEL_INDEX = new Map<string, number>(CHANNELS.map((b, i) => [b, i]));

export interface DistrictEntry {
  code: string;
  name: string;
  county: string;
}
export interface PlaceEntry {
  name: string;
  district: number;
  lat: number;
  lon: number;
}

/** What one pass over the matching incidents collects; callers ask only for what they need. */
export interface AggregateSpec {
  ages?: boolean;
  interval?: 'day' | 'week' | 'month';
  byPlace?: boolean;
  byDistrict?: boolean;
  rows?: boolean;
}

export interface Aggregate {
  /** [outcome] → reports / loss */
  outcomeReports: Float64Array;
  outcomeLoss: Float64Array;
  /** [method] → reports / loss */
  methodReports: Float64Array;
  methodLoss: Float64Array;
  /** Exact ages 0..120 → count, and per band → count (bands counted for every incident). */
  exactAges: Float64Array;
  bandReports: Float64Array;
  bandLoss: Float64Array;
  /** bucket key → [method*3+outcome] → reports / loss (keys: day numbers, Monday day numbers, or y*12+m). */
  buckets: Map<number, { reports: Float64Array; loss: Float64Array }>;
  /** place index → [method] → reports, and loss per place. */
  placeMethod: Map<number, Float64Array>;
  placeLoss: Map<number, number>;
  districtReports: Map<number, number>;
  districtLoss: Map<number, number>;
  /** Indices of matching incidents (only with spec.rows). */
  rows: number[];
}

/**
 * Every incident's filterable columns as typed arrays, sorted by offence date, kept in memory.
 *
 * Why: the dashboard asks for five or six aggregates per view. At national scale (a million
 * incidents on two cores) SQLite needs a full index scan plus a temporary B-tree per GROUP BY, about
 * a second each; one pass over typed arrays answers all of them in milliseconds. SQLite stays the
 * source of truth: the store reloads whenever the import generation changes (a new batch or a
 * rollback, from this process or another), which is checked with one tiny query per request.
 */
export class FactStore {
  private generation = '';
  n = 0;
  day = new Int32Array(0);
  month = new Int32Array(0);
  method = new Uint8Array(0);
  outcome = new Uint8Array(0);
  band = new Uint8Array(0);
  age = new Uint8Array(0);
  impersonated = new Uint8Array(0);
  channel = new Uint8Array(0);
  district = new Uint16Array(0);
  place = new Uint32Array(0);
  loss = new Float64Array(0);
  id = new Int32Array(0);
  reference: string[] = [];
  callerNumber: (string | null)[] = [];
  districts: DistrictEntry[] = [];
  places: PlaceEntry[] = [];
  private districtByCode = new Map<string, number>();
  lastLoadMs = 0;

  constructor(private readonly repo: FactsRepo) {}

  /** Reloads when the data changed since the last load; cheap when it did not. */
  fresh(): this {
    const g = this.repo.generation();
    if (g !== this.generation) {
      this.load();
      this.generation = g;
    }
    return this;
  }

  private load(): void {
    const t0 = performance.now();
    const cols = {
      day: [] as number[], method: [] as number[], outcome: [] as number[], band: [] as number[], age: [] as number[],
      impersonated: [] as number[], channel: [] as number[], district: [] as number[], place: [] as number[], loss: [] as number[], id: [] as number[],
    };
    const reference: string[] = [];
    const callerNumber: (string | null)[] = [];
    const districts: DistrictEntry[] = [];
    const districtByCode = new Map<string, number>();
    const places: PlaceEntry[] = [];
    const placeByKey = new Map<string, number>();
    for (const r of this.repo.iterateAll()) {
      let d = districtByCode.get(r.district_code);
      if (d === undefined) {
        d = districts.length;
        districts.push({ code: r.district_code, name: r.district, county: r.county });
        districtByCode.set(r.district_code, d);
      }
      const key = `${r.place}|${r.district_code}|${r.lat}|${r.lon}`;
      let p = placeByKey.get(key);
      if (p === undefined) {
        p = places.length;
        places.push({ name: r.place, district: d, lat: r.lat, lon: r.lon });
        placeByKey.set(key, p);
      }
      cols.day.push(dayNumber(r.offence_date));
      cols.method.push(METHOD_INDEX.get(r.method) ?? 0);
      cols.outcome.push(OUTCOME_INDEX.get(r.outcome) ?? 0);
      cols.band.push(BAND_INDEX.get(r.age_band) ?? AGE_BANDS.length - 1);
      cols.age.push(r.victim_age ?? NO_AGE);
      cols.impersonated.push(IMPERSONATED_INDEX.get(r.impersonated) ?? 0);
      cols.channel.push(CHANNEL_INDEX.get(r.channel) ?? 0);
      cols.district.push(d);
      cols.place.push(p);
      cols.loss.push(r.loss_pence);
      cols.id.push(r.id);
      reference.push(r.reference);
      callerNumber.push(r.caller_number);
    }
    this.n = cols.day.length;
    this.day = Int32Array.from(cols.day);
    this.month = Int32Array.from(cols.day, (dn) => {
      const dt = new Date(dn * DAY_MS);
      return dt.getUTCFullYear() * 12 + dt.getUTCMonth();
    });
    this.method = Uint8Array.from(cols.method);
    this.outcome = Uint8Array.from(cols.outcome);
    this.band = Uint8Array.from(cols.band);
    this.age = Uint8Array.from(cols.age);
    this.impersonated = Uint8Array.from(cols.impersonated);
    this.channel = Uint8Array.from(cols.channel);
    this.district = Uint16Array.from(cols.district);
    this.place = Uint32Array.from(cols.place);
    this.loss = Float64Array.from(cols.loss);
    this.id = Int32Array.from(cols.id);
    this.reference = reference;
    this.callerNumber = callerNumber;
    this.districts = districts;
    this.places = places;
    this.districtByCode = districtByCode;
    this.lastLoadMs = performance.now() - t0;
  }

  /** First index with day >= target (the arrays are sorted by day). */
  private lowerBound(target: number): number {
    let lo = 0;
    let hi = this.n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.day[mid] as number) < target) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Calls fn for every incident index matching the filters, in offence-date order. */
  forEachMatch(f: ResolvedFilters, fn: (i: number) => void): void {
    const start = f.from ? this.lowerBound(dayNumber(f.from)) : 0;
    const end = f.to ? this.lowerBound(dayNumber(f.to) + 1) : this.n;
    const mask = <T extends string>(values: readonly T[] | undefined, index: Map<string, number>): number => {
      if (!values || values.length === 0) return -1;
      let m = 0;
      for (const v of values) m |= 1 << (index.get(v) ?? 31);
      return m;
    };
    const methodMask = mask<Method>(f.methods, METHOD_INDEX);
    const outcomeMask = mask<Outcome>(f.outcomes, OUTCOME_INDEX);
    const bandMask = mask<AgeBand>(f.ageBands, BAND_INDEX);
    let districtOk: Uint8Array | null = null;
    if (f.districtCodes && f.districtCodes.length > 0) {
      districtOk = new Uint8Array(this.districts.length);
      for (const c of f.districtCodes) {
        const d = this.districtByCode.get(c);
        if (d !== undefined) districtOk[d] = 1;
      }
    }
    let placeOk: Uint8Array | null = null;
    if (f.places && f.places.length > 0) {
      const names = new Set(f.places);
      placeOk = new Uint8Array(this.places.length);
      this.places.forEach((p, i) => {
        if (names.has(p.name)) (placeOk as Uint8Array)[i] = 1;
      });
    }
    const minLoss = f.minLossPence ?? -1;
    const maxLoss = f.maxLossPence ?? Number.POSITIVE_INFINITY;
    const { method, outcome, band, district, place, loss } = this;
    for (let i = start; i < end; i++) {
      if ((methodMask & (1 << (method[i] as number))) === 0) continue;
      if ((outcomeMask & (1 << (outcome[i] as number))) === 0) continue;
      if ((bandMask & (1 << (band[i] as number))) === 0) continue;
      if (districtOk && districtOk[district[i] as number] === 0) continue;
      if (placeOk && placeOk[place[i] as number] === 0) continue;
      const l = loss[i] as number;
      if (l < minLoss || l > maxLoss) continue;
      fn(i);
    }
  }

  aggregate(f: ResolvedFilters, spec: AggregateSpec = {}): Aggregate {
    const M = METHODS.length;
    const O = OUTCOMES.length;
    const a: Aggregate = {
      outcomeReports: new Float64Array(O),
      outcomeLoss: new Float64Array(O),
      methodReports: new Float64Array(M),
      methodLoss: new Float64Array(M),
      exactAges: new Float64Array(121),
      bandReports: new Float64Array(AGE_BANDS.length),
      bandLoss: new Float64Array(AGE_BANDS.length),
      buckets: new Map(),
      placeMethod: new Map(),
      placeLoss: new Map(),
      districtReports: new Map(),
      districtLoss: new Map(),
      rows: [],
    };
    const { interval } = spec;
    this.forEachMatch(f, (i) => {
      const m = this.method[i] as number;
      const o = this.outcome[i] as number;
      const l = this.loss[i] as number;
      a.outcomeReports[o]! += 1;
      a.outcomeLoss[o]! += l;
      a.methodReports[m]! += 1;
      a.methodLoss[m]! += l;
      const b = this.band[i] as number;
      a.bandReports[b]! += 1;
      a.bandLoss[b]! += l;
      if (spec.ages) {
        const age = this.age[i] as number;
        if (age !== NO_AGE) a.exactAges[age]! += 1;
      }
      if (interval) {
        const day = this.day[i] as number;
        // 1970-01-01 was a Thursday: day + 3 counts from a Monday.
        const key = interval === 'day' ? day : interval === 'week' ? day - ((day + 3) % 7) : (this.month[i] as number);
        let bucket = a.buckets.get(key);
        if (!bucket) {
          bucket = { reports: new Float64Array(M * O), loss: new Float64Array(M * O) };
          a.buckets.set(key, bucket);
        }
        bucket.reports[m * O + o]! += 1;
        bucket.loss[m * O + o]! += l;
      }
      if (spec.byPlace) {
        const p = this.place[i] as number;
        let pm = a.placeMethod.get(p);
        if (!pm) {
          pm = new Float64Array(M);
          a.placeMethod.set(p, pm);
        }
        pm[m]! += 1;
        a.placeLoss.set(p, (a.placeLoss.get(p) ?? 0) + l);
      }
      if (spec.byDistrict) {
        const d = this.district[i] as number;
        a.districtReports.set(d, (a.districtReports.get(d) ?? 0) + 1);
        a.districtLoss.set(d, (a.districtLoss.get(d) ?? 0) + l);
      }
      if (spec.rows) a.rows.push(i);
    });
    return a;
  }

  dataRange(): { first: string; last: string } | null {
    return this.n === 0 ? null : { first: isoOfDay(this.day[0] as number), last: isoOfDay(this.day[this.n - 1] as number) };
  }

  monthKeyToIso(key: number): string {
    return `${Math.floor(key / 12)}-${String((key % 12) + 1).padStart(2, '0')}-01`;
  }
}
