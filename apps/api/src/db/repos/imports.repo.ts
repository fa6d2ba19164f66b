import type { ColumnMapping, ImportBatch, RowError, RowNotice } from '@scam/shared';
import type { Db } from '../connection.js';
import { parseStored, storedMapping } from './stored-json.js';

export interface ImportBatchRow {
  id: number;
  file_name: string;
  file_size: number;
  sha256: string;
  mapping_json: string;
  headers_json: string;
  rows_total: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  notices: number;
  status: 'committed' | 'rolled_back';
  imported_by: string;
  imported_at: string;
  rolled_back_at: string | null;
  erased_at: string | null;
}

const COLUMNS =
  'id, file_name, file_size, sha256, mapping_json, headers_json, rows_total, inserted, updated, unchanged, rejected, notices, status, imported_by, imported_at, rolled_back_at, erased_at';

/** A column mapping confirmed by hand, keyed by the sha256 of its header line. */
export interface ImportMappingRow {
  headers_sha256: string;
  headers_json: string;
  mapping_json: string;
  confirmed_by: string;
  confirmed_at: string;
  batch_id: number | null;
}

export interface ImportNoticeRow {
  line: number;
  column_name: string;
  value: string;
  message: string;
}

export interface RejectedRowRow {
  line: number;
  raw_json: string;
  errors_json: string;
}

/** A change a batch made to one incident, with the first later committed batch that changed or re-sent it. */
export interface BatchChangeRow {
  history_id: number;
  incident_id: number;
  reference: string;
  kind: 'insert' | 'update' | 'revert';
  before_json: string | null;
  later_batch_id: number | null;
}

export function toImportBatch(r: ImportBatchRow): ImportBatch {
  return {
    id: r.id,
    fileName: r.file_name,
    fileSize: r.file_size,
    sha256: r.sha256,
    counts: { rows: r.rows_total, inserted: r.inserted, updated: r.updated, unchanged: r.unchanged, rejected: r.rejected },
    notices: r.notices,
    mapping: parseStored(storedMapping, r.mapping_json, 'column mapping'),
    status: r.status,
    importedAt: r.imported_at,
    importedBy: r.imported_by,
    rolledBackAt: r.rolled_back_at,
    erasedAt: r.erased_at,
  };
}

