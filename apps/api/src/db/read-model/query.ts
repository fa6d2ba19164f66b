import { AGE_BANDS, DAY_MS, dayNumber, isoOfDay, METHODS, OUTCOMES, PLACE_MATCHES, type IncidentListQuery } from '@scam/shared';
import { topK } from '../../lib/top-k.js';
import type { ResolvedFilters } from '../../domain/filters.js';
import {
  COLUMNS,
  decodeRow,
  NO_AGE,
  type Columns,
  type DistrictEntry,
  type FactRecord,
  type PlaceEntry,
  type Tables,
  type WorkerColumns,
} from './columns.js';
import type { FactSnapshot, FactView } from './snapshot.js';

const METHOD_INDEX = new Map<string, number>(METHODS.map((m, i) => [m, i]));
const OUTCOME_INDEX = new Map<string, number>(OUTCOMES.map((o, i) => [o, i]));
const BAND_INDEX = new Map<string, number>(AGE_BANDS.map((b, i) => [b, i]));
const PLACE_MATCH_INDEX = new Map<string, number>(PLACE_MATCHES.map((m, i) => [m, i]));

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
  /** place number (see Tables.places) → [method] → reports, and loss per place. */
  placeMethod: Map<number, Float64Array>;
  placeLoss: Map<number, number>;
  /** district number (see Tables.districts) → reports / loss. */
  districtReports: Map<number, number>;
  districtLoss: Map<number, number>;
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

/** The first day of a month bucket (keys are y*12+m). */
export function monthKeyToIso(key: number): string {
  return `${Math.floor(key / 12)}-${String((key % 12) + 1).padStart(2, '0')}-01`;
}

