import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import type { ImportResult, SeriesList } from '@scam/shared';
import { createContext } from './app.js';
import { openDatabase } from './db/connection.js';
import { systemActor } from './services/context.js';
import { importFile } from './services/import.service.js';
import { createTestDb, forceReturn, startTestServer, upload, type TestDb, type TestServer } from './test-support/test-db.js';
import { until } from './test-support/until.js';

const TOWNS = ['Watford', 'St Albans', 'Stevenage', 'Hitchin', 'Borehamwood', 'Hemel Hempstead', 'Harpenden', 'Ware', 'Tring', 'Royston'];

/**
 * A year of courier reports over ten towns, with a week of 40 in Watford in October: a real cluster,
 * so a 9,999-replicate scan cannot stop early and takes a while.
 */
function yearOfReports(prefix: string, n: number): string {
  const rows: string[][] = [];
  for (let i = 0; i < 40 && n > 100; i++)
    rows.push([
      `${prefix}/W${i}`,
      `0${2 + (i % 7)}/10/2023`,
      'Watford',
      'Courier fraud (police impersonation)',
      '£2,000.00',
      '81',
      'Money lost',
      '',
    ]);
  for (let i = 0; i < n; i++) {
    const d = new Date(Date.UTC(2023, 0, 1) + ((i * 7919) % 365) * 86_400_000);
    const date = `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/2023`;
    rows.push([
      `${prefix}/${i}`,
      date,
      TOWNS[(i * 31) % TOWNS.length] as string,
      'Courier fraud (police impersonation)',
      '',
      String(60 + (i % 30)),
      'Attempt, no loss',
      '',
    ]);
  }
  return forceReturn(rows);
}

let t: TestDb;
let server: TestServer;

beforeEach(async () => {
  t = createTestDb({ jobs: 'worker' });
  importFile(createContext(t.deps), {
    data: Buffer.from(yearOfReports('HC/BG', 2500)),
    fileName: 'background.csv',
    dryRun: false,
    actor: systemActor('test'),
  });
});
afterEach(async () => {
  await server.close();
  t.close();
});

const heavyScan = '/api/series?from=2023-07-01&to=2023-12-31&replicates=9999&seed=7';

