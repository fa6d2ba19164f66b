import type { Gazetteer } from '@scam/ingest';
import type { Role } from '@scam/shared';
import type { Config } from '../config.js';
import type { Repos } from '../db/repos/index.js';
import type { AuditTrail } from './audit.service.js';
import type { ReadModel } from '../db/read-model/read-model.js';
import type { Geo } from './geo.service.js';

/** Who is doing something: the signed-in user (or token holder), never a header the client sets. */
export interface Actor {
  name: string;
  /** 'system': a command-line tool run by someone with the database file in reach (named by OS account). */
  role: Role | 'system';
  requestId: string | null;
}

/** The command-line tools act as themselves; the audit trail says which tool and which OS account. */
export const systemActor = (name: string): Actor => ({ name, role: 'system', requestId: null });

/** What every service needs; built once in createApp and passed in, so tests can build their own. */
export interface ServiceContext {
  repos: Repos;
  gazetteer: Gazetteer;
  geo: Geo;
  /** The in-memory read model for the filtered aggregates; every read catches up with the database first. */
  facts: ReadModel;
  audit: AuditTrail;
  /** Whether the database file is still the one opened at start (see db/storage.ts). */
  storage: { check(): 'ok' | 'missing' | 'replaced' };
  config: Pick<Config, 'FORCE_AREA' | 'IMPORT_MAX_BYTES' | 'TILE_URL'>;
  /** Today's date as YYYY-MM-DD: the import refuses later offence dates. Injected for tests. */
  today: () => string;
  now: () => string;
}
