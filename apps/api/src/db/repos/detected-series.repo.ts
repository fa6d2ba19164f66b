import type { Method } from '@scam/shared';
import type { Db } from '../connection.js';
import { StatementCache } from './statement-cache.js';

export interface DetectedSeriesRow {
  id: string;
  method: Method;
  series_json: string;
  from_date: string;
  to_date: string;
  mode: 'retrospective' | 'prospective';
  found_by: string;
  first_seen_at: string;
  updated_at: string;
  alerted_at: string | null;
  /** The detection question (settings and filters) that produced it, as JSON; null before 0015. */
  question_json: string | null;
  /** The data version detection's input was read at; null before 0015. */
  data_version: number | null;
}

const COLUMNS =
  'id, method, series_json, from_date, to_date, mode, found_by, first_seen_at, updated_at, alerted_at, question_json, data_version';

/** Bound on the members compared in one lookup (SQLite's default limit on host parameters is 32,766). */
const LOOKUP_CHUNK = 500;

export function createDetectedSeriesRepo(db: Db) {
  const cache = new StatementCache(db);
  const byId = db.prepare<[string], DetectedSeriesRow>(`SELECT ${COLUMNS} FROM detected_series WHERE id = ?`);
  const alerted = db.prepare<[number], DetectedSeriesRow>(
    `SELECT ${COLUMNS} FROM detected_series WHERE alerted_at IS NOT NULL ORDER BY alerted_at DESC, id LIMIT ?`,
  );
  const upsert = db.prepare(
    `INSERT INTO detected_series (id, method, series_json, from_date, to_date, mode, found_by, first_seen_at, updated_at, alerted_at,
                                  question_json, data_version)
     VALUES (@id, @method, @seriesJson, @from, @to, @mode, @foundBy, @now, @now, @alertedAt, @questionJson, @dataVersion)
     ON CONFLICT (id) DO UPDATE SET series_json = excluded.series_json, from_date = excluded.from_date, to_date = excluded.to_date,
       mode = excluded.mode, found_by = excluded.found_by, updated_at = excluded.updated_at,
       question_json = excluded.question_json, data_version = excluded.data_version,
       alerted_at = coalesce(excluded.alerted_at, detected_series.alerted_at)`,
  );
  const clearMembers = db.prepare<[string]>('DELETE FROM detected_series_incidents WHERE series_id = ?');
  const addMember = db.prepare<[string, string]>('INSERT OR IGNORE INTO detected_series_incidents (series_id, reference) VALUES (?, ?)');
  const naming = db.prepare<[string], { series_id: string }>('SELECT series_id FROM detected_series_incidents WHERE reference = ?');
  const containing = db.prepare<[string, number], DetectedSeriesRow>(
    `SELECT ${COLUMNS} FROM detected_series WHERE id IN (SELECT series_id FROM detected_series_incidents WHERE reference = ?)
      ORDER BY updated_at DESC, id LIMIT ?`,
  );
  const remove = db.prepare<[string]>('DELETE FROM detected_series WHERE id = ?');
  const clearAlert = db.prepare<[string]>('UPDATE detected_series SET alerted_at = NULL WHERE id = ?');
  const removeOrphans = db.prepare(
    `DELETE FROM detected_series WHERE id IN
       (SELECT DISTINCT series_id FROM detected_series_incidents WHERE reference NOT IN (SELECT reference FROM incidents))`,
  );

  return {
    get(id: string): DetectedSeriesRow | undefined {
      return byId.get(id);
    },
    /** Series the watch run flagged, newest first. */
    alerted(limit: number): DetectedSeriesRow[] {
      return alerted.all(limit);
    },
    /**
     * Stored series of `method` sharing members with `references`, with how many they share, most first.
     */
    overlapping(method: Method, references: readonly string[]): { id: string; shared: number }[] {
      const counts = new Map<string, number>();
      for (let i = 0; i < references.length; i += LOOKUP_CHUNK) {
        const chunk = references.slice(i, i + LOOKUP_CHUNK);
        const rows = cache
          .get<{ series_id: string; n: number }>(
            `SELECT m.series_id, count(*) AS n FROM detected_series_incidents m JOIN detected_series s ON s.id = m.series_id
             WHERE s.method = ? AND m.reference IN (${chunk.map(() => '?').join(',')}) GROUP BY m.series_id`,
          )
          .all(method, ...chunk);
        for (const r of rows) counts.set(r.series_id, (counts.get(r.series_id) ?? 0) + r.n);
      }
      return [...counts.entries()].map(([id, shared]) => ({ id, shared })).sort((a, b) => b.shared - a.shared || (a.id < b.id ? -1 : 1));
    },
    /** Stores (or replaces) a series and its members. `alertedAt` null keeps an earlier alert as it was. */
    save(s: {
      id: string;
      method: Method;
      seriesJson: string;
      references: readonly string[];
      from: string;
      to: string;
      mode: DetectedSeriesRow['mode'];
      foundBy: string;
      now: string;
      alertedAt: string | null;
      questionJson: string | null;
      dataVersion: number | null;
    }): void {
      upsert.run(s);
      clearMembers.run(s.id);
      for (const r of s.references) addMember.run(s.id, r);
    },
    clearAlert(id: string): void {
      clearAlert.run(id);
    },
    /** The stored series holding `reference`, latest stored first. */
    containing(reference: string, limit: number): DetectedSeriesRow[] {
      return containing.all(reference, limit);
    },
    /** Ids of the stored series that name any of `references` (erasure removes them). */
    naming(references: readonly string[]): string[] {
      const ids = new Set<string>();
      for (const r of references) for (const row of naming.all(r)) ids.add(row.series_id);
      return [...ids].sort();
    },
    remove(id: string): void {
      remove.run(id);
    },
    /** Removes the series naming incidents no longer stored (erasure: no copy of them may remain). */
    removeOrphans(): number {
      return removeOrphans.run().changes;
    },
  };
}

export type DetectedSeriesRepo = ReturnType<typeof createDetectedSeriesRepo>;
