/**
 * Does one user's heavy work slow everyone else down? Starts the server as its own process on the demo
 * data, measures /api/health and /api/summary with nothing else going on, then again while a maximal
 * detection run (every day of the data, 9,999 replicates) and a 60,000-row import run at the same
 * time. Prints p50/p95 side by side and writes them as JSON; asserts nothing.
 *
 *   npm run bench:load -- [--samples 300]
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT } from '@scam/api';
import { writeSyntheticReturn } from './lib/synthetic-return.js';

const { values } = parseArgs({ options: { samples: { type: 'string', default: '300' } } });
const samples = Number(values.samples);
const dir = mkdtempSync(join(tmpdir(), 'scam-load-'));
const port = 19_000 + Math.floor(Math.random() * 500);
const base = `http://127.0.0.1:${port}`;
const password = 'bench-load-harbour-lantern';

console.log('starting the server on the demo data (first start loads it through the import pipeline)…');
const server = spawn(process.execPath, ['--import', 'tsx', '--conditions=source', resolve(REPO_ROOT, 'apps/api/src/main.ts')], {
  cwd: REPO_ROOT,
  env: {
    ...process.env,
    DB_PATH: join(dir, 'load.db'),
    PORT: String(port),
    DEMO_DATA: '1',
    ADMIN_PASSWORD: password,
    LOG_LEVEL: 'warn',
    IMPORT_MAX_BYTES: String(100 * 1024 * 1024),
  },
  stdio: ['ignore', 'pipe', 'pipe'],
});
let output = '';
server.stdout.on('data', (c: Buffer) => (output += c.toString()));
server.stderr.on('data', (c: Buffer) => (output += c.toString()));
const stop = () => {
  server.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
};

try {
  const deadline = Date.now() + 300_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`server exited:\n${output}`);
    if (Date.now() > deadline) throw new Error(`server did not start:\n${output}`);
    try {
      if ((await fetch(`${base}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  const signIn = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ username: 'admin', password }),
  });
  const cookie = signIn.headers.get('set-cookie')?.split(';')[0] ?? '';
  if (!signIn.ok) throw new Error(`sign-in failed: ${signIn.status}`);
  const headers = { cookie, origin: base };
  const meta = (await (await fetch(`${base}/api/meta`, { headers })).json()) as { dataRange: { first: string; last: string } };

  const filters = ['', '?method=courier', '?from=2025-01-01&to=2025-12-31', '?district=Watford,St Albans', '?outcome=lost&minLoss=1000'];
  async function measure(stopWhen: () => boolean, n: number): Promise<{ health: number[]; summary: number[] }> {
    const out = { health: [] as number[], summary: [] as number[] };
    for (let i = 0; i < n || (!stopWhen() && i < n * 20); i++) {
      let t0 = performance.now();
      await (await fetch(`${base}/api/health`)).arrayBuffer();
      out.health.push(performance.now() - t0);
      t0 = performance.now();
      const res = await fetch(`${base}/api/summary${filters[i % filters.length]}`, { headers });
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`summary → ${res.status}`);
      out.summary.push(performance.now() - t0);
      if (stopWhen() && i >= n) break;
    }
    return out;
  }
  const pct = (xs: number[], p: number) => {
    const s = [...xs].sort((a, b) => a - b);
    return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
  };

  const idle = await measure(() => true, samples);

  const csv = join(dir, 'return-60000.csv');
  await writeSyntheticReturn(csv, 60_000, 2019);
  const form = new FormData();
  form.append('file', new Blob([readFileSync(csv)], { type: 'text/csv' }), 'return-60000.csv');
  let importDone = false;
  let detectionDone = false;
  const t0 = performance.now();
  const importRun = fetch(`${base}/api/imports`, { method: 'POST', headers, body: form }).then(async (r) => {
    await r.arrayBuffer();
    importDone = true;
    return { status: r.status, seconds: (performance.now() - t0) / 1000 };
  });
  const detectionRun = fetch(`${base}/api/series?from=${meta.dataRange.first}&to=${meta.dataRange.last}&replicates=9999`, { headers }).then(
    async (r) => {
      await r.arrayBuffer();
      detectionDone = true;
      return { status: r.status, seconds: (performance.now() - t0) / 1000 };
    },
  );
  const loaded = await measure(() => importDone && detectionDone, samples);
  const [imp, det] = await Promise.all([importRun, detectionRun]);

  const rows = [
    ['/api/health', idle.health, loaded.health],
    ['/api/summary', idle.summary, loaded.summary],
  ] as const;
  console.log(`\n${samples}+ sequential requests each, ms (2 cores); under load = while the import and the detection run ran`);
  console.log(
    `${'route'.padEnd(16)}${'idle p50'.padStart(10)}${'idle p95'.padStart(10)}${'load p50'.padStart(10)}${'load p95'.padStart(10)}${'p95 ×'.padStart(8)}${'n load'.padStart(8)}`,
  );
  const json: Record<string, unknown> = {};
  for (const [route, a, b] of rows) {
    const r = { idleP50: pct(a, 50), idleP95: pct(a, 95), loadP50: pct(b, 50), loadP95: pct(b, 95), loadSamples: b.length };
    json[route] = r;
    console.log(
      `${route.padEnd(16)}${r.idleP50.toFixed(1).padStart(10)}${r.idleP95.toFixed(1).padStart(10)}${r.loadP50.toFixed(1).padStart(10)}${r.loadP95.toFixed(1).padStart(10)}${(r.loadP95 / r.idleP95).toFixed(1).padStart(8)}${String(r.loadSamples).padStart(8)}`,
    );
  }
  console.log(
    `\n60,000-row import: HTTP ${imp.status} after ${imp.seconds.toFixed(1)} s; detection over ${meta.dataRange.first}…${meta.dataRange.last} with 9,999 replicates: HTTP ${det.status} after ${det.seconds.toFixed(1)} s`,
  );
  json.import = imp;
  json.detection = det;
  const out = resolve(REPO_ROOT, 'artifacts/bench-load.json');
  mkdirSync(resolve(REPO_ROOT, 'artifacts'), { recursive: true });
  writeFileSync(out, `${JSON.stringify(json, null, 2)}\n`);
  console.log(`written to ${out}`);
} finally {
  stop();
}
