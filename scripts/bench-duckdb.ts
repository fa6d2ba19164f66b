/**
 * DuckDB as the yardstick for the views: the same aggregate, computed in-process over the same rows.
 * Used by the benchmark only, so it is not a dependency: the first run installs `@duckdb/node-api` into
 * node_modules/.bench-duckdb (git-ignored, gone after `npm ci`, reinstalled on the next run) and imports
 * it from there. Offline, `openDuckDb` returns null and the table says "DuckDB: not available".
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

interface DuckResult {
  getRowObjects(): Record<string, unknown>[];
}
interface DuckConnection {
  run(sql: string): Promise<unknown>;
  runAndReadAll(sql: string): Promise<DuckResult>;
  closeSync?(): void;
}
interface DuckModule {
  DuckDBInstance: { create(path: string, options?: Record<string, string>): Promise<{ connect(): Promise<DuckConnection> }> };
}

/** Installs (once) and imports DuckDB; null with the reason when that is not possible. */
export async function openDuckDb(repoRoot: string): Promise<{ connection: DuckConnection; version: string } | { error: string }> {
  const dir = join(repoRoot, 'node_modules/.bench-duckdb');
  const entry = join(dir, 'node_modules/@duckdb/node-api/package.json');
  if (!existsSync(entry)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), '{ "private": true, "description": "npm run bench: DuckDB, installed on first use" }\n');
    console.log('installing @duckdb/node-api for the benchmark (first run only)…');
    const r = spawnSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', '@duckdb/node-api'], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 300_000,
    });
    if (r.status !== 0 || !existsSync(entry))
      return { error: `npm install failed: ${(r.stderr || r.stdout || String(r.error)).trim().split('\n').slice(-1)[0]}` };
  }
  try {
    const req = createRequire(join(dir, 'package.json'));
    const mod = (await import(pathToFileURL(req.resolve('@duckdb/node-api')).href)) as DuckModule;
    const instance = await mod.DuckDBInstance.create(':memory:', { threads: '2' });
    const connection = await instance.connect();
    const v = (await connection.runAndReadAll('SELECT version() AS v')).getRowObjects()[0]?.v;
    return { connection, version: String(v) };
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
}

/** The filters as the benchmark uses them, turned into both a query string and a DuckDB WHERE clause. */
export interface BenchFilter {
  from?: string;
  to?: string;
  method?: string[];
  district?: string[];
  outcome?: string[];
  ageBand?: string[];
  /** Pounds. */
  minLoss?: number;
}

export function queryString(f: BenchFilter): string {
  const p = new URLSearchParams();
  if (f.from) p.set('from', f.from);
  if (f.to) p.set('to', f.to);
  if (f.method) p.set('method', f.method.join(','));
  if (f.district) p.set('district', f.district.join(','));
  if (f.outcome) p.set('outcome', f.outcome.join(','));
  if (f.ageBand) p.set('ageBand', f.ageBand.join(','));
  if (f.minLoss !== undefined) p.set('minLoss', String(f.minLoss));
  return p.toString();
}

const list = (xs: string[]) => xs.map((x) => `'${x.replaceAll("'", "''")}'`).join(', ');

export function whereClause(f: BenchFilter): string {
  const w: string[] = [];
  if (f.from) w.push(`offence_date >= DATE '${f.from}'`);
  if (f.to) w.push(`offence_date <= DATE '${f.to}'`);
  if (f.method) w.push(`method IN (${list(f.method)})`);
  if (f.district) w.push(`district IN (${list(f.district)})`);
  if (f.outcome) w.push(`outcome IN (${list(f.outcome)})`);
  if (f.ageBand) w.push(`age_band IN (${list(f.ageBand)})`);
  if (f.minLoss !== undefined) w.push(`loss_pence >= ${Math.round(f.minLoss * 100)}`);
  return w.length ? `WHERE ${w.join(' AND ')}` : '';
}

/** The aggregate behind each dashboard route, as DuckDB SQL; null where no fair equivalent exists. */
export function duckSql(route: string, f: BenchFilter): string | null {
  const where = whereClause(f);
  switch (route) {
    case 'summary':
      return `SELECT count(*) AS reports, count(*) FILTER (outcome = 'lost') AS lost, count(*) FILTER (outcome = 'attempted') AS attempted,
        count(*) FILTER (outcome = 'prevented') AS prevented, sum(loss_pence) AS loss, median(victim_age) AS median_age,
        count(*) FILTER (age_band <> 'unknown') AS age_known, count(*) FILTER (age_band IN ('70-79', '80-89', '90+')) AS aged70
        FROM incidents ${where}`;
    case 'timeseries':
    case 'timeseries-year':
      return `SELECT date_trunc('week', offence_date) AS start, method, outcome, count(*) AS reports, sum(loss_pence) AS loss
        FROM incidents ${where} GROUP BY ALL ORDER BY start`;
    case 'places':
      return `SELECT place, district_code, any_value(lat), any_value(lon), count(*) AS reports, sum(loss_pence) AS loss
        FROM incidents ${where} GROUP BY place, district_code ORDER BY reports DESC`;
    case 'districts':
      return `SELECT district_code, any_value(district), count(*) AS reports, sum(loss_pence) AS loss FROM incidents ${where} GROUP BY district_code`;
    case 'breakdowns':
      return `SELECT method, outcome, age_band, district_code, count(*) AS reports, sum(loss_pence) AS loss FROM incidents ${where}
        GROUP BY GROUPING SETS ((method), (outcome), (age_band), (district_code))`;
    case 'incidents':
      return `SELECT * FROM incidents ${where} ORDER BY offence_date DESC, id DESC LIMIT 50`;
    default:
      return null;
  }
}

/** Loads the rows exported from SQLite (a CSV with a header) into a DuckDB table `incidents`. */
export async function loadIncidents(connection: DuckConnection, csvPath: string): Promise<void> {
  await connection.run('DROP TABLE IF EXISTS incidents');
  await connection.run(
    `CREATE TABLE incidents AS SELECT * FROM read_csv('${csvPath.replaceAll("'", "''")}', header = true, auto_detect = true)`,
  );
}

export async function timeDuck(connection: DuckConnection, sql: string): Promise<number> {
  const t0 = performance.now();
  (await connection.runAndReadAll(sql)).getRowObjects();
  return performance.now() - t0;
}
