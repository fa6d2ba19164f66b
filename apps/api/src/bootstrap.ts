import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Gazetteer } from '@scam/ingest';
import type { Config } from './config.js';
import { openDatabase, type Db } from './db/connection.js';
import { migrate } from './db/migrate.js';
import { createContext, type AppDeps } from './app.js';
import { systemActor } from './services/context.js';
import { importFile } from './services/import.service.js';
import { watch } from './services/series.service.js';
import { Geo } from './services/geo.service.js';

export interface Loaded {
  deps: AppDeps;
  created: boolean;
}

/** Opens (creating if needed) and migrates the store, and loads the gazetteer and boundaries. */
export function loadDeps(config: Config, opts: { cacheMiB?: number } = {}): Loaded {
  const created = config.DB_PATH === ':memory:' || !existsSync(config.DB_PATH);
  const db: Db = openDatabase(config.DB_PATH, { cacheMiB: opts.cacheMiB });
  migrate(db);
  const gazetteer = Gazetteer.fromCsv(readFileSync(config.GAZETTEER_PATH, 'utf8'), { forceArea: config.FORCE_AREA });
  const geo = Geo.fromFile(config.BOUNDARIES_PATH, config.FORCE_AREA);
  return { deps: { db, gazetteer, geo, config }, created };
}

/**
 * Loads the demo weekly returns through the same import pipeline staff use, oldest first, so the
 * demo database also holds realistic batches, updates and history.
 */
export function loadDemoData(
  deps: AppDeps,
  dir: string,
  log: (line: string) => void = () => {},
): { files: number; inserted: number; updated: number; rejected: number } {
  if (!existsSync(dir)) throw new Error(`demo data folder ${dir} does not exist; run "npm run generate" first`);
  const files = readdirSync(dir)
    .filter((f) => f.toLowerCase().endsWith('.csv'))
    .sort(byWeekEnding);
  const ctx = createContext({ ...deps, config: { ...deps.config, IMPORT_MAX_BYTES: Number.MAX_SAFE_INTEGER } });
  const totals = { files: 0, inserted: 0, updated: 0, rejected: 0 };
  for (const [i, file] of files.entries()) {
    // A watch run a fortnight before the end, so the final run can show which series are growing.
    if (i === files.length - 2) watch(ctx, 'startup', null);
    const result = importFile(ctx, {
      data: readFileSync(join(dir, file)),
      fileName: file,
      dryRun: false,
      actor: systemActor('demo-loader'),
    });
    totals.files++;
    totals.inserted += result.counts.inserted;
    totals.updated += result.counts.updated;
    totals.rejected += result.counts.rejected;
  }
  watch(ctx, 'startup', null);
  // Every screen says "demo data" from now on, so nobody mistakes it for real reports.
  ctx.repos.accounts.settingOrInit('demo_data', '1');
  log(
    `demo data: ${totals.files} weekly returns, ${totals.inserted} incidents, ${totals.updated} updates, ${totals.rejected} rejected rows`,
  );
  return totals;
}

/** Files are named by the date they cover (…-WE-2023-10-08.csv, …-2023-10.csv); import in that order. */
function byWeekEnding(a: string, b: string): number {
  const key = (f: string) => /(\d{4}-\d{2}(?:-\d{2})?)/.exec(f)?.[1] ?? f;
  return key(a).localeCompare(key(b)) || a.localeCompare(b);
}
