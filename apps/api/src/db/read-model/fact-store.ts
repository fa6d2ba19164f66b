import {
  AGE_BANDS,
  CHANNELS,
  DAY_MS,
  dayNumber,
  IMPERSONATED,
  isoOfDay,
  METHODS,
  OUTCOMES,
  type AgeBand,
  type Channel,
  type Impersonated,
  type IncidentListQuery,
  type Method,
  type Outcome,
} from '@scam/shared';
import { topK } from '../../lib/top-k.js';
import type { ResolvedFilters } from '../repos/filter-sql.js';
import type { ChangedFactTuple, FactsRepo, FactTuple } from '../repos/facts.repo.js';

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
  /** place number (see FactStore.place) → [method] → reports, and loss per place. */
  placeMethod: Map<number, Float64Array>;
  placeLoss: Map<number, number>;
  /** district number (see FactStore.district) → reports / loss. */
  districtReports: Map<number, number>;
  districtLoss: Map<number, number>;
}

/** An aggregate with the place and district tables its numbers index, as they were when it was asked. */
export interface DecodedAggregate extends Aggregate {
  placeTable: readonly PlaceEntry[];
  districtTable: readonly DistrictEntry[];
}

/**
 * What a query worker needs to answer aggregates and pages: the shared columns (see `shared`) and the
 * small place and district tables. No strings per incident: those stay on the request thread.
 */
export type FactView = Pick<
  FactSnapshot,
  'version' | 'n' | 'day' | 'month' | 'method' | 'outcome' | 'band' | 'age' | 'district' | 'place' | 'loss' | 'id' | 'districts' | 'places'
>;

/** Threads that answer aggregates and pages over published views (jobs/query-pool.ts). */
export interface QueryWorkers {
  publish(view: FactView): void;
  aggregate(f: ResolvedFilters, spec: AggregateSpec): Promise<Aggregate>;
  page(f: ResolvedFilters, q: PageQuery): Promise<{ ids: number[]; total: number }>;
}

export type PageQuery = Pick<IncidentListQuery, 'sort' | 'order' | 'offset' | 'limit'>;

/** The rows matching a filter: [start, end) when only dates filter (rows null), else `count` row numbers. */
interface Selection {
  start: number;
  end: number;
  rows: Uint32Array | null;
  count: number;
}

/** A dense per-number array as a map of its non-zero entries. */
function sparse(dense: Float64Array): Map<number, number> {
  const out = new Map<number, number>();
  for (let k = 0; k < dense.length; k++) if ((dense[k] as number) > 0) out.set(k, dense[k] as number);
  return out;
}

/** One incident as the read model holds it, decoded. */
export interface FactRecord {
  id: number;
  reference: string;
  offenceDate: string;
  method: Method;
  outcome: Outcome;
  ageBand: AgeBand;
  impersonated: Impersonated;
  channel: Channel;
  place: PlaceEntry | undefined;
  district: DistrictEntry | undefined;
  lossPence: number;
  callerNumber: string | null;
  payeeAccount: string | null;
}

