import type { DetectionIncident } from '@scam/detection';
import type { Db } from '../connection.js';
import type { ResolvedFilters } from '../../domain/filters.js';
import { READS, type FactRow, type Read } from '../read-model/columns.js';
import { whereFor } from './filter-sql.js';

/** One value the read model reads per incident, as SQL: days since 1970-01-01, a vocabulary word as its index. */
function sqlOf(r: Read<unknown>): string {
  if (r.as === 'day') return `CAST(julianday(${r.column}) - 2440587.5 AS INTEGER)`;
  // `CASE column WHEN 'a' THEN 0 WHEN 'b' THEN 1 … END`: the CHECK constraints allow nothing else.
  if (r.as === 'index') return `CASE ${r.column} ${r.values.map((v, i) => `WHEN '${v.replace(/'/g, "''")}' THEN ${i}`).join(' ')} END`;
  return r.column;
}

export function createFactsRepo(db: Db) {
  // The read model's columns (db/read-model/columns.ts) in its row order; a whole load leaves out
  // what only a changed incident needs. Rows as arrays, not objects, and vocabulary codes as their
  // index in the shared lists, turned into numbers inside SQLite: a million rows of 17 JS strings and
  // objects was most of a load.
  const factColumns = (reads: readonly Read<unknown>[]) => reads.map(sqlOf).join(', ');
  const allRaw = db.prepare(`SELECT ${factColumns(READS.filter((r) => !r.changesOnly))} FROM incidents`).raw(true);
  const byIdsRaw = db
    .prepare<[string]>(`SELECT ${factColumns(READS)} FROM incidents WHERE id IN (SELECT value FROM json_each(?))`)
    .raw(true);
  const districtNames = db.prepare<[], { district_code: string; district: string; county: string }>(
    'SELECT district_code, min(district) AS district, min(county) AS county FROM incidents GROUP BY district_code',
  );
  const count = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM incidents');
  // Bumped by triggers on every write to incidents (migration 0014), whoever the writer is.
  const version = db.prepare<[], { version: number }>('SELECT version FROM data_version WHERE id = 1');
  const logStart = db.prepare<[], { first: number | null }>('SELECT min(version) AS first FROM incident_changes');
  const changed = db.prepare<[number, number], { incident_id: number }>(
    'SELECT DISTINCT incident_id FROM incident_changes WHERE version > ? ORDER BY incident_id LIMIT ?',
  );
  const range = db.prepare<[], { first: string | null; last: string | null }>(
    'SELECT min(offence_date) AS first, max(offence_date) AS last FROM incidents',
  );
  const byReferences = db.prepare<[string], DetectionIncident>(
    `SELECT reference, offence_date AS offenceDate, method, impersonated, channel, place, district, lat, lon,
            age_band AS ageBand, outcome, loss_pence AS lossPence, caller_number AS callerNumber, payee_account AS payeeAccount
       FROM incidents WHERE reference IN (SELECT value FROM json_each(?)) ORDER BY offence_date, id`,
  );
  return {
    /**
     * Detection's input, read straight from the store in (offence date, id) order, the read model's
     * order. Detection runs on a worker thread: reading its period here (through the date index) costs
     * a fraction of a second, where a read model of its own cost the worker seconds and hundreds of
     * megabytes at a million incidents.
     */
    forDetection(f: ResolvedFilters): DetectionIncident[] {
      const { sql, params } = whereFor(f);
      return db
        .prepare<Record<string, string | number>, DetectionIncident>(
          `SELECT reference, offence_date AS offenceDate, method, impersonated, channel, place, district, lat, lon,
                  age_band AS ageBand, outcome, loss_pence AS lossPence, caller_number AS callerNumber,
                  payee_account AS payeeAccount
             FROM incidents ${sql} ORDER BY offence_date, id`,
        )
        .all(params);
    },
    /** The given incidents in detection's shape (unknown references are simply missing). */
    forDetectionByReferences(references: readonly string[]): DetectionIncident[] {
      return byReferences.all(JSON.stringify(references));
    },
    /** The first and last offence dates held, or null for an empty store (two index lookups). */
    dataRange(): { first: string; last: string } | null {
      const r = range.get();
      return r?.first && r.last ? { first: r.first, last: r.last } : null;
    },
    /**
     * Every incident in id order. A table scan reads pages in order; walking the date index instead
     * costs a random table lookup per row (3× slower at a million rows), so the store sorts itself.
     */
    iterateRaw(): IterableIterator<FactRow> {
      return allRaw.iterate() as IterableIterator<FactRow>;
    },
    /** The given incidents as they are now, with what only a change needs (deleted ones are simply missing). */
    byIdsRaw(ids: readonly number[]): FactRow[] {
      return byIdsRaw.all(JSON.stringify(ids)) as FactRow[];
    },
    districts(): { district_code: string; district: string; county: string }[] {
      return districtNames.all();
    },
    count(): number {
      return count.get()?.n ?? 0;
    },
    /** Runs reads in one read transaction: every query in it sees the same committed state. */
    readConsistently<T>(fn: () => T): T {
      return db.transaction(fn).deferred();
    },
    /** The data version: changes with every row written to incidents, by any connection. */
    dataVersion(): number {
      return version.get()?.version ?? 0;
    },
    /**
     * The incidents changed after `since`, or null when the change log no longer reaches back that
     * far (it is pruned) or more than `limit` changed: then a whole reload is the cheaper way. Only
     * asked when the version moved, so an empty log means it was pruned past `since`.
     */
    changedSince(since: number, limit: number): number[] | null {
      const first = logStart.get()?.first ?? null;
      if (first === null || first > since + 1) return null;
      const ids = changed.all(since, limit + 1).map((r) => r.incident_id);
      return ids.length > limit ? null : ids;
    },
  };
}

export type FactsRepo = ReturnType<typeof createFactsRepo>;
