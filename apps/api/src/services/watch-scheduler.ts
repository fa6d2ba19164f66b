import type { ServiceContext } from './context.js';
import { watch } from './series.service.js';

/**
 * Runs the prospective watch detection after the response that triggered it has gone, one at a time.
 * Several imports in a row coalesce into one run over the newest data.
 */
export class WatchScheduler {
  pending = false;
  private next: { trigger: 'import' | 'rollback' | 'startup' | 'manual'; batchId: number | null } | null = null;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly log: (msg: string, err: unknown) => void,
    private readonly enabled = true,
  ) {}

  schedule(trigger: 'import' | 'rollback' | 'startup' | 'manual', batchId: number | null): void {
    if (!this.enabled) return;
    this.next = { trigger, batchId };
    if (this.pending) return;
    this.pending = true;
    setImmediate(() => this.run());
  }

  private run(): void {
    const job = this.next;
    this.next = null;
    try {
      if (job) watch(this.ctx, job.trigger, job.batchId);
    } catch (err) {
      this.log('watch detection failed', err);
    }
    if (this.next) setImmediate(() => this.run());
    else this.pending = false;
  }
}
