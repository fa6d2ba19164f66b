import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ErrorIssue } from '@scam/shared';
import type { Config } from '../config.js';
import { HttpError } from '../lib/http-error.js';
import { jobSpec, type JobKind, type JobRequest, type JobResult } from './job-table.js';

export interface WorkerSetup {
  dbPath: string;
  gazetteerPath: string;
  boundariesPath: string;
  busyTimeoutMs: number;
  /** SQLite page cache of the worker's connection (see openDatabase). */
  cacheMiB?: number;
  config: Pick<Config, 'FORCE_AREA' | 'IMPORT_MAX_BYTES' | 'TILE_URL'>;
}

export interface Clocked {
  today: string;
  now: string;
}

/**
 * A job as posted to a worker thread: its kind and request (see JOBS), and the request thread's clock,
 * so a test's fixed date (and one clock) holds there too.
 */
export interface JobMessage<K extends JobKind = JobKind> extends Clocked {
  kind: K;
  request: JobRequest<K>;
}

/** A worker's answer: the job's result (JobResult of its kind), or its error as the request thread rebuilds it. */
export type JobResponse =
  | { ok: true; value: unknown }
  | {
      ok: false;
      error: { status: number; code: string; message: string; issues?: ErrorIssue[] | undefined; sqliteCode?: string | undefined };
    };

/** An error from the worker as the request thread's error middleware understands it. */
class WorkerError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

/**
 * A worker script beside this file (`job-worker`, `query-worker`): compiled .js in production. Under the
 * test runner only the .ts source exists, so a small ESM entry registers tsx's loader in the worker
 * first (Node 20 does not carry `--import` hooks into worker threads).
 */
export function workerScript(name = 'job-worker'): { url: URL; execArgv: string[] } {
  const js = new URL(`./${name}.js`, import.meta.url);
  if (existsSync(fileURLToPath(js))) return { url: js, execArgv: [] };
  const tsxApi = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api')).href.replace(/\.cjs$/, '.mjs');
  const entry = `import { register } from ${JSON.stringify(tsxApi)}; register(); await import(${JSON.stringify(new URL(`./${name}.ts`, import.meta.url).href)});`;
  return { url: new URL(`data:text/javascript,${encodeURIComponent(entry)}`), execArgv: ['--conditions=source'] };
}

interface Pending {
  job: JobMessage;
  transfer: ArrayBuffer[];
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
  timeoutMs: number;
  signal?: AbortSignal | undefined;
}

/**
 * One worker thread running one job at a time from a short queue. A job that runs past its time, or
 * whose caller went away, is stopped by terminating the thread (a synchronous scan cannot be
 * interrupted any other way); the next job starts a fresh one.
 */
export class JobWorker {
  private worker: Worker | null = null;
  private queue: Pending[] = [];
  private current: Pending | null = null;
  private timer: NodeJS.Timeout | null = null;
  private ready = false;

  constructor(
    private readonly name: string,
    private readonly setup: WorkerSetup,
    private readonly maxQueue: number,
    private readonly limits: {
      /** Ends the thread after this long with nothing to do (0: as soon as its queue empties). */
      idleStopMs?: number;
      /** V8's old-generation limit for the thread, in MiB: a lower limit makes it collect sooner. */
      maxOldMiB?: number;
    } = {},
  ) {}

  private idleTimer: NodeJS.Timeout | null = null;

  get busy(): boolean {
    return this.current !== null;
  }

  get waiting(): number {
    return this.queue.length;
  }

  /** The worker's answer, untyped: Jobs.run types it by the job's kind. */
  run(
    job: JobMessage,
    opts: { timeoutMs: number; signal?: AbortSignal | undefined; transfer?: ArrayBuffer[]; first?: boolean | undefined },
  ): Promise<unknown> {
    if (!opts.first && this.queue.length >= this.maxQueue) {
      return Promise.reject(new HttpError(503, 'busy', `the ${this.name} queue is full; try again in a minute`));
    }
    return new Promise<unknown>((resolve, reject) => {
      const pending: Pending = {
        job,
        transfer: opts.transfer ?? [],
        resolve,
        reject,
        timeoutMs: opts.timeoutMs,
        signal: opts.signal,
      };
      opts.signal?.addEventListener('abort', () => this.cancel(pending), { once: true });
      // The system's own work (the watch run after an import) goes ahead of people's queued runs.
      if (opts.first) this.queue.unshift(pending);
      else this.queue.push(pending);
      this.next();
    });
  }

  /** Stops the thread (tests and shutdown). */
  async close(): Promise<void> {
    for (const p of this.queue) p.reject(new HttpError(503, 'shutting_down', 'the server is stopping'));
    this.queue = [];
    if (this.worker) await this.worker.terminate();
    this.worker = null;
  }

  private cancel(p: Pending): void {
    const i = this.queue.indexOf(p);
    if (i >= 0) {
      this.queue.splice(i, 1);
      p.reject(new HttpError(499, 'cancelled', 'cancelled'));
    } else if (this.current === p) this.kill(new HttpError(499, 'cancelled', 'cancelled'));
  }

  private kill(err: Error): void {
    const p = this.current;
    this.current = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const w = this.worker;
    this.worker = null;
    this.ready = false;
    void w?.terminate();
    p?.reject(err);
    this.next();
  }

