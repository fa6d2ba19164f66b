import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../config.js';
import { AuditTrail } from '../services/audit.service.js';
import { createContext } from '../app.js';
import { systemActor, type ServiceContext } from '../services/context.js';
import { createTestDb, type TestDb } from '../test-support/test-db.js';
import { AUDIT_TRAILS, describeVerification } from './audit-chain.js';
import { verifyAuditStore } from './audit-verify.js';
import { backupDatabase, restoreDatabase } from './backup.js';

let t: TestDb;
let ctx: ServiceContext;
let dir: string;

beforeEach(() => {
  t = createTestDb();
  ctx = createContext(t.deps);
  dir = mkdtempSync(join(tmpdir(), 'audit-chain-'));
});
afterEach(() => {
  t.close();
  rmSync(dir, { recursive: true, force: true });
});

const actor = systemActor('test');

/** Five audit_log entries (one batch of three through the queue) and three appeal exports. */
function writeTrails(): void {
  ctx.audit.inTransaction(actor, { action: 'alteration', object: { op: 'first' } });
  const trail = new AuditTrail(ctx.repos, () => '2026-11-23T10:00:00.000Z');
  for (const n of [1, 2, 3]) trail.record(actor, { action: 'consultation', object: { page: n }, rows: n });
  expect(trail.flush()).toBe(true);
  ctx.audit.inTransaction(actor, { action: 'disclosure', object: { op: 'last' }, rows: 130, purpose: 'appeal' });
  for (const title of ['Courier fraud in Watford', 'Romance fraud', 'HMRC calls']) {
    ctx.repos.audit.record({
      action: 'export',
      format: 'docx',
      actor: 'inspector',
      seriesId: null,
      filters: { method: 'courier' },
      title,
      warnings: 0,
      createdAt: '2026-11-23T10:00:00.000Z',
    });
  }
}

/** A copy of the store file, as someone with file access would take it, with the triggers dropped. */
function tamperableCopy(): { path: string; db: Database.Database } {
  t.db.pragma('wal_checkpoint(TRUNCATE)');
  const path = join(dir, 'copy.db');
  copyFileSync(t.path, path);
  const db = new Database(path);
  for (const trigger of ['no_update', 'no_delete', 'no_replace']) {
    for (const trail of AUDIT_TRAILS) db.exec(`DROP TRIGGER IF EXISTS ${trail}_${trigger}`);
  }
  return { path, db };
}

describe('audit hash chain', () => {
  it('verifies an untouched store and reports each trail head', () => {
    writeTrails();
    const v = verifyAuditStore(t.path);
    expect(v.ok).toBe(true);
    expect(v.trails.map((r) => [r.trail, r.checked, r.unchained, r.failure])).toEqual([
      ['audit_log', 5, 0, null],
      ['appeal_audit', 3, 0, null],
    ]);
    expect(v.trails[0]?.head).toBe(ctx.repos.audit.heads().audit_log);
    expect(v.trails[1]?.head).toBe(ctx.repos.audit.heads().appeal_audit);
    expect(v.trails[0]?.head).toMatch(/^[0-9a-f]{64}$/);
  });

  it('starts the chain after entries written before it, and counts them', () => {
    const raw = t.db.prepare(
      "INSERT INTO audit_log (at, user_name, role, action, object_json) VALUES ('2026-01-01', 'old', 'analyst', 'consultation', '{}')",
    );
    raw.run();
    raw.run();
    writeTrails();
    const v = verifyAuditStore(t.path);
    expect(v.ok).toBe(true);
    expect(v.trails[0]).toMatchObject({ checked: 5, unchained: 2 });
  });

  it('names an entry slipped in without its hash', () => {
    writeTrails();
    // The triggers allow a plain INSERT; only the chain shows it did not come through the application.
    t.db
      .prepare(
        "INSERT INTO audit_log (at, user_name, role, action, object_json) VALUES ('2026-11-23', 'forger', 'admin', 'consultation', '{}')",
      )
      .run();
    const v = verifyAuditStore(t.path);
    expect(v.ok).toBe(false);
    expect(v.trails[0]?.failure).toMatchObject({ id: 6, problem: 'unchained' });
  });

  it('on a copy with the triggers dropped, names a changed entry', () => {
    writeTrails();
    const copy = tamperableCopy();
    copy.db.prepare("UPDATE audit_log SET user_name = 'someone else' WHERE id = 3").run();
    copy.db.prepare("UPDATE appeal_audit SET actor = 'nobody' WHERE id = 2").run();
    copy.db.close();
    const v = verifyAuditStore(copy.path);
    expect(v.ok).toBe(false);
    expect(v.trails[0]?.failure).toMatchObject({ id: 3, problem: 'changed' });
    expect(v.trails[1]?.failure).toMatchObject({ id: 2, problem: 'changed' });
    expect(describeVerification(v)).toContain(
      'audit_log: FAILED at entry 3 (changed): its content no longer matches its hash: the entry was changed',
    );
  });

  it('on a copy with the triggers dropped, names the entry after a deleted one', () => {
    writeTrails();
    const copy = tamperableCopy();
    copy.db.prepare('DELETE FROM audit_log WHERE id = 2').run();
    copy.db.close();
    const v = verifyAuditStore(copy.path);
    expect(v.trails[0]?.failure).toMatchObject({ id: 3, problem: 'deleted or inserted' });
    expect(v.trails[1]?.failure).toBeNull();
    expect(v.ok).toBe(false);
  });

  it('catches a cut tail only with the head recorded earlier', () => {
    writeTrails();
    const recorded = ctx.repos.audit.heads();
    const copy = tamperableCopy();
    copy.db.prepare('DELETE FROM audit_log WHERE id >= 4').run();
    copy.db.close();
    // What is left is a valid chain: on its own it cannot show that entries were cut off.
    expect(verifyAuditStore(copy.path).ok).toBe(true);
    const v = verifyAuditStore(copy.path, [recorded.audit_log as string]);
    expect(v.ok).toBe(false);
    expect(v.missingHeads).toEqual([recorded.audit_log]);
    // The other trail's head is still there; either trail's head may be given.
    expect(verifyAuditStore(copy.path, [recorded.appeal_audit as string]).ok).toBe(true);
  });

  it('keeps the chain through a backup and a restore that carries later entries over', () => {
    writeTrails();
    const backup = join(dir, 'backup.db');
    const made = backupDatabase(t.db, backup);
    expect(made.auditHeads).toEqual(ctx.repos.audit.heads());
    ctx.audit.inTransaction(actor, { action: 'alteration', object: { op: 'after the backup' } });
    const before = ctx.repos.audit.heads();
    t.db.close();
    restoreDatabase(backup, t.path);
    const v = verifyAuditStore(t.path, [before.audit_log as string]);
    expect(describeVerification(v)).toContain('audit chain: ok');
    expect(v.trails[0]).toMatchObject({ checked: 6, head: before.audit_log });
  });
});

