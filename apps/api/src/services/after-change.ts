import type { WatchTrigger } from '@scam/shared';
import type { ServiceContext } from './context.js';
import { forgetDetections } from './series.service.js';

/** A change to the stored incidents, as the job that made it reports it (JOBS[kind].change). */
export interface DataChange {
  kind: 'import' | 'rollback' | 'erase';
  batchId: number;
}

/** The services' context on the request thread, with the watch run's scheduler. */
export interface ChangeContext extends ServiceContext {
  watch: { schedule(trigger: WatchTrigger, batchId: number | null): void };
}

/**
 * Everything that follows a change to the stored incidents, in one place: the runner calls it for every
 * job whose table entry reports a change, before the caller hears back, so no route can forget a step.
 */
export async function afterChange(ctx: ChangeContext, change: DataChange): Promise<void> {
  // Results remembered for older data can never be asked for again, and after an erasure none may
  // still name an erased incident.
  forgetDetections(ctx);
  // Whoever made the change sees it: the answer waits (off the request thread) for the read model.
  await ctx.facts.caughtUp();
  // The watch run brings the overview's alerts up to the new data, after the answer has gone. An
  // erasure has no trigger of its own in the stored runs (their CHECK predates it): it is 'manual'.
  if (change.kind === 'erase') ctx.watch.schedule('manual', null);
  else ctx.watch.schedule(change.kind, change.batchId);
}
