import type { FactsRepo } from '../repos/facts.repo.js';
import {
  allocate,
  allocateColumns,
  columnBuffers,
  Encoders,
  mapColumns,
  rowEncoder,
  WORKER_COLUMN_NAMES,
  type Columns,
  type FactRow,
  type Tables,
  type WorkerColumns,
} from './columns.js';

/**
 * The read model's contents at one data version: every column (see columns.ts) for `n` incidents in
 * (offence date, id) order, and the tables their numbers index. Never changed once made: a change
 * makes a new snapshot. Plain data, so a worker thread can build one and post it.
 */
export interface FactSnapshot {
  /** The data version its rows are (read in the same transaction); -1 for the empty one before the first load. */
  version: number;
  n: number;
  columns: Columns;
  tables: Tables;
  /** How long building it took (a whole load), for the metrics. */
  loadMs: number;
}

/** What a query worker gets of a snapshot: the shared columns it reads and the place tables; no strings per incident. */
export interface FactView {
  version: number;
  n: number;
  columns: WorkerColumns;
  tables: Pick<Tables, 'districts' | 'places'>;
}

/** What a read model holds before its first load. */
export function emptySnapshot(): FactSnapshot {
  return { version: -1, n: 0, columns: allocateColumns(0, false), tables: new Encoders().tables, loadMs: 0 };
}

/** The view of a snapshot posted to the query workers. */
export function workerView(s: FactSnapshot): FactView {
  const columns = Object.fromEntries(WORKER_COLUMN_NAMES.map((n) => [n, s.columns[n]])) as WorkerColumns;
  // Copies: the tables only grow, and a view kept to start a later worker must stay as it was published.
  return { version: s.version, n: s.n, columns, tables: { districts: [...s.tables.districts], places: [...s.tables.places] } };
}

/** The buffers of a snapshot to hand to postMessage's transfer list (shared ones are not moved). */
export function snapshotBuffers(s: FactSnapshot): ArrayBuffer[] {
  return columnBuffers(s.columns);
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
 * Reads every incident into a snapshot, inside one read transaction so the data version it is
 * labelled with is the one its rows belong to (a change committed meanwhile is not half in it, and is
 * applied on top later). Runs on a worker in the server, on the calling thread elsewhere.
 */
export function buildSnapshot(repo: FactsRepo): FactSnapshot {
  return repo.readConsistently(() => {
    const t0 = performance.now();
    const version = repo.dataVersion();
    const e = new Encoders();
    for (const r of repo.districts()) e.geo.districtOf(r.district_code, r.district, r.county);
    // Sized once from a count, then filled in place: no intermediate JS arrays for a million rows.
    const cap = repo.count();
    const staging = allocateColumns(cap, false);
    const encode = rowEncoder(staging, e);
    let n = 0;
    for (const row of repo.iterateRaw()) {
      if (n === cap) break; // cannot happen inside one read transaction; guards the arrays all the same
      encode(row, n++);
    }
    // Rows arrive in id order; a stable counting sort on the day puts them in (day, id) order in O(n).
    const order = dayOrder(staging.offenceDate, n);
    const columns = mapColumns(staging, (kind, src) => {
      const out = allocate(kind, n, true);
      for (let i = 0; i < n; i++) out[i] = src[order[i] as number] as never;
      return out;
    });
    return { version, n, columns, tables: e.tables, loadMs: performance.now() - t0 };
  });
}

/**
 * A new snapshot: `s` without the incidents in `changed`, with `rows` (their state now, read at
 * `version`) merged in, in (day, id) order. O(n) copying plus O(k log k); the old snapshot is untouched
 * and `e` (over the same tables) only grows.
 */
export function mergeChanges(
  s: FactSnapshot,
  e: Encoders,
  version: number,
  changed: ReadonlySet<number>,
  rows: readonly FactRow[],
): FactSnapshot {
  const k = rows.length;
  const add = allocateColumns(k, false);
  const encode = rowEncoder(add, e);
  rows.forEach((row, j) => encode(row, j));
  const { id, offenceDate: day } = s.columns;
  const newOrder = Array.from({ length: k }, (_, j) => j).sort(
    (x, y) => (add.offenceDate[x] as number) - (add.offenceDate[y] as number) || (add.id[x] as number) - (add.id[y] as number),
  );
  // The output as segments: [start, end) runs of old rows kept (copied with one native set() per
  // run and column), and (-(j + 1), 0) for the j-th changed row. Copying element by element through
  // a function shared by every array type was several times slower (megamorphic access).
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
  for (let i = 0; i < s.n; i++) {
    const rid = id[i] as number;
    if (changed.has(rid)) {
      endRun(i);
      continue;
    }
    const di = day[i] as number;
    for (; j < k; j++) {
      const nj = newOrder[j] as number;
      const dj = add.offenceDate[nj] as number;
      if (!(dj < di || (dj === di && (add.id[nj] as number) < rid))) break;
      endRun(i);
      segments.push(-(nj + 1), 0);
      total++;
    }
    if (runStart < 0) runStart = i;
  }
  endRun(s.n);
  for (; j < k; j++, total++) segments.push(-((newOrder[j] as number) + 1), 0);
  const columns = mapColumns(s.columns, (kind, old, name) => {
    const fresh = add[name];
    const col = allocate(kind, total, true);
    let pos = 0;
    for (let x = 0; x < segments.length; x += 2) {
      const start = segments[x] as number;
      if (start < 0) col[pos++] = fresh[-start - 1] as never;
      else {
        const end = segments[x + 1] as number;
        if (Array.isArray(col)) for (let i = start; i < end; i++) col[pos++] = old[i] as string;
        else {
          col.set((old as typeof col).subarray(start, end), pos);
          pos += end - start;
        }
      }
    }
    return col;
  });
  return { version, n: total, columns, tables: s.tables, loadMs: s.loadMs };
}