describe('the screen view and references of an entry (0019) are in its hash', () => {
  /** Two reads made for one screen view, naming references, between entries without any. */
  function writeViews(): void {
    writeTrails();
    const trail = new AuditTrail(ctx.repos, () => '2026-11-23T11:00:00.000Z');
    const view = { viewId: 'view-0001-abcd', screen: '/incidents' };
    trail.record(actor, {
      action: 'consultation',
      object: { route: 'GET /api/incidents' },
      rows: 2,
      references: ['HC/26/2', 'HC/26/44019'],
      ...view,
    });
    trail.record(actor, {
      action: 'consultation',
      object: { route: 'GET /api/incidents/:id' },
      rows: 1,
      references: ['HC/26/44019'],
      ...view,
    });
    expect(trail.flush()).toBe(true);
    ctx.audit.inTransaction(actor, { action: 'alteration', object: { op: 'after the views' } });
  }

  function tampered(sql: string): ReturnType<typeof verifyAuditStore> {
    const copy = tamperableCopy();
    copy.db.exec('DROP TRIGGER audit_references_no_update; DROP TRIGGER audit_references_no_delete;');
    copy.db.exec(sql);
    copy.db.close();
    return verifyAuditStore(copy.path);
  }

  it('verifies, and finds the entry whose screen, view or references were changed afterwards', () => {
    writeViews();
    expect(verifyAuditStore(t.path).ok).toBe(true);
    expect(t.db.prepare('SELECT reference_count AS n FROM audit_log WHERE id = 6').get()).toEqual({ n: 2 });
    expect(tampered("UPDATE audit_log SET screen = '/admin' WHERE id = 6").trails[0]?.failure).toMatchObject({ id: 6, problem: 'changed' });
    expect(tampered('UPDATE audit_log SET view_id = NULL, screen = NULL WHERE id = 7').trails[0]?.failure).toMatchObject({
      id: 7,
      problem: 'changed',
    });
    expect(tampered("DELETE FROM audit_references WHERE audit_id = 6 AND reference = 'HC/26/44019'").trails[0]?.failure).toMatchObject({
      id: 6,
      problem: 'changed',
    });
    expect(tampered("INSERT INTO audit_references (audit_id, reference) VALUES (7, 'HC/26/9')").trails[0]?.failure).toMatchObject({
      id: 7,
      problem: 'changed',
    });
    // Setting a view on an entry written without one is caught too.
    expect(tampered("UPDATE audit_log SET view_id = 'view-forged-1' WHERE id = 2").trails[0]?.failure).toMatchObject({
      id: 2,
      problem: 'changed',
    });
  });

  it('a restore carries later entries over with their views and references', () => {
    writeTrails();
    const backup = join(dir, 'backup.db');
    backupDatabase(t.db, backup);
    const trail = new AuditTrail(ctx.repos, () => '2026-11-23T11:00:00.000Z');
    trail.record(actor, { action: 'consultation', object: {}, references: ['HC/26/44019'], viewId: 'view-0002-abcd', screen: '/' });
    expect(trail.flush()).toBe(true);
    const before = ctx.repos.audit.heads();
    t.db.close();
    restoreDatabase(backup, t.path);
    const v = verifyAuditStore(t.path, [before.audit_log as string]);
    expect(v.ok).toBe(true);
    const again = new Database(t.path, { readonly: true });
    try {
      expect(
        again.prepare('SELECT l.view_id, l.screen, r.reference FROM audit_log l JOIN audit_references r ON r.audit_id = l.id').all(),
      ).toEqual([{ view_id: 'view-0002-abcd', screen: '/', reference: 'HC/26/44019' }]);
    } finally {
      again.close();
    }
  });
});

