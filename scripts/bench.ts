/**
 * Speed and memory at national scale, one run, same data, side by side (issue 10). Prints a table with
 * each target's pass/fail and writes it as JSON (artifacts/bench.json and artifacts/bench-<rows>.json).
 * Asserts nothing and is not part of `npm test`: targets are goals, judged by people. Method and the
 * latest figures: docs/performance.md.
 *
 *   npm run bench -- [--rows 1000000] [--memory-rows 1000000,3000000] [--samples 40] [--server source|dist]
 *                    [--store FILE]   (views only, on a copy of an imported store: no import figures)
 *                    [--no-browser] [--keep]
 *
 * 1. N rows of force-layout returns in five chronological files (scripts/bench-data.ts).
 * 2. Import: the CLI (scripts/import.ts, the project's own import function) in a child process under
 *    /usr/bin/time -v (peak memory = its maximum resident set, i.e. VmHWM), beside `sqlite3 .import` of
 *    the same files into the same schema (scripts/bench-sqlite.ts). Again at each --memory-rows count.
 * 3. The server (apps/api/src/main.ts, its own process) on that store, signed in as its first admin:
 *    p50/p95 of every dashboard route over a mix of filters, each beside DuckDB computing the same
 *    aggregate over the same rows (scripts/bench-duckdb.ts); a cheap route's p95 idle and while two
 *    clients loop the heaviest; the first rendered dashboard in headless Chromium; a 5,000-row weekly
 *    return and its corrected re-send through POST /api/imports, with /api/summary checked straight
 *    after; the server's VmHWM from /proc.
 * 4. The initial JavaScript, gzipped (scripts/bundle-size.mjs).
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, copyFileSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { firstRender } from './bench-browser.js';
import { HISTORY, writeReturns, writeWeeklyReturn, type ReturnStats } from './bench-data.js';
import { duckSql, loadIncidents, openDuckDb, queryString, timeDuck, type BenchFilter } from './bench-duckdb.js';
import { sqliteAvailable, sqliteImport } from './bench-sqlite.js';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const GAZETTEER = join(ROOT, 'data/places.csv');
const MIGRATIONS = join(ROOT, 'apps/api/src/db/migrations');

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    'memory-rows': { type: 'string' },
    samples: { type: 'string', default: '40' },
    keep: { type: 'boolean', default: false },
    /** An already imported store (copied, never changed): skips writing data and every import figure. */
    store: { type: 'string' },
    'no-browser': { type: 'boolean', default: false },
    /** `source` runs apps/api/src/main.ts through tsx (always the code in the tree); `dist` the build. */
    server: { type: 'string', default: 'source' },
  },
});
const rows = Number(values.rows);
// Other work on the machine skews every figure; the table says how busy it was.
const loadAtStart = loadavg()[0] ?? 0;
const samples = Number(values.samples);
if (!Number.isInteger(rows) || rows < 1000) throw new Error('--rows must be a whole number, at least 1000');
// Peak memory at N, and at 3N by default only while that stays quick: from 100,000 rows on, the 3N
// import alone takes minutes, so ask for it (--memory-rows 100000,300000).
const memoryRows = values['memory-rows'] ? values['memory-rows'].split(',').map(Number) : rows < 100_000 ? [rows, 3 * rows] : [rows];
const dir = join(ROOT, `.tmp/bench-${rows}`);
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const fmt = (n: number, d = 0) => n.toLocaleString('en-GB', { minimumFractionDigits: d, maximumFractionDigits: d });
const log = (s: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${s}`);
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
};

// ── 1 + 2: data and import ─────────────────────────────────────────────────────────────────────────
interface CliImport {
  rows: number;
  seconds: number;
  peakMb: number;
}
/** Runs the import CLI on `files` into a new `db` under /usr/bin/time -v. */
function cliImport(db: string, files: ReturnStats[]): CliImport {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${db}${suffix}`, { force: true });
  const timeFile = `${db}.time`;
  const t0 = performance.now();
  const r = spawnSync(
    '/usr/bin/time',
    [
      '-v',
      '-o',
      timeFile,
      process.execPath,
      '--import',
      'tsx',
      '--conditions=source',
      join(ROOT, 'scripts/import.ts'),
      '--db',
      db,
      ...files.map((f) => f.path),
    ],
    {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 512 * 1024 * 1024,
      env: { ...process.env, IMPORT_MAX_BYTES: String(4 * 1024 ** 3), LOG_LEVEL: 'warn' },
    },
  );
  const seconds = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`import CLI failed (${r.status}):\n${r.stdout.slice(-3000)}\n${r.stderr.slice(-3000)}`);
  const kb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(readFileSync(timeFile, 'utf8'))?.[1]);
  return { rows: files.reduce((s, f) => s + f.rows, 0), seconds, peakMb: kb / 1024 };
}

