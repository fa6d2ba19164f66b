import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './config.js';
import { backupDatabase, restoreDatabase } from './db/backup.js';
import { openDatabase } from './db/connection.js';
import { forceReturn } from './test-support/test-db.js';

const dir = mkdtempSync(join(tmpdir(), 'scam-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TOWNS = ['Watford', 'St Albans', 'Stevenage', 'Hitchin', 'Borehamwood', 'Hemel Hempstead'];

function bigReturn(prefix: string, n: number): string {
  const rows: string[][] = [];
  for (let i = 0; i < n; i++) {
    const day = String((i % 28) + 1).padStart(2, '0');
    rows.push([
      `${prefix}/${i}`,
      `${day}/10/2023`,
      TOWNS[i % TOWNS.length] as string,
      'Courier fraud (police impersonation)',
      i % 5 === 0 ? '£1,250.00' : '',
      String(60 + (i % 35)),
      i % 5 === 0 ? 'Money lost' : 'Attempt, no loss',
      'Asked to call 101 to verify',
    ]);
  }
  return forceReturn(rows);
}

/**
 * Runs the import CLI; resolves with its exit code. `killWhenWriting` kills it the moment it starts
 * writing; `killAfterMs` kills it at that moment, wherever it is; `whileWriting` runs once it writes.
 */
function runImport(
  file: string,
  db: string,
  killWhenWriting: boolean,
  opts: { killAfterMs?: number; whileWriting?: () => void } = {},
): Promise<{ code: number | null; signal: NodeJS.Signals | null; sawWriting: boolean }> {
  return new Promise((ok, fail) => {
    // One node process (tsx as a loader, not its CLI wrapper), so SIGKILL hits the importer itself.
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--conditions=source', resolve(REPO_ROOT, 'scripts/import.ts'), file, '--db', db],
      {
        cwd: REPO_ROOT,
        env: { ...process.env, IMPORT_MAX_BYTES: String(200 * 1024 * 1024) },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let sawWriting = false;
    child.stderr.on('data', (chunk: Buffer) => {
      if (!sawWriting && /writing \d+/.test(chunk.toString())) {
        sawWriting = true;
        if (killWhenWriting) child.kill('SIGKILL');
        opts.whileWriting?.();
      }
    });
    if (opts.killAfterMs !== undefined) setTimeout(() => child.kill('SIGKILL'), opts.killAfterMs);
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

/** Whole batch or none: the big file's batch is there with every row, or neither is. */
function batchIsWholeOrAbsent(path: string, prefix: string, rows: number): 'whole' | 'absent' {
  const conn = openDatabase(path);
  try {
    expect(conn.pragma('integrity_check', { simple: true })).toBe('ok');
    const batch = conn.prepare("SELECT inserted FROM import_batches WHERE file_name = 'big.csv' AND status = 'committed'").get() as
      { inserted: number } | undefined;
    const n = (conn.prepare('SELECT count(*) AS n FROM incidents WHERE reference LIKE ?').get(`${prefix}/%`) as { n: number }).n;
    const history = (
      conn
        .prepare('SELECT count(*) AS n FROM incident_history h JOIN incidents i ON i.id = h.incident_id WHERE i.reference LIKE ?')
        .get(`${prefix}/%`) as { n: number }
    ).n;
    if (batch) {
      expect(batch.inserted).toBe(rows);
      expect(n).toBe(rows);
      expect(history).toBe(rows);
      return 'whole';
    }
    expect(n).toBe(0);
    expect(history).toBe(0);
    return 'absent';
  } finally {
    conn.close();
  }
}

describe('kill -9 at random points, and a backup taken during an import', () => {
  const ROWS = 30_000;
  const big = join(dir, 'big-random.csv');

  it('leaves the whole batch or none after each kill, a healthy store, and a re-run completes it', async () => {
    const db = join(dir, 'random-kills.db');
    const small = join(dir, 'small-2.csv');
    writeFileSync(small, bigReturn('HC/BASE', 20));
    expect((await runImport(small, db, false)).code).toBe(0);
    writeFileSync(big, bigReturn('HC/RND', ROWS));
    const bigCopy = join(dir, 'big.csv');
    writeFileSync(bigCopy, readFileSync(big));
    // A seeded spread of moments from start-up through parsing into writing (the run takes ~3-8 s here).
    let seed = 20_261_129;
    const next = () => (seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647;
    const seen: string[] = [];
    for (let k = 0; k < 4; k++) {
      const at = 400 + Math.floor(next() * 6000);
      const run = await runImport(bigCopy, db, false, { killAfterMs: at });
      seen.push(`${at} ms: ${run.signal ?? `exit ${run.code}`}, wrote: ${run.sawWriting}`);
      const state = batchIsWholeOrAbsent(db, 'HC/RND', ROWS);
      if (state === 'whole') break;
    }
    // Whatever the kills left, one more run finishes the job (or finds it already done).
    expect((await runImport(bigCopy, db, false)).code).toBe(0);
    expect(batchIsWholeOrAbsent(db, 'HC/RND', ROWS), seen.join('; ')).toBe('whole');
  });

  it('a backup taken while an import writes restores to a consistent store', async () => {
    const db = join(dir, 'backup-during.db');
    const base = join(dir, 'base-3.csv');
    writeFileSync(base, bigReturn('HC/B3', 20));
    expect((await runImport(base, db, false)).code).toBe(0);
    const bigCopy = join(dir, 'big.csv');
    writeFileSync(bigCopy, bigReturn('HC/DUR', ROWS));
    const backupFile = join(dir, 'during.backup.db');
    let backedUp = false;
    const run = await runImport(bigCopy, db, false, {
      whileWriting: () => {
        const conn = openDatabase(db);
        try {
          backupDatabase(conn, backupFile);
          backedUp = true;
        } finally {
          conn.close();
        }
      },
    });
    expect(run.code).toBe(0);
    expect(backedUp).toBe(true);
    const restored = join(dir, 'restored.db');
    const r = restoreDatabase(backupFile, restored);
    expect(r.integrity).toBe('ok');
    // Taken mid-import, the backup holds the store as it was before the import's commit, or after it.
    const state = batchIsWholeOrAbsent(restored, 'HC/DUR', ROWS);
    const conn = openDatabase(restored);
    try {
      expect((conn.prepare("SELECT count(*) AS n FROM incidents WHERE reference LIKE 'HC/B3/%'").get() as { n: number }).n).toBe(20);
    } finally {
      conn.close();
    }
    expect(['whole', 'absent']).toContain(state);
  });
});
