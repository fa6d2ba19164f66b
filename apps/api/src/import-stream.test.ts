import { afterEach, describe, expect, it } from 'vitest';
import type { ImportResult } from '@scam/shared';
import { STREAM_BATCH_ROWS } from '@scam/ingest';
import { createContext } from './app.js';
import { systemActor } from './services/context.js';
import { bytesImportSource, importFile, importStream, type ImportSource } from './services/import.service.js';
import { createTestDb, forceReturn, type TestDb } from './test-support/test-db.js';

const TOWNS = ['Watford', 'St Albans', 'Stevenage', 'Hitchin', 'Borehamwood', 'Hemel Hempstead', 'Harpenden', 'Ware'];
const actor = systemActor('test');

/** n force-layout rows; every 97th is bad (an unknown town), every 1000th repeats an earlier reference. */
function bigReturn(n: number, lossOf: (i: number) => string = (i) => (i % 3 === 0 ? '£1,250.00' : '')): string {
  const rows: string[][] = [];
  for (let i = 0; i < n; i++) {
    const d = new Date(Date.UTC(2024, 0, 1) + ((i * 7919) % 700) * 86_400_000);
    const date = `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
    const loss = lossOf(i);
    rows.push([
      i % 1000 === 999 ? `HC/${i - 500}` : `HC/${i}`,
      date,
      i % 97 === 0 ? 'Atlantis' : (TOWNS[(i * 31) % TOWNS.length] as string),
      i % 2 === 0 ? 'Courier fraud (police impersonation)' : 'Bank impersonation - safe account',
      loss,
      String(20 + (i % 70)),
      loss === '' ? 'Attempt, no loss' : 'Money lost',
      i % 5 === 0 ? 'Told to call 101' : '',
    ]);
  }
  return forceReturn(rows);
}

/** A source that hands out `data` in chunks and stops after `pauseAfter` bytes until released. */
function gatedSource(data: Uint8Array, pauseAfter: number): { source: ImportSource; reached: Promise<void>; release: () => void } {
  let release = (): void => {};
  let reached = (): void => {};
  const gate = new Promise<void>((r) => (release = r));
  const reachedGate = new Promise<void>((r) => (reached = r));
  const base = bytesImportSource(data);
  return {
    source: {
      ...base,
      open: async function* () {
        for (let i = 0; i < data.byteLength; i += 16 * 1024) {
          if (i >= pauseAfter) {
            reached();
            await gate;
          }
          yield data.subarray(i, Math.min(i + 16 * 1024, data.byteLength));
        }
      },
    },
    reached: reachedGate,
    release,
  };
}

let dbs: TestDb[] = [];
function db(): TestDb {
  const t = createTestDb();
  dbs.push(t);
  return t;
}
afterEach(() => {
  for (const t of dbs) t.close();
  dbs = [];
});

/** One fixed clock, so two stores written at different moments can be compared row for row. */
function ctxOf(t: TestDb) {
  return createContext({ ...t.deps, now: () => '2026-11-23T10:00:00.000Z' });
}

function stored(t: TestDb, reference: string): unknown {
  return ctxOf(t).repos.incidents.getByReference(reference);
}

function tableCounts(t: TestDb): Record<string, number> {
  const n = (table: string) => (t.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  return {
    incidents: n('incidents'),
    history: n('incident_history'),
    rejected: n('rejected_rows'),
    unchanged: n('batch_unchanged'),
    batches: n('import_batches'),
  };
}

describe('streamed import', () => {
  it('imports a 30,000-row file exactly as the whole-file path does, and the same file again changes nothing', async () => {
    const data = Buffer.from(bigReturn(30_000));
    const whole = db();
    const streamed = db();
    const a = importFile(ctxOf(whole), { data, fileName: 'big.csv', dryRun: false, actor });
    const b = await importStream(ctxOf(streamed), {
      source: bytesImportSource(data),
      fileName: 'big.csv',
      dryRun: false,
      actor,
    });

    expect(b.counts).toEqual(a.counts);
    expect(b.counts.rows).toBe(30_000);
    expect(b.counts.rejected).toBeGreaterThan(300);
    expect(b.counts.inserted).toBe(30_000 - b.counts.rejected);
    expect(b.errors).toEqual(a.errors);
    expect(b.errorsTruncated).toBe(a.errorsTruncated);
    expect(tableCounts(streamed)).toEqual(tableCounts(whole));
    for (const ref of ['HC/1', 'HC/15000', 'HC/29998']) {
      expect(stored(streamed, ref)).toEqual(stored(whole, ref));
      expect(stored(streamed, ref)).toBeDefined();
    }
    // A repeat on a line after the first batch names the line the reference first appeared on.
    expect(b.errors.find((e) => e.value === 'HC/4499')?.reason).toBe(
      'reference "HC/4499" already appears on line 4501 of this file (as written, or in look-alike characters)',
    );
    for (const sql of [
      'SELECT * FROM import_batches',
      'SELECT line, raw_json, errors_json FROM rejected_rows ORDER BY line',
      'SELECT incident_id, batch_id, kind, changed_at, before_json, changes_json FROM incident_history ORDER BY id',
    ]) {
      expect(streamed.db.prepare(sql).all()).toEqual(whole.db.prepare(sql).all());
    }

    const before = streamed.fingerprint();
    const again = await importStream(ctxOf(streamed), {
      source: bytesImportSource(data),
      fileName: 'big.csv',
      dryRun: false,
      actor,
    });
    expect(again.alreadyImported).toBe(true);
    expect(again.counts).toEqual({ ...b.counts, inserted: 0, unchanged: b.counts.inserted });
    expect(streamed.fingerprint()).toBe(before);
  }, 240_000);

  it('updates re-sent references with history, and a dry run plans the same without writing', async () => {
    const t = db();
    const ctx = createContext(t.deps);
    await importStream(ctx, { source: bytesImportSource(Buffer.from(bigReturn(5000))), fileName: 'w1.csv', dryRun: false, actor });
    const resent = Buffer.from(bigReturn(5000, (i) => (i % 3 === 0 ? '£1,250.00' : i % 4 === 0 ? '£10.00' : '')));
    const before = t.fingerprint();
    const dry = await importStream(ctx, { source: bytesImportSource(resent), fileName: 'w2.csv', dryRun: true, actor });
    expect(t.fingerprint()).toBe(before);
    const real = await importStream(ctx, { source: bytesImportSource(resent), fileName: 'w2.csv', dryRun: false, actor });
    expect(real.counts).toEqual(dry.counts);
    expect(real.counts.updated).toBeGreaterThan(500);
    expect(real.counts.inserted).toBe(0);
    expect(real.counts.unchanged + real.counts.updated + real.counts.rejected).toBe(5000);
    expect(dry.plan?.filter((p) => p.action === 'update').length).toBeGreaterThan(0);
    const changed = ctx.repos.incidents.getByReference('HC/4') as { id: number; loss_pence: number };
    expect(changed.loss_pence).toBe(1000);
    expect(ctx.repos.incidents.history(changed.id).map((h) => h.kind)).toEqual(['insert', 'update']);
  });

  it('imports after a dry run that was the first thing its connection did (the dry run rolls back the tracker table)', async () => {
    const t = db();
    const ctx = createContext(t.deps);
    const data = Buffer.from(bigReturn(300));
    const dry = await importStream(ctx, { source: bytesImportSource(data), fileName: 'w1.csv', dryRun: true, actor });
    expect(dry.counts.inserted).toBeGreaterThan(250);
    const real = await importStream(ctx, { source: bytesImportSource(data), fileName: 'w1.csv', dryRun: false, actor });
    expect(real.counts).toEqual(dry.counts);
    expect(ctx.repos.incidents.count()).toBe(real.counts.inserted);
  });

  it('writes the first batch before the file has been read to the end, and a refusal at the end leaves the store as it was', async () => {
    const t = db();
    const ctx = createContext(t.deps);
    const before = t.fingerprint();
    // A NUL byte at the very end: the whole file is refused, after many batches were written.
    const data = Buffer.concat([Buffer.from(bigReturn(3 * STREAM_BATCH_ROWS)), Buffer.from([0])]);
    const gated = gatedSource(data, data.byteLength - 16 * 1024);
    let result: ImportResult | Error | null = null;
    const running = importStream(ctx, { source: gated.source, fileName: 'late.csv', dryRun: false, actor }).then(
      (r) => (result = r),
      (err: Error) => (result = err),
    );
    await gated.reached;
    // The reader is parked before the last chunk: rows already sit in the open transaction.
    expect(result).toBeNull();
    expect(ctx.repos.incidents.count()).toBeGreaterThanOrEqual(STREAM_BATCH_ROWS);
    gated.release();
    await running;
    expect(result).toMatchObject({ status: 400, code: 'file_refused' });
    expect((result as unknown as Error).message).toMatch(/NUL bytes/);
    expect(t.fingerprint()).toBe(before);
  });

  it('applies a remembered mapping to a streamed file with the same header line', async () => {
    const t = db();
    const ctx = createContext(t.deps);
    const csv = (ref: string) =>
      `Crime No,Date,Town,Method,Loss,Age,Result,Notes\r\n${ref},01/03/2025,Watford,Courier fraud,,71,"Attempt, no loss",\r\n`;
    const first = importFile(ctx, {
      data: Buffer.from(csv('X/1')),
      fileName: 'a.csv',
      dryRun: false,
      actor,
      mapping: { 'Crime No': 'reference', Result: 'outcome' },
    });
    expect(first.counts.inserted).toBe(1);
    const second = await importStream(ctx, { source: bytesImportSource(Buffer.from(csv('X/2'))), fileName: 'b.csv', dryRun: false, actor });
    expect(second.counts.inserted).toBe(1);
    expect(second.remembered?.mapping).toMatchObject({ 'Crime No': 'reference' });
    expect(second.mapping.find((m) => m.header === 'Crime No')).toMatchObject({ field: 'reference', source: 'remembered' });
  });
});
