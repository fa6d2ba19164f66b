import { AGE_BANDS, DAY_MS, dayNumber, isoOfDay, METHODS, OUTCOMES, type AgeBand, type Method, type Outcome } from '@scam/shared';
import type { ResolvedFilters } from '../db/repos/filter-sql.js';
import type { FactsRepo } from '../db/repos/facts.repo.js';

const NO_AGE = 255;

const METHOD_INDEX = new Map<string, number>(METHODS.map((m, i) => [m, i]));
const OUTCOME_INDEX = new Map<string, number>(OUTCOMES.map((o, i) => [o, i]));
const BAND_INDEX = new Map<string, number>(AGE_BANDS.map((b, i) => [b, i]));

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

/** Indices 0..n-1 ordered by day, keeping the given order within a day (a stable counting sort). */
export function dayOrder(day: Int32Array, n: number): Uint32Array {
  const order = new Uint32Array(n);
  if (n === 0) return order;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const d = day[i] as number;
    if (d < min) min = d;
    if (d > max) max = d;
  }
  const starts = new Uint32Array(max - min + 2);
  for (let i = 0; i < n; i++) starts[(day[i] as number) - min + 1]! += 1;
  for (let k = 1; k < starts.length; k++) starts[k]! += starts[k - 1] as number;
  for (let i = 0; i < n; i++) order[starts[(day[i] as number) - min]!++] = i;
  return order;
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
/** A loaded store's contents: typed arrays (transferable between threads) plus the strings. */
export interface FactSnapshot {
  generation: string;
  n: number;
  day: Int32Array<ArrayBuffer>;
  month: Int32Array<ArrayBuffer>;
  method: Uint8Array<ArrayBuffer>;
  outcome: Uint8Array<ArrayBuffer>;
  band: Uint8Array<ArrayBuffer>;
  age: Uint8Array<ArrayBuffer>;
  impersonated: Uint8Array<ArrayBuffer>;
  channel: Uint8Array<ArrayBuffer>;
  district: Uint16Array<ArrayBuffer>;
  place: Uint32Array<ArrayBuffer>;
  loss: Float64Array<ArrayBuffer>;
  id: Int32Array<ArrayBuffer>;
  reference: string[];
  callerNumber: (string | null)[];
  payeeAccount: (string | null)[];
  districts: DistrictEntry[];
  places: PlaceEntry[];
  loadMs: number;
}

/** The buffers of a snapshot's typed arrays, to hand to postMessage's transfer list. */
export function snapshotBuffers(s: FactSnapshot): ArrayBuffer[] {
  return [s.day, s.month, s.method, s.outcome, s.band, s.age, s.impersonated, s.channel, s.district, s.place, s.loss, s.id].map(
    (a) => a.buffer as ArrayBuffer,
  );
}

export class FactStore {
  private generation = '';
  /** Builds a snapshot off this thread (a worker); without one, loads happen here. */
  private background: ((generation: string) => Promise<FactSnapshot>) | null = null;
  private building: Promise<boolean> | null = null;
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
  payeeAccount: (string | null)[] = [];
  districts: DistrictEntry[] = [];
  places: PlaceEntry[] = [];
  private districtByCode = new Map<string, number>();
  lastLoadMs = 0;

  constructor(private readonly repo: FactsRepo) {}

  /**
   * Reloads when the data changed since the last load; cheap when it did not. With a background
   * loader, a change after the first load starts a rebuild on the worker and the current contents
   * keep answering until it arrives, so no request waits seconds for a million rows to load.
   */
  fresh(): this {
    const g = this.repo.generation();
    if (g === this.generation) return this;
    if (!this.background || this.generation === '') this.install(buildSnapshot(this.repo));
    else void this.rebuild();
    return this;
  }

  /** Rebuilds on the worker from now on (see fresh()). */
  useBackgroundLoader(loader: (generation: string) => Promise<FactSnapshot>): void {
    this.background = loader;
  }

  /**
   * Resolves once the contents reflect the data as it is now: after an import or a rollback, its own
   * response waits for this (off the request thread), so whoever changed the data sees the change.
   */
  async refresh(): Promise<void> {
    for (let attempt = 0; attempt < 3 && this.background && this.repo.generation() !== this.generation; attempt++) {
      if (!(await this.rebuild())) break;
    }
    // The worker could not deliver (it crashed or timed out): correct figures late beat wrong ones.
    if (this.repo.generation() !== this.generation) this.install(buildSnapshot(this.repo));
  }

  /** One rebuild at a time; resolves true when a snapshot was installed, false when the worker failed. */
  private rebuild(): Promise<boolean> {
    const loader = this.background;
    if (!loader) return Promise.resolve(false);
    this.building ??= loader(this.generation)
      .then(
        (snap) => {
          if (snap.generation !== this.generation) this.install(snap);
          return true;
        },
        () => false,
      )
      .finally(() => {
        this.building = null;
      });
    return this.building;
  }

