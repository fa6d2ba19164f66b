import type { AppealExportFormat, AuditAction } from '@scam/shared';
import type { Db } from '../connection.js';
import { StatementCache } from './statement-cache.js';

export interface AppealAuditRow {
  id: number;
  action: 'draft' | 'export';
  format: AppealExportFormat | null;
  actor: string;
  series_id: string | null;
  filters_json: string | null;
  title: string;
  warnings: number;
  created_at: string;
  draft_id: number | null;
  acknowledged_json: string | null;
}

export interface AuditLogRow {
  id: number;
  at: string;
  user_name: string;
  role: string;
  action: AuditAction;
  object_json: string;
  rows: number | null;
  request_id: string | null;
  purpose: string | null;
}

export interface AuditEntryInput {
  at: string;
  userName: string;
  role: string;
  action: AuditAction;
  object: unknown;
  rows: number | null;
  requestId: string | null;
  purpose: string | null;
}

export interface AuditQuery {
  from?: string | undefined;
  to?: string | undefined;
  user?: string | undefined;
  action?: AuditAction | undefined;
}

const AUDIT_COLUMNS = 'id, at, user_name, role, action, object_json, rows, request_id, purpose';

/**
 * The audit trail (append-only: triggers abort any UPDATE or DELETE) and the appeal drafts and exports
 * the Appeals screen lists.
 */
export function createAuditRepo(db: Db) {
  const statements = new StatementCache(db);
  const insertLog = db.prepare(
    `INSERT INTO audit_log (at, user_name, role, action, object_json, rows, request_id, purpose)
     VALUES (@at, @userName, @role, @action, @objectJson, @rows, @requestId, @purpose)`,
  );
  const where = (q: AuditQuery): { sql: string; params: Record<string, string> } => {
    // `at` is an ISO timestamp; "to" a day means before the end of that day ('T99' sorts after any time).
    const params: Record<string, string> = {};
    if (q.from) params.from = q.from;
    if (q.to) params.toExclusive = `${q.to}T99`;
    if (q.user) params.user = q.user;
    if (q.action) params.action = q.action;
    const parts = [
      q.from ? 'at >= @from' : '',
      q.to ? 'at < @toExclusive' : '',
      q.user ? 'user_name = @user COLLATE NOCASE' : '',
      q.action ? 'action = @action' : '',
    ].filter(Boolean);
    return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
  };
  const insert = db.prepare(
    `INSERT INTO appeal_audit (action, format, actor, series_id, filters_json, title, warnings, created_at, draft_id, acknowledged_json)
     VALUES (@action, @format, @actor, @seriesId, @filtersJson, @title, @warnings, @createdAt, @draftId, @acknowledgedJson)`,
  );
  const countAppeals = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM appeal_audit');
  const list = db.prepare<[number], AppealAuditRow>(
    `SELECT id, action, format, actor, series_id, filters_json, title, warnings, created_at, draft_id, acknowledged_json
     FROM appeal_audit ORDER BY id DESC LIMIT ?`,
  );
  return {
    record(e: {
      action: 'draft' | 'export';
      format: AppealExportFormat | null;
      actor: string;
      seriesId: string | null;
      filters: unknown;
      title: string;
      warnings: number;
      createdAt: string;
      /** The saved version an editor export sent, and the warnings its exporter acknowledged. */
      draftId?: number | null;
      acknowledged?: readonly string[] | null;
    }): number {
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
          draftId: e.draftId ?? null,
          acknowledgedJson: e.acknowledged ? JSON.stringify(e.acknowledged) : null,
        }).lastInsertRowid,
      );
    },
    /** The newest `limit` appeal drafts and exports, and how many there are in all. */
    list(limit: number): { rows: AppealAuditRow[]; total: number } {
      return { rows: list.all(limit), total: countAppeals.get()?.n ?? 0 };
    },
    /** Appends entries in the caller's transaction (or as one on their own). */
    append(entries: readonly AuditEntryInput[]): void {
      for (const e of entries) {
        insertLog.run({
          at: e.at,
          userName: e.userName,
          role: e.role,
          action: e.action,
          objectJson: JSON.stringify(e.object ?? {}),
          rows: e.rows,
          requestId: e.requestId,
          purpose: e.purpose,
        });
      }
    },
    /** Newest first, one page, with the total that match. */
    query(q: AuditQuery, limit: number, offset: number): { rows: AuditLogRow[]; total: number } {
      const w = where(q);
      const rows = statements
        .get<AuditLogRow>(`SELECT ${AUDIT_COLUMNS} FROM audit_log ${w.sql} ORDER BY id DESC LIMIT @limit OFFSET @offset`)
        .all({ ...w.params, limit, offset });
      const total = statements.get<{ n: number }>(`SELECT count(*) AS n FROM audit_log ${w.sql}`).get(w.params)?.n ?? 0;
      return { rows, total };
    },
    /**
     * One page of matching rows after an id, oldest first: the CSV export reads page by page rather
     * than holding a cursor open, which would block every write on this connection while a slow (or
     * vanished) client takes its time.
     */
    pageAfter(q: AuditQuery, afterId: number, limit: number): AuditLogRow[] {
      const w = where(q);
      const sql = `SELECT ${AUDIT_COLUMNS} FROM audit_log ${w.sql ? `${w.sql} AND` : 'WHERE'} id > @afterId ORDER BY id LIMIT @limit`;
      return statements.get<AuditLogRow>(sql).all({ ...w.params, afterId, limit });
    },
  };
}

export type AuditRepo = ReturnType<typeof createAuditRepo>;
