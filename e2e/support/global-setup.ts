import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';

const ROOT = resolve(import.meta.dirname, '../..');
export const XSS_PLACE = '<img src=x onerror=alert(1)>';
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
  writeFileSync(gazetteer, `${readFileSync(join(ROOT, 'data/places.csv'), 'utf8').trimEnd()}\n"${XSS_PLACE}",51.6601,-0.3962,E07000103,Watford,Hertfordshire\n`);
  const port = 18_000 + Math.floor(Math.random() * 2000);
  let output = '';
  server = spawn(process.execPath, [join(ROOT, 'apps/api/dist/main.js')], {
    cwd: ROOT,
    env: { ...process.env, DB_PATH: join(dir, 'e2e.db'), PORT: String(port), DEMO_DATA: '1', GAZETTEER_PATH: gazetteer },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  server.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(url, server, () => output);
  project.provide('baseUrl', url);
  project.provide('dbPath', join(dir, 'e2e.db'));
  return async () => {
    server?.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    if (dir) rmSync(dir, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    dbPath: string;
  }
}