/** How the read model has kept up: tests and the benchmark read these. */
export interface ReadModelMetrics {
  /** Whole loads (the first, and whenever the change log did not cover the gap). */
  fullLoads: number;
  /** Times only the changed incidents were re-read and merged in. */
  incrementalApplies: number;
  /** Incidents re-read by incremental applies, in all. */
  rowsApplied: number;
  lastLoadMs: number;
  lastApplyMs: number;
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

/** A loaded read model's contents: typed arrays (transferable between threads) plus the strings. */
export interface FactSnapshot {
  version: number;
  n: number;
  day: Int32Array;
  month: Int32Array;
  method: Uint8Array;
  outcome: Uint8Array;
  band: Uint8Array;
  age: Uint8Array;
  impersonated: Uint8Array;
  channel: Uint8Array;
  district: Uint16Array;
  place: Uint32Array;
  loss: Float64Array;
  id: Int32Array;
  /** Caller number and payee account as codes into their dictionaries; 0 is "none". */
  caller: Uint32Array;
  payee: Uint32Array;
  reference: string[];
  callers: string[];
  payees: string[];
  districts: DistrictEntry[];
  places: PlaceEntry[];
  loadMs: number;
}

/**
 * Column storage the query workers read in place: a SharedArrayBuffer is shared by postMessage, not
 * copied, so every thread sees the one million-row copy. Columns are never written after they are
 * built (a change builds new ones), so no thread ever reads a half-written column.
 */
export const shared = {
  i32: (len: number) => new Int32Array(new SharedArrayBuffer(len * 4)),
  u8: (len: number) => new Uint8Array(new SharedArrayBuffer(len)),
  u16: (len: number) => new Uint16Array(new SharedArrayBuffer(len * 2)),
  u32: (len: number) => new Uint32Array(new SharedArrayBuffer(len * 4)),
  f64: (len: number) => new Float64Array(new SharedArrayBuffer(len * 8)),
};

/** The buffers of a snapshot's typed arrays to hand to postMessage's transfer list (shared ones are not moved). */
export function snapshotBuffers(s: FactSnapshot): ArrayBuffer[] {
  return [
    s.day,
    s.month,
    s.method,
    s.outcome,
    s.band,
    s.age,
    s.impersonated,
    s.channel,
    s.district,
    s.place,
    s.loss,
    s.id,
    s.caller,
    s.payee,
  ]
    .map((a) => a.buffer)
    .filter((b): b is ArrayBuffer => b instanceof ArrayBuffer);
}

type Column = Int32Array | Uint8Array | Uint16Array | Uint32Array | Float64Array;

/** Repeated strings stored once: a code per row, the text per code (code 0 is "none"). */
class Dictionary {
  readonly texts: string[];
  private readonly codes: Map<string, number>;
  constructor(texts: string[] = ['']) {
    this.texts = texts;
    this.codes = new Map(texts.map((t, i) => [t, i]));
  }
  code(text: string | null): number {
    if (text === null) return 0;
    let c = this.codes.get(text);
    if (c === undefined) {
      c = this.texts.length;
      this.texts.push(text);
      this.codes.set(text, c);
    }
    return c;
  }
  text(code: number): string | null {
    return code === 0 ? null : (this.texts[code] ?? null);
  }
}

/** Districts and places by number, each added once as rows name them. */
class Places {
  readonly districts: DistrictEntry[];
  readonly places: PlaceEntry[];
  private readonly districtByCode: Map<string, number>;
  private readonly placeByKey: Map<string, number>;
  constructor(districts: DistrictEntry[] = [], places: PlaceEntry[] = []) {
    this.districts = districts;
    this.places = places;
    this.districtByCode = new Map(districts.map((d, i) => [d.code, i]));
    this.placeByKey = new Map(places.map((p, i) => [`${p.name}|${districts[p.district]?.code ?? ''}|${p.lat}|${p.lon}`, i]));
  }
  districtOf(code: string, name: string, county: string): number {
    let d = this.districtByCode.get(code);
    if (d === undefined) {
      d = this.districts.length;
      this.districts.push({ code, name, county });
      this.districtByCode.set(code, d);
    }
    return d;
  }
  districtNumber(code: string): number | undefined {
    return this.districtByCode.get(code);
  }
  placeOf(name: string, district: number, lat: number, lon: number): number {
    const key = `${name}|${this.districts[district]?.code ?? ''}|${lat}|${lon}`;
    let p = this.placeByKey.get(key);
    if (p === undefined) {
      p = this.places.length;
      this.places.push({ name, district, lat, lon });
      this.placeByKey.set(key, p);
    }
    return p;
  }
}

/** y*12+m of a day number; a few thousand distinct days, each worked out once. */
function monthCache(): (day: number) => number {
  const months = new Map<number, number>();
  return (dn) => {
    let mo = months.get(dn);
    if (mo === undefined) {
      const dt = new Date(dn * DAY_MS);
      mo = dt.getUTCFullYear() * 12 + dt.getUTCMonth();
      months.set(dn, mo);
    }
    return mo;
  };
}

/**
 * The read model: every incident's filterable columns as typed arrays, sorted by (offence date, id),
 * kept in memory and answering the filtered aggregates; SQLite stays the source of truth.
 *
 * Why: the dashboard asks for five or six aggregates per view. At national scale (a million
 * incidents on two cores) SQLite needs a full index scan plus a temporary B-tree per GROUP BY, about
 * a second each; one pass over typed arrays answers all of them in milliseconds.
 *
 * Staleness is structural: triggers bump a data version on every write to incidents and log the
 * incident written (migration 0014). Before answering, fresh() reads that version (one row); when it
 * moved, only the incidents changed since are re-read and merged in, whoever wrote them (this server,
 * a worker, the import CLI). A gap the change log no longer covers reloads whole.
 *
 * The columns are private: services ask for matches, counts, sums and pages. A row number handed to
 * a callback is valid until the next fresh().
 */
export class FactStore {
  /** The data version the contents reflect; -1 before the first load. */
  private loaded = -1;
  /** Builds a snapshot off this thread (a worker); without one, whole loads happen here. */
  private background: (() => Promise<FactSnapshot>) | null = null;
  private building: Promise<boolean> | null = null;
  private n = 0;
  private day: Int32Array = new Int32Array(0);
  private month: Int32Array = new Int32Array(0);
  private method: Uint8Array = new Uint8Array(0);
  private outcome: Uint8Array = new Uint8Array(0);
  private band: Uint8Array = new Uint8Array(0);
  private age: Uint8Array = new Uint8Array(0);
  private impersonated: Uint8Array = new Uint8Array(0);
  private channel: Uint8Array = new Uint8Array(0);
  private district: Uint16Array = new Uint16Array(0);
  private place: Uint32Array = new Uint32Array(0);
  private loss: Float64Array = new Float64Array(0);
  private id: Int32Array = new Int32Array(0);
  private caller: Uint32Array = new Uint32Array(0);
  private payee: Uint32Array = new Uint32Array(0);
  private referenceColumn: string[] = [];
  private callers = new Dictionary();
  private payees = new Dictionary();
  private geo = new Places();
  private readonly counters: ReadModelMetrics = { fullLoads: 0, incrementalApplies: 0, rowsApplied: 0, lastLoadMs: 0, lastApplyMs: 0 };

