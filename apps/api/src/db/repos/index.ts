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
    /** Copies the write-ahead log into the file and empties it, so erased pages do not linger there. */
    checkpoint(): void {
      db.pragma('wal_checkpoint(TRUNCATE)');
    },
  };
}

export type Repos = ReturnType<typeof createRepos>;