const storeDb = join(dir, 'store.db');
let imported: CliImport | null = null;
let sqlite: { seconds: number; rows: number } | { error: string } = { error: 'not run (--store)' };
const memory: CliImport[] = [];
let weekly: Awaited<ReturnType<typeof writeWeeklyReturn>>;
if (values.store) {
  // Views only, on a copy: the weekly returns below change the store they land in.
  log(`copying ${values.store} (views only: no import figures)…`);
  copyFileSync(values.store, storeDb);
  weekly = await writeWeeklyReturn(dir, 5000, GAZETTEER);
} else {
  log(`writing ${fmt(rows)} rows as five returns in ${dir}…`);
  const returns = await writeReturns(dir, rows, GAZETTEER);
  weekly = await writeWeeklyReturn(dir, 5000, GAZETTEER);
  log(`importing through the CLI (scripts/import.ts)…`);
  imported = cliImport(storeDb, returns);
  log(`  ${imported.seconds.toFixed(1)} s, peak ${fmt(imported.peakMb)} MB`);
  if (values.keep) copyFileSync(storeDb, join(dir, 'store-imported.db'));
  if (sqliteAvailable()) {
    log('the same files through sqlite3 .import…');
    sqlite = sqliteImport(
      join(dir, 'sqlite.db'),
      returns.map((r) => r.path),
      MIGRATIONS,
      GAZETTEER,
    );
    log(`  ${sqlite.seconds.toFixed(1)} s`);
    rmSync(join(dir, 'sqlite.db'), { force: true });
  } else sqlite = { error: 'sqlite3 not found' };

  for (const m of memoryRows) {
    if (m === rows) {
      memory.push(imported);
      continue;
    }
    const sub = join(dir, `memory-${m}`);
    mkdirSync(sub, { recursive: true });
    log(`peak memory at ${fmt(m)} rows: writing and importing…`);
    const files = await writeReturns(sub, m, GAZETTEER, 5, 99);
    const run = cliImport(join(sub, 'store.db'), files);
    log(`  ${run.seconds.toFixed(1)} s, peak ${fmt(run.peakMb)} MB`);
    memory.push(run);
    rmSync(sub, { recursive: true, force: true });
  }
}

// ── 3: the server ──────────────────────────────────────────────────────────────────────────────────
if (!existsSync(join(ROOT, 'apps/web/dist/index.html'))) {
  log('building the dashboard (apps/web/dist is missing)…');
  spawnSync('npm', ['run', 'build', '-w', '@scam/web'], { cwd: ROOT, stdio: 'inherit' });
}
const port = 19_500 + Math.floor(Math.random() * 400);
const base = `http://127.0.0.1:${port}`;
const password = 'bench-timing-harbour-lantern-42';
log('starting the server on the store…');
const serverArgs =
  values.server === 'dist'
    ? [join(ROOT, 'apps/api/dist/main.js')]
    : ['--import', 'tsx', '--conditions=source', join(ROOT, 'apps/api/src/main.ts')];