  private spawn(): Worker {
    const { url, execArgv } = workerScript();
    const w = new Worker(url, {
      workerData: this.setup,
      execArgv,
      ...(this.limits.maxOldMiB ? { resourceLimits: { maxOldGenerationSizeMb: this.limits.maxOldMiB } } : {}),
    });
    w.unref();
    w.on('message', (res: JobResponse | { ready: true }) => {
      if ('ready' in res) {
        this.ready = true;
        this.startTimer();
        return;
      }
      const p = this.current;
      this.current = null;
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
      if (!p) return;
      if (res.ok) p.resolve(res.value);
      else if (res.error.status < 500) p.reject(new HttpError(res.error.status, res.error.code, res.error.message, res.error.issues));
      else p.reject(new WorkerError(res.error.message, res.error.sqliteCode));
      this.next();
      if (this.current) return;
      w.unref(); // an idle worker does not keep the process alive
      // A finished scan or import leaves hundreds of megabytes of garbage in the thread's heap at a
      // million incidents; an idle thread ends and gives it all back (the next job starts a new one).
      const idle = this.limits.idleStopMs;
      if (idle !== undefined) {
        if (this.idleTimer) clearTimeout(this.idleTimer);
        this.idleTimer = setTimeout(() => {
          this.idleTimer = null;
          if (this.worker !== w || this.current) return;
          this.worker = null;
          this.ready = false;
          void w.terminate();
        }, idle);
        this.idleTimer.unref();
      }
    });
    w.on('error', (err) => {
      if (this.worker !== w) return;
      // Past its heap limit (maxOldMiB) the thread is stopped: say what to do rather than a bare 500.
      const outOfMemory = (err as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY';
      this.kill(
        outOfMemory
          ? new HttpError(503, 'too_large', `the ${this.name} needed more memory than it is allowed; narrow the period or the filters`)
          : err,
      );
    });
    w.on('exit', () => {
      if (this.worker === w) this.kill(new Error(`the ${this.name} worker stopped unexpectedly`));
    });
    return w;
  }

  private next(): void {
    if (this.current || this.queue.length === 0) return;
    const p = this.queue.shift() as Pending;
    if (p.signal?.aborted) {
      p.reject(new HttpError(499, 'cancelled', 'cancelled'));
      this.next();
      return;
    }
    this.current = p;
    if (!this.worker) {
      this.ready = false;
      this.worker = this.spawn();
    }
    this.worker.ref();
    this.worker.postMessage(p.job, p.transfer);
    if (this.ready) this.startTimer();
  }

  /** The time limit counts the job's own run, from when a (new) thread is ready for it. */
  private startTimer(): void {
    const p = this.current;
    if (!p || this.timer) return;
    this.timer = setTimeout(
      () =>
        this.kill(
          new HttpError(
            503,
            'timeout',
            `the ${this.name} took longer than ${Math.round(p.timeoutMs / 1000)} s and was stopped; narrow the period or lower the replicates`,
          ),
        ),
      p.timeoutMs,
    );
  }
}

export interface JobsOptions {
  setup: WorkerSetup;
  detectionTimeoutMs: number;
  importTimeoutMs: number;
}

/**
 * The server's worker threads: one for detection (interactive runs and the watch run after changes),
 * one for imports, rollbacks and erasure, one for read-model rebuilds; each job kind says which (JOBS).
 * Only one import runs at a time: a second is refused with 409 rather than queued behind a large one
 * for minutes.
 */
export class Jobs {
  readonly detection: JobWorker;
  readonly imports: JobWorker;
  readonly facts: JobWorker;

  constructor(private readonly opts: JobsOptions) {
    // Detection reads its period as objects (a year and twelve weeks: about 270,000 at a million
    // incidents); 768 MiB leaves room for three years of a national store.
    this.detection = new JobWorker('detection run', opts.setup, 8, { idleStopMs: 30_000, maxOldMiB: 768 });
    // The importer streams in batches: its heap stays small whatever the file; its page cache is the
    // one that pays, updating the reference and date indexes for every row.
    this.imports = new JobWorker('import', { ...opts.setup, cacheMiB: 64 }, 1, { idleStopMs: 30_000, maxOldMiB: 512 });
    // Its own thread, so a rebuild of the read model never waits behind a two-minute scan. Rebuilds are
    // rare (a change too large to apply in place) and leave a million rows' garbage behind: the thread
    // ends as soon as it is done.
    this.facts = new JobWorker('read model rebuild', opts.setup, 2, { idleStopMs: 0 });
  }

  /**
   * Runs a job (JOBS) on its thread and answers its result, typed by its kind: the one place where a
   * worker's reply, which crossed a thread as a structured clone, is taken to be what the table says.
   */
  async run<K extends JobKind>(kind: K, request: JobRequest<K>, clock: Clocked, signal?: AbortSignal): Promise<JobResult<K>> {
    const spec = jobSpec(kind);
    const worker = this[spec.worker];
    // Checked and started in the same tick, so two uploads at once cannot both pass.
    if (spec.refusedWhileBusy && worker.busy) throw new HttpError(409, 'import_running', spec.refusedWhileBusy);
    const posted = spec.toWorker?.(request) ?? { request, transfer: [] };
    const timeoutMs = {
      detection: this.opts.detectionTimeoutMs,
      import: this.opts.importTimeoutMs,
      watch: this.opts.detectionTimeoutMs * 5,
    }[spec.timeout];
    const message: JobMessage<K> = { kind, request: posted.request, ...clock };
    return (await worker.run(message as JobMessage, { timeoutMs, signal, transfer: posted.transfer, first: spec.first })) as JobResult<K>;
  }

  async close(): Promise<void> {
    await Promise.all([this.detection.close(), this.imports.close(), this.facts.close()]);
  }
}
