import type { Gazetteer } from '@scam/ingest';
import type { Config } from '../config.js';
import type { Repos } from '../db/repos/index.js';
import type { FactStore } from './fact-store.js';
import type { Geo } from './geo.service.js';

/** What every service needs; built once in createApp and passed in, so tests can build their own. */
export interface ServiceContext {
  repos: Repos;
  gazetteer: Gazetteer;
  geo: Geo;
  /** In-memory columns for the filtered aggregates; call facts.fresh() before reading. */
  facts: FactStore;
  config: Pick<Config, 'FORCE_AREA' | 'IMPORT_MAX_BYTES' | 'TILE_URL'>;
  /** Today's date as YYYY-MM-DD: the import refuses later offence dates. Injected for tests. */
  today: () => string;
  now: () => string;
}
