import type { EraseResult, ImportResult, RollbackResult, SeriesList, SeriesQuery } from '@scam/shared';
import type { ResolvedFilters } from '../domain/filters.js';
import type { Jobs } from '../jobs/jobs.js';
import type { Actor, ServiceContext } from './context.js';
import { eraseImport, importFile, rollbackImport, type ImportRequest } from './import.service.js';
import { detect, watch } from './series.service.js';

/**
 * Where long work runs. The server hands it to worker threads (`Jobs`), so no request waits behind an
 * import or a scan; a store in memory (`:memory:`, which a second connection cannot see) runs it here.
 */
export interface Runner {
  readonly kind: 'worker' | 'inline';
  importFile(req: Omit<ImportRequest, 'onProgress'>): Promise<ImportResult>;
  rollback(batchId: number, actor: Actor): Promise<RollbackResult>;
  erase(batchId: number, actor: Actor): Promise<EraseResult>;
  detect(q: SeriesQuery, filters: ResolvedFilters, signal?: AbortSignal): Promise<SeriesList>;
  watch(trigger: 'import' | 'rollback' | 'startup' | 'manual', batchId: number | null): Promise<SeriesList | null>;
  close(): Promise<void>;
}

export function inlineRunner(ctx: ServiceContext): Runner {
  return {
    kind: 'inline',
    importFile: async (req) => importFile(ctx, req),
    rollback: async (batchId, actor) => rollbackImport(ctx, batchId, actor),
    erase: async (batchId, actor) => eraseImport(ctx, batchId, actor),
    detect: async (q, filters) => detect(ctx, q, filters),
    watch: async (trigger, batchId) => watch(ctx, trigger, batchId),
    close: async () => {},
  };
}

export function workerRunner(ctx: ServiceContext, jobs: Jobs, queries?: { close(): Promise<void> }): Runner {
  const clock = () => ({ today: ctx.today(), now: ctx.now() });
  // After a change, its own response waits (off the request thread) until the read model shows it.
  const thenFresh = async <T>(p: Promise<T>): Promise<T> => {
    const value = await p;
    await ctx.facts.caughtUp();
    return value;
  };
  return {
    kind: 'worker',
    importFile: (req) => {
      // The upload's bytes move to the worker (transferred, not copied).
      const data = req.data.buffer.slice(req.data.byteOffset, req.data.byteOffset + req.data.byteLength) as ArrayBuffer;
      return thenFresh(
        jobs.importFile({ data, fileName: req.fileName, mapping: req.mapping, dryRun: req.dryRun, actor: req.actor }, clock()),
      );
    },
    rollback: (batchId, actor) => thenFresh(jobs.change<RollbackResult>('rollback', batchId, actor, clock())),
    erase: (batchId, actor) => thenFresh(jobs.change<EraseResult>('erase', batchId, actor, clock())),
    detect: (q, filters, signal) => jobs.detect(q, filters, clock(), signal),
    watch: (trigger, batchId) => jobs.watch(trigger, batchId, clock()),
    close: async () => {
      await Promise.all([jobs.close(), queries?.close()]);
    },
  };
}
