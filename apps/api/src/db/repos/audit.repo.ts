import type { AppealExportFormat, AuditAction } from '@scam/shared';
import { chainHash, GENESIS, joinedReferences, type AuditTrailName, type ChainedRow } from '../audit-chain.js';
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
  /** 0019: the screen view the call was made for, its screen, and how many references it names. */
  view_id: string | null;
  screen: string | null;
  reference_count: number | null;
}

/** A row to append, with the references it names (written to audit_references beside it). */
export type AuditRowToAppend = Omit<AuditLogRow, 'id' | 'reference_count'> & { references?: readonly string[] };

export interface AuditEntryInput {
  at: string;
  userName: string;
  role: string;
  action: AuditAction;
  object: unknown;
  rows: number | null;
  requestId: string | null;
  purpose: string | null;
  viewId?: string | null;
  screen?: string | null;
  /** Incident references the call showed or sent. */
  references?: readonly string[];
}

export interface AuditQuery {
  from?: string | undefined;
  to?: string | undefined;
  user?: string | undefined;
  action?: AuditAction | undefined;
  reference?: string | undefined;
}

const AUDIT_COLUMNS = 'id, at, user_name, role, action, object_json, rows, request_id, purpose, view_id, screen, reference_count';

/**
 * Reads (consultations, and series detection run for a screen) made for one screen view group into
 * one line; an export, a change or a sign-in stands on its own. The user is part of the key, so a view
 * id sent again by someone else does not merge two people's views.
 */
