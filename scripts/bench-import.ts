/**
 * Import throughput and memory: a large weekly return through the full pipeline (parse, map,
 * validate, normalise, resolve towns, plan, one transaction with history) against `sqlite3 .import` of
 * the same file into a table of the same migrated database (raw text, no checks at all: the floor).
 * Each import runs in a fresh child process, so its peak RSS (VmHWM) is the importer's alone.
 *
 *   npm run bench:import -- [--rows 1000000] [--rows 3000000 ...] [--whole] [--keep DB]
 *
 * `--whole` runs the whole-file path (importFile: the file read and parsed at once) for comparison.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createContext, fileImportSource, importFile, importStream, loadConfig, loadDeps, systemActor } from '@scam/api';
import { writeSyntheticReturn } from './lib/synthetic-return.js';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', multiple: true, default: ['1000000'] },
    keep: { type: 'string' },
    whole: { type: 'boolean', default: false },
    child: { type: 'string' },
  },
});

/** The process's peak resident set so far, in MiB (Linux; falls back to getrusage elsewhere). */
function peakRssMiB(): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m) return Math.round(Number(m[1]) / 1024);
  } catch {
    // Not Linux: getrusage below.
  }
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

if (values.child) {
  // In the child: import one file into one database and report on stdout as JSON.
  const [file, dbPath] = values.child.split('\n') as [string, string];
  const config = loadConfig({ ...process.env, DB_PATH: dbPath, IMPORT_MAX_BYTES: String(2 * 1024 * 1024 * 1024) });
  const { deps } = loadDeps(config);
  const ctx = createContext(deps);
  const base = peakRssMiB();
  const t0 = performance.now();
  const request = { fileName: 'return.csv', dryRun: false, actor: systemActor('bench') };
  const result = values.whole
    ? importFile(ctx, { ...request, data: readFileSync(file) })
    : await importStream(ctx, { ...request, source: await fileImportSource(file) });
  const seconds = (performance.now() - t0) / 1000;
  deps.db.close();
  console.log(JSON.stringify({ seconds, inserted: result.counts.inserted, peakMiB: peakRssMiB(), baseMiB: base }));
  process.exit(0);
}

const dir = mkdtempSync(join(tmpdir(), 'scam-bench-'));
const rate = (rows: number, s: number) => Math.round(rows / s).toLocaleString('en-GB');
try {
  for (const rowsText of values.rows) {
    const rows = Number(rowsText);
    const file = join(dir, `return-${rows}.csv`);
    console.log(`\nwriting a ${rows.toLocaleString('en-GB')}-row return…`);
    await writeSyntheticReturn(file, rows);
    const mb = statSync(file).size / 1024 / 1024;

    const dbPath = values.keep ?? join(dir, `pipeline-${rows}.db`);
    const out = execFileSync(
      process.execPath,
      [...process.execArgv, process.argv[1] as string, '--child', `${file}\n${dbPath}`, ...(values.whole ? ['--whole'] : [])],
      { encoding: 'utf8', maxBuffer: 1 << 20, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const child = JSON.parse(out.trim().split('\n').pop() as string) as {
      seconds: number;
      inserted: number;
      peakMiB: number;
      baseMiB: number;
    };
    if (child.inserted !== rows) throw new Error(`expected ${rows} inserted, got ${child.inserted}`);

    let sqliteS: number | null = null;
    try {
      const rawDb = join(dir, `raw-${rows}.db`);
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

    console.log(`file: ${rows.toLocaleString('en-GB')} rows, ${mb.toFixed(1)} MiB`);
    console.log(
      `${values.whole ? 'whole-file' : 'streamed  '} pipeline: ${child.seconds.toFixed(1)} s  (${rate(rows, child.seconds)} rows/s, ` +
        `importer peak RSS ${child.peakMiB} MiB, ${child.baseMiB} MiB before the import)`,
    );
    if (sqliteS !== null) {
      console.log(`sqlite3 .import     : ${sqliteS.toFixed(1)} s  (${rate(rows, sqliteS)} rows/s)`);
      console.log(`ratio               : ${(sqliteS / child.seconds).toFixed(2)}× of sqlite3 .import's speed (target 0.8×)`);
    }
    rmSync(file, { force: true });
  }
} finally {
  if (!values.keep) rmSync(dir, { recursive: true, force: true });
}
