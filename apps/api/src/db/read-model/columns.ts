import { AGE_BANDS, CHANNELS, IMPERSONATED, isoOfDay, METHODS, OUTCOMES, PLACE_MATCHES } from '@scam/shared';

/**
 * The read model's columns, each described once: what it reads from `incidents`, how it is stored,
 * whether the query workers get it, how a stored value is made and how it reads back. Loading,
 * merging changes, the views posted to the query workers, the repo's SELECT and the decoded record
 * are all derived from COLUMNS below, so a new column is one entry here (plus whatever query reads it).
 */

/** How a column's values are stored: a typed array, or (references only) an array of strings. */
const TYPED = { i32: Int32Array, u8: Uint8Array, u16: Uint16Array, u32: Uint32Array, f64: Float64Array } as const;
type TypedKind = keyof typeof TYPED;
export type Kind = TypedKind | 'text';
type Storage<K extends Kind> = K extends TypedKind ? InstanceType<(typeof TYPED)[K]> : string[];
type Stored<K extends Kind> = K extends 'text' ? string : number;
export type AnyStorage = Storage<Kind>;

/**
 * A column of `length` entries. Shared ones are backed by a SharedArrayBuffer: postMessage shares it
 * rather than copying, so every query worker reads the one copy in place. A column is never written
 * after it is built (a change builds new ones), so no thread ever reads one half-written.
 */
export function allocate<K extends Kind>(kind: K, length: number, shared: boolean): Storage<K> {
  if (kind === 'text') return new Array<string>(length) as Storage<K>;
  // One constructor call for the five kinds (TypeScript cannot resolve `new` on their union).
  const Typed = TYPED[kind as TypedKind] as unknown as { new (init: number | SharedArrayBuffer): Storage<K>; BYTES_PER_ELEMENT: number };
  return new Typed(shared ? new SharedArrayBuffer(length * Typed.BYTES_PER_ELEMENT) : length);
}

/** A row as the repo returns it: one value per entry of READS, in that order. */
export type FactRow = readonly unknown[];

/** One value read per incident; the repo writes its SQL from `column` and `as` (facts.repo.ts). */
export class Read<T> {
  /** Where it sits in a FactRow: set once, below, from its place in READS. */
  at = -1;
  constructor(
    readonly column: string,
    /** 'value': as stored; 'day': an ISO date as days since 1970-01-01; 'index': a vocabulary word as its index in `values`. */
    readonly as: 'value' | 'day' | 'index',
    readonly values: readonly string[] = [],
    /** Read only for changed incidents: a whole load learns these once per district instead. */
    readonly changesOnly = false,
  ) {}
  of(row: FactRow): T {
    return row[this.at] as T;
  }
}
const value = <T>(column: string) => new Read<T>(column, 'value');
const vocabulary = (column: string, values: readonly string[]) => new Read<number>(column, 'index', values);

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

/**
 * The small tables stored numbers index. They only ever grow: a snapshot's rows name only entries that
 * existed when it was made, so snapshots share them and none of them sees an entry change.
 */
export interface Tables {
  districts: DistrictEntry[];
  places: PlaceEntry[];
  /** Caller numbers and payee accounts by code; code 0 is "none". */
  callers: string[];
  payees: string[];
}

