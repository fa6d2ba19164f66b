import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './config.js';
import { openDatabase } from './db/connection.js';
import { forceReturn } from './test-support/test-db.js';

const dir = mkdtempSync(join(tmpdir(), 'scam-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TOWNS = ['Watford', 'St Albans', 'Stevenage', 'Hitchin', 'Borehamwood', 'Hemel Hempstead'];

function bigReturn(prefix: string, n: number): string {
  const rows: string[][] = [];
  for (let i = 0; i < n; i++) {
    const day = String((i % 28) + 1).padStart(2, '0');
    rows.push([`${prefix}/${i}`, `${day}/10/2023`, TOWNS[i % TOWNS.length] as string, 'Courier fraud (police impersonation)', i % 5 === 0 ? '£1,250.00' : '', String(60 + (i % 35)), i % 5 === 0 ? 'Money lost' : 'Attempt, no loss', 'Asked to call 101 to verify']);
  }
  return forceReturn(rows);
}

/** Runs the import CLI; resolves with its exit code, or kills it the moment it starts writing. */
function runImport(file: string, db: string, killWhenWriting: boolean): Promise<{ code: number | null; signal: NodeJS.Signals | null; sawWriting: boolean }> {
  return new Promise((ok, fail) => {
    // One node process (tsx as a loader, not its CLI wrapper), so SIGKILL hits the importer itself.
    const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=source', resolve(REPO_ROOT, 'scripts/import.ts'), file, '--db', db], {
      cwd: REPO_ROOT,
      env: { ...process.env, IMPORT_MAX_BYTES: String(200 * 1024 * 1024) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let sawWriting = false;
    child.stderr.on('data', (chunk: Buffer) => {
      if (!sawWriting && /writing \d+/.test(chunk.toString())) {
        sawWriting = true;
        if (killWhenWriting) child.kill('SIGKILL');
      }
    });
    child.on('error', fail);
    child.on('exit', (code, signal) => ok({ code, signal, sawWriting }));
  });
}

describe('crash safety', () => {
  it('a process killed mid-import leaves no partial batch and loses nothing already stored', async () => {
    const db = join(dir, 'crash.db');
    const small = join(dir, 'small.csv');
    writeFileSync(small, bigReturn('HC/OLD', 50));
    expect((await runImport(small, db, false)).code).toBe(0);

    const big = join(dir, 'big.csv');
    writeFileSync(big, bigReturn('HC/NEW', 60_000));
    const run = await runImport(big, db, true);
    expect(run.sawWriting).toBe(true);
    expect(run.signal).toBe('SIGKILL');

    const conn = openDatabase(db);
    try {
      expect(conn.pragma('integrity_check', { simple: true })).toBe('ok');
      const batches = conn.prepare('SELECT file_name FROM import_batches').all() as { file_name: string }[];
      expect(batches.map((b) => b.file_name)).toEqual(['small.csv']);
      expect((conn.prepare('SELECT count(*) AS n FROM incidents').get() as { n: number }).n).toBe(50);
      expect((conn.prepare("SELECT count(*) AS n FROM incidents WHERE reference LIKE 'HC/NEW/%'").get() as { n: number }).n).toBe(0);
      expect((conn.prepare('SELECT count(*) AS n FROM incident_history').get() as { n: number }).n).toBe(50);
    } finally {
      conn.close();
    }
    // The same file imports cleanly afterwards: the crash left nothing to trip over.
    expect((await runImport(big, db, false)).code).toBe(0);
  });
});