  /** Answers aggregates and pages off the request thread once the store is this large. */
  private workers: { pool: QueryWorkers; minRows: number } | null = null;

  /** `repo` null: a query worker's read-only store over a published view (see fromView). */
  constructor(private readonly repo: FactsRepo | null) {}

  /** A read-only store over a view published by the request thread: a query worker's. */
  static fromView(v: FactView): FactStore {
    const store = new FactStore(null);
    store.loaded = v.version;
    store.n = v.n;
    store.day = v.day;
    store.month = v.month;
    store.method = v.method;
    store.outcome = v.outcome;
    store.band = v.band;
    store.age = v.age;
    store.district = v.district;
    store.place = v.place;
    store.loss = v.loss;
    store.id = v.id;
    store.geo = new Places(v.districts, v.places);
    return store;
  }

  /** The columns and tables as they are now, for the query workers. */
  private view(): FactView {
    const { loaded: version, n, day, month, method, outcome, band, age, district, place, loss, id } = this;
    // Copies of the tables: later rows may add places, and the view must stay as it was published.
    return {
      version,
      n,
      day,
      month,
      method,
      outcome,
      band,
      age,
      district,
      place,
      loss,
      id,
      districts: [...this.geo.districts],
      places: [...this.geo.places],
    };
  }

  /**
   * Hands aggregates and pages to worker threads once the store holds `minRows` incidents: at a million
   * rows one aggregate is 10–30 ms of CPU, and on the request thread every other request, the cheapest
   * included, waited behind it. Smaller stores answer here, where a message would cost more than the pass.
   */
  useQueryWorkers(pool: QueryWorkers, minRows: number): void {
    this.workers = { pool, minRows };
    if (this.loaded >= 0) pool.publish(this.view());
  }

  private published(): void {
    this.workers?.pool.publish(this.view());
  }

  /** aggregate(), on a query worker when there are some (see useQueryWorkers), with the tables its numbers index. */
  async aggregateAsync(f: ResolvedFilters, spec: AggregateSpec = {}): Promise<DecodedAggregate> {
    // Captured now: a whole reload while the worker counts renumbers places in new tables, not these.
    const tables = { placeTable: this.geo.places, districtTable: this.geo.districts };
    const w = this.workers;
    const a = w && this.n >= w.minRows ? await w.pool.aggregate(f, spec) : this.aggregate(f, spec);
    return { ...a, ...tables };
  }

  /** page(), on a query worker when there are some. */
  pageAsync(f: ResolvedFilters, q: PageQuery): Promise<{ ids: number[]; total: number }> {
    const w = this.workers;
    return w && this.n >= w.minRows ? w.pool.page(f, q) : Promise.resolve(this.page(f, q));
  }

  private requireRepo(): FactsRepo {
    if (!this.repo) throw new Error("a query worker's read model is read-only");
    return this.repo;
  }

  /**
   * Brings the contents up to the data as it is now; one single-row read when nothing changed. A
   * change the log covers is applied here (re-reading only the changed incidents); a larger gap
   * reloads whole, on the worker when there is one (the current contents answer meanwhile).
   */
  fresh(): this {
    if (!this.repo) return this;
    const v = this.repo.dataVersion();
    if (v === this.loaded) return this;
    if (this.loaded < 0) {
      this.install(buildSnapshot(this.repo));
      return this;
    }
    // A whole reload is on its way: applying changes on top of contents it will replace is wasted work.
    if (this.building) return this;
    if (this.applyChanges()) return this;
    if (this.background) void this.rebuild();
    else this.install(buildSnapshot(this.repo));
    return this;
  }

  /** Reloads whole on the worker from now on (see fresh()). */
  useBackgroundLoader(loader: () => Promise<FactSnapshot>): void {
    this.background = loader;
  }

  /**
   * Resolves once the contents reflect the data as it is now: after an import or a rollback, its own
   * response waits for this (off the request thread), so whoever changed the data sees the change.
   */
  async refresh(): Promise<void> {
    this.fresh();
    for (let attempt = 0; attempt < 3 && this.building; attempt++) {
      if (!(await this.building)) break;
      this.fresh();
    }
    // The worker could not deliver (it crashed or timed out): correct figures late beat wrong ones.
    const repo = this.requireRepo();
    if (repo.dataVersion() !== this.loaded && !this.applyChanges()) this.install(buildSnapshot(repo));
  }

