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

  it('gives every series saved before assessments existed a first, recorded assessment (0015)', () => {
    const files = loadMigrations();
    const before = files.filter((m) => m.version < 15);
    migrate(fresh(), before);
    const now = '2026-01-05T10:00:00.000Z';
    db.prepare(
      `INSERT INTO import_batches (id, file_name, file_size, sha256, mapping_json, headers_json, rows_total, inserted, updated, unchanged, rejected,
         status, imported_by, imported_at)
       VALUES (1, 'r.csv', 1, ?, '[]', '[]', 2, 2, 0, 0, 0, 'committed', 'admin', ?)`,
    ).run('a'.repeat(64), now);
    const incident = db.prepare(
      `INSERT INTO incidents (reference, offence_date, town_raw, place, district, district_code, county, lat, lon, place_match, method, method_raw,
         method_rule, impersonated, channel, loss_pence, outcome, outcome_raw, age_band, summary, batch_id, created_at, updated_at)
       VALUES (?, ?, 'Hitchin', 'Hitchin', 'North Hertfordshire', 'E07000099', 'Hertfordshire', 51.95, -0.28, 'force', 'courier', 'Courier', 'x',
         'police', 'cash', ?, ?, 'x', '80-89', '', 1, ?, ?)`,
    );
    incident.run('HC/1', '2025-03-01', 500000, 'lost', now, now);
    incident.run('HC/2', '2025-03-04', 0, 'attempted', now, now);
    db.prepare(
      `INSERT INTO saved_series (id, name, method, status, notes, detected_id, created_by, created_at, updated_at)
       VALUES (7, 'Op Falcon', 'courier', 'ongoing', '', NULL, 'ana', ?, ?)`,
    ).run(now, now);
    for (const r of ['HC/1', 'HC/2'])
      db.prepare('INSERT INTO saved_series_incidents (series_id, reference, added_at) VALUES (7, ?, ?)').run(r, now);
    migrate(db, files);
    const row = db.prepare('SELECT * FROM series_assessments WHERE series_id = 7').get() as Record<string, unknown>;
    expect(row).toMatchObject({
      seq: 1,
      kind: 'recorded',
      assessed_by: 'ana',
      data_version: null,
      detected_id: null,
      first_date: '2025-03-01',
      last_date: '2025-03-04',
      observed: null,
      reports: 2,
      loss_pence: 500000,
      victims_lost: 1,
    });
    expect(JSON.parse(row.members_json as string)).toEqual(['HC/1', 'HC/2']);
  });
});

describe('0016 appeal_docx_export', () => {
  it('lets appeal_audit record Word exports, keeping its rows and the timeline events that point at them', () => {
    const files = loadMigrations();
    const at = files.findIndex((m) => m.name === 'appeal_docx_export');
    migrate(fresh(), files.slice(0, at));
    db.exec(`INSERT INTO appeal_audit (id, action, format, actor, title, warnings, created_at)
               VALUES (7, 'export', 'print', 'inspector', 'Courier appeal', 0, '2026-11-23T10:00:00Z');
             INSERT INTO timeline_events (id, day, kind, title, created_by, created_at, appeal_export)
               VALUES (3, '2026-11-23', 'appeal_published', 'Courier appeal', 'inspector', '2026-11-23T10:00:00Z', 7);`);
    expect(() =>
      db.exec(`INSERT INTO appeal_audit (action, format, actor, title, warnings, created_at) VALUES ('export', 'docx', 'i', 't', 0, 'x')`),
    ).toThrow(/CHECK constraint failed/);

    migrate(db, files);
    db.exec(`INSERT INTO appeal_audit (action, format, actor, title, warnings, created_at) VALUES ('export', 'docx', 'i', 't', 0, 'x')`);
    expect(db.prepare('SELECT id, format, title FROM appeal_audit ORDER BY id').all()).toEqual([
      { id: 7, format: 'print', title: 'Courier appeal' },
      { id: 8, format: 'docx', title: 't' },
    ]);
    expect(db.prepare('SELECT id, appeal_export FROM timeline_events').all()).toEqual([{ id: 3, appeal_export: 7 }]);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    // The link still holds: an event cannot name an export that is not there, nor a format outside the list.
    expect(() =>
      db.exec(
        `INSERT INTO timeline_events (day, kind, title, created_by, created_at, appeal_export) VALUES ('2026-11-24', 'appeal_published', 'x', 'i', 'x', 99)`,
      ),
    ).toThrow(/FOREIGN KEY/);
    expect(() =>
      db.exec(`INSERT INTO appeal_audit (action, format, actor, title, warnings, created_at) VALUES ('export', 'pdf', 'i', 't', 0, 'x')`),
    ).toThrow(/CHECK constraint failed/);
    expect(
      db
        .prepare(
          "SELECT name FROM sqlite_schema WHERE type = 'index' AND name IN ('appeal_audit_by_time', 'timeline_events_by_day') ORDER BY name",
        )
        .all(),
    ).toEqual([{ name: 'appeal_audit_by_time' }, { name: 'timeline_events_by_day' }]);
  });
});

describe('reference_key', () => {
  it('keys the references already stored by their look-alike skeleton, so a later look-alike is caught', () => {
    const files = loadMigrations();
    const at = files.findIndex((m) => m.name === 'reference_key');
    migrate(fresh(), files.slice(0, at));
    const now = '2026-01-05T10:00:00.000Z';
    db.prepare(
      `INSERT INTO import_batches (id, file_name, file_size, sha256, mapping_json, headers_json, rows_total, inserted, updated, unchanged, rejected,
         status, imported_by, imported_at)
       VALUES (1, 'r.csv', 1, ?, '[]', '[]', 1, 1, 0, 0, 0, 'committed', 'admin', ?)`,
    ).run('a'.repeat(64), now);
    db.prepare(
      `INSERT INTO incidents (reference, offence_date, town_raw, place, district, district_code, county, lat, lon, place_match, method, method_raw,
         method_rule, impersonated, channel, loss_pence, outcome, outcome_raw, age_band, summary, batch_id, created_at, updated_at)
       VALUES ('HX/09/1', '2025-03-01', 'Hitchin', 'Hitchin', 'North Hertfordshire', 'E07000099', 'Hertfordshire', 51.95, -0.28, 'force',
         'courier', 'Courier', 'x', 'police', 'cash', 0, 'attempted', 'x', '80-89', '', 1, ?, ?)`,
    ).run(now, now);
    migrate(db, files);
    expect(db.prepare('SELECT reference_key FROM incidents').get()).toEqual({ reference_key: 'hx/o9/l' });
  });
});
