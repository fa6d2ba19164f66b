import type { AgeBand, Channel, Impersonated, Method, Outcome } from '@scam/shared';
import type { Db } from '../connection.js';

/** The columns the in-memory fact store keeps per incident, read in one pass. */
export interface FactRow {
  id: number;
  reference: string;
  offence_date: string;
  method: Method;
  outcome: Outcome;
  age_band: AgeBand;
  victim_age: number | null;
  impersonated: Impersonated;
  channel: Channel;
  district_code: string;
  district: string;
  county: string;
  place: string;
  lat: number;
  lon: number;
  loss_pence: number;
  caller_number: string | null;
}

export function createFactsRepo(db: Db) {
  const all = db.prepare<[], FactRow>(
    `SELECT id, reference, offence_date, method, outcome, age_band, victim_age, impersonated, channel,
            district_code, district, county, place, lat, lon, loss_pence, caller_number
       FROM incidents ORDER BY offence_date, id`,
  );
  // Every change to incidents goes through a new batch or a rollback, so these two numbers change
  // whenever the data does — including when another process (the import CLI) wrote it.
  const generation = db.prepare<[], { batches: number; rolled_back: number }>(
    "SELECT count(*) AS batches, count(*) FILTER (WHERE status = 'rolled_back') AS rolled_back FROM import_batches",
  );
  return {
    iterateAll(): IterableIterator<FactRow> {
      return all.iterate();
    },
    generation(): string {
      const g = generation.get();
      return `${g?.batches ?? 0}:${g?.rolled_back ?? 0}`;
    },
  };
}

export type FactsRepo = ReturnType<typeof createFactsRepo>;
