import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Gazetteer } from '@scam/ingest';
import { createApp, type AppDeps } from '../app.js';
import { REPO_ROOT } from '../config.js';
import { openDatabase, type Db } from '../db/connection.js';
import { migrate } from '../db/migrate.js';
import { Geo } from '../services/geo.service.js';

let shared: { gazetteer: Gazetteer; geo: Geo } | undefined;

/** The real gazetteer and boundaries, loaded once per test file. */
export function referenceData(): { gazetteer: Gazetteer; geo: Geo } {
  shared ??= {
    gazetteer: Gazetteer.fromCsv(readFileSync(resolve(REPO_ROOT, 'data/places.csv'), 'utf8'), { forceArea: 'Hertfordshire' }),
    geo: Geo.fromFile(resolve(REPO_ROOT, 'data/lad-boundaries.geojson'), 'Hertfordshire'),
  };
  return shared;
}

export interface TestDb {
  db: Db;
  path: string;
  deps: AppDeps;
  /** sha256 of the database file after a checkpoint: equal hashes mean byte-for-byte the same. */
  fingerprint(): string;
  close(): void;
}

/** A real, migrated SQLite file in a temp folder (not :memory:, so WAL and file bytes are real). */
export function createTestDb(opts: { today?: string; maxBytes?: number } = {}): TestDb {
  const dir = mkdtempSync(join(tmpdir(), 'scam-test-'));
  const path = join(dir, 'test.db');
  const db = openDatabase(path);
  migrate(db);
  const deps: AppDeps = {
    db,
    ...referenceData(),
    config: { FORCE_AREA: 'Hertfordshire', IMPORT_MAX_BYTES: opts.maxBytes ?? 20 * 1024 * 1024, TILE_URL: '' },
    today: () => opts.today ?? '2026-11-23',
    log: () => {},
    // Background detection would write between a test's before/after fingerprints; series tests opt in.
    watchAfterImport: false,
  };
  return {
    db,
    path,
    deps,
    fingerprint() {
      db.pragma('wal_checkpoint(TRUNCATE)');
      return createHash('sha256').update(readFileSync(path)).digest('hex');
    },
    close() {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface TestServer {
  url: string;
  close(): Promise<void>;
}

/** Runs createApp on an ephemeral loopback port so tests speak real HTTP. */
export async function startTestServer(deps: AppDeps): Promise<TestServer> {
  const app = createApp(deps);
  const server = await new Promise<Server>((ok) => {
    const s = app.listen(0, '127.0.0.1', () => ok(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((ok) => server.close(() => ok())),
  };
}

export async function upload(
  baseUrl: string,
  content: string | Uint8Array,
  opts: { fileName?: string; dryRun?: boolean; mapping?: Record<string, string> } = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const form = new FormData();
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  form.append('file', new Blob([bytes], { type: 'text/csv' }), opts.fileName ?? 'return.csv');
  if (opts.mapping) form.append('mapping', JSON.stringify(opts.mapping));
  const res = await fetch(`${baseUrl}/api/imports${opts.dryRun ? '?dryRun=true' : ''}`, { method: 'POST', body: form });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

export async function getJson<T = Record<string, unknown>>(baseUrl: string, path: string): Promise<{ status: number; body: T }> {
  const res = await fetch(`${baseUrl}${path}`);
  return { status: res.status, body: (await res.json()) as T };
}

export const FORCE_HEADER = 'Reference,Date,Town,Method,Loss (£),Victim age,Outcome,Notes';

/** A force-layout weekly return from rows of cells, with the BOM and CRLF the real ones have. */
export function forceReturn(rows: string[][]): string {
  const cell = (c: string) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  return `\uFEFF${[FORCE_HEADER, ...rows.map((r) => r.map(cell).join(','))].join('\r\n')}\r\n`;
}

export function samplePath(name: string): string {
  return resolve(REPO_ROOT, 'data/samples', name);
}
