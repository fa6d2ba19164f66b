import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './config.js';
import { TEST_PASSWORD } from './test-support/test-db.js';

/**
 * What `npm start` runs: a supervisor with the server as its child. A server killed by a signal no
 * JavaScript can catch (SIGBUS, when the database's -shm file, which SQLite has mapped into memory, is
 * truncated under it) does not vanish silently: the supervisor logs the signal and starts it again.
 */

let proc: ChildProcess | undefined;
let dir: string | undefined;
afterEach(async () => {
  if (proc && proc.exitCode === null && proc.signalCode === null) {
    const exited = new Promise((ok) => proc?.once('exit', ok));
    proc.kill('SIGTERM');
    await exited;
  }
  proc = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function until(what: string, check: () => boolean | Promise<boolean>, log: () => string, ms = 60_000): Promise<void> {
  return new Promise((ok, fail) => {
    const end = Date.now() + ms;
    const tick = async () => {
      if (await check()) return ok();
      if (Date.now() > end) return fail(new Error(`timed out waiting for ${what}; output:\n${log()}`));
      setTimeout(() => void tick(), 100);
    };
    void tick();
  });
}

const healthy = async (url: string) => {
  try {
    return (await fetch(`${url}/api/health`)).status === 200;
  } catch {
    return false;
  }
};

describe('the supervisor npm start runs', () => {
  it('logs a server killed by SIGBUS (its -shm file truncated), restarts it, and stops cleanly on SIGTERM', async () => {
    dir = mkdtempSync(join(tmpdir(), 'scam-supervise-'));
    const db = join(dir, 'store.db');
    const port = 20_000 + Math.floor(Math.random() * 2000);
    const url = `http://127.0.0.1:${port}`;
    let output = '';
    proc = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '--conditions=source',
        resolve(REPO_ROOT, 'apps/api/src/supervise.ts'),
        resolve(REPO_ROOT, 'apps/api/src/main.ts'),
      ],
      {
        cwd: REPO_ROOT,
        env: { ...process.env, DB_PATH: db, PORT: String(port), DEMO_DATA: '0', ADMIN_PASSWORD: TEST_PASSWORD, LOG_LEVEL: 'silent' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    proc.stdout?.on('data', (c: Buffer) => (output += c.toString()));
    proc.stderr?.on('data', (c: Buffer) => (output += c.toString()));
    const log = () => output;
    const starts = () => output.match(/^Scam-series dashboard: http/gm)?.length ?? 0;

    await until('the server to start', async () => starts() === 1 && (await healthy(url)), log);
    truncateSync(`${db}-shm`, 0);
    // Anything that reads the store now touches the truncated mapping.
    await fetch(`${url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: url },
      body: JSON.stringify({ username: 'admin', password: TEST_PASSWORD }),
    }).catch(() => null);

    await until(
      'the supervisor to log the death',
      () => /\[supervisor\] server \(pid \d+\) was killed by SIGBUS \(a bus error/.test(output),
      log,
    );
    expect(output).toMatch(/-shm file, was truncated or its disk failed\) after \d+ s; restarting in 1 s/);
    await until('the server to be back', async () => starts() === 2 && (await healthy(url)), log);

    const exited = new Promise<number | null>((ok) => proc?.once('exit', (code) => ok(code)));
    proc.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(starts()).toBe(2);
  }, 120_000);
});
