import type { FilterKey, IncidentSort } from '@scam/shared';

/**
 * Local copies of two key lists from the shared contract. The originals live in filters.ts beside the
 * zod schemas, and importing any value from that module would bring zod into the first chunk. The
 * types below fail to compile if a key is added to the contract and not here, and a unit test checks
 * the lists are equal.
 */
export const FILTER_PARAM_KEYS = [
  'from',
  'to',
  'method',
  'district',
  'place',
  'outcome',
  'ageBand',
  'minLoss',
  'maxLoss',
] as const satisfies readonly FilterKey[];

export const INCIDENT_SORT_KEYS = [
  'offenceDate',
  'reportDate',
  'reference',
  'place',
  'district',
  'method',
  'outcome',
  'lossPence',
  'age',
] as const satisfies readonly IncidentSort[];

type Missing<All, Listed> = [Exclude<All, Listed>] extends [never] ? true : { missing: Exclude<All, Listed> };
export const filterKeysComplete: Missing<FilterKey, (typeof FILTER_PARAM_KEYS)[number]> = true;
export const incidentSortsComplete: Missing<IncidentSort, (typeof INCIDENT_SORT_KEYS)[number]> = true;
