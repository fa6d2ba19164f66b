import type { Runner } from './runner.js';

type Trigger = 'import' | 'rollback' | 'startup' | 'manual';

/**
 * Runs the prospective watch detection after the response that triggered it has gone, one at a time,
 * on the runner's worker. Several imports in a row coalesce into one run over the newest data.
 */
export class WatchScheduler {
  pending = false;
  private next: { trigger: Trigger; batchId: number | null } | null = null;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly runner: Runner,
    private readonly log: (msg: string, err: unknown) => void,
    private readonly enabled = true,
  ) {}

  schedule(trigger: Trigger, batchId: number | null): void {
    if (!this.enabled) return;
    this.next = { trigger, batchId };
    if (this.pending) return;
    this.pending = true;
    this.running = this.run();
  }

  /** Resolves when no run is pending (tests wait for the watch run an import started). */
  idle(): Promise<void> {
    return this.running;
  }

  private async run(): Promise<void> {
    while (this.next) {
      const job = this.next;
      this.next = null;
      try {
        await this.runner.watch(job.trigger, job.batchId);
      } catch (err) {
        this.log('watch detection failed', err);
      }
    }
    this.pending = false;
  }
}
