/**
 * The yardstick for the import: the `sqlite3` command-line shell loading the same returns into the same
 * schema. The database is created from the real migrations (apps/api/src/db/migrations, every file, in
 * order: tables, CHECK constraints, indexes and triggers as the app has them), with the app's WAL and
 * `synchronous = FULL`. Then, timed, per file in its own transaction as the importer does: `.import` into
 * a staging table, one batch row, and an INSERT…SELECT into `incidents` doing the normalisation in SQL
 * (UK date → ISO, "£1,234.56" → pence, method and outcome wording → codes, age → band, town → place,
 * district, county and coordinates by a join on the gazetteer's Hertfordshire rows, loaded before the
 * clock starts). What it does not do, and the importer does: history rows, rejected-row checks and
 * messages, header synonyms, planning each row against the store (insert / update / unchanged).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const SQLITE = '/usr/bin/sqlite3';

function run(db: string, script: string): void {
  const r = spawnSync(SQLITE, ['-bail', db], { input: script, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`sqlite3 failed (${r.status}): ${r.stderr || r.stdout}`);
}

export function sqliteAvailable(): boolean {
  return spawnSync(SQLITE, ['-version'], { encoding: 'utf8' }).status === 0;
}

const sq = (s: string) => `'${s.replaceAll("'", "''")}'`;

/** Creates `db` from the migrations and the gazetteer table (untimed), then times loading `files`. */
export function sqliteImport(db: string, files: string[], migrationsDir: string, gazetteerPath: string): { seconds: number; rows: number } {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${db}${suffix}`, { force: true });
  const migrations = readdirSync(migrationsDir)
    .filter((f) => /^\d+_.*\.sql$/.test(f))
    .sort()
    .map((f) => `BEGIN;\n${readFileSync(join(migrationsDir, f), 'utf8')}\nCOMMIT;`)
    .join('\n');
  run(
    db,
    [
      'PRAGMA journal_mode = WAL;',
      migrations,
      'CREATE TABLE bench_places (name TEXT, lat REAL, lon REAL, district_code TEXT, district TEXT, county TEXT);',
      '.mode csv',
      `.import --skip 1 ${sq(gazetteerPath)} bench_places`,
      "DELETE FROM bench_places WHERE county <> 'Hertfordshire';",
      'DELETE FROM bench_places WHERE name IN (SELECT name FROM bench_places GROUP BY name HAVING count(*) > 1);',
      'CREATE UNIQUE INDEX bench_places_name ON bench_places (name);',
    ].join('\n'),
  );
  const now = new Date().toISOString();
  const perFile = files.map(
    (file, i) => `
CREATE TEMP TABLE staging (reference TEXT, date TEXT, town TEXT, method TEXT, loss TEXT, age TEXT, outcome TEXT, notes TEXT);
.import --skip 1 ${sq(file)} staging
BEGIN;
INSERT INTO import_batches (file_name, file_size, sha256, mapping_json, headers_json, rows_total, inserted, updated, unchanged, rejected, status, imported_by, imported_at)
  SELECT ${sq(`sqlite-${i + 1}.csv`)}, 0, printf('%064d', ${i + 1}), '{}', '[]', count(*), count(*), 0, 0, 0, 'committed', 'bench', ${sq(now)} FROM staging;
INSERT INTO incidents (reference, offence_date, town_raw, place, district_code, district, county, lat, lon, place_match,
                       method, method_raw, method_rule, impersonated, channel, loss_pence, outcome, outcome_raw,
                       victim_age, age_band, summary, batch_id, created_at, updated_at)
SELECT s.reference,
       substr(s.date, 7, 4) || '-' || substr(s.date, 4, 2) || '-' || substr(s.date, 1, 2),
       s.town, p.name, p.district_code, p.district, p.county, p.lat, p.lon, 'force',
       CASE WHEN s.method LIKE 'Courier%' THEN 'courier' WHEN s.method LIKE 'Bank%' THEN 'bank_impersonation'
            WHEN s.method LIKE 'HMRC%' THEN 'hmrc' WHEN s.method LIKE 'Computer%' THEN 'tech_support'
            WHEN s.method LIKE 'Investment%' THEN 'investment' WHEN s.method LIKE 'Romance%' THEN 'romance' ELSE 'other' END,
       s.method, 'sql',
       CASE WHEN s.method LIKE 'Courier%' THEN 'police' WHEN s.method LIKE 'Bank%' THEN 'bank'
            WHEN s.method LIKE 'HMRC%' THEN 'hmrc' WHEN s.method LIKE 'Computer%' THEN 'telecom' ELSE 'unknown' END,
       CASE WHEN s.notes LIKE '%card%' THEN 'bank_card' WHEN s.notes LIKE '%safe account%' THEN 'bank_transfer'
            WHEN s.notes LIKE '%gift card%' THEN 'vouchers' ELSE 'unknown' END,
       CASE WHEN s.loss = '' THEN 0 ELSE CAST(round(CAST(replace(replace(s.loss, '£', ''), ',', '') AS REAL) * 100) AS INTEGER) END,
       CASE s.outcome WHEN 'Money lost' THEN 'lost' WHEN 'Stopped by bank' THEN 'prevented' ELSE 'attempted' END,
       s.outcome,
       CAST(NULLIF(s.age, '') AS INTEGER),
       CASE WHEN s.age = '' THEN 'unknown' WHEN CAST(s.age AS INTEGER) < 18 THEN 'under 18' WHEN CAST(s.age AS INTEGER) < 30 THEN '18-29'
            WHEN CAST(s.age AS INTEGER) < 40 THEN '30-39' WHEN CAST(s.age AS INTEGER) < 50 THEN '40-49' WHEN CAST(s.age AS INTEGER) < 60 THEN '50-59'
            WHEN CAST(s.age AS INTEGER) < 70 THEN '60-69' WHEN CAST(s.age AS INTEGER) < 80 THEN '70-79' WHEN CAST(s.age AS INTEGER) < 90 THEN '80-89'
            ELSE '90+' END,
       s.notes, (SELECT max(id) FROM import_batches), ${sq(now)}, ${sq(now)}
  FROM staging s JOIN bench_places p ON p.name = s.town;
COMMIT;
DROP TABLE staging;`,
  );
  const t0 = performance.now();
  run(db, ['PRAGMA synchronous = FULL;', '.mode csv', ...perFile].join('\n'));
  const seconds = (performance.now() - t0) / 1000;
  const count = spawnSync(SQLITE, [db, 'SELECT count(*) FROM incidents;'], { encoding: 'utf8' });
  return { seconds, rows: Number(count.stdout.trim()) };
}