/** SQLite's default BINARY collation compares UTF-8 bytes; this matches it for the names we store. */
function cmpText(a: string | undefined, b: string | undefined): number {
  const x = a ?? '';
  const y = b ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Matches, counts, aggregates and pages over one snapshot's shared columns: what a query worker holds
 * (over a FactView), and the base of the request thread's Facts. It never changes: the snapshot it
 * reads is immutable, so row numbers stay valid for as long as it is held.
 *
 * Why typed arrays and one pass: the dashboard asks for five or six aggregates per view. At national
 * scale (a million incidents on two cores) SQLite needs a full index scan plus a temporary B-tree per
 * GROUP BY, about a second each; one pass over typed arrays answers all of them in milliseconds.
 */
export class FactQuery {
  protected readonly columns: WorkerColumns;
  protected readonly tables: Pick<Tables, 'districts' | 'places'>;
  /** Incidents held. */
  readonly size: number;
  /** The data version the contents reflect (read in the same transaction as the rows). */
  readonly version: number;

  constructor(view: FactView) {
    this.columns = view.columns;
    this.tables = view.tables;
    this.size = view.n;
    this.version = view.version;
  }

  /** First index with day >= target (the arrays are sorted by day). */
  private lowerBound(target: number): number {
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.columns.offenceDate[mid] as number) < target) lo = mid + 1;
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
  protected select(f: ResolvedFilters): Selection {
    const start = f.from ? this.lowerBound(dayNumber(f.from)) : 0;
    const end = f.to ? Math.max(start, this.lowerBound(dayNumber(f.to) + 1)) : this.size;
    const mask = (values: readonly string[] | undefined, index: Map<string, number>): number => {
      if (!values || values.length === 0) return -1;
      let m = 0;
      for (const v of values) m |= 1 << (index.get(v) ?? 31);
      return m;
    };
    const methodMask = mask(f.methods, METHOD_INDEX);
    const outcomeMask = mask(f.outcomes, OUTCOME_INDEX);
    const bandMask = mask(f.ageBands, BAND_INDEX);
    const matchMask = mask(f.placeMatches, PLACE_MATCH_INDEX);
    let districtOk: Uint8Array | null = null;
    if (f.districtCodes && f.districtCodes.length > 0) {
      const codes = new Set(f.districtCodes);
      const { districts } = this.tables;
      districtOk = new Uint8Array(districts.length);
      for (let d = 0; d < districts.length; d++) if (codes.has(districts[d]?.code ?? '')) districtOk[d] = 1;
    }
    let placeOk: Uint8Array | null = null;
    if (f.places && f.places.length > 0) {
      const names = new Set(f.places);
      placeOk = new Uint8Array(this.tables.places.length);
      for (let p = 0; p < this.tables.places.length; p++) if (names.has(this.tables.places[p]?.name ?? '')) placeOk[p] = 1;
    }
    const minLoss = f.minLossPence ?? -1;
    const maxLoss = f.maxLossPence ?? Number.POSITIVE_INFINITY;
    const byLoss = f.minLossPence !== undefined || f.maxLossPence !== undefined;
    if (methodMask === -1 && outcomeMask === -1 && bandMask === -1 && matchMask === -1 && !districtOk && !placeOk && !byLoss)
      return { start, end, rows: null, count: end - start };
    const rows = new Uint32Array(end - start);
    let c = 0;
    const { method, outcome, ageBand: band, placeMatch: match, district, place, lossPence: loss } = this.columns;
    for (let i = start; i < end; i++) {
      if (((methodMask >>> (method[i] as number)) & 1) === 0) continue;
      if (((outcomeMask >>> (outcome[i] as number)) & 1) === 0) continue;
      if (((bandMask >>> (band[i] as number)) & 1) === 0) continue;
      if (((matchMask >>> (match[i] as number)) & 1) === 0) continue;
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

  /** The ids of the matching incidents, in (offence date, id) order. */
  ids(f: ResolvedFilters): number[] {
    const s = this.select(f);
    const { id } = this.columns;
    const out = new Array<number>(s.count);
    for (let k = 0; k < s.count; k++) out[k] = id[s.rows === null ? s.start + k : (s.rows[k] as number)] as number;
    return out;
  }

  /** A place by the number aggregates key it by. */
  placeEntry(p: number): PlaceEntry | undefined {
    return this.tables.places[p];
  }

  /** A district by the number aggregates key it by. */
  districtEntry(d: number): DistrictEntry | undefined {
    return this.tables.districts[d];
  }

  /** Every place some incident names (or named since the last whole load), by number. */
  placeList(): readonly PlaceEntry[] {
    return this.tables.places;
  }

  /** Every district some incident names (or named since the last whole load). */
  districtList(): readonly DistrictEntry[] {
    return this.tables.districts;
  }

  /** Incidents per place number, over everything held. */
  countByPlace(): Map<number, number> {
    const dense = new Float64Array(this.tables.places.length);
    const { place } = this.columns;
    for (let i = 0; i < this.size; i++) dense[place[i] as number]! += 1;
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
    const { method, outcome, ageBand: band, lossPence: loss, age, offenceDate: day, place, district } = this.columns;
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
    const P = this.tables.places.length;
    const wantPlaces = spec.byPlace === true;
    const placeMethod = new Float64Array(wantPlaces ? P * M : 0);
    const placeLoss = new Float64Array(wantPlaces ? P : 0);
    const D = this.tables.districts.length;
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
      return { ids: picked.map((i) => this.columns.id[i] as number), total: s.count };
    }
    const matches: number[] = new Array<number>(s.count);
    for (let k = 0; k < s.count; k++) matches[k] = at(k);
    const { id, lossPence: loss, age, place, district, method, outcome } = this.columns;
    const { places, districts } = this.tables;
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
    const day = this.columns.offenceDate;
    return this.size === 0 ? null : { first: isoOfDay(day[0] as number), last: isoOfDay(day[this.size - 1] as number) };
  }
}

/**
 * The request thread's query part: a FactQuery over a whole snapshot, with what stays off the query
 * workers (each incident's reference, caller number and payee account, and the decoded record).
 */
export class Facts extends FactQuery {
  private readonly all: Columns;
  private readonly allTables: Tables;

  constructor(s: FactSnapshot) {
    super(s);
    this.all = s.columns;
    this.allTables = s.tables;
  }

  /** The references of the matching incidents, in (offence date, id) order. */
  references(f: ResolvedFilters): string[] {
    const s = this.select(f);
    const { reference } = this.all;
    if (s.rows === null) return reference.slice(s.start, s.end);
    const out = new Array<string>(s.count);
    for (let k = 0; k < s.count; k++) out[k] = reference[s.rows[k] as number] as string;
    return out;
  }

  reference(row: number): string {
    return this.all.reference[row] as string;
  }
  callerNumber(row: number): string | null {
    return COLUMNS.callerNumber.decode(this.all.callerNumber[row] as number, this.allTables);
  }
  payeeAccount(row: number): string | null {
    return COLUMNS.payeeAccount.decode(this.all.payeeAccount[row] as number, this.allTables);
  }

  /** One row, decoded. */
  record(row: number): FactRecord {
    return decodeRow(this.all, this.allTables, row);
  }
}