const server = spawn(process.execPath, serverArgs, {
  cwd: ROOT,
  env: {
    ...process.env,
    DB_PATH: storeDb,
    PORT: String(port),
    DEMO_DATA: '0',
    ADMIN_PASSWORD: password,
    LOG_LEVEL: 'warn',
    IMPORT_MAX_BYTES: String(100 * 1024 * 1024),
  },
  stdio: ['ignore', 'pipe', 'pipe'],
});
let serverOutput = '';
server.stdout.on('data', (c: Buffer) => (serverOutput = (serverOutput + c.toString()).slice(-20_000)));
server.stderr.on('data', (c: Buffer) => (serverOutput = (serverOutput + c.toString()).slice(-20_000)));
const vmHwmMb = () => {
  try {
    return Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'))?.[1]) / 1024;
  } catch {
    return NaN;
  }
};

interface RouteResult {
  route: string;
  label: string;
  n: number;
  p50: number;
  p95: number;
  duckP50: number | null;
  duckP95: number | null;
}
const results: RouteResult[] = [];
let duckNote = '';
let load: { route: string; heavy: string; idleP50: number; idleP95: number; loadP50: number; loadP95: number; n: number } | null = null;
let render: { ms: number[] } | { error: string } = { error: 'not run' };
const weeklyResult: {
  label: string;
  seconds: number;
  status: number;
  counts: unknown;
  reportsDelta: number;
  expectReports: number;
  lossDelta: number;
  expectLoss: number;
}[] = [];
let serverPeakMb = NaN;
let storeRows = 0;

