/**
 * Imports weekly return CSVs through the same pipeline as POST /api/imports.
 *
 *   npm run import -- FILE... [--dry-run] [--map 'Header=field,...'] [--db PATH]
 *
 * Streams each file (flat memory whatever its size), printing the rows written so far, then a summary
 * table per file. Exits 1 when any file was refused or had no importable rows, so scripts can rely on
 * the exit code. The audit trail records the
 * import under the operating-system account that ran it ("cli:jsmith"): whoever can write the
 * database file needs no password, so the OS account is the honest answer to "who".
 */
import { userInfo } from 'node:os';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { createContext, fileImportSource, HttpError, importStream, loadConfig, loadDeps, systemActor } from '@scam/api';
import type { ImportResult } from '@scam/shared';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'dry-run': { type: 'boolean', default: false },
    map: { type: 'string' },
    db: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help || positionals.length === 0) {
  console.log("usage: npm run import -- FILE... [--dry-run] [--map 'Header=field,...'] [--db PATH]");
  process.exit(positionals.length === 0 && !values.help ? 1 : 0);
}

/** "Crime Ref=reference, Amount=loss" → { "Crime Ref": "reference", Amount: "loss" }. */
function parseMap(spec: string | undefined): Record<string, string> | undefined {
  if (!spec) return undefined;
  const out: Record<string, string> = {};
  for (const pair of spec.split(',')) {
    const i = pair.lastIndexOf('=');
    if (i <= 0) throw new Error(`--map expects Header=field pairs separated by commas; "${pair}" has no "="`);
    out[pair.slice(0, i).trim()] = pair.slice(i + 1).trim();
  }
  return out;
}

const config = loadConfig({ ...process.env, ...(values.db ? { DB_PATH: values.db } : {}) });
// The importer's page cache pays for itself: every row updates the reference and date indexes.
const { deps } = loadDeps(config, { cacheMiB: 64 });
const ctx = createContext(deps);
const mapping = parseMap(values.map);
const isTty = process.stderr.isTTY;

const results: { file: string; result?: ImportResult; error?: string }[] = [];
for (const file of positionals) {
  const name = basename(file);
  try {
    const source = await fileImportSource(file);
    let loggedFirst = false;
    process.stderr.write(`${name}: streaming ${source.size.toLocaleString('en-GB')} bytes…\n`);
    // The file is streamed: parsed, checked and written a batch at a time in one transaction.
    const result = await importStream(ctx, {
      source,
      fileName: name,
      mapping,
      dryRun: values['dry-run'],
      actor: systemActor(`cli:${userInfo().username}`),
      onProgress: (_phase, done) => {
        // In place on a terminal; when piped (a log), the first batch and then every 50,000 rows.
        if (isTty) process.stderr.write(`\r${name}: writing ${done.toLocaleString('en-GB')} rows`);
        else if (!loggedFirst || done % 50_000 === 0) process.stderr.write(`${name}: writing ${done} rows\n`);
        loggedFirst = true;
      },
    });
    if (isTty && !values['dry-run']) process.stderr.write('\n');
    results.push({ file: name, result });
  } catch (err) {
    results.push({ file: name, error: err instanceof HttpError || err instanceof Error ? err.message : String(err) });
    if (err instanceof HttpError && err.issues) {
      for (const i of err.issues.slice(0, 20)) console.error(`  line ${i.line ?? '-'} ${i.column ?? ''} "${i.value ?? ''}": ${i.message}`);
    }
  }
}

const pad = (s: string | number, n: number) => String(s).padStart(n);
console.log(`\n${values['dry-run'] ? 'DRY RUN: nothing was written' : 'Import summary'}`);
console.log(
  `${'file'.padEnd(44)} ${pad('rows', 8)} ${pad('inserted', 9)} ${pad('updated', 8)} ${pad('unchanged', 10)} ${pad('rejected', 9)}  batch`,
);
let failed = false;
for (const { file, result, error } of results) {
  if (!result) {
    failed = true;
    console.log(`${file.padEnd(44)} REFUSED: ${error}`);
    continue;
  }
  const c = result.counts;
  const batch = result.alreadyImported ? `already imported as batch ${result.batchId}` : (result.batchId ?? '-');
  console.log(
    `${file.padEnd(44)} ${pad(c.rows, 8)} ${pad(c.inserted, 9)} ${pad(c.updated, 8)} ${pad(c.unchanged, 10)} ${pad(c.rejected, 9)}  ${batch}`,
  );
  for (const e of result.errors.slice(0, 20)) console.log(`    line ${e.line}, column "${e.column}", value "${e.value}": ${e.reason}`);
  if (result.errors.length > 20 || result.errorsTruncated)
    console.log(`    … more errors: download the rejected rows with GET /api/imports/${result.batchId}/rejected.csv`);
  for (const n of result.notices.slice(0, 20))
    console.log(`    notice: line ${n.line}, column "${n.column}", value "${n.value}": ${n.message}`);
  if (result.notices.length > 20 || result.noticesTruncated)
    console.log(`    … more notices: download them with GET /api/imports/${result.batchId}/notices.csv`);
}
deps.db.close();
process.exit(failed ? 1 : 0);
