import type { WatchTrigger } from '@scam/shared';

/**
 * Runs the prospective watch detection after the answer that triggered it has gone, one at a time,
 * on the runner's detection thread. Several changes in a row coalesce into one run over the newest
 * data. Changes made by this server schedule it through afterChange; changes made elsewhere (the
 * import CLI) are noticed by a periodic check, so that no read has to start it.
 */
export class WatchScheduler {
  pending = false;
  private next: { trigger: WatchTrigger; batchId: number | null } | null = null;
  private running: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly run: (trigger: WatchTrigger, batchId: number | null) => Promise<unknown>,
    private readonly log: (msg: string, err: unknown) => void,
    private readonly enabled = true,
  ) {}

  schedule(trigger: WatchTrigger, batchId: number | null): void {
    if (!this.enabled) return;
    this.next = { trigger, batchId };
    if (this.pending) return;
    this.pending = true;
    // Started after the current answer is written: an inline run (a `:memory:` store) holds the thread.
    this.running = new Promise<void>((ok) => setImmediate(ok)).then(() => this.drain());
  }

  /**
   * Checks now and every `everyMs` whether the latest watch run is behind the data (another process
   * changed it), and schedules a run when it is. Stopped by stop().
   */
  watchForOtherWriters(isStale: () => boolean, everyMs: number): void {
    if (!this.enabled || this.timer) return;
    const check = () => {
      try {
        if (!this.pending && isStale()) this.schedule('manual', null);
      } catch (err) {
        // Busy or unreadable: the next check tries again.
        this.log('watch staleness check failed', err);
      }
    };
    this.timer = setInterval(check, everyMs);
    this.timer.unref();
    check();
  }

  /** Resolves when no run is pending (shutdown, and tests that wait for the watch run a change started). */
  idle(): Promise<void> {
    return this.running;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async drain(): Promise<void> {
    while (this.next) {
      const job = this.next;
      this.next = null;
      try {
        await this.run(job.trigger, job.batchId);
      } catch (err) {
        this.log('watch detection failed', err);
      }
    }
    this.pending = false;
  }
}
