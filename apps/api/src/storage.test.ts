import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImportResult, SessionInfo } from '@scam/shared';
import { backupDatabase, restoreDatabase } from './db/backup.js';
import { openDatabase } from './db/connection.js';
import { migrate } from './db/migrate.js';
import { checkStorageAtStart, checkStorageBeforeOpen, StorageError } from './db/storage.js';
import { canMount, mountTmpfs, unmountAll } from './test-support/tmpfs.js';
import { createTestDb, forceReturn, startTestServer, upload, type TestDb, type TestServer } from './test-support/test-db.js';

const row = (ref: string) => [ref, '02/10/2023', 'Watford', 'Courier fraud (police impersonation)', '£500.00', '81', 'Money lost', ''];
const rows = (prefix: string, n: number) =>
  forceReturn(
    Array.from({ length: n }, (_, i) => [
      ...row(`${prefix}/${i}`).slice(0, 7),
      'A long note that makes every row take room on the disk '.repeat(4),
    ]),
  );

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

describe('the database file deleted or replaced under the running server', () => {
  it('refuses writes once the file is deleted, says so, and does not create a new empty store', async () => {
    t = createTestDb();
    server = await startTestServer(t.deps);
    expect((await upload(server.url, forceReturn([row('HC/1')]))).status).toBe(201);
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${t.path}${suffix}`, { force: true });
    const res = await upload(server.url, forceReturn([row('HC/2')]));
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ error: { code: 'storage_fault' } });
    expect(String((res.body as { error: { message: string } }).error.message)).toMatch(/deleted/);
    const session = (await (await server.fetch('/api/session')).json()) as SessionInfo;
    expect(session.readOnly).toBe(true);
    expect(existsSync(t.path)).toBe(false);
  });

  it('refuses writes once the file is replaced by another', async () => {
    t = createTestDb();
    server = await startTestServer(t.deps);
    const other = join(mkdtempSync(join(tmpdir(), 'scam-other-')), 'other.db');
    const o = openDatabase(other);
    migrate(o);
    o.close();
    renameSync(other, t.path);
    const res = await upload(server.url, forceReturn([row('HC/3')]));
    expect(res.status).toBe(503);
    expect(String((res.body as { error: { message: string } }).error.message)).toMatch(/replaced/);
  });
});

describe('restoring a backup', () => {
  it('brings the data back to the backup and keeps the audit trail written since', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scam-restore-'));
    const live = join(dir, 'live.db');
    const db = openDatabase(live);
    migrate(db);
    const note = db.prepare(
      "INSERT INTO audit_log (at, user_name, role, action, object_json) VALUES (?, ?, 'analyst', 'consultation', '{}')",
    );
    note.run('2026-11-01T09:00:00Z', 'before.backup');
    const backup = backupDatabase(db, join(dir, 'b.db'));
    expect(backup.auditEntries).toBe(1);
    note.run('2026-11-02T09:00:00Z', 'after.backup');
    db.prepare("INSERT INTO settings (key, value) VALUES ('after', 'backup')").run();
    db.close();
    const restored = restoreDatabase(join(dir, 'b.db'), live);
    expect(restored.integrity).toBe('ok');
    const again = openDatabase(live);
    try {
      expect(
        (again.prepare('SELECT user_name FROM audit_log ORDER BY id').all() as { user_name: string }[]).map((r) => r.user_name),
      ).toEqual(['before.backup', 'after.backup']);
      // The data itself is the backup's.
      expect(again.prepare("SELECT value FROM settings WHERE key = 'after'").get()).toBeUndefined();
    } finally {
      again.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('checks at start', () => {
  it('refuses a store that fails its integrity check, naming the restore command', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scam-corrupt-'));
    const path = join(dir, 'c.db');
    const db = openDatabase(path);
    migrate(db);
    db.exec(
      'CREATE TABLE filler (x TEXT); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200) INSERT INTO filler SELECT hex(randomblob(500)) FROM n;',
    );
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    // Scribble over the middle of the file, as a failing disk would.
    const bytes = readFileSync(path);
    bytes.fill(0x41, 8192, 20_000);
    writeFileSync(path, bytes);
    const again = openDatabase(path);
    try {
      expect(() => checkStorageAtStart(again, path)).toThrow(StorageError);
      expect(() => checkStorageAtStart(again, path)).toThrow(/integrity check.*backup -- --restore/s);
    } finally {
      again.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(!canMount)('refuses a store on a read-only mount with a clear message', () => {
    const dir = mountTmpfs(4096) as string;
    mounts.push(dir);
    const path = join(dir, 'ro.db');
    const db = openDatabase(path);
    migrate(db);
    db.close();
    execFileSync('mount', ['-o', 'remount,ro', dir]);
    expect(() => checkStorageBeforeOpen(path)).toThrow(StorageError);
    expect(() => checkStorageBeforeOpen(path)).toThrow(/cannot be written \(EROFS\).*read-only store/s);
  });
});

describe('a full disk', () => {
  it.skipIf(!canMount)(
    'a full disk fails the import cleanly: 507, the store unchanged and healthy, and a smaller import then works',
    async () => {
      const dir = mountTmpfs(1536) as string;
      mounts.push(dir);
      t = createTestDb({ dir, jobs: 'worker', maxBytes: 50 * 1024 * 1024 });
      server = await startTestServer(t.deps);
      expect((await upload(server.url, forceReturn([row('HC/OLD/1')]))).status).toBe(201);
      const before = t.fingerprint();
      const res = await upload(server.url, rows('HC/BIG', 8000));
      expect(res.status).toBe(507);
      expect(res.body).toMatchObject({ error: { code: 'disk_full' } });
      expect(t.fingerprint()).toBe(before);
      expect(t.db.pragma('integrity_check', { simple: true })).toBe('ok');
      const small = await upload(server.url, forceReturn([row('HC/NEW/1')]));
      expect(small.status).toBe(201);
      expect((small.body as unknown as ImportResult).counts.inserted).toBe(1);
    },
  );
});
