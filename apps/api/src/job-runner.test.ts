import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seriesQuerySchema, type SeriesAlerts } from '@scam/shared';
import { createContext, createServices } from './app.js';
import { workerScript } from './jobs/jobs.js';
import { systemActor } from './services/context.js';
import { importFile } from './services/import.service.js';
import { runDetection, watch } from './services/series.service.js';
import { createTestDb, forceReturn, startTestServer, upload, type TestDb, type TestServer } from './test-support/test-db.js';
import { until } from './test-support/until.js';

/** A fortnight of courier reports in Watford and a scatter elsewhere: one clear series to find. */
function burst(prefix: string): string {
  const rows: string[][] = [];
  for (let i = 0; i < 12; i++)
    rows.push([
      `${prefix}/W${i}`,
      `${String(2 + i).padStart(2, '0')}/10/2023`,
      'Watford',
      'Courier fraud (police impersonation)',
      '£900.00',
      '84',
      'Money lost',
      '',
    ]);
  for (let i = 0; i < 30; i++)
    rows.push([
      `${prefix}/S${i}`,
      `${String(1 + (i % 28)).padStart(2, '0')}/${String(1 + (i % 12)).padStart(2, '0')}/2023`,
      ['Hitchin', 'Royston', 'Tring', 'Ware'][i % 4] as string,
      'Courier fraud (police impersonation)',
      '',
      '70',
      'Attempt, no loss',
      '',
    ]);
  return forceReturn(rows);
}

let t: TestDb;
beforeEach(() => {
  t = createTestDb({ jobs: 'worker' });
});
afterEach(() => t.close());

describe('the worker threads', () => {
  /**
   * The CommonJS modules a worker script loads, as a child process that imports the worker's own entry
   * (tsx registered, then the .ts source) sees them: its module cache holds this graph alone. Express
   * and its kin are CommonJS, so they would be there.
   */
  async function loadedBy(name: string): Promise<{ modules: string[]; error: string | null }> {
    const { url, execArgv } = workerScript(name);
    const script = `
      import { createRequire } from 'node:module';
      let error = null;
      try { await import(${JSON.stringify(url.href)}); } catch (err) { error = String(err); }
      process.stdout.write(JSON.stringify({ error, modules: Object.keys(createRequire(import.meta.url).cache) }));`;
    const { stdout } = await promisify(execFile)(process.execPath, [...execArgv, '--input-type=module', '-e', script], {
      maxBuffer: 16 * 1024 * 1024,
    });
    const out = JSON.parse(stdout) as { modules: string[]; error: string | null };
    return { ...out, modules: out.modules.map((p) => p.replaceAll('\\', '/')) };
  }
  const HTTP_LAYER = ['express', 'express-session', 'multer', 'pino-http', 'helmet'];

  it('the job worker loads the services without the HTTP layer: no Express, sessions or multer in its thread', async () => {
    const { modules, error } = await loadedBy('job-worker');
    // Outside a worker thread it stops at its first line of work (there is no workerData to open a
    // store with), after every module it imports has loaded, its SQLite driver among them.
    expect(error).toMatch(/dbPath/);
    expect(modules.some((p) => p.includes('/node_modules/better-sqlite3/'))).toBe(true);
    for (const pkg of HTTP_LAYER) expect(modules.filter((p) => p.includes(`/node_modules/${pkg}/`))).toEqual([]);
  });

  it('a query worker loads the read model alone', async () => {
    const { modules, error } = await loadedBy('query-worker');
    expect(error).toBeNull();
    for (const pkg of [...HTTP_LAYER, 'better-sqlite3']) expect(modules.filter((p) => p.includes(`/node_modules/${pkg}/`))).toEqual([]);
  });
});

