import type { ResolvedFilters } from '../../domain/filters.js';
import type { FactsRepo } from '../repos/facts.repo.js';
import { Encoders, type DistrictEntry, type PlaceEntry } from './columns.js';
import { Facts, type Aggregate, type AggregateSpec, type PageQuery } from './query.js';
import { buildSnapshot, emptySnapshot, mergeChanges, workerView, type FactSnapshot, type FactView } from './snapshot.js';

/** An aggregate with the place and district tables its numbers index, as they were when it was asked. */
export interface DecodedAggregate extends Aggregate {
  placeTable: readonly PlaceEntry[];
  districtTable: readonly DistrictEntry[];
}

/** Threads that answer aggregates and pages over published views (jobs/query-pool.ts). */
export interface QueryWorkers {
  publish(view: FactView): void;
  aggregate(f: ResolvedFilters, spec: AggregateSpec): Promise<Aggregate>;
  page(f: ResolvedFilters, q: PageQuery): Promise<{ ids: number[]; total: number }>;
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

/** What the server gives the read model; without them everything happens on the calling thread. */
export interface ReadModelOptions {
  /** Builds a whole snapshot off this thread (the server's rebuild worker). */
  rebuild?: () => Promise<FactSnapshot>;
  /**
   * Answers aggregates and pages on worker threads once the model holds `minRows` incidents: at a
   * million rows one aggregate is 10–30 ms of CPU, and on the request thread every other request, the
   * cheapest included, waited behind it. Smaller models answer here, where a message would cost more
   * than the pass.
   */
  queryWorkers?: { pool: QueryWorkers; minRows: number };
}

/**
 * The read model: every incident's filterable columns in memory (see columns.ts), kept as immutable
 * snapshots (snapshot.ts) and asked through a query part over one (query.ts); SQLite stays the source
 * of truth.
 *
 * Fresh by construction: every way in — current(), aggregate(), page() — first reads the data version
 * (one row; triggers bump it on every write to incidents, migration 0014) and, when it moved, re-reads
 * only the incidents changed since and merges them into a new snapshot, whoever wrote them (this
 * server, a worker, the import CLI). A gap the change log no longer covers reloads whole, on the rebuild
 * worker when there is one (the current snapshot answers meanwhile). No caller has anything to remember.
 */
export class ReadModel {
  private snapshot: FactSnapshot = emptySnapshot();
  private facts = new Facts(this.snapshot);
  /** The dictionaries and place tables merges add to (over the current snapshot's tables). */
  private encoders = new Encoders(this.snapshot.tables);
  private building: Promise<boolean> | null = null;
  private readonly counters: ReadModelMetrics = { fullLoads: 0, incrementalApplies: 0, rowsApplied: 0, lastLoadMs: 0, lastApplyMs: 0 };

  constructor(
    private readonly repo: FactsRepo,
    private readonly options: ReadModelOptions = {},
  ) {}

  /**
   * The contents as the database has them now (caught up first): one consistent snapshot to ask
   * several questions of. Its row numbers stay valid for as long as it is held; ask again for later data.
   */
  current(): Facts {
    const v = this.repo.dataVersion();
    const loaded = this.snapshot.version;
    if (v === loaded) return this.facts;
    if (loaded < 0) this.install(buildSnapshot(this.repo));
    // A whole reload is on its way: applying changes on top of contents it will replace is wasted work.
    else if (this.building || this.applyChanges()) return this.facts;
    else if (this.options.rebuild) void this.rebuild();
    else this.install(buildSnapshot(this.repo));
    return this.facts;
  }

  /** An aggregate over the data as it is now, on a query worker when there are some (see ReadModelOptions). */
  async aggregate(f: ResolvedFilters, spec: AggregateSpec = {}): Promise<DecodedAggregate> {
    const facts = this.current();
    // Captured now, with the snapshot the worker counts over: a later whole reload renumbers places in new tables.
    const tables = { placeTable: facts.placeList(), districtTable: facts.districtList() };
    const pool = this.workersFor(facts);
    const a = pool ? await pool.aggregate(f, spec) : facts.aggregate(f, spec);
    return { ...a, ...tables };
  }

