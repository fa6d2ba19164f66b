import type { AgeBand, Method, Outcome } from '@scam/shared';
import type { Db } from '../connection.js';
import { whereFor, type ResolvedFilters } from './filter-sql.js';
import { StatementCache } from './statement-cache.js';

export interface OutcomeTotalsRow {
  outcome: Outcome;
  reports: number;
  loss_pence: number;
}

export interface AgeCountRow {
  victim_age: number | null;
  age_band: AgeBand;
  n: number;
}

export interface BucketRow {
  bucket: string;
  method: Method;
  outcome: Outcome;
  reports: number;
  loss_pence: number;
}

export interface PlaceRow {
  place: string;
  district: string;
  district_code: string;
  lat: number;
  lon: number;
  method: Method;
  reports: number;
  loss_pence: number;
}

export interface GroupRow {
  key: string;
  name: string;
  reports: number;
  loss_pence: number;
}

const BUCKET_EXPR = {
  day: 'offence_date',
  // Monday on or before the offence date.
  week: "date(offence_date, '-6 days', 'weekday 1')",
  month: "substr(offence_date, 1, 7) || '-01'",
} as const;

/** Filtered aggregates. Every query takes its WHERE clause from whereFor, so they agree by construction. */
export function createAggregatesRepo(db: Db) {
  const cache = new StatementCache(db);
  const run = <R>(sql: (where: string) => string, filters: ResolvedFilters): R[] => {
    const where = whereFor(filters);
    return cache.get<R>(sql(where.sql)).all(where.params);
  };
  const range = db.prepare<[], { first: string | null; last: string | null; n: number }>(
    'SELECT min(offence_date) AS first, max(offence_date) AS last, count(*) AS n FROM incidents',
  );
  const placesInUse = db.prepare<[], { place: string; district: string; district_code: string; n: number }>(
    'SELECT place, district, district_code, count(*) AS n FROM incidents GROUP BY place, district_code ORDER BY place',
  );
  const districtsInUse = db.prepare<[], { district_code: string; district: string; county: string }>(
    'SELECT DISTINCT district_code, district, county FROM incidents',
  );

  return {
    outcomeTotals(filters: ResolvedFilters): OutcomeTotalsRow[] {
      return run((w) => `SELECT outcome, count(*) AS reports, coalesce(sum(loss_pence), 0) AS loss_pence FROM incidents ${w} GROUP BY outcome`, filters);
    },
    /** Exact ages where given, bands otherwise: at most ~130 rows whatever the data size. */
    ageCounts(filters: ResolvedFilters): AgeCountRow[] {
      return run((w) => `SELECT victim_age, age_band, count(*) AS n FROM incidents ${w} GROUP BY victim_age, age_band`, filters);
    },
    buckets(filters: ResolvedFilters, interval: keyof typeof BUCKET_EXPR): BucketRow[] {
      return run(
        (w) => `SELECT ${BUCKET_EXPR[interval]} AS bucket, method, outcome, count(*) AS reports, coalesce(sum(loss_pence), 0) AS loss_pence
                  FROM incidents ${w} GROUP BY bucket, method, outcome ORDER BY bucket`,
        filters,
      );
    },
    /** One row per place and method; the service folds methods into each place. */
    places(filters: ResolvedFilters): PlaceRow[] {
      return run(
        (w) => `SELECT place, district, district_code, lat, lon, method, count(*) AS reports, coalesce(sum(loss_pence), 0) AS loss_pence
                  FROM incidents ${w} GROUP BY place, district_code, lat, lon, method`,
        filters,
      );
    },
    byDistrict(filters: ResolvedFilters): GroupRow[] {
      return run(
        (w) => `SELECT district_code AS key, min(district) AS name, count(*) AS reports, coalesce(sum(loss_pence), 0) AS loss_pence
                  FROM incidents ${w} GROUP BY district_code ORDER BY reports DESC, name`,
        filters,
      );
    },
    byColumn(filters: ResolvedFilters, column: 'method' | 'outcome' | 'age_band'): GroupRow[] {
      return run(
        (w) => `SELECT ${column} AS key, ${column} AS name, count(*) AS reports, coalesce(sum(loss_pence), 0) AS loss_pence
                  FROM incidents ${w} GROUP BY ${column}`,
        filters,
      );
    },
    dataRange(): { first: string; last: string; incidents: number } | null {
      const r = range.get();
      return r && r.first && r.last ? { first: r.first, last: r.last, incidents: r.n } : null;
    },
    placesInUse() {
      return placesInUse.all();
    },
    districtsInUse() {
      return districtsInUse.all();
    },
  };
}

export type AggregatesRepo = ReturnType<typeof createAggregatesRepo>;