try {
  const deadline = Date.now() + 900_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`server exited:\n${serverOutput}`);
    if (Date.now() > deadline) throw new Error(`server did not start:\n${serverOutput}`);
    try {
      if ((await fetch(`${base}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const signIn = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ username: 'admin', password }),
  });
  if (!signIn.ok) throw new Error(`sign-in failed: ${signIn.status} ${await signIn.text()}`);
  const cookie =
    signIn.headers
      .getSetCookie()
      .map((c) => c.split(';')[0] ?? '')
      .find((c) => c.includes('=')) ?? '';
  const headers = { cookie, origin: base };
  const get = async (path: string): Promise<Response> => {
    const res = await fetch(`${base}${path}`, { headers, signal: AbortSignal.timeout(600_000) });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${path} → ${res.status}`);
    return res;
  };
  const summary = async () => (await (await fetch(`${base}/api/summary`, { headers })).json()) as { reports: number; lossPence: number };
  storeRows = (await summary()).reports;

  // DuckDB over the same rows: the incidents table exported from the store as CSV.
  const duck = await openDuckDb(ROOT);
  if ('error' in duck) duckNote = `DuckDB: not available (${duck.error})`;
  else {
    const csv = join(dir, 'incidents.csv');
    const fd = openSync(csv, 'w');
    const r = spawnSync(
      '/usr/bin/sqlite3',
      [
        '-csv',
        '-header',
        storeDb,
        'SELECT id, reference, offence_date, place, district_code, district, county, lat, lon, method, impersonated, channel, loss_pence, outcome, victim_age, age_band FROM incidents',
      ],
      { stdio: ['ignore', fd, 'pipe'] },
    );
    closeSync(fd);
    if (r.status !== 0) duckNote = `DuckDB: not available (export failed: ${String(r.stderr)})`;
    else {
      await loadIncidents(duck.connection, csv);
      duckNote = `DuckDB ${duck.version}, in-process, 2 threads, over the same rows (exported as CSV, read_csv into a table)`;
    }
    rmSync(csv, { force: true });
  }
  const duckConnection = 'error' in duck || duckNote.includes('not available') ? null : duck.connection;

  const YEAR: BenchFilter = { from: '2025-01-01', to: '2025-12-31' };
  const MIX: BenchFilter[] = [
    {},
    { method: ['courier'] },
    YEAR,
    { district: ['Watford', 'St Albans'] },
    { method: ['courier', 'hmrc', 'bank_impersonation'], from: '2025-07-01', to: '2025-12-31', district: ['Dacorum'] },
    { outcome: ['lost'], minLoss: 1000, ageBand: ['70-79', '80-89', '90+'] },
  ];
  const HISTORY_MIX: BenchFilter[] = [
    {},
    { method: ['courier'] },
    { district: ['Watford', 'St Albans'] },
    { outcome: ['lost'], minLoss: 1000 },
  ];
  const last12Weeks = { from: '2025-10-06', to: HISTORY.last };
  interface Spec {
    key: string;
    label: string;
    path: string;
    filters: BenchFilter[];
    n?: number;
    post?: (f: BenchFilter) => unknown;
    /** Detection answers a repeated request from its cache: a new seed each time makes every run a real one. */
    freshSeed?: boolean;
  }
  const SPECS: Spec[] = [
    { key: 'summary', label: 'summary', path: '/api/summary', filters: MIX },
    { key: 'timeseries', label: 'timeseries, week, whole history', path: '/api/timeseries?interval=week', filters: HISTORY_MIX },
    {
      key: 'timeseries-year',
      label: 'timeseries, week, one year',
      path: '/api/timeseries?interval=week',
      filters: HISTORY_MIX.map((f) => ({ ...f, ...YEAR })),
    },
    { key: 'places', label: 'places', path: '/api/places', filters: MIX },
    { key: 'districts', label: 'districts', path: '/api/districts', filters: MIX },
    { key: 'breakdowns', label: 'breakdowns', path: '/api/breakdowns', filters: MIX },
    { key: 'incidents', label: 'incident page (50, newest)', path: '/api/incidents?limit=50', filters: MIX },
    {
      key: 'series',
      label: 'series (detection, 99 replicates)',
      path: '/api/series?replicates=99',
      filters: [
        { ...last12Weeks },
        { ...last12Weeks, method: ['courier'] },
        { ...YEAR, method: ['courier'], district: ['Watford', 'St Albans'] },
      ],
      n: Math.min(samples, 6),
      freshSeed: true,
    },
    {
      key: 'appeal',
      label: 'appeal draft (POST)',
      path: '/api/appeals/draft',
      filters: [
        { ...last12Weeks, method: ['courier'] },
        { ...YEAR, method: ['hmrc'], district: ['Watford'] },
      ],
      post: (f) => ({ filters: Object.fromEntries(new URLSearchParams(queryString(f))) }),
    },
  ];
  let seed = 1;
  const request = async (spec: Spec, f: BenchFilter): Promise<number> => {
    const t0 = performance.now();
    if (spec.post) {
      const res = await fetch(`${base}${spec.path}`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify(spec.post(f)),
      });
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`POST ${spec.path} → ${res.status}`);
    } else {
      const qs = [queryString(f), spec.freshSeed ? `seed=${seed++}` : ''].filter(Boolean).join('&');
      await get(`${spec.path}${qs ? (spec.path.includes('?') ? '&' : '?') + qs : ''}`);
    }
    return performance.now() - t0;
  };
  for (const spec of SPECS) {
    const n = spec.n ?? samples;
    for (const f of spec.filters) await request(spec, f); // warm-up, untimed
    const http: number[] = [];
    for (let i = 0; i < n; i++) http.push(await request(spec, spec.filters[i % spec.filters.length] as BenchFilter));
    let duckTimes: number[] | null = null;
    if (duckConnection && duckSql(spec.key, {}) !== null) {
      duckTimes = [];
      for (const f of spec.filters) await timeDuck(duckConnection, duckSql(spec.key, f) as string);
      for (let i = 0; i < n; i++)
        duckTimes.push(await timeDuck(duckConnection, duckSql(spec.key, spec.filters[i % spec.filters.length] as BenchFilter) as string));
    }
    const r: RouteResult = {
      route: spec.key,
      label: spec.label,
      n,
      p50: pct(http, 50),
      p95: pct(http, 95),
      duckP50: duckTimes ? pct(duckTimes, 50) : null,
      duckP95: duckTimes ? pct(duckTimes, 95) : null,
    };
    results.push(r);
    log(
      `  ${spec.label}: p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms${r.duckP50 !== null ? `; DuckDB p50 ${r.duckP50.toFixed(1)} ms` : ''}`,
    );
  }

  // Cheap route under load: two clients loop the heaviest aggregate route meanwhile.
  const heaviest = results.filter((r) => !['series', 'appeal'].includes(r.route)).sort((a, b) => b.p50 - a.p50)[0] as RouteResult;
  const heavySpec = SPECS.find((s) => s.key === heaviest.route) as Spec;
  const cheap = '/api/summary';
  const cheapSamples = Math.max(100, samples * 3);
  const measureCheap = async () => {
    const t: number[] = [];
    for (let i = 0; i < cheapSamples; i++) {
      const t0 = performance.now();
      await get(cheap);
      t.push(performance.now() - t0);
    }
    return t;
  };
  const idle = await measureCheap();
  let stop = false;
  const loop = async () => {
    for (let i = 0; !stop; i++) await request(heavySpec, heavySpec.filters[i % heavySpec.filters.length] as BenchFilter);
  };
  const clients = [loop(), loop()];
  const loaded = await measureCheap();
  stop = true;
  await Promise.all(clients);
  load = {
    route: cheap,
    heavy: heaviest.label,
    idleP50: pct(idle, 50),
    idleP95: pct(idle, 95),
    loadP50: pct(loaded, 50),
    loadP95: pct(loaded, 95),
    n: cheapSamples,
  };
  log(`  ${cheap} p95 idle ${load.idleP95.toFixed(1)} ms, while two clients loop ${heaviest.label}: ${load.loadP95.toFixed(1)} ms`);

  if (!values['no-browser']) {
    log('first rendered dashboard in headless Chromium…');
    render = await firstRender(base, cookie);
    log(`  ${'ms' in render ? render.ms.map((m) => `${m.toFixed(0)} ms`).join(', ') : render.error}`);
  }

  // A weekly return into the big store, then the same return re-sent with corrections.
  const upload = async (label: string, file: ReturnStats, expectReports: number, expectLoss: number) => {
    const before = await summary();
    const form = new FormData();
    form.append('file', new Blob([readFileSync(file.path)], { type: 'text/csv' }), file.path.split('/').pop());
    const t0 = performance.now();
    const res = await fetch(`${base}/api/imports`, { method: 'POST', headers, body: form, signal: AbortSignal.timeout(600_000) });
    const body = (await res.json()) as { counts?: unknown };
    const seconds = (performance.now() - t0) / 1000;
    const after = await summary();
    const r = {
      label,
      seconds,
      status: res.status,
      counts: body.counts ?? body,
      reportsDelta: after.reports - before.reports,
      expectReports,
      lossDelta: after.lossPence - before.lossPence,
      expectLoss,
    };
    weeklyResult.push(r);
    log(
      `  ${label}: HTTP ${res.status} in ${seconds.toFixed(2)} s; summary reports +${r.reportsDelta} (expected +${expectReports}), loss ${r.lossDelta >= 0 ? '+' : ''}${r.lossDelta} p (expected ${expectLoss})`,
    );
  };
  log('weekly return through POST /api/imports…');
  await upload('5,000-row weekly return', weekly.first, weekly.first.rows, weekly.first.lossPence);
  await upload('corrected re-send (1 in 10 losses changed)', weekly.corrected, 0, weekly.corrected.lossPence - weekly.first.lossPence);
  serverPeakMb = vmHwmMb();
} finally {
  server.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 500));
  if (!values.keep) rmSync(dir, { recursive: true, force: true });
}

