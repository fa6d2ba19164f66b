import type { Method, TimelineEventKind } from '@scam/shared';
import type { Db } from '../connection.js';

export interface TimelineEventRow {
  id: number;
  day: string;
  kind: TimelineEventKind;
  title: string;
  method: Method | null;
  district_code: string | null;
  created_by: string;
  created_at: string;
  appeal_export: number | null;
}

export interface TimelineEventInput {
  day: string;
  kind: TimelineEventKind;
  title: string;
  method: Method | null;
  districtCode: string | null;
  createdBy: string;
  createdAt: string;
  appealExport: number | null;
}

/** The period and scope a chart shows: an event scoped to a method or district shows when that one is. */
export interface TimelineEventQuery {
  from?: string | undefined;
  to?: string | undefined;
  methods?: readonly string[] | undefined;
  districtCodes?: readonly string[] | undefined;
}

const COLUMNS = 'id, day, kind, title, method, district_code, created_by, created_at, appeal_export';

export function createTimelineEventsRepo(db: Db) {
  const insert = db.prepare(
    `INSERT INTO timeline_events (day, kind, title, method, district_code, created_by, created_at, appeal_export)
     VALUES (@day, @kind, @title, @method, @districtCode, @createdBy, @createdAt, @appealExport)`,
  );
  const byId = db.prepare<[number], TimelineEventRow>(`SELECT ${COLUMNS} FROM timeline_events WHERE id = ?`);
  // Absent bounds and scopes are NULL; lists travel as JSON arrays so one statement serves every filter.
  const list = db.prepare<
    { from: string | null; to: string | null; methods: string | null; districts: string | null; limit: number },
    TimelineEventRow
  >(
    `SELECT ${COLUMNS} FROM timeline_events
     WHERE (@from IS NULL OR day >= @from)
       AND (@to IS NULL OR day <= @to)
       AND (@methods IS NULL OR method IS NULL OR method IN (SELECT value FROM json_each(@methods)))
       AND (@districts IS NULL OR district_code IS NULL OR district_code IN (SELECT value FROM json_each(@districts)))
     ORDER BY day, id
     LIMIT @limit`,
  );
  const same = db.prepare<{ day: string; kind: string; title: string; method: string | null }, { id: number }>(
    `SELECT id FROM timeline_events
     WHERE day = @day AND kind = @kind AND title = @title AND method IS @method
     LIMIT 1`,
  );
  const remove = db.prepare<[number]>('DELETE FROM timeline_events WHERE id = ?');

  return {
    create(e: TimelineEventInput): number {
      return Number(insert.run(e).lastInsertRowid);
    },
    get(id: number): TimelineEventRow | undefined {
      return byId.get(id);
    },
    /** An event with this day, kind, title and method, if one is stored (an appeal exported twice in a day). */
    findSame(e: { day: string; kind: TimelineEventKind; title: string; method: Method | null }): number | undefined {
      return same.get(e)?.id;
    },
    /** Earliest first; `limit` rows at most. */
    list(q: TimelineEventQuery, limit: number): TimelineEventRow[] {
      return list.all({
        from: q.from ?? null,
        to: q.to ?? null,
        methods: q.methods?.length ? JSON.stringify(q.methods) : null,
        districts: q.districtCodes?.length ? JSON.stringify(q.districtCodes) : null,
        limit,
      });
    },
    remove(id: number): boolean {
      return remove.run(id).changes > 0;
    },
  };
}

export type TimelineEventsRepo = ReturnType<typeof createTimelineEventsRepo>;
