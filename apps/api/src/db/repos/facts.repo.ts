import { AGE_BANDS, CHANNELS, IMPERSONATED, METHODS, OUTCOMES } from '@scam/shared';
import type { Db } from '../connection.js';

/**
 * One incident's columns for the in-memory fact store, as a tuple in SELECT order: the day as days
 * since 1970-01-01 and each vocabulary value as its index in the shared list.
 */
export type FactTuple = [
  id: number,
  reference: string,
  day: number,
  method: number,
  outcome: number,
  age_band: number,
  victim_age: number | null,
  impersonated: number,
  channel: number,
  district_code: string,
  place: string,
  lat: number,
  lon: number,
  loss_pence: number,
  caller_number: string | null,
  payee_account: string | null,
];

/** `CASE column WHEN 'a' THEN 0 WHEN 'b' THEN 1 … END`: the CHECK constraints allow nothing else. */
function indexOf(column: string, values: readonly string[]): string {
  return `CASE ${column} ${values.map((v, i) => `WHEN '${v.replace(/'/g, "''")}' THEN ${i}`).join(' ')} END`;
}

export function createFactsRepo(db: Db) {
  // Rows as arrays, not objects, and vocabulary codes as their index in the shared lists, turned
  // into numbers inside SQLite: a million rows of 17 JS strings and objects was most of a load.
  const allRaw = db
    .prepare(
      `SELECT id, reference, CAST(julianday(offence_date) - 2440587.5 AS INTEGER),
              ${indexOf('method', METHODS)}, ${indexOf('outcome', OUTCOMES)}, ${indexOf('age_band', AGE_BANDS)},
              victim_age, ${indexOf('impersonated', IMPERSONATED)}, ${indexOf('channel', CHANNELS)},
              district_code, place, lat, lon, loss_pence, caller_number, payee_account
         FROM incidents`,
    )
    .raw(true);
  const districtNames = db.prepare<[], { district_code: string; district: string; county: string }>(
    'SELECT district_code, min(district) AS district, min(county) AS county FROM incidents GROUP BY district_code',
  );
  const count = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM incidents');
  // Every change to incidents goes through a new batch or a rollback, so these two numbers change
  // whenever the data does — including when another process (the import CLI) wrote it.
  const generation = db.prepare<[], { batches: number; rolled_back: number }>(
    "SELECT count(*) AS batches, count(*) FILTER (WHERE status = 'rolled_back') AS rolled_back FROM import_batches",
  );
  return {
    /**
     * Every incident in id order. A table scan reads pages in order; walking the date index instead
     * costs a random table lookup per row (3× slower at a million rows), so the store sorts itself.
     */
    iterateRaw(): IterableIterator<FactTuple> {
      return allRaw.iterate() as IterableIterator<FactTuple>;
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
    generation(): string {
      const g = generation.get();
      return `${g?.batches ?? 0}:${g?.rolled_back ?? 0}`;
    },
  };
}

export type FactsRepo = ReturnType<typeof createFactsRepo>;