  install(snap: FactSnapshot): void {
    this.generation = snap.generation;
    this.n = snap.n;
    this.day = snap.day;
    this.month = snap.month;
    this.method = snap.method;
    this.outcome = snap.outcome;
    this.band = snap.band;
    this.age = snap.age;
    this.impersonated = snap.impersonated;
    this.channel = snap.channel;
    this.district = snap.district;
    this.place = snap.place;
    this.loss = snap.loss;
    this.id = snap.id;
    this.reference = snap.reference;
    this.callerNumber = snap.callerNumber;
    this.payeeAccount = snap.payeeAccount;
    this.districts = snap.districts;
    this.places = snap.places;
    this.districtByCode = new Map(snap.districts.map((d, i) => [d.code, i]));
    this.lastLoadMs = snap.loadMs;
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

/**
 * Reads every incident's filterable columns into a snapshot, inside one read transaction so the
 * generation it is labelled with is the one its rows belong to (a batch committed meanwhile is not
 * half in it). Runs on a worker in the server, on the calling thread elsewhere.
 */
export function buildSnapshot(repo: FactsRepo): FactSnapshot {
  return repo.readConsistently(() => {
    const t0 = performance.now();
    const generation = repo.generation();
    // Sized once from a count, then filled in place: no intermediate JS arrays for a million rows.
    const cap = repo.count();
    const day = new Int32Array(cap);
    const month = new Int32Array(cap);
    const method = new Uint8Array(cap);
    const outcome = new Uint8Array(cap);
    const band = new Uint8Array(cap);
    const age = new Uint8Array(cap);
    const impersonated = new Uint8Array(cap);
    const channel = new Uint8Array(cap);
    const district = new Uint16Array(cap);
    const place = new Uint32Array(cap);
    const loss = new Float64Array(cap);
    const id = new Int32Array(cap);
    const reference: string[] = new Array<string>(cap);
    const callerNumber: (string | null)[] = new Array<string | null>(cap);
    const payeeAccount: (string | null)[] = new Array<string | null>(cap);
    const districts: DistrictEntry[] = [];
    const districtByCode = new Map<string, number>();
    const places: PlaceEntry[] = [];
    const placeByKey = new Map<string, number>();
    for (const r of repo.districts()) {
      districtByCode.set(r.district_code, districts.length);
      districts.push({ code: r.district_code, name: r.district, county: r.county });
    }
    // A few thousand distinct days: work out each one's month once.
    const months = new Map<number, number>();
    let n = 0;
    for (const r of repo.iterateRaw()) {
      if (n === cap) break; // rows added since the count arrive with the next generation
      const [rid, ref, dn, m, o, b, a, imp, ch, dcode, pname, lat, lon, lp, caller, payee] = r;
      let d = districtByCode.get(dcode);
      if (d === undefined) {
        // Written by another process between the two queries; named properly on the next load.
        d = districts.length;
        districts.push({ code: dcode, name: dcode, county: '' });
        districtByCode.set(dcode, d);
      }
      const key = `${pname}|${dcode}|${lat}|${lon}`;
      let p = placeByKey.get(key);
      if (p === undefined) {
        p = places.length;
        places.push({ name: pname, district: d, lat, lon });
        placeByKey.set(key, p);
      }
      let mo = months.get(dn);
      if (mo === undefined) {
        const dt = new Date(dn * DAY_MS);
        mo = dt.getUTCFullYear() * 12 + dt.getUTCMonth();
        months.set(dn, mo);
      }
      day[n] = dn;
      month[n] = mo;
      method[n] = m;
      outcome[n] = o;
      band[n] = b;
      age[n] = a ?? NO_AGE;
      impersonated[n] = imp;
      channel[n] = ch;
      district[n] = d;
      place[n] = p;
      loss[n] = lp;
      id[n] = rid;
      reference[n] = ref;
      callerNumber[n] = caller;
      payeeAccount[n] = payee;
      n++;
    }
    // Rows arrive in id order; a stable counting sort on the day puts them in (day, id) order in O(n).
    const order = dayOrder(day, n);
    const permute = <A extends Int32Array | Uint8Array | Uint16Array | Uint32Array | Float64Array>(src: A, make: (len: number) => A): A => {
      const out = make(n);
      for (let i = 0; i < n; i++) out[i] = src[order[i] as number] as number;
      return out;
    };
    return {
      generation,
      n,
      day: permute(day, (len) => new Int32Array(len)),
      month: permute(month, (len) => new Int32Array(len)),
      method: permute(method, (len) => new Uint8Array(len)),
      outcome: permute(outcome, (len) => new Uint8Array(len)),
      band: permute(band, (len) => new Uint8Array(len)),
      age: permute(age, (len) => new Uint8Array(len)),
      impersonated: permute(impersonated, (len) => new Uint8Array(len)),
      channel: permute(channel, (len) => new Uint8Array(len)),
      district: permute(district, (len) => new Uint16Array(len)),
      place: permute(place, (len) => new Uint32Array(len)),
      loss: permute(loss, (len) => new Float64Array(len)),
      id: permute(id, (len) => new Int32Array(len)),
      reference: Array.from(order, (i) => reference[i] as string),
      callerNumber: Array.from(order, (i) => callerNumber[i] ?? null),
      payeeAccount: Array.from(order, (i) => payeeAccount[i] ?? null),
      districts,
      places,
      loadMs: performance.now() - t0,
    };
  });
}
