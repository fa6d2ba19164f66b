import type { AppealExportFormat, AuditAction } from '@scam/shared';
import { chainHash, GENESIS, type AuditTrailName, type ChainedRow } from '../audit-chain.js';
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
 * The audit trail and the appeal drafts and exports the Appeals screen lists. Both are append-only
 * (triggers abort UPDATE, DELETE and REPLACE) and hash-chained (see audit-chain.ts): every row is
 * written here, with the hash of the row before it read in the same transaction.
 */
export function createAuditRepo(db: Db) {
  const statements = new StatementCache(db);
  const lastLink = {
    audit_log: db.prepare<[], { id: number; hash: string | null }>('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1'),
    appeal_audit: db.prepare<[], { id: number; hash: string | null }>('SELECT id, hash FROM appeal_audit ORDER BY id DESC LIMIT 1'),
  };
  /** The next row's id and what it links to; an unchained last row (from before 0017) starts the chain. */
  const nextLink = (trail: AuditTrailName): { id: number; prev: string } => {
    const last = lastLink[trail].get();
    return { id: (last?.id ?? 0) + 1, prev: last?.hash ?? GENESIS };
  };
  /**
   * Reading the last link and appending must not interleave with another connection's append: on its
   * own the write lock is taken first (IMMEDIATE); inside a caller's transaction a concurrent append
   * makes this one fail as busy rather than fork the chain.
   */
  const inWriteTransaction = <T>(fn: () => T): T => (db.inTransaction ? fn() : db.transaction(fn).immediate());
  const insertLog = db.prepare(
    `INSERT INTO audit_log (id, at, user_name, role, action, object_json, rows, request_id, purpose, prev_hash, hash)
     VALUES (@id, @at, @user_name, @role, @action, @object_json, @rows, @request_id, @purpose, @prev_hash, @hash)`,
  );
  const appendRows = (rows: readonly Omit<AuditLogRow, 'id'>[]): void => {
    if (rows.length === 0) return;
    inWriteTransaction(() => {
      let { id, prev } = nextLink('audit_log');
      for (const r of rows) {
        const row = {
          id,
          at: r.at,
          user_name: r.user_name,
          role: r.role,
          action: r.action,
          object_json: r.object_json,
          rows: r.rows,
          request_id: r.request_id,
          purpose: r.purpose,
        };
        const hash = chainHash('audit_log', prev, row);
        insertLog.run({ ...row, prev_hash: prev, hash });
        id++;
        prev = hash;
      }
    });
  };
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
    `INSERT INTO appeal_audit (id, action, format, actor, series_id, filters_json, title, warnings, created_at, draft_id, acknowledged_json, prev_hash, hash)
     VALUES (@id, @action, @format, @actor, @series_id, @filters_json, @title, @warnings, @created_at, @draft_id, @acknowledged_json, @prev_hash, @hash)`,
  );
  const chainRows = {
    audit_log: db.prepare<[], ChainedRow>(`SELECT ${AUDIT_COLUMNS}, prev_hash, hash FROM audit_log ORDER BY id`),
    appeal_audit: db.prepare<[], ChainedRow>(
      `SELECT id, action, format, actor, series_id, filters_json, title, warnings, created_at, draft_id, acknowledged_json, prev_hash, hash
       FROM appeal_audit ORDER BY id`,
    ),
  };
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
      return inWriteTransaction(() => {
        const { id, prev } = nextLink('appeal_audit');
        const row = {
          id,
          action: e.action,
          format: e.format,
          actor: e.actor,
          series_id: e.seriesId,
          filters_json: e.filters === null || e.filters === undefined ? null : JSON.stringify(e.filters),
          title: e.title,
          warnings: e.warnings,
          created_at: e.createdAt,
          draft_id: e.draftId ?? null,
          acknowledged_json: e.acknowledged ? JSON.stringify(e.acknowledged) : null,
        };
        insert.run({ ...row, prev_hash: prev, hash: chainHash('appeal_audit', prev, row) });
        return id;
      });
    },
    /** The newest `limit` appeal drafts and exports, and how many there are in all. */
    list(limit: number): { rows: AppealAuditRow[]; total: number } {
      return { rows: list.all(limit), total: countAppeals.get()?.n ?? 0 };
    },
    /** Appends entries in the caller's transaction (or as one on their own). */
    append(entries: readonly AuditEntryInput[]): void {
      appendRows(
        entries.map((e) => ({
          at: e.at,
          user_name: e.userName,
          role: e.role,
          action: e.action,
          object_json: JSON.stringify(e.object ?? {}),
          rows: e.rows,
          request_id: e.requestId,
          purpose: e.purpose,
        })),
      );
    },
    /** Appends entries exactly as another store recorded them (a restore carrying the trail over). */
    appendStored(rows: readonly Omit<AuditLogRow, 'id'>[]): void {
      appendRows(rows);
    },
    /** Every row of a trail, oldest first, with its links, for `npm run audit -- verify`. */
    chain(trail: AuditTrailName): Iterable<ChainedRow> {
      return chainRows[trail].iterate();
    },
    /** The newest hash of each trail (null before its first chained row). */
    heads(): Record<AuditTrailName, string | null> {
      return { audit_log: lastLink.audit_log.get()?.hash ?? null, appeal_audit: lastLink.appeal_audit.get()?.hash ?? null };
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
