import type { EraseResult, ImportResult, RollbackResult, SeriesList, SeriesQuery, WatchTrigger } from '@scam/shared';
import { buildSnapshot, snapshotBuffers, type FactSnapshot } from '../db/read-model/snapshot.js';
import type { ResolvedFilters } from '../domain/filters.js';
import type { DataChange } from '../services/after-change.js';
import type { Actor, ServiceContext } from '../services/context.js';
import {
  bytesImportSource,
  eraseImport,
  importFile,
  importStream,
  rollbackImport,
  type ImportRequest,
} from '../services/import.service.js';
import { detectAndStore, watch } from '../services/series.service.js';

/**
 * The long work the server hands off, one entry per kind: what it takes, what it answers, which
 * thread runs it and within what time, and what it changed. The worker thread runs `run`; the runner
 * (services/runner.ts) types `run(kind, request)` by it and calls afterChange with `change`. This module
 * is the worker's entry into the services, so it must never import the HTTP layer (a test checks).
 */
export interface JobSpec<Req, Res> {
  /** The thread: detection runs, imports and the changes that share their rows, read-model rebuilds. */
  worker: 'detection' | 'imports' | 'facts';
  /** Its time limit: a detection run's, an import's, or the watch run's (five detection runs'). */
  timeout: 'detection' | 'import' | 'watch';
  /** Goes ahead of queued work: the system's own runs before people's. */
  first?: boolean;
  /** Refused with 409 and this message while its thread is busy, rather than queued behind minutes of work. */
  refusedWhileBusy?: string;
  /** Runs the job on a connection of its own (a worker thread's). */
  run(ctx: ServiceContext, request: Req): Res | Promise<Res>;
  /** Runs it on the request thread's own connection (a `:memory:` store), where that must differ. */
  runInline?(ctx: ServiceContext, request: Req): Res | Promise<Res>;
  /** The request as posted to the thread, with the buffers it moves there rather than copies. */
  toWorker?(request: Req): { request: Req; transfer: ArrayBuffer[] };
  /** Buffers of the result moved back rather than copied. */
  transferBack?(result: Res): ArrayBuffer[];
  /** The change to the stored incidents, if any: afterChange follows it before the caller hears back. */
  change?(request: Req, result: Res): DataChange | null;
}

export type ImportJob = Omit<ImportRequest, 'onProgress'>;
export interface BatchJob {
  batchId: number;
  actor: Actor;
}
export interface DetectJob {
  query: SeriesQuery;
  filters: ResolvedFilters;
  /** Recorded with the series it stores ("found by"). */
  foundBy: string;
}
export interface WatchJob {
  trigger: WatchTrigger;
  batchId: number | null;
}

/** Binds a spec's request and result types, so that each entry states them once. */
const job = <Req, Res>(spec: JobSpec<Req, Res>): JobSpec<Req, Res> => spec;

/** Rollbacks and erasure share the import thread: they change the same rows, one change at a time. */
const BATCH_CHANGE = {
  worker: 'imports',
  timeout: 'import',
  refusedWhileBusy: 'an import or rollback is running; wait for it to finish, then try again',
} as const;

export const JOBS = {
  import: job<ImportJob, ImportResult>({
    worker: 'imports',
    timeout: 'import',
    refusedWhileBusy: 'another import is running; wait for it to finish, then try again',
    // Streamed even from memory: parsed, normalised and written a batch at a time, in one transaction
    // held open across awaits, which only a connection nobody else uses can allow.
    run: (ctx, r) => importStream(ctx, { ...r, source: bytesImportSource(r.data) }),
    runInline: (ctx, r) => importFile(ctx, r),
    // A copy of its own to move: an upload's buffer may be a slice of a pool other requests share.
    toWorker: (r) => {
      const data = new Uint8Array(r.data);
      return { request: { ...r, data }, transfer: [data.buffer] };
    },
    change: (_r, res) => (res.dryRun || res.alreadyImported || res.batchId === null ? null : { kind: 'import', batchId: res.batchId }),
  }),
  rollback: job<BatchJob, RollbackResult>({
    ...BATCH_CHANGE,
    run: (ctx, r) => rollbackImport(ctx, r.batchId, r.actor),
    change: (_r, res) => ({ kind: 'rollback', batchId: res.batchId }),
  }),
  erase: job<BatchJob, EraseResult>({
    ...BATCH_CHANGE,
    run: (ctx, r) => eraseImport(ctx, r.batchId, r.actor),
    change: (_r, res) => ({ kind: 'erase', batchId: res.batchId }),
  }),
  /** A whole snapshot of the in-memory read model (see ReadModelOptions.rebuild). */
  facts: job<Record<string, never>, FactSnapshot>({
    worker: 'facts',
    timeout: 'import',
    run: (ctx) => buildSnapshot(ctx.repos.facts),
    // The snapshot's typed arrays move to the request thread without a copy.
    transferBack: (snap) => snapshotBuffers(snap),
  }),
  /** A person's detection run, its series stored under stable ids (see series.service detectAndStore). */
  detect: job<DetectJob, SeriesList>({
    worker: 'detection',
    timeout: 'detection',
    run: (ctx, r) => detectAndStore(ctx, r.query, r.filters, r.foundBy),
  }),
  watch: job<WatchJob, SeriesList | null>({
    worker: 'detection',
    timeout: 'watch',
    first: true,
    run: (ctx, r) => watch(ctx, r.trigger, r.batchId),
  }),
};

export type JobKind = keyof typeof JOBS;
export type JobRequest<K extends JobKind> = (typeof JOBS)[K] extends JobSpec<infer Req, infer _Res> ? Req : never;
export type JobResult<K extends JobKind> = (typeof JOBS)[K] extends JobSpec<infer _Req, infer Res> ? Res : never;

/** One kind's entry, typed by its kind (TypeScript cannot follow `JOBS[kind]` through a type parameter). */
export function jobSpec<K extends JobKind>(kind: K): JobSpec<JobRequest<K>, JobResult<K>> {
  return JOBS[kind] as unknown as JobSpec<JobRequest<K>, JobResult<K>>;
}

/**
 * Runs a job on `ctx`'s connection: a worker thread's, or (`inline`) the request thread's own. Async,
 * so a job that throws at once fails its promise like one that fails later.
 */
export async function runJob<K extends JobKind>(
  ctx: ServiceContext,
  kind: K,
  request: JobRequest<K>,
  where: 'worker' | 'inline',
): Promise<JobResult<K>> {
  const spec = jobSpec(kind);
  return where === 'inline' && spec.runInline ? spec.runInline(ctx, request) : spec.run(ctx, request);
}
