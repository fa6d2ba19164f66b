import type { Gazetteer } from '@scam/ingest';
import { todayIso } from '@scam/shared';
import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import { ReadModel, type ReadModelOptions } from '../db/read-model/read-model.js';
import { createRepos } from '../db/repos/index.js';
import { StorageWatch } from '../db/storage.js';
import { AuditTrail } from './audit.service.js';
import type { ServiceContext } from './context.js';
import type { Geo } from './geo.service.js';

/** What a service context is built from: the server's, a worker thread's, a command-line tool's. */
export interface ContextDeps {
  db: Db;
  gazetteer: Gazetteer;
  geo: Geo;
  config: Pick<Config, 'FORCE_AREA' | 'IMPORT_MAX_BYTES' | 'TILE_URL'>;
  today?: () => string;
  now?: () => string;
  log?: (msg: string, err: unknown) => void;
  /** Notices the database file being deleted or replaced under the server; writes are then refused. */
  storage?: StorageWatch;
}

/** The server log's default: the message, and the error when there is one (not a trailing "null"). */
export function logLine(msg: string, err: unknown): void {
  if (err === null || err === undefined) console.error(msg);
  else console.error(msg, err);
}

/**
 * The services' context over one connection. Apart from app.ts so that a worker thread builds its own
 * without loading the HTTP layer (Express, sessions, multer): see jobs/job-worker.ts. `readModel`: the
 * server's threads for the read model (app.ts createServices); without them (the command line, tests,
 * the job workers themselves) it loads and answers on the calling thread.
 */
export function createContext(deps: ContextDeps, readModel: ReadModelOptions = {}): ServiceContext {
  const repos = createRepos(deps.db);
  const now = deps.now ?? (() => new Date().toISOString());
  const storage = deps.storage ?? new StorageWatch(deps.db.name || ':memory:');
  return {
    repos,
    facts: new ReadModel(repos.facts, readModel),
    audit: new AuditTrail(repos, now, deps.log ?? logLine, () => storage.check() === 'ok'),
    storage,
    gazetteer: deps.gazetteer,
    geo: deps.geo,
    config: deps.config,
    today: deps.today ?? todayIso,
    now,
  };
}