/** Repeated strings stored once: a code per row, the text per code (code 0 is "none"). */
class Dictionary {
  private readonly codes: Map<string, number>;
  constructor(readonly texts: string[]) {
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
}

/** Districts and places by number, each added once as rows name them. */
class Places {
  private readonly districtByCode: Map<string, number>;
  /** Place numbers by name: a name recurs in a few districts at most, so the list is short. */
  private readonly placesByName = new Map<string, number[]>();
  constructor(
    readonly districts: DistrictEntry[],
    readonly places: PlaceEntry[],
  ) {
    this.districtByCode = new Map(districts.map((d, i) => [d.code, i]));
    places.forEach((p, i) => this.named(p.name).push(i));
  }
  private named(name: string): number[] {
    let list = this.placesByName.get(name);
    if (!list) this.placesByName.set(name, (list = []));
    return list;
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
  /** A place is its name, district and coordinates. Why no string key: building one per row was most of a load's JavaScript time. */
  placeOf(name: string, district: number, lat: number, lon: number): number {
    const list = this.named(name);
    for (const p of list) {
      const e = this.places[p] as PlaceEntry;
      if (e.district === district && e.lat === lat && e.lon === lon) return p;
    }
    list.push(this.places.length);
    return this.places.push({ name, district, lat, lon }) - 1;
  }
}

/** What encoding a row adds to as it goes: the dictionaries and the place tables, over a snapshot's Tables. */
export class Encoders {
  readonly callers: Dictionary;
  readonly payees: Dictionary;
  readonly geo: Places;
  constructor(readonly tables: Tables = { districts: [], places: [], callers: [''], payees: [''] }) {
    this.callers = new Dictionary(tables.callers);
    this.payees = new Dictionary(tables.payees);
    this.geo = new Places(tables.districts, tables.places);
  }
}

/** A victim's age when none was given (ages are 0..120). */
export const NO_AGE = 255;

interface ColumnSpec<K extends Kind, W extends boolean, T, D> {
  kind: K;
  /** Posted to the query workers: the aggregates and pages read it. The rest stays on the request thread. */
  worker: W;
  read: Read<T>;
  /** The stored value, from the value read (a few columns look at other values of the same row). */
  encode(value: T, row: FactRow, e: Encoders): Stored<K>;
  /** The stored value as the decoded record's field. */
  decode(stored: Stored<K>, t: Tables): D;
}

function column<K extends Kind, W extends boolean, T, D = Stored<K>>(
  kind: K,
  worker: W,
  read: Read<T>,
  codec: { encode?: (value: T, row: FactRow, e: Encoders) => Stored<K>; decode?: (stored: Stored<K>, t: Tables) => D } = {},
): ColumnSpec<K, W, T, D> {
  return {
    kind,
    worker,
    read,
    encode: codec.encode ?? ((v) => v as unknown as Stored<K>),
    decode: codec.decode ?? ((v) => v as unknown as D),
  };
}

const DISTRICT_CODE = value<string>('district_code');
const LAT = value<number>('lat');
const LON = value<number>('lon');
const DISTRICT_NAME = new Read<string | undefined>('district', 'value', [], true);
const COUNTY = new Read<string | undefined>('county', 'value', [], true);

/** A row's district number; a district first seen in a change is named from the row (a whole load names them all first). */
function districtOfRow(row: FactRow, e: Encoders): number {
  const code = DISTRICT_CODE.of(row);
  return e.geo.districtOf(code, DISTRICT_NAME.of(row) ?? code, COUNTY.of(row) ?? '');
}

/** Every column, named as the decoded record's field. Rows are kept in (offenceDate, id) order. */
export const COLUMNS = {
  id: column('i32', true, value<number>('id')),
  reference: column('text', false, value<string>('reference')),
  /** Days since 1970-01-01. */
  offenceDate: column('i32', true, new Read<number>('offence_date', 'day'), { decode: isoOfDay }),
  method: column('u8', true, vocabulary('method', METHODS), { decode: (v) => METHODS[v] ?? 'other' }),
  outcome: column('u8', true, vocabulary('outcome', OUTCOMES), { decode: (v) => OUTCOMES[v] ?? 'attempted' }),
  ageBand: column('u8', true, vocabulary('age_band', AGE_BANDS), { decode: (v) => AGE_BANDS[v] ?? 'unknown' }),
  age: column('u8', true, value<number | null>('victim_age'), {
    encode: (v) => v ?? NO_AGE,
    decode: (v): number | null => (v === NO_AGE ? null : v),
  }),
  impersonated: column('u8', false, vocabulary('impersonated', IMPERSONATED), { decode: (v) => IMPERSONATED[v] ?? 'unknown' }),
  channel: column('u8', false, vocabulary('channel', CHANNELS), { decode: (v) => CHANNELS[v] ?? 'unknown' }),
  /** Into Tables.districts. */
  district: column('u16', true, DISTRICT_CODE, {
    encode: (_code, row, e) => districtOfRow(row, e),
    decode: (v, t): DistrictEntry | undefined => t.districts[v],
  }),
  /** Into Tables.places: a place is its name, district and coordinates. */
  place: column('u32', true, value<string>('place'), {
    encode: (name, row, e) => e.geo.placeOf(name, districtOfRow(row, e), LAT.of(row), LON.of(row)),
    decode: (v, t): PlaceEntry | undefined => t.places[v],
  }),
  /** Inside the force area, by district only, or outside it (the "outside the force area" filter). */
  placeMatch: column('u8', true, vocabulary('place_match', PLACE_MATCHES), { decode: (v) => PLACE_MATCHES[v] ?? 'force' }),
  lossPence: column('f64', true, value<number>('loss_pence')),
  callerNumber: column('u32', false, value<string | null>('caller_number'), {
    encode: (v, _row, e) => e.callers.code(v),
    decode: (v, t): string | null => (v === 0 ? null : (t.callers[v] ?? null)),
  }),
  payeeAccount: column('u32', false, value<string | null>('payee_account'), {
    encode: (v, _row, e) => e.payees.code(v),
    decode: (v, t): string | null => (v === 0 ? null : (t.payees[v] ?? null)),
  }),
};

type Spec = typeof COLUMNS;
export type ColumnName = keyof Spec;
/** A snapshot's columns. */
export type Columns = { [K in ColumnName]: Storage<Spec[K]['kind']> };
type WorkerColumnName = { [K in ColumnName]: Spec[K]['worker'] extends true ? K : never }[ColumnName];
/** The columns a query worker gets: no strings per incident, and nothing only a record reads. */
export type WorkerColumns = Pick<Columns, WorkerColumnName>;
/** One incident, decoded. */
export type FactRecord = { [K in ColumnName]: ReturnType<Spec[K]['decode']> };

/** For the loops that treat every column alike. */
type AnySpec = ColumnSpec<Kind, boolean, unknown, unknown>;
const NAMES = Object.keys(COLUMNS) as ColumnName[];
const SPECS = NAMES.map((n) => COLUMNS[n] as AnySpec);
export const WORKER_COLUMN_NAMES = NAMES.filter((n) => COLUMNS[n].worker) as WorkerColumnName[];

/** What the repo reads per incident, in FactRow order: each column's value, then what some also look at; changes-only ones last. */
export const READS: readonly Read<unknown>[] = (() => {
  const all = [...new Set<Read<unknown>>([...SPECS.map((s) => s.read), LAT, LON, DISTRICT_NAME, COUNTY])];
  const ordered = [...all.filter((r) => !r.changesOnly), ...all.filter((r) => r.changesOnly)];
  ordered.forEach((r, i) => (r.at = i));
  return ordered;
})();

/** New columns of `length` entries each. */
export function allocateColumns(length: number, shared: boolean): Columns {
  return Object.fromEntries(NAMES.map((n) => [n, allocate(COLUMNS[n].kind, length, shared)])) as Columns;
}

/** Columns made from others, one at a time. */
export function mapColumns(from: Columns, make: (kind: Kind, column: AnyStorage, name: ColumnName) => AnyStorage): Columns {
  return Object.fromEntries(NAMES.map((n) => [n, make(COLUMNS[n].kind, from[n], n)])) as Columns;
}

/** Writes rows into `into`: row `i` of every column, from one FactRow. */
export function rowEncoder(into: Columns, e: Encoders): (row: FactRow, i: number) => void {
  const targets = NAMES.map((n) => into[n]);
  const puts = SPECS.map((s) => PUT[s.kind]);
  return (row, i) => {
    for (let k = 0; k < SPECS.length; k++) {
      const s = SPECS[k] as AnySpec;
      (puts[k] as Put)(targets[k] as AnyStorage, i, s.encode(s.read.of(row), row, e));
    }
  };
}

type Put = (column: AnyStorage, i: number, value: string | number) => void;
/**
 * One store function per kind, so each store site sees one array type: a single store site shared by
 * all six kinds went megamorphic and made a whole load markedly slower.
 */
const PUT: Record<Kind, Put> = {
  i32: (c, i, v) => {
    (c as Int32Array)[i] = v as number;
  },
  u8: (c, i, v) => {
    (c as Uint8Array)[i] = v as number;
  },
  u16: (c, i, v) => {
    (c as Uint16Array)[i] = v as number;
  },
  u32: (c, i, v) => {
    (c as Uint32Array)[i] = v as number;
  },
  f64: (c, i, v) => {
    (c as Float64Array)[i] = v as number;
  },
  text: (c, i, v) => {
    (c as string[])[i] = v as string;
  },
};

/** Row `row` of the columns, decoded. */
export function decodeRow(columns: Columns, tables: Tables, row: number): FactRecord {
  const out: Record<string, unknown> = {};
  for (let k = 0; k < NAMES.length; k++) {
    const n = NAMES[k] as ColumnName;
    out[n] = (SPECS[k] as AnySpec).decode((columns[n] as ArrayLike<string | number>)[row] as string | number, tables);
  }
  return out as FactRecord;
}

/** The typed columns' buffers, for postMessage's transfer list (shared ones are shared, not moved). */
export function columnBuffers(columns: Columns): ArrayBuffer[] {
  return NAMES.map((n) => columns[n])
    .map((c) => (Array.isArray(c) ? null : c.buffer))
    .filter((b): b is ArrayBuffer => b instanceof ArrayBuffer);
}