describe('long work runs off the request thread', () => {
  it('answers health and the summary while a 9,999-replicate detection run is going', async () => {
    server = await startTestServer(t.deps);
    let scanDone = 0;
    const scan = server.fetch(heavyScan).then(async (res) => {
      scanDone = Date.now();
      return { status: res.status, body: (await res.json()) as SeriesList };
    });
    await until(() => server.runner.running('detect'), { what: 'the scan under way' });
    const health = await fetch(`${server.url}/api/health`);
    const summary = await server.fetch('/api/summary');
    const answeredAt = Date.now();
    expect(health.status).toBe(200);
    expect(summary.status).toBe(200);
    expect(((await summary.json()) as { reports: number }).reports).toBe(2540);
    // Both answered while the scan was still running, not after it.
    expect(scanDone).toBe(0);
    const result = await scan;
    expect(result.status).toBe(200);
    expect(result.body.replicates).toBe(9999);
    expect(scanDone).toBeGreaterThan(answeredAt);
  });

  it('stops a run that takes longer than the limit with a clear 503, and the next run works', async () => {
    t.deps.detectionTimeoutMs = 1000;
    server = await startTestServer(t.deps);
    const res = await server.fetch('/api/series?from=2023-01-01&to=2023-12-31&replicates=9999&seed=3');
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).not.toBeNull();
    expect(await res.json()).toMatchObject({ error: { code: 'timeout' } });
    const small = await server.fetch('/api/series?from=2023-12-01&to=2023-12-31&replicates=9');
    expect(small.status).toBe(200);
  });

  it('runs one import at a time: a second upload while one runs is refused with 409 and nothing of it is written', async () => {
    server = await startTestServer(t.deps);
    const first = upload(server.url, yearOfReports('HC/A', 30_000), { fileName: 'a.csv' });
    await until(() => server.runner.running('import'), { what: 'the first import under way' });
    const second = await upload(server.url, yearOfReports('HC/B', 10), { fileName: 'b.csv' });
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ error: { code: 'import_running' } });
    const done = await first;
    expect(done.status).toBe(201);
    expect((done.body as unknown as ImportResult).counts.inserted).toBe(30_040);
    // The read model was rebuilt on a worker before the import answered: the figures show it at once.
    expect(((await (await server.fetch('/api/summary')).json()) as { reports: number }).reports).toBe(2540 + 30_040);
    const n = (t.db.prepare("SELECT count(*) AS n FROM incidents WHERE reference LIKE 'HC/B/%'").get() as { n: number }).n;
    expect(n).toBe(0);
    // Afterwards the same upload goes in.
    expect((await upload(server.url, yearOfReports('HC/B', 10), { fileName: 'b.csv' })).status).toBe(201);
  });

  it('rebuilds the read model on a worker when the change log does not cover a change: old figures meanwhile, then the new', async () => {
    server = await startTestServer(t.deps);
    const summary = async () => ((await (await server.fetch('/api/summary')).json()) as { reports: number }).reports;
    expect(await summary()).toBe(2540);
    // The command-line importer's own connection, as another process would write.
    const cli = openDatabase(t.path);
    importFile(createContext({ ...t.deps, db: cli }), {
      data: Buffer.from(yearOfReports('HC/CLI', 20_000)),
      fileName: 'cli.csv',
      dryRun: false,
      actor: systemActor('cli:test'),
    });
    // As if the log had been pruned past the server's version: only a whole reload can catch up.
    cli.exec('DELETE FROM incident_changes');
    cli.close();
    // The first request after the change starts the rebuild and is answered from what was loaded.
    expect(await summary()).toBe(2540);
    await until(async () => (await summary()) === 2540 + 20_040, { what: 'the rebuilt read model in use' });
  });

  it('answers aggregates on the query workers, current after an import and after its rollback', async () => {
    server = await startTestServer({ ...t.deps, queryWorkersFrom: 0 });
    const sql = (where: string) => (t.db.prepare(`SELECT count(*) AS n FROM incidents WHERE ${where}`).get() as { n: number }).n;
    const watford = async () =>
      ((await (await server.fetch('/api/summary?district=Watford&method=courier')).json()) as { reports: number }).reports;
    const before = await watford();
    expect(before).toBe(sql("district = 'Watford' AND method = 'courier'"));
    const res = await upload(server.url, yearOfReports('HC/NEW', 120), { fileName: 'new.csv' });
    expect(res.status).toBe(201);
    const batch = (res.body as unknown as ImportResult).batchId;
    // The import's own response waited for the read model, so the very next request shows it.
    expect(await watford()).toBe(sql("district = 'Watford' AND method = 'courier'"));
    expect(await watford()).toBeGreaterThan(before);
    expect((await server.fetch(`/api/imports/${batch}/rollback`, { method: 'POST' })).status).toBe(200);
    expect(await watford()).toBe(before);
    // Places come back named from the tables of the moment they were counted.
    const places = (await (await server.fetch('/api/places?district=Watford')).json()) as { places: { name: string }[] };
    expect(places.places.map((p) => p.name)).toEqual(['Watford']);
  });

  it('answers 503 with Retry-After, not a stall or a 500, when another process holds the database', async () => {
    server = await startTestServer(t.deps);
    const other = new Database(t.path);
    other.prepare('BEGIN IMMEDIATE').run();
    try {
      const started = Date.now();
      const res = await server.fetch('/api/saved-series', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Held', method: 'courier', incidents: ['HC/BG/1'] }),
      });
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('2');
      expect(await res.json()).toMatchObject({ error: { code: 'busy' } });
      // Reading goes on meanwhile (WAL), and promptly: no one waits out the other writer.
      expect((await server.fetch('/api/summary')).status).toBe(200);
      expect(Date.now() - started).toBeLessThan(5000);
      // The request thread's connection does not wait for the lock at all: waiting would hold the
      // whole event loop (health checks included) for as long as it waited.
      expect(t.db.pragma('busy_timeout', { simple: true })).toBe(0);
    } finally {
      other.prepare('ROLLBACK').run();
      other.close();
    }
    const after = await server.fetch('/api/saved-series', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Held', method: 'courier', incidents: ['HC/BG/1'] }),
    });
    expect(after.status).toBe(201);
  });
});
