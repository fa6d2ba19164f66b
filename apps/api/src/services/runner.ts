import type { Jobs } from '../jobs/jobs.js';
import { jobSpec, runJob, type JobKind, type JobRequest, type JobResult } from '../jobs/job-table.js';
import { afterChange } from './after-change.js';
import type { ServiceContext } from './context.js';
import { watchIsStale } from './series.service.js';
import { WatchScheduler } from './watch-scheduler.js';

/**
 * Where long work runs. The server hands it to worker threads (`Jobs`), so no request waits behind an
 * import or a scan; a store in memory (`:memory:`, which a second connection cannot see) runs it here.
 * Either way the jobs are the ones the job table (JOBS) lists, and a job that changes the stored
 * incidents is followed by afterChange before its caller hears back.
 */
export interface Runner {
  readonly kind: 'worker' | 'inline';
  /** Runs a job and answers its result, typed by its kind (see JOBS). */
  run<K extends JobKind>(kind: K, request: JobRequest<K>, signal?: AbortSignal): Promise<JobResult<K>>;
  /** Whether a job of this kind is under way (queued or running). */
  running(kind: JobKind): boolean;
  /** The watch run after changes: whether one is pending, and when it is done. */
  readonly watch: Pick<WatchScheduler, 'pending' | 'idle'>;
  /** Stops the threads and the watch's checks (tests and shutdown). */
  close(): Promise<void>;
}

export interface RunnerOptions {
  /** Run the prospective watch detection after changes (tests that fingerprint the store turn it off). */
  watch: boolean;
  log: (msg: string, err: unknown) => void;
}

type Execute = <K extends JobKind>(kind: K, request: JobRequest<K>, signal?: AbortSignal) => Promise<JobResult<K>>;

/** How often the server looks for changes made by another process (the import CLI) to watch. */
const OTHER_WRITERS_CHECK_MS = 10_000;

function runnerOver(
  ctx: ServiceContext,
  kind: Runner['kind'],
  execute: Execute,
  closeThreads: () => Promise<unknown>,
  opts: RunnerOptions,
): Runner {
  const scheduler = new WatchScheduler((trigger, batchId) => execute('watch', { trigger, batchId }), opts.log, opts.watch);
  scheduler.watchForOtherWriters(() => ctx.storage.check() === 'ok' && watchIsStale(ctx), OTHER_WRITERS_CHECK_MS);
  const changeCtx = { ...ctx, watch: scheduler };
  const active = new Map<JobKind, number>();
  return {
    kind,
    watch: scheduler,
    async run<K extends JobKind>(k: K, request: JobRequest<K>, signal?: AbortSignal): Promise<JobResult<K>> {
      active.set(k, (active.get(k) ?? 0) + 1);
      try {
        const result: JobResult<K> = await execute(k, request, signal);
        const change = jobSpec(k).change?.(request, result);
        if (change) await afterChange(changeCtx, change);
        return result;
      } finally {
        active.set(k, (active.get(k) ?? 1) - 1);
      }
    },
    running: (k) => (active.get(k) ?? 0) > 0,
    close: async () => {
      scheduler.stop();
      await closeThreads();
    },
  };
}

/** Runs every job on this thread, on the request thread's own connection. */
export function inlineRunner(ctx: ServiceContext, opts: RunnerOptions): Runner {
  return runnerOver(
    ctx,
    'inline',
    (kind, request) => runJob(ctx, kind, request, 'inline'),
    async () => {},
    opts,
  );
}

/** Runs every job on the worker threads of `jobs` (the read model asks the same threads for whole reloads: app.ts createServices). */
export function workerRunner(ctx: ServiceContext, jobs: Jobs, queries: { close(): Promise<void> } | null, opts: RunnerOptions): Runner {
  const clock = () => ({ today: ctx.today(), now: ctx.now() });
  const execute: Execute = (kind, request, signal) => jobs.run(kind, request, clock(), signal);
  return runnerOver(ctx, 'worker', execute, () => Promise.all([jobs.close(), queries?.close()]), opts);
}