// ── 4: initial JavaScript ──────────────────────────────────────────────────────────────────────────
const size = spawnSync(process.execPath, [join(ROOT, 'scripts/bundle-size.mjs')], { encoding: 'utf8' });
const initialJsKb = Number(/initial JavaScript \(gzip -9\): ([\d.]+) KiB/.exec(size.stdout)?.[1] ?? NaN);

// ── the table ──────────────────────────────────────────────────────────────────────────────────────
const targets: { target: string; measured: string; pass: boolean | null }[] = [];
const sqliteRate = 'seconds' in sqlite ? sqlite.rows / sqlite.seconds : NaN;
const importRate = imported ? imported.rows / imported.seconds : NaN;
const ratio = importRate / sqliteRate;
targets.push({
  target: 'import ≥ 0.8× sqlite3 .import',
  measured: imported ? `${ratio.toFixed(2)}×` : 'not run (--store)',
  pass: Number.isNaN(ratio) ? null : ratio >= 0.8,
});
const peakMax = Math.max(...memory.map((m) => m.peakMb));
targets.push({
  target: 'importer ≤ 256 MB',
  measured: memory.length > 0 ? `${fmt(peakMax)} MB` : 'not run (--store)',
  pass: memory.length > 0 ? peakMax <= 256 : null,
});
if (memory.length > 1) {
  const growth = (memory[memory.length - 1] as CliImport).peakMb / (memory[0] as CliImport).peakMb;
  targets.push({
    target: `importer flat ${fmt(memory[0]?.rows ?? 0)} → ${fmt(memory[memory.length - 1]?.rows ?? 0)} rows (≤ 1.25×)`,
    measured: `${growth.toFixed(2)}×`,
    pass: growth <= 1.25,
  });
}
for (const r of results) {
  const faster = r.duckP50 === null ? null : r.p50 <= r.duckP50;
  targets.push({
    target: `${r.label}: p95 ≤ 50 ms${r.duckP50 === null ? '' : ', p50 ≤ DuckDB p50'}`,
    measured: `p95 ${r.p95.toFixed(1)} ms${r.duckP50 === null ? (duckNote.includes('not available') ? '; DuckDB: not available' : '; no DuckDB equivalent') : `; p50 ${r.p50.toFixed(1)} vs ${r.duckP50.toFixed(1)} ms`}`,
    pass: r.p95 <= 50 && faster !== false,
  });
}
for (const w of weeklyResult) {
  const current = w.reportsDelta === w.expectReports && w.lossDelta === w.expectLoss;
  targets.push({
    target: `${w.label} < 2 s, views current`,
    measured: `${w.seconds.toFixed(2)} s, ${current ? 'current' : 'NOT current'}`,
    pass: w.status < 300 && w.seconds < 2 && current,
  });
}
if (load)
  targets.push({
    target: 'cheap-route p95 under load ≤ 2× idle',
    measured: `${(load.loadP95 / load.idleP95).toFixed(1)}× (${load.idleP95.toFixed(1)} → ${load.loadP95.toFixed(1)} ms)`,
    pass: load.loadP95 <= 2 * load.idleP95,
  });