describe('a detection run for a person', () => {
  it('is stored by the job on its worker: the request thread only reads, even for GET /api/series', async () => {
    importFile(createContext(t.deps), {
      data: Buffer.from(burst('HC/RO')),
      fileName: 'burst.csv',
      dryRun: false,
      actor: systemActor('test'),
    });
    // The request thread's connection read-only: any write on it would fail the run.
    const readOnly = new Database(t.path, { readonly: true, fileMustExist: true });
    const deps = { ...t.deps, db: readOnly, watchAfterImport: false };
    const { ctx, startRunner } = createServices(deps);
    const runner = startRunner();
    try {
      const settings = seriesQuerySchema.parse({ replicates: 99, seed: 1 });
      const list = await runDetection(ctx, runner, settings, { from: '2023-09-01', to: '2023-11-30' }, systemActor('analyst'));
      expect(list.series.length).toBeGreaterThan(0);
      // Under the stable ids the series page reads them by, with who ran it and the question it answered.
      for (const s of list.series) {
        const row = t.db
          .prepare<[string], { found_by: string; question_json: string }>(
            'SELECT found_by, question_json FROM detected_series WHERE id = ?',
          )
          .get(s.id);
        expect(row?.found_by).toBe('analyst');
        expect(JSON.parse(row?.question_json ?? '{}')).toMatchObject({ settings: { replicates: 99 }, filters: { from: '2023-09-01' } });
      }
    } finally {
      await runner.close();
      readOnly.close();
    }
  });
});

describe('after a change', () => {
  let server: TestServer;
  afterEach(async () => server.close());

  async function alerts(): Promise<SeriesAlerts> {
    return (await server.api.get('seriesAlerts', { as: 'analyst' })).body;
  }
  const reports = async () => (await server.api.get('summary')).body.reports;

  it('an import, its rollback and its erasure each bring the watch run up to the data, the read model first', async () => {
    importFile(createContext(t.deps), {
      data: Buffer.from(burst('HC/BASE')),
      fileName: 'base.csv',
      dryRun: false,
      actor: systemActor('test'),
    });
    server = await startTestServer({ ...t.deps, watchAfterImport: true });
    const res = await upload(server.url, burst('HC/AC'));
    expect(res.status).toBe(201);
    const { batchId } = res.body;
    // The import's own answer waited for the read model: the very next request shows it.
    expect(await reports()).toBe(84);
    await server.runner.watch.idle();
    expect(await alerts()).toMatchObject({ trigger: 'import', stale: false, pending: false });

    expect((await server.api.post('importRollback', { params: { id: Number(batchId) } })).status).toBe(200);
    expect(await reports()).toBe(42);
    await server.runner.watch.idle();
    expect(await alerts()).toMatchObject({ trigger: 'rollback', stale: false });

    const before = (await alerts()).runAt;
    expect((await server.api.post('importErase', { params: { id: Number(batchId) } })).status).toBe(200);
    await server.runner.watch.idle();
    const after = await alerts();
    // Recorded as 'manual': the stored runs have no trigger for an erasure.
    expect(after).toMatchObject({ trigger: 'manual', stale: false });
    expect(after.runAt).not.toBe(before);
  });

  it('a change made by another process is watched without anyone asking for the alerts', async () => {
    const ctx = createContext(t.deps);
    importFile(ctx, { data: Buffer.from(burst('HC/CLI')), fileName: 'cli.csv', dryRun: false, actor: systemActor('cli:test') });
    watch(ctx, 'startup', null);
    // Another import after that run, as the import CLI makes one beside a running server.
    importFile(ctx, { data: Buffer.from(burst('HC/CLJ')), fileName: 'cli2.csv', dryRun: false, actor: systemActor('cli:test') });
    const version = () => String(t.db.prepare('SELECT version FROM data_version').pluck().get());
    const latestRun = () =>
      t.db
        .prepare<[], { trigger: string; generation: string }>('SELECT trigger, generation FROM detection_runs ORDER BY id DESC LIMIT 1')
        .get();
    expect(latestRun()?.generation).not.toBe(version());

    server = await startTestServer({ ...t.deps, watchAfterImport: true });
    const run = await until(() => (latestRun()?.generation === version() ? latestRun() : null), {
      what: 'a watch run over the other import',
    });
    expect(run.trigger).toBe('manual');
    expect(await alerts()).toMatchObject({ stale: false, pending: false });
  });
});
