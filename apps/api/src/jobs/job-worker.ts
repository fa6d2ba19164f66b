import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { Gazetteer } from '@scam/ingest';
import { openDatabase } from '../db/connection.js';
import { storageFaultOf } from '../db/errors.js';
import { HttpError } from '../lib/http-error.js';
import type { ServiceContext } from '../services/context.js';
import { createContext } from '../services/create-context.js';
import { Geo } from '../services/geo.service.js';
import { jobSpec, runJob } from './job-table.js';
import type { JobMessage, JobResponse, WorkerSetup } from './jobs.js';

/**
 * A worker thread with its own connection to the store: imports and detection runs happen here, so
 * the request thread only reads and answers. It waits for the write lock as long as it needs to
 * (a command-line import may hold it), which stalls nobody but itself. It runs what the job table
 * (JOBS) says for each kind, and loads the services without the HTTP layer (no Express here).
 */
const setup = workerData as WorkerSetup;
// mustExist: a store deleted under the server must not come back here as a new, empty file.
const db = openDatabase(setup.dbPath, { mustExist: true, cacheMiB: setup.cacheMiB });
db.pragma(`busy_timeout = ${setup.busyTimeoutMs}`);
const gazetteer = Gazetteer.fromCsv(readFileSync(setup.gazetteerPath, 'utf8'), { forceArea: setup.config.FORCE_AREA });
const geo = Geo.fromFile(setup.boundariesPath, setup.config.FORCE_AREA);
let clock = { today: '', now: '' };
const ctx: ServiceContext = createContext({
  db,
  gazetteer,
  geo,
  config: setup.config,
  // The request thread decides what "today" is, so a test's fixed date (and one clock) holds here too.
  today: () => clock.today,
  now: () => clock.now,
  log: () => {},
});

function describeError(err: unknown): JobResponse {
  if (err instanceof HttpError)
    return { ok: false, error: { status: err.status, code: err.code, message: err.message, issues: err.issues } };
  const fault = storageFaultOf(err);
  const code = typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string' ? err.code : undefined;
  return {
    ok: false,
    error: {
      status: 500,
      code: fault ? 'storage' : 'internal',
      message: err instanceof Error ? err.message : String(err),
      sqliteCode: code,
    },
  };
}

// Set up: the run's time limit starts now, not while the thread was loading its modules.
parentPort?.postMessage({ ready: true });

// One job at a time even though an import awaits its stream: its transaction is open on this connection.
let queue: Promise<void> = Promise.resolve();
parentPort?.on('message', (job: JobMessage) => {
  queue = queue.then(async () => {
    let response: JobResponse;
    let transfer: ArrayBuffer[] = [];
    try {
      clock = { today: job.today, now: job.now };
      const value = await runJob(ctx, job.kind, job.request, 'worker');
      transfer = jobSpec(job.kind).transferBack?.(value) ?? [];
      response = { ok: true, value };
    } catch (err) {
      response = describeError(err);
    }
    parentPort?.postMessage(response, transfer);
  });
});