targets.push({
  target: 'server ≤ 512 MB',
  measured: `${fmt(serverPeakMb)} MB`,
  pass: Number.isNaN(serverPeakMb) ? null : serverPeakMb <= 512,
});
targets.push({
  target: 'initial JS ≤ 250 KB gzipped',
  measured: `${initialJsKb.toFixed(1)} KiB`,
  pass: Number.isNaN(initialJsKb) ? null : initialJsKb * 1.024 <= 250,
});
const renderMedian = 'ms' in render ? pct(render.ms, 50) : NaN;
targets.push({
  target: 'first render ≤ 1.5 s',
  measured: 'ms' in render ? `${fmt(renderMedian)} ms (median of ${render.ms.length})` : render.error,
  pass: Number.isNaN(renderMedian) ? null : renderMedian <= 1500,
});

const lines: string[] = [];
lines.push(
  `npm run bench -- --rows ${rows}: ${fmt(storeRows)} incidents in the store; server from ${values.server}; Node ${process.version}, 2 cores; load average ${loadAtStart.toFixed(1)} at the start, ${(loadavg()[0] ?? 0).toFixed(1)} at the end`,
);
lines.push('');
lines.push('Import (five returns)                       rows        s     rows/s   peak MB');
if (imported)
  lines.push(
    `  project CLI (scripts/import.ts)   ${fmt(imported.rows).padStart(14)} ${imported.seconds.toFixed(1).padStart(8)} ${fmt(importRate).padStart(10)} ${fmt(imported.peakMb).padStart(9)}`,
  );
