import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from './connection.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const checksumOf = (sql: string): string => createHash('sha256').update(sql).digest('hex');

const FILE_PATTERN = /^(\d{4})_([a-z0-9_]+)\.sql$/;

/** The .sql files live beside the source; the compiled server (dist/) reads the same folder. */
export function defaultMigrationsDir(): string {
  const here = fileURLToPath(new URL('.', import.meta.url));
  const candidates = [join(here, 'migrations'), resolve(here, '../../src/db/migrations')];
  const found = candidates.find((dir) => existsSync(dir));
  if (!found) throw new Error(`migrations folder not found (looked in ${candidates.join(', ')})`);
  return found;
}

export function loadMigrations(dir = defaultMigrationsDir()): Migration[] {
  const migrations = readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .map((file) => {
      const m = FILE_PATTERN.exec(file);
      if (!m) throw new Error(`migration file "${file}" must be named NNNN_name.sql`);
      return { version: Number(m[1]), name: m[2] as string, sql: readFileSync(join(dir, file), 'utf8') };
    })
    .sort((a, b) => a.version - b.version);
  migrations.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new Error(`migrations must be numbered 0001, 0002… without gaps; found ${m.version} at position ${i + 1}`);
  });
  return migrations;
}

export class MigrationMismatchError extends Error {}

/**
 * A migration that edits a table's stored CREATE text in place (to widen a CHECK, as 0020 does: SQLite's
 * documented alternative to copying a table). better-sqlite3 opens connections in SQLite's defensive mode,
 * which forbids writing sqlite_schema, so such a migration runs with it off, for itself only; and since
 * an edit of sqlite_schema does not change the schema cookie, the cookie is bumped in the same
 * transaction, so other connections to the file re-read the schema rather than keep the old CHECK.
 */
const EDITS_SCHEMA = /^\s*PRAGMA\s+writable_schema\s*=\s*ON\b/im;

/**
 * Applies pending migrations, each in its own transaction, and records them in schema_migrations.
 * Refuses to start when the applied migrations are not a prefix of the files — a migration edited
 * after it was applied (its sha256 differs), renamed or missing — because then the schema is not what
 * the code expects.
 */
export function migrate(db: Db, migrations = loadMigrations()): { applied: number[] } {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL,
    checksum   TEXT
  ) STRICT`);
  // Databases made before checksums were recorded get the column; their rows are trusted as they are.
  const columns = db.prepare<[], { name: string }>("SELECT name FROM pragma_table_info('schema_migrations')").all();
  if (!columns.some((c) => c.name === 'checksum')) db.exec('ALTER TABLE schema_migrations ADD COLUMN checksum TEXT');
  const applied = db
    .prepare<[], { version: number; name: string; checksum: string | null }>(
      'SELECT version, name, checksum FROM schema_migrations ORDER BY version',
    )
    .all();
  applied.forEach((row, i) => {
    const file = migrations[i];
    if (!file || file.version !== row.version || file.name !== row.name) {
      throw new MigrationMismatchError(
        `database has migration ${row.version}_${row.name} but the code has ${file ? `${file.version}_${file.name}` : 'no such migration'} at that position; refusing to start`,
      );
    }
    if (row.checksum !== null && row.checksum !== checksumOf(file.sql)) {
      throw new MigrationMismatchError(
        `migration ${row.version}_${row.name} was edited after it was applied to this database (sha256 differs); never edit an applied migration, add a new one; refusing to start`,
      );
    }
  });
  const record = db.prepare(
    'INSERT INTO schema_migrations (version, name, applied_at, checksum) VALUES (@version, @name, @appliedAt, @checksum)',
  );
  const done: number[] = [];
  for (const m of migrations.slice(applied.length)) {
    const editsSchema = EDITS_SCHEMA.test(m.sql);
    if (editsSchema) db.unsafeMode(true);
    try {
      db.transaction(() => {
        db.exec(m.sql);
        if (editsSchema) db.pragma(`schema_version = ${Number(db.pragma('schema_version', { simple: true })) + 1}`);
        record.run({ version: m.version, name: m.name, appliedAt: new Date().toISOString(), checksum: checksumOf(m.sql) });
      })();
    } finally {
      if (editsSchema) {
        db.pragma('writable_schema = OFF');
        db.unsafeMode(false);
      }
    }
    done.push(m.version);
  }
  return { applied: done };
}
