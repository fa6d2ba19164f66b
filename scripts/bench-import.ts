/**
 * Import throughput: a large weekly return through the full pipeline (parse, map, validate,
 * normalise, resolve towns, plan, one transaction with history) against `sqlite3 .import` of the
 * same file into a table of the same migrated database (raw text, no checks at all: the floor).
 *
 *   npm run bench:import -- [--rows 1000000]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createContext, importFile, loadConfig, loadDeps, systemActor } from '@scam/api';
import { writeSyntheticReturn } from './lib/synthetic-return.js';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '1000000' }, keep: { type: 'string' } } });
const rows = Number(values.rows);
const dir = mkdtempSync(join(tmpdir(), 'scam-bench-'));
const file = join(dir, 'return.csv');

console.log(`writing a ${rows.toLocaleString('en-GB')}-row return…`);
await writeSyntheticReturn(file, rows);
const mb = statSync(file).size / 1024 / 1024;

const dbPath = values.keep ?? join(dir, 'pipeline.db');
const config = loadConfig({ ...process.env, DB_PATH: dbPath, IMPORT_MAX_BYTES: String(2 * 1024 * 1024 * 1024) });
const { deps } = loadDeps(config);
const ctx = createContext(deps);
const data = readFileSync(file);
const t0 = performance.now();
const result = importFile(ctx, { data, fileName: 'return.csv', dryRun: false, actor: systemActor('bench') });
const pipelineS = (performance.now() - t0) / 1000;
deps.db.close();
if (result.counts.inserted !== rows) throw new Error(`expected ${rows} inserted, got ${JSON.stringify(result.counts)}`);

let sqliteS: number | null = null;
try {
  const rawDb = join(dir, 'raw.db');
  // The same migrated schema, then .import into a table shaped like the file.
  const schema = loadDeps(loadConfig({ ...process.env, DB_PATH: rawDb }));
  schema.deps.db.close();
  const script = `.mode csv\nCREATE TABLE raw_return (reference TEXT, date TEXT, town TEXT, method TEXT, loss TEXT, age TEXT, outcome TEXT, notes TEXT);\n.import --skip 1 ${file} raw_return\n`;
  const t1 = performance.now();
  execFileSync('sqlite3', [rawDb], { input: script });
  sqliteS = (performance.now() - t1) / 1000;
} catch (err) {
  console.log(`sqlite3 CLI not available (${(err as Error).message.split('\n')[0]}); install it with apt-get install sqlite3`);
}

const rate = (s: number) => Math.round(rows / s).toLocaleString('en-GB');
console.log(`\nfile: ${rows.toLocaleString('en-GB')} rows, ${mb.toFixed(1)} MiB`);
console.log(
  `full pipeline : ${pipelineS.toFixed(1)} s  (${rate(pipelineS)} rows/s, peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB)`,
);
if (sqliteS !== null) {
  console.log(`sqlite3 .import: ${sqliteS.toFixed(1)} s  (${rate(sqliteS)} rows/s)`);
  console.log(`ratio          : the pipeline takes ${(pipelineS / sqliteS).toFixed(1)}× as long as a raw .import`);
}
if (!values.keep) rmSync(dir, { recursive: true, force: true });
