import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ErrorBody, SessionInfo } from '@scam/shared';
import { verifyAuditStore } from './db/audit-verify.js';
import { canMount, mountTmpfs, unmountAll } from './test-support/tmpfs.js';
import { createTestDb, forceReturn, startTestServer, upload, type TestDb, type TestServer } from './test-support/test-db.js';

/**
 * Records are not served when their consultation cannot be recorded. The store is made unwritable
 * under the running server three ways: the real driver refusing writes (SQLITE_READONLY, through
 * `query_only` on the server's own connection), a real full disk (a small tmpfs, root only as in CI),
 * and the database file deleted.
 */

const row = (ref: string) => [ref, '02/10/2026', 'Watford', 'Courier fraud (police impersonation)', '£500.00', '81', 'Money lost', ''];

let t: TestDb | undefined;
let server: TestServer | undefined;
const mounts: string[] = [];
afterEach(async () => {
  await server?.close();
  server = undefined;
  t?.close();
  t = undefined;
  unmountAll(mounts);
});

async function start(dir?: string): Promise<{ t: TestDb; server: TestServer }> {
  t = createTestDb(dir ? { dir } : {});
  server = await startTestServer(t.deps);
  expect((await upload(server.url, forceReturn([row('HC/26/1'), row('HC/26/2')]))).status).toBe(201);
  return { t, server };
}

async function get(
  path: string,
  as: 'analyst' | 'admin' = 'analyst',
): Promise<{ status: number; body: unknown; retryAfter: string | null }> {
  const res = await (server as TestServer).fetch(path, { as });
  return { status: res.status, body: await res.json(), retryAfter: res.headers.get('retry-after') };
}

const code = (body: unknown) => (body as ErrorBody).error?.code;
const message = (body: unknown) => (body as ErrorBody).error?.message ?? '';

/** Entries in the trail (read on the test's side of the same file). */
const entries = (db: TestDb, action: string) =>
  (db.db.prepare('SELECT object_json FROM audit_log WHERE action = ? ORDER BY id').all(action) as { object_json: string }[]).map(
    (r) => JSON.parse(r.object_json) as { route: string; refused?: string },
  );

async function until(what: string, check: () => Promise<boolean> | boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('records are not served when their viewing cannot be recorded', () => {
  it('a store that refuses writes (SQLITE_READONLY from the driver): 503 audit_unavailable, health and session say why, nothing dropped, back when writable', async () => {
    const { t, server } = await start();
    expect((await get('/api/summary')).status).toBe(200);
    const consultedBefore = entries(t, 'consultation').length;

    t.db.pragma('query_only = 1');
    const refused = await get('/api/summary');
    expect(refused.status).toBe(503);
    expect(code(refused.body)).toBe('audit_unavailable');
    expect(message(refused.body)).toMatch(/cannot be recorded in the audit trail \(the database has become read-only\)/);
    expect(refused.retryAfter).toBe('5');
    expect(refused.body).not.toHaveProperty('reports');
    // Every kind of read is refused now, before any work: lists, exports, detail.
    for (const path of ['/api/incidents', '/api/incidents.csv', '/api/timeseries?interval=month']) {
      const r = await get(path);
      expect([path, r.status, code(r.body)]).toEqual([path, 503, 'audit_unavailable']);
    }
    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(503);
    expect(code(await health.json())).toBe('audit_unavailable');
    const session = (await get('/api/session')).body as SessionInfo;
    expect(session).toMatchObject({ readOnly: true, auditUnavailable: true });
    expect(session.readOnlyReason).toMatch(/audit trail cannot be written/);

    t.db.pragma('query_only = 0');
    await until('health to recover', async () => (await fetch(`${server.url}/api/health`)).status === 200);
    expect((await get('/api/summary')).status).toBe(200);
    expect(((await get('/api/session')).body as SessionInfo).readOnly).toBe(false);
    // The refused read is in the trail as a refusal (held in memory, written once the store allowed);
    // none of the refused reads is recorded as a consultation, since nothing was shown.
    expect(entries(t, 'refused')).toEqual([expect.objectContaining({ route: 'GET /api/summary', refused: 'audit_unavailable' })]);
    expect(entries(t, 'consultation').length).toBe(consultedBefore + 1);
    expect(verifyAuditStore(t.path).ok).toBe(true);
  });

  it('the database file deleted under the server: reads are refused too, and health says the file was deleted', async () => {
    const { t } = await start();
    expect((await get('/api/incidents')).status).toBe(200);
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${t.path}${suffix}`, { force: true });
    const r = await get('/api/incidents');
    expect(r.status).toBe(503);
    expect(code(r.body)).toBe('audit_unavailable');
    const health = await fetch(`${(server as TestServer).url}/api/health`);
    expect(health.status).toBe(503);
    expect(message(await health.json())).toMatch(/deleted while the server was running/);
  });

  it.skipIf(!canMount)(
    'a full disk (a real tmpfs): reads refused while the trail cannot grow, served again once there is room',
    async () => {
      const dir = mountTmpfs(4096) as string;
      mounts.push(dir);
      const { t, server } = await start(dir);
      expect((await get('/api/summary')).status).toBe(200);
      // An empty write-ahead log, then a disk with no room left: the next entry cannot be written.
      t.db.pragma('wal_checkpoint(TRUNCATE)');
      const filler = join(dir, 'filler');
      const fd = openSync(filler, 'w');
      try {
        const block = Buffer.alloc(64 * 1024, 1);
        for (;;) writeSync(fd, block);
      } catch (err) {
        expect((err as NodeJS.ErrnoException).code).toBe('ENOSPC');
      } finally {
        closeSync(fd);
      }
      const r = await get('/api/summary');
      expect([r.status, code(r.body)]).toEqual([503, 'audit_unavailable']);
      expect(message(r.body)).toMatch(/the disk is full/);
      const health = await fetch(`${server.url}/api/health`);
      expect(health.status).toBe(503);
      expect(message(await health.json())).toMatch(/disk is full/);

      rmSync(filler);
      await until('health to recover', async () => (await fetch(`${server.url}/api/health`)).status === 200);
      expect((await get('/api/summary')).status).toBe(200);
      expect(entries(t, 'refused').map((e) => e.refused)).toEqual(['audit_unavailable']);
      expect(verifyAuditStore(t.path).ok).toBe(true);
    },
  );

  it('a busy lock is not a fault: a read while another connection holds the write lock is served, and recorded moments later', async () => {
    const { t, server } = await start();
    // As the server runs with worker threads: the request thread never waits for the lock.
    t.db.pragma('busy_timeout = 0');
    const other = new (t.db.constructor as new (path: string) => TestDb['db'])(t.path);
    try {
      other.exec('BEGIN IMMEDIATE');
      const before = entries(t, 'consultation').length;
      expect((await get('/api/summary')).status).toBe(200);
      expect(entries(t, 'consultation').length).toBe(before);
      other.exec('COMMIT');
      await until('the queued entry to be written', () => entries(t, 'consultation').length === before + 1);
      expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    } finally {
      other.close();
    }
  });
});