else lines.push(`  not run: the store was given (--store ${values.store ?? ''})`);
if ('seconds' in sqlite)
  lines.push(
    `  sqlite3 .import, same schema      ${fmt(sqlite.rows).padStart(14)} ${sqlite.seconds.toFixed(1).padStart(8)} ${fmt(sqliteRate).padStart(10)} ${'-'.padStart(9)}`,
  );
else lines.push(`  sqlite3 .import: ${sqlite.error}`);
lines.push(`  ratio: ${ratio.toFixed(2)}× of sqlite3's own speed`);
for (const m of memory.slice(1))
  lines.push(
    `  project CLI at ${fmt(m.rows)} rows: ${m.seconds.toFixed(1)} s, ${fmt(m.rows / m.seconds)} rows/s, peak ${fmt(m.peakMb)} MB`,
  );
lines.push('');
lines.push(`Views over HTTP, signed in, ms (n requests over a mix of filters; ${duckNote || 'DuckDB not run'})`);
lines.push(
  `  ${'route'.padEnd(36)}${'n'.padStart(4)}${'p50'.padStart(9)}${'p95'.padStart(9)}${'Duck p50'.padStart(10)}${'Duck p95'.padStart(10)}${'ours/Duck'.padStart(11)}`,
);
for (const r of results) {
  const d50 = r.duckP50 === null ? '—' : r.duckP50.toFixed(1);
  const d95 = r.duckP95 === null ? '—' : r.duckP95.toFixed(1);
  const x = r.duckP50 === null ? '—' : `${(r.p50 / r.duckP50).toFixed(2)}×`;
  lines.push(
    `  ${r.label.padEnd(36)}${String(r.n).padStart(4)}${r.p50.toFixed(1).padStart(9)}${r.p95.toFixed(1).padStart(9)}${d50.padStart(10)}${d95.padStart(10)}${x.padStart(11)}`,
  );
}
if (load) {
  lines.push('');
  lines.push(
    `${load.route} (${load.n} requests): p50/p95 idle ${load.idleP50.toFixed(1)}/${load.idleP95.toFixed(1)} ms; while two clients loop ${load.heavy}: ${load.loadP50.toFixed(1)}/${load.loadP95.toFixed(1)} ms`,
  );
}
for (const w of weeklyResult)
  lines.push(
    `${w.label}: HTTP ${w.status}, ${w.seconds.toFixed(2)} s, ${JSON.stringify(w.counts)}; summary reports ${w.reportsDelta >= 0 ? '+' : ''}${w.reportsDelta} (expected ${w.expectReports}), loss ${w.lossDelta} p (expected ${w.expectLoss})`,
  );
lines.push(
  `server peak memory (VmHWM): ${fmt(serverPeakMb)} MB; first render: ${'ms' in render ? render.ms.map((m) => `${fmt(m)} ms`).join(', ') : render.error}; initial JS ${initialJsKb.toFixed(1)} KiB gzipped`,
);
lines.push('');
lines.push('Targets (goals, not tests)');
for (const t of targets) lines.push(`  ${t.pass === null ? 'n/a ' : t.pass ? 'PASS' : 'FAIL'}  ${t.target.padEnd(66)} ${t.measured}`);
console.log(`\n${lines.join('\n')}`);

const json = {
  rows,
  storeRows,
  loadAverage: { start: loadAtStart, end: loadavg()[0] },
  at: new Date().toISOString(),
  node: process.version,
  import: { cli: imported, sqlite, ratio, memory },
  duckdb: duckNote,
  routes: results,
  load,
  weekly: weeklyResult,
  serverPeakMb,
  firstRender: render,
  initialJsKb,
  targets,
  table: lines.join('\n'),
};
mkdirSync(join(ROOT, 'artifacts'), { recursive: true });
for (const name of ['bench.json', `bench-${rows}.json`]) writeFileSync(join(ROOT, 'artifacts', name), `${JSON.stringify(json, null, 2)}\n`);
console.log(`\nwritten to artifacts/bench.json and artifacts/bench-${rows}.json`);