describe('the store refuses to rewrite either trail', () => {
  beforeEach(() => writeTrails());

  const statements = {
    audit_log: [
      "INSERT OR REPLACE INTO audit_log (id, at, user_name, role, action, object_json) VALUES (2, '2026-11-23', 'x', 'admin', 'consultation', '{\"forged\":1}')",
      "REPLACE INTO audit_log (id, at, user_name, role, action, object_json) VALUES (2, '2026-11-23', 'x', 'admin', 'consultation', '{\"forged\":1}')",
      "INSERT INTO audit_log (id, at, user_name, role, action, object_json) VALUES (2, '2026-11-23', 'x', 'admin', 'consultation', '{}') ON CONFLICT (id) DO UPDATE SET user_name = 'x'",
      "UPDATE audit_log SET user_name = 'x' WHERE id = 2",
      'DELETE FROM audit_log WHERE id = 2',
    ],
    appeal_audit: [
      "INSERT OR REPLACE INTO appeal_audit (id, action, actor, title, warnings, created_at) VALUES (2, 'export', 'x', 'forged', 0, '2026-11-23')",
      "REPLACE INTO appeal_audit (id, action, actor, title, warnings, created_at) VALUES (2, 'export', 'x', 'forged', 0, '2026-11-23')",
      "INSERT INTO appeal_audit (id, action, actor, title, warnings, created_at) VALUES (2, 'export', 'x', 'forged', 0, '2026-11-23') ON CONFLICT (id) DO UPDATE SET title = 'forged'",
      "UPDATE appeal_audit SET actor = 'x' WHERE id = 2",
      'DELETE FROM appeal_audit WHERE id = 2',
    ],
  };

  for (const trail of AUDIT_TRAILS) {
    for (const sql of statements[trail]) {
      it(`${trail}: ${sql.split(' (')[0]}${sql.includes('ON CONFLICT') ? ' … ON CONFLICT DO UPDATE' : ''}`, () => {
        const before = t.db.prepare(`SELECT * FROM ${trail} ORDER BY id`).all();
        expect(() => t.db.prepare(sql).run()).toThrow(`${trail} is append-only`);
        expect(t.db.prepare(`SELECT * FROM ${trail} ORDER BY id`).all()).toEqual(before);
        expect(verifyAuditStore(t.path).ok).toBe(true);
      });
    }
  }
});

describe('npm run audit -- verify', () => {
  const run = (...args: string[]) =>
    spawnSync(join(REPO_ROOT, 'node_modules/.bin/tsx'), ['--conditions=source', 'scripts/audit.ts', 'verify', ...args], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    });

  it('exits 0 with the heads on a sound store, 1 naming the entry on a tampered one or a missing head', () => {
    writeTrails();
    const heads = ctx.repos.audit.heads();
    const copy = tamperableCopy();
    copy.db.close();

    const ok = run('--db', copy.path, '--head', heads.audit_log as string);
    expect(ok.stdout).toContain(`audit_log: 5 entries checked, 0 older unchained entries, head ${heads.audit_log}`);
    expect(ok.stdout).toContain(`appeal_audit: 3 entries checked, 0 older unchained entries, head ${heads.appeal_audit}`);
    expect(ok.status).toBe(0);

    const db = new Database(copy.path);
    db.prepare("UPDATE audit_log SET object_json = '{}' WHERE id = 4").run();
    db.close();
    const changed = run('--db', copy.path);
    expect(changed.stdout).toContain('audit_log: FAILED at entry 4 (changed)');
    expect(changed.status).toBe(1);

    const cut = run('--db', copy.path, '--head', 'f'.repeat(64));
    expect(cut.stdout).toContain('recorded head not found: the trail was cut or rewritten');
    expect(cut.status).toBe(1);
  });
});
