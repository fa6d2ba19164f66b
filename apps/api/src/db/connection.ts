import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { referenceKey } from '@scam/ingest';

export type Db = Database.Database;

export interface OpenOptions {
  /** Refuse instead of creating an empty store (workers, and anything that expects data to be there). */
  mustExist?: boolean;
  /**
   * SQLite's page cache for this connection, in MiB (default 16). The read model answers the
   * aggregates, so most connections read a page or a range; the importer's, which updates the
   * reference and date indexes for every row, gets more.
   */
  cacheMiB?: number;
}

/**
 * Opens the incident store with the settings every connection needs.
 *
 * - WAL: readers never block the importer and a crash mid-import leaves the last committed state.
 * - synchronous = FULL: an import is one large transaction, so the extra fsync per commit costs
 *   nothing noticeable, and a committed batch then survives power loss too, not only a process crash
 *   (NORMAL in WAL mode may lose the last commits on power loss). See docs/architecture.md.
 * - busy_timeout: a second process (the CLI importer beside the server) waits instead of failing.
 * - foreign_keys: history and rejected rows must point at real incidents and batches.
 */
export function openDatabase(path: string, options: OpenOptions = {}): Db {
  if (path !== ':memory:' && !options.mustExist) mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path, { fileMustExist: options.mustExist ?? false });
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  // Deleted rows (rollbacks, erasure, ended sessions) are overwritten with zeros, not left readable
  // in free pages of the file.
  db.pragma('secure_delete = ON');
  // Negative = KiB. Every connection (the server's, and each worker's) holds its own cache, filled by
  // whatever it last read: at 64 MiB each they were a quarter of the server's memory at 1M incidents.
  db.pragma(`cache_size = -${Math.round((options.cacheMiB ?? 16) * 1024)}`);
  db.pragma('temp_store = MEMORY');
  // For migration 0018 (reference_key), which keys the references already stored: the look-alike skeleton needs
  // Unicode's confusables table, which SQL does not have. New rows get their key from the repository.
  db.function('reference_key', { deterministic: true }, (reference: unknown) =>
    typeof reference === 'string' ? referenceKey(reference) : null,
  );
  return db;
}
