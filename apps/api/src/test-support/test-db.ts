import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { hashSync } from '@node-rs/argon2';
import { FORCE_RETURN_HEADER, Gazetteer } from '@scam/ingest';
import { ROLES, type ImportResult, type Role } from '@scam/shared';
import { createApp, createContext, createServices, type AppDeps } from '../app.js';
import type { Runner, RunnerOptions } from '../services/runner.js';
import { REPO_ROOT } from '../config.js';
import { openDatabase, type Db } from '../db/connection.js';
import { migrate } from '../db/migrate.js';
import { Geo } from '../services/geo.service.js';
import { createToken } from '../services/accounts.service.js';
import { systemActor, type ServiceContext } from '../services/context.js';
import { createApiClient, type Answer, type ApiClient } from './api-client.js';

/** Every test database has one user per role, named after the role, with this password. */
export const TEST_PASSWORD = 'amber-kettle-orbit-57';
let testHash: string | undefined;

function seedUsers(db: Db): void {
  // One argon2id hash per test process (they take ~50 ms each); every role shares it.
  testHash ??= hashSync(TEST_PASSWORD, { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 });
  const insert = db.prepare('INSERT INTO users (name, role, password_hash, password_changed_at, created_at) VALUES (?, ?, ?, ?, ?)');
  const at = '2026-01-01T00:00:00.000Z';
  for (const role of ROLES) insert.run(role, role, testHash, at, at);
}

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
  /**
   * sha256 of every row of every table but the ones each request is meant to write (the audit trail,
   * and the last-used time of the API token the test speaks with): equal hashes mean the store
   * holds exactly the same data, row for row.
   */
  fingerprint(): string;

  close(): void;
}

/** A real, migrated SQLite file in a temp folder (not :memory:, so WAL and file bytes are real). */
export function createTestDb(opts: { today?: string; maxBytes?: number; jobs?: 'inline' | 'worker'; dir?: string } = {}): TestDb {
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'scam-test-'));
  const path = join(dir, 'test.db');
  const db = openDatabase(path);
  migrate(db);
  seedUsers(db);
  const deps: AppDeps = {
    db,
    ...referenceData(),
    config: { FORCE_AREA: 'Hertfordshire', IMPORT_MAX_BYTES: opts.maxBytes ?? 20 * 1024 * 1024, TILE_URL: '' },
    today: () => opts.today ?? '2026-11-23',
    log: () => {},
    // Background detection would write between a test's before/after fingerprints; series tests opt in.
    watchAfterImport: false,
    // Worker threads cost a second to start under the test runner; jobs.test.ts and the browser
    // tests drive the workers, the rest run the same services on the test's thread.
    jobs: opts.jobs ?? 'inline',
  };
  return {
    db,
    path,
    deps,
    fingerprint() {
      const hash = createHash('sha256');
      const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").all();
      for (const { name } of tables) {
        // The data version and its change log (0014) move with every write, even one undone later.
        if (name === 'audit_log' || name === 'api_tokens' || name === 'data_version' || name === 'incident_changes') continue;
        hash.update(`\n#${name}\n`);
        for (const row of db.prepare(`SELECT * FROM "${name}"`).raw().iterate()) hash.update(JSON.stringify(row));
      }
      return hash.digest('hex');
    },
    close() {
      db.close();
      if (!opts.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface TestServer {
  url: string;
  /** Where the server runs its long work: tests wait on it (a job under way, the watch run done). */
  runner: Runner;
  /** An API token per role (users named after their role). */
  tokens: Record<Role, string>;
  /** The API, typed from the shared contract and keyed by route: `server.api.get('summary', { query })`. */
  api: ApiClient;
  /**
   * fetch on this server as `role` (admin unless given), with a bearer token: for what the contract
   * does not describe (an unknown path, OPTIONS, a malformed body). Everything else goes through `api`.
   */
  fetch(path: string, init?: RequestInit & { as?: Role }): Promise<Response>;
  close(): Promise<void>;
}

const tokensByUrl = new Map<string, Record<Role, string>>();

/** Runs createApp on an ephemeral loopback port so tests speak real HTTP. */
export async function startTestServer(
  deps: AppDeps,
  opts: { runner?: (ctx: ServiceContext, opts: RunnerOptions) => Runner } = {},
): Promise<TestServer> {
  const own = opts.runner;
  const services = createServices(deps, own && ((ctx) => own(ctx, { watch: deps.watchAfterImport ?? true, log: deps.log ?? (() => {}) })));
  const runner = services.startRunner();
  const app = createApp(deps, services.ctx, runner);
  const server = await new Promise<Server>((ok) => {
    const s = app.listen(0, '127.0.0.1', () => ok(s));
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const ctx = createContext(deps);
  const tokens = Object.fromEntries(ROLES.map((role) => [role, createToken(ctx, role, systemActor('test')).token])) as Record<Role, string>;
  tokensByUrl.set(url, tokens);
  return {
    url,
    runner,
    tokens,
    api: createApiClient(url, tokens),
    fetch: (path, init = {}) => {
      const { as = 'admin', ...rest } = init;
      const headers = new Headers(rest.headers);
      headers.set('authorization', `Bearer ${tokens[as]}`);
      return fetch(`${url}${path}`, { ...rest, headers });
    },
    close: async () => {
      tokensByUrl.delete(url);
      await runner.close();
      await new Promise<void>((ok) => server.close(() => ok()));
    },
  };
}

/**
 * Uploads a weekly return as the admin of the test server at `baseUrl` (`POST /api/imports`), as the
 * dashboard does: a multipart form with the file and, if given, the column mapping.
 */
export async function upload(
  baseUrl: string,
  content: string | Uint8Array,
  opts: { fileName?: string; dryRun?: boolean; mapping?: Record<string, string> } = {},
): Promise<Answer<ImportResult>> {
  const form = new FormData();
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  form.append('file', new Blob([bytes], { type: 'text/csv' }), opts.fileName ?? 'return.csv');
  if (opts.mapping) form.append('mapping', JSON.stringify(opts.mapping));
  const api = createApiClient(baseUrl, tokensByUrl.get(baseUrl) ?? {});
  return api.post('imports', { query: opts.dryRun ? { dryRun: 'true' } : {}, body: form });
}

/** The force layout, as the ingest package reads it. */
export const FORCE_HEADER = FORCE_RETURN_HEADER;

/** A force-layout weekly return from rows of cells, with the BOM and CRLF the real ones have. */
export function forceReturn(rows: string[][]): string {
  const cell = (c: string) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  return `\uFEFF${[FORCE_HEADER, ...rows.map((r) => r.map(cell).join(','))].join('\r\n')}\r\n`;
}

export function samplePath(name: string): string {
  return resolve(REPO_ROOT, 'data/samples', name);
}
