import type { Series, WatchTrigger } from '@scam/shared';
import type { Db } from '../connection.js';

export interface DetectionRunRow {
  id: number;
  trigger: WatchTrigger;
  batch_id: number | null;
  generation: string;
  from_date: string;
  to_date: string;
  series_json: string;
  elapsed_ms: number;
  created_at: string;
}

const COLUMNS = 'id, trigger, batch_id, generation, from_date, to_date, series_json, elapsed_ms, created_at';

export function createDetectionRunsRepo(db: Db) {
  const insert = db.prepare(
    `INSERT INTO detection_runs (trigger, batch_id, generation, from_date, to_date, series_json, elapsed_ms, created_at)
     VALUES (@trigger, @batchId, @generation, @from, @to, @seriesJson, @elapsedMs, @createdAt)`,
  );
  const latest = db.prepare<[], DetectionRunRow>(`SELECT ${COLUMNS} FROM detection_runs ORDER BY id DESC LIMIT 1`);
  const all = db.prepare<[], Pick<DetectionRunRow, 'id' | 'series_json'>>('SELECT id, series_json FROM detection_runs ORDER BY id');
  const remove = db.prepare<[number]>('DELETE FROM detection_runs WHERE id = ?');
  return {
    record(r: {
      trigger: DetectionRunRow['trigger'];
      batchId: number | null;
      generation: string;
      from: string;
      to: string;
      series: Series[];
      elapsedMs: number;
      createdAt: string;
    }): number {
      return Number(insert.run({ ...r, seriesJson: JSON.stringify(r.series), elapsedMs: Math.round(r.elapsedMs) }).lastInsertRowid);
    },
    latest(): DetectionRunRow | undefined {
      return latest.get();
    },
    /** Every run's series, for erasure to find the runs that still name erased incidents. */
    allSeries(): Pick<DetectionRunRow, 'id' | 'series_json'>[] {
      return all.all();
    },
    remove(id: number): void {
      remove.run(id);
    },
  };
}

export type DetectionRunsRepo = ReturnType<typeof createDetectionRunsRepo>;
