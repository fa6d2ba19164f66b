import { existsSync, renameSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { AUDIT_TRAILS, type AuditTrailName } from './audit-chain.js';
import { openDatabase, type Db } from './connection.js';
import { createAuditRepo, type AuditLogRow } from './repos/audit.repo.js';
import { loadMigrations, migrate } from './migrate.js';

export interface BackupCheck {
  file: string;
  bytes: number;
  incidents: number;
  batches: number;
  auditEntries: number;
  /** The newest hash of each audit trail in the file: keep it beside the backup (see README). */
  auditHeads: Record<AuditTrailName, string | null>;
  integrity: string;
}

/** Whether the store's trails carry the hash chain (migration 0017 applied). */
function hasAuditChain(db: Database.Database, schema = 'main'): boolean {
  return db.prepare(`SELECT 1 FROM pragma_table_info('audit_log', '${schema}') WHERE name = 'hash'`).get() !== undefined;
}

function check(file: string): BackupCheck {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const integrity = String(db.pragma('integrity_check', { simple: true }));
    const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    const pages = Number(db.pragma('page_count', { simple: true })) * Number(db.pragma('page_size', { simple: true }));
    return {
      file,
      bytes: pages,
      incidents: count('incidents'),
      batches: count('import_batches'),
      auditEntries: count('audit_log'),
      auditHeads: Object.fromEntries(
        AUDIT_TRAILS.map((t) => [
          t,
          hasAuditChain(db)
            ? ((db.prepare(`SELECT hash FROM ${t} ORDER BY id DESC LIMIT 1`).get() as { hash: string | null } | undefined)?.hash ?? null)
            : null,
        ]),
      ) as Record<AuditTrailName, string | null>,
      integrity,
    };
  } finally {
    db.close();
  }
}

/**
 * A consistent copy of the live store: `VACUUM INTO` reads one snapshot (a read transaction, so an
 * import committing meanwhile is either wholly in it or not at all) and writes a fresh, compact file
 * without free pages — erased data does not travel into the backup. Never a file copy, which could
 * catch the database file and its write-ahead log at different moments.
 */
export function backupDatabase(db: Db, file: string): BackupCheck {
  if (existsSync(file)) throw new Error(`${file} already exists; choose a new file name (a backup never overwrites one)`);
  db.prepare('VACUUM INTO ?').run(file);
  const result = check(file);
  if (result.integrity !== 'ok') throw new Error(`the backup at ${file} failed its integrity check: ${result.integrity}`);
  return result;
}

/**
 * Restores a backup over the store at `dbPath` (stop the server first). The backup is checked
 * (integrity, and that its migrations are ones this version knows), copied beside the store with the
 * same snapshot mechanism, and renamed over it in one step, so a failure at any point leaves the old
 * store as it was.
 */
export function restoreDatabase(backupFile: string, dbPath: string): BackupCheck {
  const found = check(backupFile);
  if (found.integrity !== 'ok') throw new Error(`${backupFile} failed its integrity check (${found.integrity}); nothing was restored`);
  const src = new Database(backupFile, { readonly: true, fileMustExist: true });
  const staging = `${dbPath}.restoring`;
  try {
    const applied = src.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as { version: number }[];
    const known = loadMigrations().length;
    if (applied.some((m) => m.version > known))
      throw new Error(
        `${backupFile} comes from a newer version of the dashboard (migration ${applied.at(-1)?.version}); nothing was restored`,
      );
    rmSync(staging, { force: true });
    src.prepare('VACUUM INTO ?').run(staging);
  } finally {
    src.close();
  }
  carryAuditTrailOver(dbPath, staging);
  // Leftover WAL of the old store must not be replayed onto the restored file.
  for (const suffix of ['-wal', '-shm']) rmSync(`${dbPath}${suffix}`, { force: true });
  renameSync(staging, dbPath);
  // Opening it once applies any newer migrations' journal settings (WAL) before the server starts.
  openDatabase(dbPath).close();
  return check(dbPath);
}

/**
 * The audit trail must survive a restore: the data goes back to the backup's moment, the record of who
 * did what since then does not. Entries the current store has beyond the backup's are appended to the
 * restored copy before it is swapped in — through the audit repo, so they join the restored copy's hash
 * chain (when the copy and the store share their history, the hashes come out as they were).
 */
function carryAuditTrailOver(currentPath: string, stagingPath: string): void {
  if (!existsSync(currentPath)) return;
  const staging = new Database(stagingPath);
  try {
    staging.prepare('ATTACH DATABASE ? AS current').run(currentPath);
    const hasTrail = staging.prepare("SELECT 1 FROM current.sqlite_schema WHERE name = 'audit_log'").get();
    if (hasTrail && hasAuditChain(staging)) {
      // The backup may be older than the screen-view columns (0019): bring its schema up first, as the
      // server would at start, so the entries carried over keep their view, screen and references.
      migrate(staging);
      const has = (column: string) =>
        staging.prepare(`SELECT 1 FROM pragma_table_info('audit_log', 'current') WHERE name = ?`).get(column) !== undefined;
      const views = has('view_id');
      const later = staging
        .prepare(
          `SELECT id, at, user_name, role, action, object_json, rows, request_id, purpose,
                  ${views ? 'view_id, screen, reference_count' : 'NULL AS view_id, NULL AS screen, NULL AS reference_count'}
             FROM current.audit_log
            WHERE id > (SELECT coalesce(max(id), 0) FROM main.audit_log) ORDER BY id`,
        )
        .all() as AuditLogRow[];
      const referencesOf = views
        ? staging.prepare<[number], { reference: string }>('SELECT reference FROM current.audit_references WHERE audit_id = ?')
        : null;
      createAuditRepo(staging).appendStored(
        later.map(({ id, reference_count, ...row }) => ({
          ...row,
          references: referencesOf && reference_count ? referencesOf.all(id).map((r) => r.reference) : [],
        })),
      );
    } else if (hasTrail) {
      // A backup from before the chain (0017): the rows go in as they were, unchained like its own.
      staging.exec(`INSERT INTO main.audit_log (at, user_name, role, action, object_json, rows, request_id, purpose)
        SELECT at, user_name, role, action, object_json, rows, request_id, purpose FROM current.audit_log
         WHERE id > (SELECT coalesce(max(id), 0) FROM main.audit_log) ORDER BY id`);
    }
    staging.exec('DETACH DATABASE current');
  } finally {
    staging.close();
  }
}