const GROUP_KEY = `CASE WHEN view_id IS NOT NULL AND action IN ('consultation', 'combination')
  THEN 'v:' || user_name || ':' || view_id ELSE 'e:' || id END`;

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
  // A store the server has not migrated to 0019 yet (`npm run audit -- verify` on an older copy) is
  // still read; only the server's own, migrated connection writes.
  const hasViews = db.prepare("SELECT 1 FROM pragma_table_info('audit_log') WHERE name = 'view_id'").get() !== undefined;
  const insertLog = hasViews
    ? db.prepare(
        `INSERT INTO audit_log (id, at, user_name, role, action, object_json, rows, request_id, purpose, view_id, screen, reference_count, prev_hash, hash)
         VALUES (@id, @at, @user_name, @role, @action, @object_json, @rows, @request_id, @purpose, @view_id, @screen, @reference_count, @prev_hash, @hash)`,
      )
    : null;
  const insertReference = hasViews ? db.prepare('INSERT INTO audit_references (audit_id, reference) VALUES (?, ?)') : null;
  const appendRows = (rows: readonly AuditRowToAppend[]): void => {
    if (rows.length === 0) return;
    if (!insertLog || !insertReference)
      throw new Error('the audit trail is older than this version (migration 0019): start the server once');
    inWriteTransaction(() => {
      let { id, prev } = nextLink('audit_log');
      for (const r of rows) {
        const references = [...new Set(r.references ?? [])].sort();
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
          view_id: r.view_id,
          screen: r.screen,
          reference_count: references.length > 0 ? references.length : null,
        };
        const hash = chainHash('audit_log', prev, { ...row, references: joinedReferences(references) });
        insertLog.run({ ...row, prev_hash: prev, hash });
        for (const ref of references) insertReference.run(id, ref);
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
    if (q.reference) params.reference = q.reference;
    const parts = [
      q.from ? 'at >= @from' : '',
      q.to ? 'at < @toExclusive' : '',
      q.user ? 'user_name = @user COLLATE NOCASE' : '',
      q.action ? 'action = @action' : '',
      q.reference ? 'id IN (SELECT audit_id FROM audit_references WHERE reference = @reference COLLATE NOCASE)' : '',
    ].filter(Boolean);
    return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
  };
  const insert = db.prepare(
    `INSERT INTO appeal_audit (id, action, format, actor, series_id, filters_json, title, warnings, created_at, draft_id, acknowledged_json, prev_hash, hash)
     VALUES (@id, @action, @format, @actor, @series_id, @filters_json, @title, @warnings, @created_at, @draft_id, @acknowledged_json, @prev_hash, @hash)`,
  );
  const chainRows = {
    // The references as the hash took them: all of the entry's, sorted and joined (sorted again in
    // chain() below, in JavaScript's order, which is the one they were hashed in).
    audit_log: db.prepare<[], ChainedRow>(
      hasViews
        ? `SELECT ${AUDIT_COLUMNS}, prev_hash, hash,
             (SELECT group_concat(reference, char(10)) FROM audit_references r WHERE r.audit_id = audit_log.id) AS "references"
           FROM audit_log ORDER BY id`
        : 'SELECT id, at, user_name, role, action, object_json, rows, request_id, purpose, prev_hash, hash FROM audit_log ORDER BY id',
    ),
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
          view_id: e.viewId ?? null,
          screen: e.screen ?? null,
          references: e.references ?? [],
        })),
      );
    },
    /** Appends entries exactly as another store recorded them (a restore carrying the trail over). */
    appendStored(rows: readonly AuditRowToAppend[]): void {
      appendRows(rows);
    },
    /** Every row of a trail, oldest first, with its links, for `npm run audit -- verify`. */
    *chain(trail: AuditTrailName): Iterable<ChainedRow> {
      for (const row of chainRows[trail].iterate()) {
        if (trail === 'audit_log' && typeof row.references === 'string') row.references = joinedReferences(row.references.split('\n'));
        yield row;
      }
    },
    /** The references each entry names: the first `limit` (in order) and how many in all, by entry id. */
    referencesOf(ids: readonly number[], limit: number): Map<number, string[]> {
      const out = new Map<number, string[]>();
      if (ids.length === 0 || !hasViews) return out;
      const rows = statements
        .get<{ audit_id: number; reference: string }>(
          `SELECT audit_id, reference FROM (
             SELECT audit_id, reference, row_number() OVER (PARTITION BY audit_id ORDER BY reference) AS n
             FROM audit_references WHERE audit_id IN (${ids.map(() => '?').join(', ')})
           ) WHERE n <= ?`,
        )
        .all(...ids, limit);
      for (const r of rows) out.set(r.audit_id, [...(out.get(r.audit_id) ?? []), r.reference]);
      return out;
    },
    /**
     * Newest first, one page of lines of the grouped trail (see GROUP_KEY), and whether more follow.
     * Read newest-first in key-set pages until the page is full, rather than grouping the whole table:
     * the trail grows by every call anyone makes, and a GROUP BY over a million entries took seconds.
     */
    linePage(q: AuditQuery, limit: number, offset: number): { keys: string[]; more: boolean } {
      const w = where(q);
      const page = statements.get<{ id: number; k: string }>(
        `SELECT id, ${GROUP_KEY} AS k FROM audit_log ${w.sql ? `${w.sql} AND` : 'WHERE'} id < @before ORDER BY id DESC LIMIT 2000`,
      );
      const seen = new Set<string>();
      const need = offset + limit + 1;
      let before = Number.MAX_SAFE_INTEGER;
      scan: for (;;) {
        const rows = page.all({ ...w.params, before });
        for (const r of rows) {
          seen.add(r.k);
          if (seen.size >= need) break scan;
        }
        if (rows.length < 2000) break;
        before = (rows.at(-1) as { id: number }).id;
      }
      const keys = [...seen];
      return { keys: keys.slice(offset, offset + limit), more: keys.length > offset + limit };
    },
    /** How many calls one line of the grouped trail made. */
    lineCalls(groupKey: string): number {
      if (groupKey.startsWith('e:')) return 1;
      const viewAt = groupKey.lastIndexOf(':');
      return (
        statements
          .get<{ n: number }>(
            "SELECT count(*) AS n FROM audit_log WHERE view_id = @view AND user_name = @user AND action IN ('consultation', 'combination')",
          )
          .get({ view: groupKey.slice(viewAt + 1), user: groupKey.slice(2, viewAt) })?.n ?? 0
      );
    },
    /** How many entries match (each call is one). */
    count(q: AuditQuery): number {
      const w = where(q);
      return statements.get<{ n: number }>(`SELECT count(*) AS n FROM audit_log ${w.sql}`).get(w.params)?.n ?? 0;
    },
    /** The calls of one line of the grouped trail, oldest first (the first `limit`). */
    groupEntries(groupKey: string, limit: number): AuditLogRow[] {
      if (groupKey.startsWith('e:'))
        return statements.get<AuditLogRow>(`SELECT ${AUDIT_COLUMNS} FROM audit_log WHERE id = ?`).all(Number(groupKey.slice(2)));
      // 'v:USER:VIEW': a view id has no colon, a user name (cli:someone) may.
      const viewAt = groupKey.lastIndexOf(':');
      return statements
        .get<AuditLogRow>(
          `SELECT ${AUDIT_COLUMNS} FROM audit_log
           WHERE view_id = @view AND user_name = @user AND action IN ('consultation', 'combination') ORDER BY id LIMIT @limit`,
        )
        .all({ view: groupKey.slice(viewAt + 1), user: groupKey.slice(2, viewAt), limit });
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