  /** A page of the matching incidents' ids over the data as it is now, on a query worker when there are some. */
  page(f: ResolvedFilters, q: PageQuery): Promise<{ ids: number[]; total: number }> {
    const facts = this.current();
    const pool = this.workersFor(facts);
    return pool ? pool.page(f, q) : Promise.resolve(facts.page(f, q));
  }

  /**
   * Resolves once the contents reflect the data as it is now, a whole reload included: after an
   * import or a rollback its own response waits for this (off the request thread), so whoever changed
   * the data sees the change.
   */
  async caughtUp(): Promise<void> {
    this.current();
    for (let attempt = 0; attempt < 3 && this.building; attempt++) {
      if (!(await this.building)) break;
      this.current();
    }
    // The worker could not deliver (it crashed or timed out): correct figures late beat wrong ones.
    if (this.repo.dataVersion() !== this.snapshot.version && !this.applyChanges()) this.install(buildSnapshot(this.repo));
  }

  metrics(): Readonly<ReadModelMetrics> {
    return { ...this.counters };
  }

  /** The query workers, when `facts` is large enough for them (they hold the current snapshot: each is published as it is made). */
  private workersFor(facts: Facts): QueryWorkers | null {
    const w = this.options.queryWorkers;
    return w && facts.size >= w.minRows ? w.pool : null;
  }

  /** One rebuild at a time; resolves true when a snapshot was installed, false when the worker failed. */
  private rebuild(): Promise<boolean> {
    const loader = this.options.rebuild;
    if (!loader) return Promise.resolve(false);
    this.building ??= loader()
      .then(
        (snap) => {
          if (snap.version > this.snapshot.version) this.install(snap);
          return true;
        },
        () => false,
      )
      .finally(() => {
        this.building = null;
      });
    return this.building;
  }

  /** A whole new snapshot (a load). */
  private install(snap: FactSnapshot): void {
    this.encoders = new Encoders(snap.tables);
    this.counters.fullLoads++;
    this.counters.lastLoadMs = snap.loadMs;
    this.use(snap);
  }

  private use(snap: FactSnapshot): void {
    this.snapshot = snap;
    this.facts = new Facts(snap);
    this.options.queryWorkers?.pool.publish(workerView(snap));
  }

  /**
   * Re-reads the incidents changed since the loaded version (in one read transaction with the version
   * it then records) and merges them into a new snapshot: O(n) copying plus O(k log k), against a
   * whole reload's read of every row. False when the change log does not cover the gap or the change
   * is too large for this.
   */
  private applyChanges(): boolean {
    const t0 = performance.now();
    const { repo, snapshot } = this;
    // With a rebuild worker (the request thread) a large change goes to it instead: re-reading a few
    // hundred thousand rows here would hold the event loop for seconds.
    const limit = this.options.rebuild ? 50_000 : Math.max(50_000, snapshot.n >> 2);
    const read = repo.readConsistently(() => {
      const version = repo.dataVersion();
      if (version < snapshot.version) return null; // a restored older file: nothing to apply forwards
      const ids = repo.changedSince(snapshot.version, limit);
      if (!ids) return null;
      const rows = [];
      for (let k = 0; k < ids.length; k += 10_000) rows.push(...repo.byIdsRaw(ids.slice(k, k + 10_000)));
      return { version, ids, rows };
    });
    if (!read) return false;
    this.use(mergeChanges(snapshot, this.encoders, read.version, new Set(read.ids), read.rows));
    this.counters.incrementalApplies++;
    this.counters.rowsApplied += read.ids.length;
    this.counters.lastApplyMs = performance.now() - t0;
    return true;
  }
}
