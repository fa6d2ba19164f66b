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

describe('0020 district_places', () => {
  const NOW = '2026-01-05T10:00:00.000Z';

  /** Migrated up to just before 0020, with a batch, two incidents, their history, a re-sent row and a saved series. */
  function storeBefore0020(): { files: ReturnType<typeof loadMigrations>; at: number } {
    const files = loadMigrations();
    const at = files.findIndex((m) => m.name === 'district_places');
    migrate(fresh(), files.slice(0, at));
    db.prepare(
      `INSERT INTO import_batches (id, file_name, file_size, sha256, mapping_json, headers_json, rows_total, inserted, updated, unchanged, rejected,
         status, imported_by, imported_at)
       VALUES (1, 'r.csv', 1, ?, '[]', '[]', 2, 2, 0, 0, 0, 'committed', 'admin', ?)`,
    ).run('a'.repeat(64), NOW);
    const incident = db.prepare(
      `INSERT INTO incidents (reference, offence_date, town_raw, place, district, district_code, county, lat, lon, place_match, method, method_raw,
         method_rule, impersonated, channel, loss_pence, outcome, outcome_raw, age_band, summary, batch_id, created_at, updated_at,
         caller_number, payee_account, reference_key)
       VALUES (?, '2025-03-01', ?, ?, 'North Hertfordshire', 'E07000099', ?, 51.95, -0.28, ?, 'courier', 'Courier', 'x',
         'police', 'cash', 500, 'lost', 'x', '80-89', '', 1, ?, ?, '07700 900123', '20-00-00 12345678', lower(?))`,
    );
    incident.run('HC/1', 'Hitchin', 'Hitchin', 'Hertfordshire', 'force', NOW, NOW, 'HC/1');
    incident.run('HC/2', 'Luton', 'Luton', 'Bedfordshire', 'national', NOW, NOW, 'HC/2');
    db.exec(`INSERT INTO incident_history (incident_id, batch_id, kind, changed_at, before_json, changes_json)
               VALUES (1, 1, 'insert', '${NOW}', NULL, '{}'), (2, 1, 'insert', '${NOW}', NULL, '{}');
             INSERT INTO batch_unchanged (batch_id, incident_id) VALUES (1, 2);
             INSERT INTO saved_series (id, name, method, status, notes, detected_id, created_by, created_at, updated_at)
               VALUES (7, 'Op Falcon', 'courier', 'ongoing', '', NULL, 'ana', '${NOW}', '${NOW}');
             INSERT INTO saved_series_incidents (series_id, reference, added_at) VALUES (7, 'HC/1', '${NOW}');`);
    return { files, at };
  }

  const everything = () =>
    Object.fromEntries(
      ['incidents', 'incident_history', 'batch_unchanged', 'saved_series_incidents', 'incident_changes', 'data_version'].map((table) => [
        table,
        db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all(),
      ]),
    );
  const indexesAndTriggers = () =>
    db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE type IN ('index', 'trigger') ORDER BY name").all();
  const placeMatchCheck = () =>
    /CHECK \(place_match IN \([^)]*\)\)/.exec(
      db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'incidents'").pluck().get() as string,
    )?.[0];

  it("lets place_match be 'district', keeping every row, index, trigger and foreign key", () => {
    const { files } = storeBefore0020();
    const setDistrict = "UPDATE incidents SET place_match = 'district' WHERE reference = 'HC/1'";
    expect(() => db.exec(setDistrict)).toThrow(/CHECK constraint failed/);
    const rows = everything();
    const schema = indexesAndTriggers();

    migrate(db, files);
    expect(placeMatchCheck()).toBe("CHECK (place_match IN ('force', 'district', 'national'))");
    expect(everything()).toEqual(rows);
    expect(indexesAndTriggers()).toEqual(
      [...schema, { type: 'index', name: 'import_notices_by_batch', tbl_name: 'import_notices', sql: expect.any(String) }].sort((a, b) =>
        String((a as { name: string }).name).localeCompare(String((b as { name: string }).name)),
      ),
    );
    expect(db.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.prepare('SELECT notices FROM import_batches').pluck().all()).toEqual([0]);

    db.exec(setDistrict);
    expect(db.prepare('SELECT place_match FROM incidents ORDER BY id').pluck().all()).toEqual(['district', 'national']);
    expect(() => db.exec("UPDATE incidents SET place_match = 'abroad' WHERE id = 1")).toThrow(/CHECK constraint failed/);
    // The triggers still log changes for the read model, and the foreign keys still cascade.
    expect(db.prepare('SELECT incident_id FROM incident_changes ORDER BY version DESC LIMIT 1').pluck().get()).toBe(1);
    db.exec("DELETE FROM incidents WHERE reference = 'HC/2'");
    expect(db.prepare('SELECT incident_id FROM incident_history').pluck().all()).toEqual([1]);
    expect(db.prepare('SELECT count(*) FROM batch_unchanged').pluck().get()).toBe(0);
    expect(() =>
      db.exec("INSERT INTO import_notices (batch_id, line, column_name, value, message) VALUES (9, 2, 'Town', 'Luton', 'x')"),
    ).toThrow(/FOREIGN KEY/);
  });

  it('tells connections opened before it that the schema changed (it bumps schema_version)', () => {
    const { files, at } = storeBefore0020();
    const m = files[at] as (typeof files)[number];
    // Only the edit: the CREATE TABLE after it would bump the version by itself.
    const editOnly = { ...m, sql: m.sql.slice(0, m.sql.indexOf('-- 2. Notices')) };
    const other = openDatabase(join(dir, 'm.db'));
    try {
      expect(other.prepare('SELECT count(*) FROM incidents').pluck().get()).toBe(2);
      migrate(db, [...files.slice(0, at), editOnly]);
      other.exec("UPDATE incidents SET place_match = 'district' WHERE reference = 'HC/1'");
      expect(db.prepare("SELECT place_match FROM incidents WHERE reference = 'HC/1'").pluck().get()).toBe('district');
    } finally {
      other.close();
    }
  });

  it('fails, changing nothing, on a store whose CREATE TABLE reads otherwise', () => {
    const { files } = storeBefore0020();
    db.unsafeMode(true);
    db.pragma('writable_schema = ON');
    db.exec(
      `UPDATE sqlite_schema SET sql = replace(sql, 'IN (''force'', ''national'')', 'IN (''force'',''national'')') WHERE name = 'incidents'`,
    );
    db.pragma('writable_schema = RESET');
    db.unsafeMode(false);
    const edited = placeMatchCheck();

    expect(() => migrate(db, files)).toThrow(/CHECK constraint failed: edited = 1/);
    expect(placeMatchCheck()).toBe(edited);
    expect(db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'import_notices'").pluck().get()).toBe(0);
    expect(db.prepare('SELECT max(version) FROM schema_migrations').pluck().get()).toBe(19);
    // The defensive flag is back on: the schema table cannot be written by accident.
    db.pragma('writable_schema = ON');
    expect(() => db.exec("UPDATE sqlite_schema SET sql = sql WHERE name = 'incidents'")).toThrow();
  });
});