  /** The data version the contents reflect (as read in the same transaction as the rows). */
  get version(): number {
    return this.loaded;
  }

  /** Incidents held. */
  get size(): number {
    return this.n;
  }

  metrics(): Readonly<ReadModelMetrics> {
    return { ...this.counters };
  }

  /** One rebuild at a time; resolves true when a snapshot was installed, false when the worker failed. */
  private rebuild(): Promise<boolean> {
    const loader = this.background;
    if (!loader) return Promise.resolve(false);
    this.building ??= loader()
      .then(
        (snap) => {
          if (snap.version > this.loaded) this.install(snap);
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
    this.loaded = snap.version;
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
    this.caller = snap.caller;
    this.payee = snap.payee;
    this.referenceColumn = snap.reference;
    this.callers = new Dictionary(snap.callers);
    this.payees = new Dictionary(snap.payees);
    this.geo = new Places(snap.districts, snap.places);
    this.counters.fullLoads++;
    this.counters.lastLoadMs = snap.loadMs;
    this.published();
  }

  /**
   * Re-reads the incidents changed since the loaded version (in one read transaction with the version
   * it then records) and merges them in: O(n) copying plus O(k log k), against a whole reload's read of
   * every row. False when the change log does not cover the gap or the change is too large for this.
   */
  private applyChanges(): boolean {
    const t0 = performance.now();
    // On the request thread (a worker loader is set) a large change goes to the worker instead: re-reading
    // a few hundred thousand rows here would hold the event loop for seconds.
    const limit = this.background ? 50_000 : Math.max(50_000, this.n >> 2);
    const repo = this.requireRepo();
    const read = repo.readConsistently(() => {
      const version = repo.dataVersion();
      if (version < this.loaded) return null; // a restored older file: nothing to apply forwards
      const ids = repo.changedSince(this.loaded, limit);
      if (!ids) return null;
      const rows: ChangedFactTuple[] = [];
      for (let k = 0; k < ids.length; k += 10_000) rows.push(...repo.byIdsRaw(ids.slice(k, k + 10_000)));
      return { version, ids, rows };
    });
    if (!read) return false;
    this.merge(new Set(read.ids), read.rows);
    this.loaded = read.version;
    this.published();
    this.counters.incrementalApplies++;
    this.counters.rowsApplied += read.ids.length;
    this.counters.lastApplyMs = performance.now() - t0;
    return true;
  }

  /** Drops every row whose id changed, then merges the changed rows' current state in (day, id) order. */
  private merge(changed: Set<number>, rows: ChangedFactTuple[]): void {
    const k = rows.length;
    const monthOf = monthCache();
    const add = {
      day: new Int32Array(k),
      month: new Int32Array(k),
      method: new Uint8Array(k),
      outcome: new Uint8Array(k),
      band: new Uint8Array(k),
      age: new Uint8Array(k),
      impersonated: new Uint8Array(k),
      channel: new Uint8Array(k),
      district: new Uint16Array(k),
      place: new Uint32Array(k),
      loss: new Float64Array(k),
      id: new Int32Array(k),
      caller: new Uint32Array(k),
      payee: new Uint32Array(k),
    };
    const addRef: string[] = new Array<string>(k);
    rows.forEach((r, j) => {
      const [rid, ref, dn, m, o, b, a, imp, ch, dcode, pname, lat, lon, lp, callerNumber, payeeAccount, dname, county] = r;
      const d = this.geo.districtOf(dcode, dname, county);
      add.day[j] = dn;
      add.month[j] = monthOf(dn);
      add.method[j] = m;
      add.outcome[j] = o;
      add.band[j] = b;
      add.age[j] = a ?? NO_AGE;
      add.impersonated[j] = imp;
      add.channel[j] = ch;
      add.district[j] = d;
      add.place[j] = this.geo.placeOf(pname, d, lat, lon);
      add.loss[j] = lp;
      add.id[j] = rid;
      add.caller[j] = this.callers.code(callerNumber);
      add.payee[j] = this.payees.code(payeeAccount);
      addRef[j] = ref;
    });
    const newOrder = Array.from({ length: k }, (_, j) => j).sort(
      (x, y) => (add.day[x] as number) - (add.day[y] as number) || (add.id[x] as number) - (add.id[y] as number),
    );
    // The output as segments: [start, end) runs of old rows kept (copied with one native set() per
    // run and column), and (-(j + 1), 0) for the j-th changed row. Copying element by element through
    // a function shared by fourteen array types was several times slower (megamorphic access).
    const segments: number[] = [];
    let runStart = -1;
    let total = 0;
    const endRun = (i: number) => {
      if (runStart >= 0) {
        segments.push(runStart, i);
        total += i - runStart;
        runStart = -1;
      }
    };
    let j = 0;
    for (let i = 0; i < this.n; i++) {
      const rid = this.id[i] as number;
      if (changed.has(rid)) {
        endRun(i);
        continue;
      }
      const di = this.day[i] as number;
      for (; j < k; j++) {
        const nj = newOrder[j] as number;
        const dj = add.day[nj] as number;
        if (!(dj < di || (dj === di && (add.id[nj] as number) < rid))) break;
        endRun(i);
        segments.push(-(nj + 1), 0);
        total++;
      }
      if (runStart < 0) runStart = i;
    }
    endRun(this.n);
    for (; j < k; j++, total++) segments.push(-((newOrder[j] as number) + 1), 0);
    const take = <A extends Column>(old: Column, fresh: Column, make: (len: number) => A): A => {
      const col = make(total);
      let pos = 0;
      for (let x = 0; x < segments.length; x += 2) {
        const start = segments[x] as number;
        if (start >= 0) {
          const end = segments[x + 1] as number;
          col.set(old.subarray(start, end) as A, pos);
          pos += end - start;
        } else col[pos++] = fresh[-start - 1] as number;
      }
      return col;
    };
    this.day = take(this.day, add.day, shared.i32);
    this.month = take(this.month, add.month, shared.i32);
    this.method = take(this.method, add.method, shared.u8);
    this.outcome = take(this.outcome, add.outcome, shared.u8);
    this.band = take(this.band, add.band, shared.u8);
    this.age = take(this.age, add.age, shared.u8);
    this.impersonated = take(this.impersonated, add.impersonated, shared.u8);
    this.channel = take(this.channel, add.channel, shared.u8);
    this.district = take(this.district, add.district, shared.u16);
    this.place = take(this.place, add.place, shared.u32);
    this.loss = take(this.loss, add.loss, shared.f64);
    this.caller = take(this.caller, add.caller, shared.u32);
    this.payee = take(this.payee, add.payee, shared.u32);
    const oldRef = this.referenceColumn;
    const references = new Array<string>(total);
    let pos = 0;
    for (let x = 0; x < segments.length; x += 2) {
      const start = segments[x] as number;
      if (start >= 0) for (let i = start, end = segments[x + 1] as number; i < end; i++) references[pos++] = oldRef[i] as string;
      else references[pos++] = addRef[-start - 1] as string;
    }
    this.referenceColumn = references;
    this.id = take(this.id, add.id, shared.i32);
    this.n = total;
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

  /**
   * The matching rows as a selection vector: the date filter is a [start, end) range (the rows are in
   * date order) and every other filter is tested in one tight loop over typed arrays, no callbacks.
   * `rows` is null when nothing but the dates filters, so callers walk the range directly.
   *
   * Why: a predicate closure called per row, then a callback per match, cost about 75 ns a row at a
   * million incidents (the call sites are megamorphic: five services pass different callbacks).
   */
  private select(f: ResolvedFilters): Selection {
    const start = f.from ? this.lowerBound(dayNumber(f.from)) : 0;
    const end = f.to ? Math.max(start, this.lowerBound(dayNumber(f.to) + 1)) : this.n;
    const mask = (values: readonly string[] | undefined, index: Map<string, number>): number => {
      if (!values || values.length === 0) return -1;
      let m = 0;
      for (const v of values) m |= 1 << (index.get(v) ?? 31);
      return m;
    };
    const methodMask = mask(f.methods, METHOD_INDEX);
    const outcomeMask = mask(f.outcomes, OUTCOME_INDEX);
    const bandMask = mask(f.ageBands, BAND_INDEX);
    let districtOk: Uint8Array | null = null;
    if (f.districtCodes && f.districtCodes.length > 0) {
      districtOk = new Uint8Array(this.geo.districts.length);
      for (const c of f.districtCodes) {
        const d = this.geo.districtNumber(c);
        if (d !== undefined) districtOk[d] = 1;
      }
    }
    let placeOk: Uint8Array | null = null;
    if (f.places && f.places.length > 0) {
      const names = new Set(f.places);
      placeOk = new Uint8Array(this.geo.places.length);
      for (let p = 0; p < this.geo.places.length; p++) if (names.has(this.geo.places[p]?.name ?? '')) placeOk[p] = 1;
    }
    const minLoss = f.minLossPence ?? -1;
    const maxLoss = f.maxLossPence ?? Number.POSITIVE_INFINITY;
    const byLoss = f.minLossPence !== undefined || f.maxLossPence !== undefined;
    if (methodMask === -1 && outcomeMask === -1 && bandMask === -1 && !districtOk && !placeOk && !byLoss)
      return { start, end, rows: null, count: end - start };
    const rows = new Uint32Array(end - start);
    let c = 0;
    const { method, outcome, band, district, place, loss } = this;
    for (let i = start; i < end; i++) {
      if (((methodMask >>> (method[i] as number)) & 1) === 0) continue;
      if (((outcomeMask >>> (outcome[i] as number)) & 1) === 0) continue;
      if (((bandMask >>> (band[i] as number)) & 1) === 0) continue;
      if (districtOk !== null && districtOk[district[i] as number] === 0) continue;
      if (placeOk !== null && placeOk[place[i] as number] === 0) continue;
      if (byLoss) {
        const l = loss[i] as number;
        if (l < minLoss || l > maxLoss) continue;
      }
      rows[c++] = i;
    }
    return { start, end, rows, count: c };
  }

  /** Calls fn with the row number of every incident matching the filters, in (offence date, id) order. */
  forEachMatch(f: ResolvedFilters, fn: (row: number) => void): void {
    const s = this.select(f);
    if (s.rows === null) for (let i = s.start; i < s.end; i++) fn(i);
    else for (let k = 0; k < s.count; k++) fn(s.rows[k] as number);
  }

  /** How many incidents match. */
  count(f: ResolvedFilters): number {
    return this.select(f).count;
  }

  /** The references of the matching incidents, in (offence date, id) order. */
  references(f: ResolvedFilters): string[] {
    const s = this.select(f);
    if (s.rows === null) return this.referenceColumn.slice(s.start, s.end);
    const out = new Array<string>(s.count);
    for (let k = 0; k < s.count; k++) out[k] = this.referenceColumn[s.rows[k] as number] as string;
    return out;
  }

  /** The ids of the matching incidents, in (offence date, id) order. */
  ids(f: ResolvedFilters): number[] {
    const s = this.select(f);
    const out = new Array<number>(s.count);
    for (let k = 0; k < s.count; k++) out[k] = this.id[s.rows === null ? s.start + k : (s.rows[k] as number)] as number;
    return out;
  }

  reference(row: number): string {
    return this.referenceColumn[row] as string;
  }
  callerNumber(row: number): string | null {
    return this.callers.text(this.caller[row] as number);
  }
  payeeAccount(row: number): string | null {
    return this.payees.text(this.payee[row] as number);
  }

  /** One row, decoded. */
  record(row: number): FactRecord {
    const place = this.geo.places[this.place[row] as number];
    return {
      id: this.id[row] as number,
      reference: this.referenceColumn[row] as string,
      offenceDate: isoOfDay(this.day[row] as number),
      method: METHODS[this.method[row] as number] ?? 'other',
      outcome: OUTCOMES[this.outcome[row] as number] ?? 'attempted',
      ageBand: AGE_BANDS[this.band[row] as number] ?? 'unknown',
      impersonated: IMPERSONATED[this.impersonated[row] as number] ?? 'unknown',
      channel: CHANNELS[this.channel[row] as number] ?? 'unknown',
      place,
      district: place ? this.geo.districts[place.district] : undefined,
      lossPence: this.loss[row] as number,
      callerNumber: this.callerNumber(row),
      payeeAccount: this.payeeAccount(row),
    };
  }

  /** A place by the number aggregates key it by. */
  placeEntry(p: number): PlaceEntry | undefined {
    return this.geo.places[p];
  }

  /** A district by the number aggregates key it by. */
  districtEntry(d: number): DistrictEntry | undefined {
    return this.geo.districts[d];
  }

  /** Every district some incident names (or named since the last whole load). */
  districtList(): readonly DistrictEntry[] {
    return this.geo.districts;
  }

  /** Incidents per place number, over everything held. */
  countByPlace(): Map<number, number> {
    const dense = new Float64Array(this.geo.places.length);
    const { place } = this;
    for (let i = 0; i < this.n; i++) dense[place[i] as number]! += 1;
    return sparse(dense);
  }

  /**
   * Everything the dashboard's figures need, in one pass over the matches: method × outcome cells,
   * bands, and only what the spec asks for (exact ages, time buckets, places, districts), each into a
   * dense typed array; the sparse maps callers read are made from those at the end.
   *
   * Why one fused loop with flags: a Map lookup per row, or a callback per row, cost more than all
   * the arithmetic; the flags never change inside a pass, so their branches are free.
   */
  aggregate(f: ResolvedFilters, spec: AggregateSpec = {}): Aggregate {
    const M = METHODS.length;
    const O = OUTCOMES.length;
    const MO = M * O;
    const { rows, start, count } = this.select(f);
    const { method, outcome, band, loss, age, day, place, district } = this;
    const cellReports = new Float64Array(MO);
    const cellLoss = new Float64Array(MO);
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
    };
    const { bandReports, bandLoss, exactAges } = a;
    const wantAges = spec.ages === true;
    const rowAt = (k: number) => (rows === null ? start + k : (rows[k] as number));
    // Time buckets: a slot per bucket from the first match's to the last's (rows are in date order),
    // found through a table by day offset, so a row costs one lookup whatever the interval.
    const day0 = count > 0 ? (day[rowAt(0)] as number) : 0;
    const buckets = spec.interval && count > 0 ? this.bucketSlots(spec.interval, day0, day[rowAt(count - 1)] as number) : null;
    const slotOfDay = buckets?.slotOfDay ?? new Int32Array(0);
    const bucketReports = new Float64Array((buckets?.keys.length ?? 0) * MO);
    const bucketLoss = new Float64Array(bucketReports.length);
    const P = this.geo.places.length;
    const wantPlaces = spec.byPlace === true;
    const placeMethod = new Float64Array(wantPlaces ? P * M : 0);
    const placeLoss = new Float64Array(wantPlaces ? P : 0);
    const D = this.geo.districts.length;
    const wantDistricts = spec.byDistrict === true;
    const districtReports = new Float64Array(wantDistricts ? D : 0);
    const districtLoss = new Float64Array(wantDistricts ? D : 0);
    for (let k = 0; k < count; k++) {
      const i = rows === null ? start + k : (rows[k] as number);
      const m = method[i] as number;
      const c = m * O + (outcome[i] as number);
      const l = loss[i] as number;
      cellReports[c]! += 1;
      cellLoss[c]! += l;
      const b = band[i] as number;
      bandReports[b]! += 1;
      bandLoss[b]! += l;
      if (wantAges) {
        const g = age[i] as number;
        if (g !== NO_AGE) exactAges[g]! += 1;
      }
      if (buckets !== null) {
        const cell = (slotOfDay[(day[i] as number) - day0] as number) * MO + c;
        bucketReports[cell]! += 1;
        bucketLoss[cell]! += l;
      }
      if (wantPlaces) {
        const p = place[i] as number;
        placeMethod[p * M + m]! += 1;
        placeLoss[p]! += l;
      }
      if (wantDistricts) {
        const d = district[i] as number;
        districtReports[d]! += 1;
        districtLoss[d]! += l;
      }
    }
    for (let m = 0; m < M; m++) {
      for (let o = 0; o < O; o++) {
        const r = cellReports[m * O + o] as number;
        const l = cellLoss[m * O + o] as number;
        a.methodReports[m]! += r;
        a.methodLoss[m]! += l;
        a.outcomeReports[o]! += r;
        a.outcomeLoss[o]! += l;
      }
    }
    if (buckets !== null) {
      buckets.keys.forEach((key, slot) => {
        const r = bucketReports.subarray(slot * MO, slot * MO + MO);
        if (r.some((v) => v > 0)) a.buckets.set(key, { reports: r, loss: bucketLoss.subarray(slot * MO, slot * MO + MO) });
      });
    }
    for (let p = 0; p < (wantPlaces ? P : 0); p++) {
      const perMethod = placeMethod.subarray(p * M, p * M + M);
      if (perMethod.some((v) => v > 0)) {
        a.placeMethod.set(p, perMethod);
        a.placeLoss.set(p, placeLoss[p] as number);
      }
    }
    for (let d = 0; d < (wantDistricts ? D : 0); d++) {
      if ((districtReports[d] as number) > 0) {
        a.districtReports.set(d, districtReports[d] as number);
        a.districtLoss.set(d, districtLoss[d] as number);
      }
    }
    return a;
  }

  /**
   * The buckets between two days: each bucket's key (a day number, a Monday's day number, or y*12+m)
   * by slot, and the slot of every day from `first` on.
   */
  private bucketSlots(interval: 'day' | 'week' | 'month', first: number, last: number): { keys: number[]; slotOfDay: Int32Array } {
    const monthOf = monthCache();
    // 1970-01-01 was a Thursday: day + 3 counts from a Monday.
    const keyOf = (d: number) => (interval === 'day' ? d : interval === 'week' ? d - ((((d + 3) % 7) + 7) % 7) : monthOf(d));
    const keys: number[] = [];
    const slotOfDay = new Int32Array(last - first + 1);
    for (let d = first; d <= last; d++) {
      const key = keyOf(d);
      if (keys[keys.length - 1] !== key) keys.push(key);
      slotOfDay[d - first] = keys.length - 1;
    }
    return { keys, slotOfDay };
  }

  /**
   * The ids of one page of the matching incidents in the list's order (ties on id, as in SQL), and how
   * many match. By offence date the rows are already in order, so the page is read off the front (or
   * the back) with no sort at all; by other columns a heap of offset + limit picks it.
   */
  page(f: ResolvedFilters, q: PageQuery): { ids: number[]; total: number } {
    const want = q.offset + q.limit;
    const dir = q.order === 'asc' ? 1 : -1;
    const s = this.select(f);
    const at = s.rows === null ? (k: number) => s.start + k : (k: number) => (s.rows as Uint32Array)[k] as number;
    if (q.sort === 'offenceDate') {
      // Already in (date, id) order: the page is read off the front, or the back, of the selection.
      const picked: number[] = [];
      for (let x = q.offset; x < Math.min(want, s.count); x++) picked.push(at(dir === 1 ? x : s.count - 1 - x));
      return { ids: picked.map((i) => this.id[i] as number), total: s.count };
    }
    const matches: number[] = new Array<number>(s.count);
    for (let k = 0; k < s.count; k++) matches[k] = at(k);
    const { id, loss, age, place, district, method, outcome } = this;
    const { places, districts } = this.geo;
    const byId = (a: number, b: number) => dir * ((id[a] as number) - (id[b] as number));
    const name = (s: string | undefined) => s ?? '';
    const key: Record<string, (a: number, b: number) => number> = {
      lossPence: (a, b) => dir * ((loss[a] as number) - (loss[b] as number)),
      // Unknown ages sort last whichever the direction, as NULLS LAST does in SQL.
      age: (a, b) => {
        const x = age[a] as number;
        const y = age[b] as number;
        if (x === NO_AGE || y === NO_AGE) return x === y ? 0 : x === NO_AGE ? 1 : -1;
        return dir * (x - y);
      },
      place: (a, b) => dir * cmpText(name(places[place[a] as number]?.name), name(places[place[b] as number]?.name)),
      district: (a, b) => dir * cmpText(name(districts[district[a] as number]?.name), name(districts[district[b] as number]?.name)),
      method: (a, b) => dir * cmpText(METHODS[method[a] as number], METHODS[method[b] as number]),
      outcome: (a, b) => dir * cmpText(OUTCOMES[outcome[a] as number], OUTCOMES[outcome[b] as number]),
    };
    const primary = key[q.sort];
    if (!primary) throw new Error(`the read model cannot order by ${q.sort}`);
    const page = topK(matches, want, (a, b) => primary(a, b) || byId(a, b)).slice(q.offset);
    return { ids: page.map((i) => id[i] as number), total: matches.length };
  }

  dataRange(): { first: string; last: string } | null {
    return this.n === 0 ? null : { first: isoOfDay(this.day[0] as number), last: isoOfDay(this.day[this.n - 1] as number) };
  }

  monthKeyToIso(key: number): string {
    return `${Math.floor(key / 12)}-${String((key % 12) + 1).padStart(2, '0')}-01`;
  }
}

/** SQLite's default BINARY collation compares UTF-8 bytes; this matches it for the names we store. */
function cmpText(a: string | undefined, b: string | undefined): number {
  const x = a ?? '';
  const y = b ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Reads every incident's filterable columns into a snapshot, inside one read transaction so the data
 * version it is labelled with is the one its rows belong to (a change committed meanwhile is not half
 * in it, and is applied on top later). Runs on a worker in the server, on the calling thread elsewhere.
 */
export function buildSnapshot(repo: FactsRepo): FactSnapshot {
  return repo.readConsistently(() => {
    const t0 = performance.now();
    const version = repo.dataVersion();
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
    const caller = new Uint32Array(cap);
    const payee = new Uint32Array(cap);
    const reference: string[] = new Array<string>(cap);
    const callers = new Dictionary();
    const payees = new Dictionary();
    const geo = new Places();
    for (const r of repo.districts()) geo.districtOf(r.district_code, r.district, r.county);
    const monthOf = monthCache();
    let n = 0;
    for (const r of repo.iterateRaw() as IterableIterator<FactTuple>) {
      if (n === cap) break; // cannot happen inside one read transaction; guards the arrays all the same
      const [rid, ref, dn, m, o, b, a, imp, ch, dcode, pname, lat, lon, lp, callerNumber, payeeAccount] = r;
      const d = geo.districtOf(dcode, dcode, '');
      day[n] = dn;
      month[n] = monthOf(dn);
      method[n] = m;
      outcome[n] = o;
      band[n] = b;
      age[n] = a ?? NO_AGE;
      impersonated[n] = imp;
      channel[n] = ch;
      district[n] = d;
      place[n] = geo.placeOf(pname, d, lat, lon);
      loss[n] = lp;
      id[n] = rid;
      caller[n] = callers.code(callerNumber);
      payee[n] = payees.code(payeeAccount);
      reference[n] = ref;
      n++;
    }
    // Rows arrive in id order; a stable counting sort on the day puts them in (day, id) order in O(n).
    const order = dayOrder(day, n);
    const permute = <A extends Column>(src: Column, make: (len: number) => A): A => {
      const out = make(n);
      for (let i = 0; i < n; i++) out[i] = src[order[i] as number] as number;
      return out;
    };
    return {
      version,
      n,
      day: permute(day, shared.i32),
      month: permute(month, shared.i32),
      method: permute(method, shared.u8),
      outcome: permute(outcome, shared.u8),
      band: permute(band, shared.u8),
      age: permute(age, shared.u8),
      impersonated: permute(impersonated, shared.u8),
      channel: permute(channel, shared.u8),
      district: permute(district, shared.u16),
      place: permute(place, shared.u32),
      loss: permute(loss, shared.f64),
      id: permute(id, shared.i32),
      caller: permute(caller, shared.u32),
      payee: permute(payee, shared.u32),
      reference: Array.from(order, (i) => reference[i] as string),
      callers: callers.texts,
      payees: payees.texts,
      districts: geo.districts,
      places: geo.places,
      loadMs: performance.now() - t0,
    };
  });
}
