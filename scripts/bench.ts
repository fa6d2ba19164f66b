/**
 * Speed at national scale: builds (once) a database of N incidents through the real import pipeline,
 * then times every read route over HTTP for several filter combinations, and series detection.
 * Prints figures; it asserts nothing (targets are judged by people, not by a flaky timed test).
 *
 *   npm run bench -- [--rows 1000000] [--db .tmp/bench-1m.db] [--runs 5]
 */
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  createApp,
  createContext,
  createToken,
  createUser,
  detect,
  importFile,
  loadConfig,
  loadDeps,
  loadDemoData,
  REPO_ROOT,
  systemActor,
  type AppDeps,
} from '@scam/api';
import { addDays, seriesQuerySchema, type Method } from '@scam/shared';
import { writeSyntheticReturn } from './lib/synthetic-return.js';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    db: { type: 'string' },
    runs: { type: 'string', default: '5' },
  },
});
const rows = Number(values.rows);
const runs = Number(values.runs);
const dbPath = resolve(values.db ?? `${REPO_ROOT}/.tmp/bench-${rows}.db`);
mkdirSync(dirname(dbPath), { recursive: true });

const config = loadConfig({ ...process.env, DB_PATH: dbPath, IMPORT_MAX_BYTES: String(4 * 1024 * 1024 * 1024) });
const { deps, created } = loadDeps(config);
if (created || createContext(deps).repos.incidents.count() < rows) {
  const file = `${dbPath}.csv`;
  console.log(`building ${dbPath}: ${rows.toLocaleString('en-GB')} incidents through the import pipeline…`);
  await writeSyntheticReturn(file, rows);
  const t0 = performance.now();
  importFile(createContext(deps), { data: readFileSync(file), fileName: 'bench.csv', dryRun: false, actor: systemActor('bench') });
  console.log(`  imported in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  rmSync(file);
  deps.db.pragma('optimize');
}
deps.db.pragma('analysis_limit = 1000');
deps.db.exec('ANALYZE');

// Requests carry an API token, as scripts do; an account is made for the benchmark if none exists.
const benchCtx = createContext(deps);
if (!benchCtx.repos.accounts.userByName('bench'))
  await createUser(benchCtx, { name: 'bench', role: 'admin', password: 'timing-only-harbour-lantern' }, systemActor('bench'));
const token = createToken(benchCtx, 'bench', systemActor('bench')).token;
const auth = { authorization: `Bearer ${token}` };
const app = createApp(deps);
const server = app.listen(0, '127.0.0.1');
server.requestTimeout = 0;
await new Promise((ok) => server.once('listening', ok));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const FILTERS: [string, string][] = [
  ['no filter', ''],
  ['last 4 weeks', 'from=2023-12-04&to=2023-12-31'],
  ['one year, courier', 'from=2023-01-01&to=2023-12-31&method=courier'],
  ['two districts', 'district=Watford,St Albans'],
  ['place + outcome + loss', 'place=Hitchin&outcome=lost&minLoss=1000'],
  ['age bands, 3 methods', 'ageBand=70-79,80-89,90%2B&method=courier,hmrc,bank_impersonation'],
];
const ROUTES = [
  '/api/summary',
  '/api/timeseries?interval=week',
  '/api/places',
  '/api/districts',
  '/api/breakdowns',
  '/api/incidents?limit=50&sort=lossPence',
];

async function time(url: string): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const res = await fetch(url, { headers: auth });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${url} → ${res.status}`);
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)] as number;
}

console.log(
  `\nmedian of ${runs} requests, ms, over ${createContext(deps).repos.incidents.count().toLocaleString('en-GB')} incidents (2 cores)`,
);
console.log(`${'filter'.padEnd(26)}${ROUTES.map((r) => r.replace('/api/', '').split('?')[0]?.padStart(12)).join('')}`);
for (const [name, qs] of FILTERS) {
  const cells: string[] = [];
  for (const route of ROUTES) {
    const url = `${base}${route}${route.includes('?') ? '&' : '?'}${qs}`;
    cells.push((await time(url)).toFixed(0).padStart(12));
  }
  console.log(`${name.padEnd(26)}${cells.join('')}`);
}

/** Times detection through the same service GET /api/series calls (in-process: no socket to time out). */
function timeDetection(
  deps: AppDeps,
  q: { to: string; from?: string; method?: Method; mode?: 'retrospective' | 'prospective' },
  label: string,
): void {
  const t0 = performance.now();
  const list = detect(createContext(deps), { ...seriesQuerySchema.parse({}), ...q });
  const kinds = list.series.map((s) => `${s.kind}/${s.method}/${s.count}`).join(', ') || 'none';
  console.log(`${label}: ${((performance.now() - t0) / 1000).toFixed(1)} s; ${list.series.length} series (${kinds.slice(0, 300)})`);
}

const last = createContext(deps).facts.fresh().dataRange()?.last ?? '2023-12-31';
console.log(`\nseries detection (999 replicates, stopping early once nothing can be significant), data to ${last}:`);
timeDetection(deps, { to: last, method: 'courier' }, `  ${rows.toLocaleString('en-GB')} incidents, courier, last 12 months`);
timeDetection(deps, { to: last }, `  ${rows.toLocaleString('en-GB')} incidents, all methods, last 12 months`);
server.close();
await (app.locals.runner as { close(): Promise<void> }).close();

// The same on the demo data (about 10,000 incidents), loaded through the import pipeline.
const demoDir = resolve(REPO_ROOT, 'data/demo');
if (existsSync(demoDir)) {
  const demoDb = resolve(dirname(dbPath), 'bench-demo.db');
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${demoDb}${suffix}`, { force: true });
  const demo = loadDeps(loadConfig({ ...process.env, DB_PATH: demoDb }));
  const demoDeps = { ...demo.deps, watchAfterImport: false };
  loadDemoData(demoDeps, demoDir);
  const demoLast = createContext(demoDeps).facts.fresh().dataRange()?.last ?? '';
  const n = createContext(demoDeps).repos.incidents.count().toLocaleString('en-GB');
  timeDetection(demoDeps, { to: demoLast }, `  demo data (${n} incidents), all methods, last 12 months`);
  timeDetection(
    demoDeps,
    { to: demoLast, from: addDays(demoLast, -83), mode: 'prospective' },
    '  demo data, the watch run (prospective, last 12 weeks)',
  );
  demo.deps.db.close();
} else {
  console.log('  (no data/demo: run npm run generate to time detection on the demo data)');
}
deps.db.close();
