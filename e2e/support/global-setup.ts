import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import type { Role } from '@scam/shared';
import { signInCookie } from './session.js';

const ROOT = resolve(import.meta.dirname, '../..');
export const XSS_PLACE = '<img src=x onerror=alert(1)>';

export interface Account {
  username: string;
  password: string;
  role: Role;
}

/**
 * One account per role. The server creates `admin` itself on first start from ADMIN_PASSWORD; the
 * others are added through the API as an administrator would. Passwords must pass the server's rule
 * (12 or more characters, not common, not containing the user name).
 */
export const ACCOUNTS: Record<Role, Account> = {
  admin: { username: 'admin', password: 'e2e-harbour-lantern-2026', role: 'admin' },
  analyst: { username: 'e2e.analyst', password: 'copper-kettle-morning-71', role: 'analyst' },
  viewer: { username: 'e2e.viewer', password: 'silent-orchard-bicycle-52', role: 'viewer' },
  inspector: { username: 'e2e.inspector', password: 'granite-violin-harbour-38', role: 'inspector' },
  importer: { username: 'e2e.importer', password: 'paper-lighthouse-tundra-64', role: 'importer' },
};

let server: ChildProcess | undefined;
let dir: string | undefined;

async function waitForHealth(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${log()}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server did not become healthy within 120 s:\n${log()}`);
}

/** SIGTERM, then wait for the process to end (SIGKILL if it has not within 15 s) before its folder goes. */
async function stopServer(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
  child.kill('SIGTERM');
  const stuck = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(stuck);
}

async function createAccounts(url: string): Promise<void> {
  const cookie = await signInCookie(url, ACCOUNTS.admin);
  for (const account of Object.values(ACCOUNTS)) {
    if (account.role === 'admin') continue;
    const res = await fetch(`${url}/api/users`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: url, Cookie: cookie },
      body: JSON.stringify({ name: account.username, role: account.role, password: account.password }),
    });
    if (res.status !== 201) throw new Error(`creating ${account.username} → ${res.status}: ${await res.text()}`);
  }
}

/**
 * Starts the built server (apps/api/dist) on a fresh database loaded with the demo returns, the same
 * way `npm start` does, and hands its URL to the tests.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!existsSync(join(ROOT, 'apps/api/dist/main.js')) || !existsSync(join(ROOT, 'apps/web/dist/index.html'))) {
    throw new Error('build first: npm run build (npm run e2e does this)');
  }
  if (!existsSync(join(ROOT, 'data/demo'))) throw new Error('generate the demo returns first: npm run generate');
  dir = mkdtempSync(join(tmpdir(), 'scam-e2e-'));
  // The gazetteer plus one hostile place name, so the XSS test can put markup into stored data
  // through the real import (an unknown town would be rejected, as it should be).
  const gazetteer = join(dir, 'places.csv');
  writeFileSync(
    gazetteer,
    `${readFileSync(join(ROOT, 'data/places.csv'), 'utf8').trimEnd()}\n"${XSS_PLACE}",51.6601,-0.3962,E07000103,Watford,Hertfordshire\n`,
  );
  const port = 18_000 + Math.floor(Math.random() * 2000);
  let output = '';
  server = spawn(process.execPath, [join(ROOT, 'apps/api/dist/main.js')], {
    cwd: ROOT,
    env: {
      ...process.env,
      DB_PATH: join(dir, 'e2e.db'),
      PORT: String(port),
      DEMO_DATA: '1',
      GAZETTEER_PATH: gazetteer,
      ADMIN_PASSWORD: ACCOUNTS.admin.password,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  server.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(url, server, () => output);
  await createAccounts(url);
  project.provide('baseUrl', url);
  project.provide('dbPath', join(dir, 'e2e.db'));
  project.provide('accounts', ACCOUNTS);
  return async () => {
    await stopServer(server);
    if (dir) rmSync(dir, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    dbPath: string;
    accounts: Record<Role, Account>;
  }
}
