/**
 * Plain key lists of the contract, in a module with no zod import, so the browser's first chunk can
 * use them (`@scam/shared/keys`) without pulling the schema library in.
 */

/** The filter parameters every read route accepts (fixed contract). */
export const FILTER_KEYS = ['from', 'to', 'method', 'district', 'place', 'placeMatch', 'outcome', 'ageBand', 'minLoss', 'maxLoss'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

export const INCIDENT_SORTS = [
  'offenceDate',
  'reportDate',
  'reference',
  'place',
  'district',
  'method',
  'outcome',
  'lossPence',
  'age',
] as const;
export type IncidentSort = (typeof INCIDENT_SORTS)[number];
