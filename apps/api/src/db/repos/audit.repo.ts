import type { Db } from '../connection.js';

export interface AppealAuditRow {
  id: number;
  action: 'draft' | 'export';
  format: 'text' | 'markdown' | 'print' | null;
  actor: string;
  series_id: string | null;
  filters_json: string | null;
  title: string;
  warnings: number;
  created_at: string;
}

/** Who drafted and exported which appeal: the start of the audit trail the trust work extends. */
export function createAuditRepo(db: Db) {
  const insert = db.prepare(
    `INSERT INTO appeal_audit (action, format, actor, series_id, filters_json, title, warnings, created_at)
     VALUES (@action, @format, @actor, @seriesId, @filtersJson, @title, @warnings, @createdAt)`,
  );
  const list = db.prepare<[number], AppealAuditRow>(
    'SELECT id, action, format, actor, series_id, filters_json, title, warnings, created_at FROM appeal_audit ORDER BY id DESC LIMIT ?',
  );
  return {
    record(e: { action: 'draft' | 'export'; format: 'text' | 'markdown' | 'print' | null; actor: string; seriesId: string | null; filters: unknown; title: string; warnings: number; createdAt: string }): number {
      return Number(
        insert.run({
          action: e.action,
          format: e.format,
          actor: e.actor,
          seriesId: e.seriesId,
          filtersJson: e.filters === null || e.filters === undefined ? null : JSON.stringify(e.filters),
          title: e.title,
          warnings: e.warnings,
          createdAt: e.createdAt,
        }).lastInsertRowid,
      );
    },
    list(limit: number): AppealAuditRow[] {
      return list.all(limit);
    },
  };
}

export type AuditRepo = ReturnType<typeof createAuditRepo>;