export function createImportsRepo(db: Db) {
  const insertBatch = db.prepare(
    `INSERT INTO import_batches (file_name, file_size, sha256, mapping_json, headers_json, rows_total, inserted, updated, unchanged, rejected, status, imported_by, imported_at)
     VALUES (@fileName, @fileSize, @sha256, @mappingJson, @headersJson, @rows, @inserted, @updated, @unchanged, @rejected, 'committed', @importedBy, @importedAt)`,
  );
  const byId = db.prepare<[number], ImportBatchRow>(`SELECT ${COLUMNS} FROM import_batches WHERE id = ?`);
  const committedBySha = db.prepare<[string], ImportBatchRow>(
    `SELECT ${COLUMNS} FROM import_batches WHERE sha256 = ? AND status = 'committed' ORDER BY id DESC LIMIT 1`,
  );
  const list = db.prepare<[number, number], ImportBatchRow>(`SELECT ${COLUMNS} FROM import_batches WHERE id < ? ORDER BY id DESC LIMIT ?`);
  const mappingBySha = db.prepare<[string], ImportMappingRow>(
    'SELECT headers_sha256, headers_json, mapping_json, confirmed_by, confirmed_at, batch_id FROM import_mappings WHERE headers_sha256 = ?',
  );
  const upsertMapping = db.prepare(
    `INSERT INTO import_mappings (headers_sha256, headers_json, mapping_json, confirmed_by, confirmed_at, batch_id)
     VALUES (@headersSha256, @headersJson, @mappingJson, @confirmedBy, @confirmedAt, @batchId)
     ON CONFLICT (headers_sha256) DO UPDATE SET mapping_json = excluded.mapping_json, confirmed_by = excluded.confirmed_by,
       confirmed_at = excluded.confirmed_at, batch_id = excluded.batch_id`,
  );
  const last = db.prepare<[], ImportBatchRow>(`SELECT ${COLUMNS} FROM import_batches WHERE status = 'committed' ORDER BY id DESC LIMIT 1`);
  const insertRejected = db.prepare(
    'INSERT INTO rejected_rows (batch_id, line, raw_json, errors_json) VALUES (@batchId, @line, @rawJson, @errorsJson)',
  );
  const rejected = db.prepare<[number], RejectedRowRow>(
    'SELECT line, raw_json, errors_json FROM rejected_rows WHERE batch_id = ? ORDER BY line',
  );
  const insertNotice = db.prepare(
    'INSERT INTO import_notices (batch_id, line, column_name, value, message) VALUES (@batchId, @line, @column, @value, @message)',
  );
  const notices = db.prepare<[number], ImportNoticeRow>(
    'SELECT line, column_name, value, message FROM import_notices WHERE batch_id = ? ORDER BY line, id',
  );
  // For each change this batch made: the incident and the first later change to it by a batch that
  // is still committed (which would make rolling this batch back overwrite someone else's work).
  const changes = db.prepare<[number], BatchChangeRow>(
    `SELECT h.id AS history_id, h.incident_id, i.reference, h.kind, h.before_json,
            (SELECT min(later.batch_id) FROM (
               SELECT l.batch_id FROM incident_history l JOIN import_batches lb ON lb.id = l.batch_id
                WHERE l.incident_id = h.incident_id AND l.id > h.id AND lb.status = 'committed' AND l.kind <> 'revert'
               UNION ALL
               SELECT u.batch_id FROM batch_unchanged u JOIN import_batches ub ON ub.id = u.batch_id
                WHERE u.incident_id = h.incident_id AND u.batch_id > h.batch_id AND ub.status = 'committed'
             ) AS later) AS later_batch_id
       FROM incident_history h JOIN incidents i ON i.id = h.incident_id
      WHERE h.batch_id = ? AND h.kind IN ('insert', 'update')
      ORDER BY h.id`,
  );
  const addUnchanged = db.prepare<[number, number]>('INSERT OR IGNORE INTO batch_unchanged (batch_id, incident_id) VALUES (?, ?)');
  const setCounts = db.prepare(
    'UPDATE import_batches SET rows_total = @rows, inserted = @inserted, updated = @updated, unchanged = @unchanged, rejected = @rejected, notices = @notices WHERE id = @id',
  );
  // A streamed import cannot hold every reference of a multi-million-row file in memory to find
  // repeats: they go to a temporary table (the connection's own, on disk) inside the import's transaction.
  let seen: { clear: () => void; insert: (key: string, line: number) => boolean; first: (key: string) => number | undefined } | null = null;
  const seenReferences = () => {
    // Created inside the import's transaction, so a dry run's rollback (or a failed import's) takes the
    // table away again: it is made again, if missing, every time. SQLite re-prepares the statements
    // below against the new table; keeping them and skipping this when cached broke every import that
    // followed a dry run on the same connection ("no such table").
    db.exec('CREATE TEMP TABLE IF NOT EXISTS import_seen_references (key TEXT PRIMARY KEY, line INTEGER NOT NULL) WITHOUT ROWID');
    if (seen) return seen;
    const clear = db.prepare('DELETE FROM temp.import_seen_references');
    const insert = db.prepare<[string, number]>(
      'INSERT INTO temp.import_seen_references (key, line) VALUES (?, ?) ON CONFLICT (key) DO NOTHING',
    );
    const first = db.prepare<[string], { line: number }>('SELECT line FROM temp.import_seen_references WHERE key = ?');
    seen = {
      clear: () => void clear.run(),
      insert: (key, line) => insert.run(key, line).changes === 1,
      first: (key) => first.get(key)?.line,
    };
    return seen;
  };
  const markRolledBack = db.prepare<[string, number]>("UPDATE import_batches SET status = 'rolled_back', rolled_back_at = ? WHERE id = ?");
  const eraseRejected = db.prepare<[number]>('DELETE FROM rejected_rows WHERE batch_id = ?');
  const eraseNotices = db.prepare<[number]>('DELETE FROM import_notices WHERE batch_id = ?');
  const eraseHistory = db.prepare<[number]>('DELETE FROM incident_history WHERE batch_id = ?');
  const eraseUnchanged = db.prepare<[number]>('DELETE FROM batch_unchanged WHERE batch_id = ?');
  // The incidents the batch inserted were deleted by the rollback; any still carrying its id (none,
  // unless the store was edited by hand) go too, since their content came from the erased file.
  const eraseIncidents = db.prepare<[number]>('DELETE FROM incidents WHERE batch_id = ?');
  const markErased = db.prepare<[string, number]>(
    "UPDATE import_batches SET erased_at = ?, headers_json = '[]', mapping_json = '[]' WHERE id = ?",
  );

  return {
    create(b: {
      fileName: string;
      fileSize: number;
      sha256: string;
      mapping: ColumnMapping[];
      headers: string[];
      counts: { rows: number; inserted: number; updated: number; unchanged: number; rejected: number };
      importedBy: string;
      importedAt: string;
    }): number {
      return Number(
        insertBatch.run({
          fileName: b.fileName,
          fileSize: b.fileSize,
          sha256: b.sha256,
          mappingJson: JSON.stringify(b.mapping),
          headersJson: JSON.stringify(b.headers),
          ...b.counts,
          importedBy: b.importedBy,
          importedAt: b.importedAt,
        }).lastInsertRowid,
      );
    },
    /** A streamed import learns its counts only at the end; the batch row is written first, for the rows' batch_id. */
    setCounts(
      id: number,
      counts: { rows: number; inserted: number; updated: number; unchanged: number; rejected: number },
      noticeCount: number,
    ): void {
      setCounts.run({ id, ...counts, notices: noticeCount });
    },
    /**
     * An empty set of the references met so far in one file; `firstLineOf` records a reference and
     * answers the line it was first met on. Use inside the import's transaction.
     */
    referenceTracker(): (key: string, line: number) => number | undefined {
      const s = seenReferences();
      s.clear();
      return (key, line) => (s.insert(key, line) ? undefined : s.first(key));
    },
    get(id: number): ImportBatchRow | undefined {
      return byId.get(id);
    },
    findCommittedBySha(sha256: string): ImportBatchRow | undefined {
      return committedBySha.get(sha256);
    },
    /** Newest first, older than batch `before` when given; one row more than asked says whether more exist. */
    list(limit: number, before?: number): { rows: ImportBatchRow[]; more: boolean } {
      const rows = list.all(before ?? Number.MAX_SAFE_INTEGER, limit + 1);
      return { rows: rows.slice(0, limit), more: rows.length > limit };
    },
    findMapping(headersSha256: string): ImportMappingRow | undefined {
      return mappingBySha.get(headersSha256);
    },
    /** Remembers (or replaces) the mapping confirmed by hand for a header line. */
    rememberMapping(m: {
      headersSha256: string;
      headers: string[];
      mapping: Record<string, string>;
      confirmedBy: string;
      confirmedAt: string;
      batchId: number;
    }): void {
      upsertMapping.run({
        headersSha256: m.headersSha256,
        headersJson: JSON.stringify(m.headers),
        mappingJson: JSON.stringify(m.mapping),
        confirmedBy: m.confirmedBy,
        confirmedAt: m.confirmedAt,
        batchId: m.batchId,
      });
    },
    lastCommitted(): ImportBatchRow | undefined {
      return last.get();
    },
    addRejected(batchId: number, line: number, raw: Record<string, string>, errors: RowError[]): void {
      insertRejected.run({ batchId, line, rawJson: JSON.stringify(raw), errorsJson: JSON.stringify(errors) });
    },
    rejected(batchId: number): RejectedRowRow[] {
      return rejected.all(batchId);
    },
    addNotice(batchId: number, n: RowNotice): void {
      insertNotice.run({ batchId, line: n.line, column: n.column, value: n.value, message: n.message });
    },
    notices(batchId: number): ImportNoticeRow[] {
      return notices.all(batchId);
    },
    changes(batchId: number): BatchChangeRow[] {
      return changes.all(batchId);
    },
    /** Records that a batch re-sent an incident unchanged (it vouches for the record). */
    addUnchanged(batchId: number, incidentId: number): void {
      addUnchanged.run(batchId, incidentId);
    },
    markRolledBack(batchId: number, at: string): void {
      markRolledBack.run(at, batchId);
    },
    /** Removes what a rolled-back batch left behind; the batch row stays as the record that it existed. */
    erase(batchId: number, at: string): { incidents: number; history: number; rejected: number; notices: number } {
      const rejectedRows = eraseRejected.run(batchId).changes;
      const noticeRows = eraseNotices.run(batchId).changes;
      const history = eraseHistory.run(batchId).changes;
      eraseUnchanged.run(batchId);
      const incidents = eraseIncidents.run(batchId).changes;
      markErased.run(at, batchId);
      return { incidents, history, rejected: rejectedRows, notices: noticeRows };
    },
  };
}

export type ImportsRepo = ReturnType<typeof createImportsRepo>;
