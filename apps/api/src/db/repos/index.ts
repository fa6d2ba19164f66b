import type { Db } from '../connection.js';
import { createAccountsRepo } from './accounts.repo.js';
import { createAppealDraftsRepo } from './appeal-drafts.repo.js';
import { createAuditRepo } from './audit.repo.js';
import { createDetectedSeriesRepo } from './detected-series.repo.js';
import { createDetectionRunsRepo } from './detection-runs.repo.js';
import { createFactsRepo } from './facts.repo.js';
import { createImportsRepo } from './imports.repo.js';
import { createIncidentsRepo } from './incidents.repo.js';
import { createSavedViewsRepo } from './saved-views.repo.js';
import { createSeriesRepo } from './series.repo.js';
import { createTimelineEventsRepo } from './timeline-events.repo.js';

export function createRepos(db: Db) {
  return {
    incidents: createIncidentsRepo(db),
    imports: createImportsRepo(db),
    facts: createFactsRepo(db),
    series: createSeriesRepo(db),
    savedViews: createSavedViewsRepo(db),
    audit: createAuditRepo(db),
    appealDrafts: createAppealDraftsRepo(db),
    accounts: createAccountsRepo(db),
    detectionRuns: createDetectionRunsRepo(db),
    detectedSeries: createDetectedSeriesRepo(db),
    timelineEvents: createTimelineEventsRepo(db),
    /** Runs fn in one transaction: services group multi-statement writes without touching SQL. */
    transaction<T>(fn: () => T): T {
      return db.transaction(fn)();
    },
    /**
     * BEGIN IMMEDIATE: takes the write lock first, so what the function reads cannot change before it
     * writes (a deferred transaction would fail with SQLITE_BUSY at its first write instead).
     */
    immediateTransaction<T>(fn: () => T): T {
      return db.transaction(fn).immediate();
    },
    /**
     * A transaction that stays open across awaits, for an import that streams its file: BEGIN IMMEDIATE
     * for one that writes, a plain BEGIN (one snapshot, no lock) for a dry run. Only for a connection no
     * one else uses meanwhile (a worker's, the CLI's): anything run on it before commit joins it.
     */
    begin(immediate: boolean): { commit: () => void; rollback: () => void } {
      db.exec(immediate ? 'BEGIN IMMEDIATE' : 'BEGIN');
      return {
        commit: () => void db.exec('COMMIT'),
        rollback: () => {
          if (db.inTransaction) db.exec('ROLLBACK');
        },
      };
    },
    /**
     * Runs fn without waiting for another connection's write lock (busy_timeout 0): a request must
     * not hold the event loop while an import commits; a busy write is tried again later instead.
     */
    withoutWaiting<T>(fn: () => T): T {
      const wait = Number(db.pragma('busy_timeout', { simple: true }));
      if (wait === 0) return fn();
      db.pragma('busy_timeout = 0');
      try {
        return fn();
      } finally {
        db.pragma(`busy_timeout = ${wait}`);
      }
    },
    /** Copies the write-ahead log into the file and empties it, so erased pages do not linger there. */
    checkpoint(): void {
      db.pragma('wal_checkpoint(TRUNCATE)');
    },
  };
}

export type Repos = ReturnType<typeof createRepos>;
