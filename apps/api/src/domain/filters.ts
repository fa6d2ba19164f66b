import type { AgeBand, Method, Outcome, PlaceMatch } from '@scam/shared';

/**
 * Filters after the service has checked them against the data: districts as codes, money in pence.
 *
 * Why here and not in a layer: filters.service.ts makes them, the repos turn them into SQL
 * (repos/filter-sql.ts), the read model and the query workers match them in memory, and the job
 * threads carry them. The layer rule runs routes → services → repos, so a repo must not import a
 * service; `domain/` holds types every layer may share, with no code that does I/O.
 */
export interface ResolvedFilters {
  from?: string;
  to?: string;
  methods?: Method[];
  districtCodes?: string[];
  /** Place names; a name that recurs in several districts matches them all unless a district narrows it. */
  places?: string[];
  /** How the town was placed; `['national']` is "outside the force area". */
  placeMatches?: PlaceMatch[];
  outcomes?: Outcome[];
  ageBands?: AgeBand[];
  minLossPence?: number;
  maxLossPence?: number;
}
