import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Db } from './connection.js';

export class StorageError extends Error {}

/**
 * Before the store is opened (opening a read-only one fails with a bare "unable to open database
 * file"): the folder and an existing file must be writable, since SQLite writes its journal beside the
 * file. A read-only store is refused: the server must be able to write its audit trail, and
 * consultations cannot go unrecorded.
 */
export function checkStorageBeforeOpen(path: string): void {
  if (path === ':memory:') return;
  try {
    if (existsSync(dirname(path))) accessSync(dirname(path), constants.W_OK);
    if (existsSync(path)) accessSync(path, constants.R_OK | constants.W_OK);
  } catch (err) {
    const reason = err instanceof Error && 'code' in err ? String(err.code) : 'not writable';
    throw new StorageError(
      `the database ${path} (or its folder) cannot be written (${reason}). The dashboard records every view in its audit trail, so it does not start on a read-only store: fix the permissions or the mount, or set DB_PATH to a writable place.`,
    );
  }
}

/**
 * After opening, before the server opens its doors: `PRAGMA quick_check` must pass and a write lock
 * must be obtainable, so a fault is a clear message at start rather than a 500 at the first import.
 */
export function checkStorageAtStart(db: Db, path: string): void {
  if (path === ':memory:') return;
  checkStorageBeforeOpen(path);
  const check = String(db.pragma('quick_check', { simple: true }));
  if (check !== 'ok') {
    throw new StorageError(
      `the database ${path} failed its integrity check (${check.slice(0, 200)}). Restore the latest backup (npm run backup -- --restore FILE) rather than writing to it.`,
    );
  }
  try {
    // A write lock taken and released: proves the file really accepts writes (a read-only mount can pass access()).
    db.prepare('BEGIN IMMEDIATE').run();
    db.prepare('ROLLBACK').run();
  } catch (err) {
    throw new StorageError(
      `the database ${path} cannot be written (${err instanceof Error ? err.message : String(err)}); the dashboard needs a writable store for its audit trail.`,
    );
  }
}

export type StorageState = 'ok' | 'missing' | 'replaced';

/**
 * Notices when the database file is deleted or replaced under the running server. SQLite keeps
 * writing to the file it opened, so writes would "succeed" into a file no one will ever open again
 * and be lost at the next start; from then on they are refused instead.
 */
export class StorageWatch {
  private readonly identity: { dev: number; ino: number } | null;
  private state: StorageState = 'ok';

  constructor(private readonly path: string) {
    this.identity = path === ':memory:' ? null : (({ dev, ino }) => ({ dev, ino }))(statSync(path));
  }

  check(): StorageState {
    if (!this.identity || this.state !== 'ok') return this.state;
    try {
      const { dev, ino } = statSync(this.path);
      if (dev !== this.identity.dev || ino !== this.identity.ino) this.state = 'replaced';
    } catch {
      this.state = 'missing';
    }
    return this.state;
  }
}
