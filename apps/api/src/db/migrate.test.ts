import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from './connection.js';
import { loadMigrations, migrate, MigrationMismatchError } from './migrate.js';

let dir: string;
let db: Db;
afterEach(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

function fresh(): Db {
  dir = mkdtempSync(join(tmpdir(), 'scam-migrate-'));
  db = openDatabase(join(dir, 'm.db'));
  return db;
}

describe('migrate', () => {
  it('applies every migration once and records it', () => {
    const files = loadMigrations();
    expect(migrate(fresh(), files).applied).toEqual(files.map((m) => m.version));
    expect(migrate(db, files).applied).toEqual([]);
    expect((db.prepare('SELECT count(*) AS n FROM schema_migrations').get() as { n: number }).n).toBe(files.length);
  });

  it('refuses a database whose applied migration was edited afterwards', () => {
    const files = loadMigrations();
    migrate(fresh(), files);
    const edited = files.map((m, i) => (i === 0 ? { ...m, sql: `${m.sql}\n-- edited` } : m));
    expect(() => migrate(db, edited)).toThrow(MigrationMismatchError);
    expect(() => migrate(db, edited)).toThrow(/edited after it was applied/);
  });

  it('refuses a database that has a migration the code does not', () => {
    const files = loadMigrations();
    migrate(fresh(), files);
    expect(() => migrate(db, files.slice(0, 2))).toThrow(/no such migration/);
  });

  it('refuses to start on a renamed migration', () => {
    const files = loadMigrations();
    migrate(fresh(), files);
    expect(() =>
      migrate(
        db,
        files.map((m, i) => (i === 1 ? { ...m, name: 'renamed' } : m)),
      ),
    ).toThrow(MigrationMismatchError);
  });
});
