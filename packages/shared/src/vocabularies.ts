/**
 * The fixed vocabularies of the incident store. The database CHECK constraints, the import normaliser,
 * the API filters and the dashboard all read these lists, so a code is spelled in exactly one place.
 */

export const METHODS = ['courier', 'bank_impersonation', 'hmrc', 'tech_support', 'investment', 'romance', 'other'] as const;
export type Method = (typeof METHODS)[number];

/** Plain-English labels used on screen and in appeals. */
export const METHOD_LABELS: Record<Method, string> = {
  courier: 'Courier fraud',
  bank_impersonation: 'Bank impersonation',
  hmrc: 'HMRC impersonation',
  tech_support: 'Computer / broadband support',
  investment: 'Investment fraud',
  romance: 'Romance fraud',
  other: 'Other phone scam',
};

export const OUTCOMES = ['lost', 'attempted', 'prevented'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const OUTCOME_LABELS: Record<Outcome, string> = {
  lost: 'Money lost',
  attempted: 'Attempt, nothing lost',
  prevented: 'Prevented',
};

export const AGE_BANDS = ['under 18', '18-29', '30-39', '40-49', '50-59', '60-69', '70-79', '80-89', '90+', 'unknown'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

export const IMPERSONATED = ['police', 'bank', 'hmrc', 'telecom', 'other', 'unknown'] as const;
export type Impersonated = (typeof IMPERSONATED)[number];

/** Who the caller posed as, in the words the incident details, their history and the exports use. */
export const IMPERSONATED_LABELS: Record<Impersonated, string> = {
  police: 'Police',
  bank: 'Bank',
  hmrc: 'HMRC',
  telecom: 'Phone or broadband company',
  other: 'Other',
  unknown: 'Unknown',
};

export const CHANNELS = [
  'cash',
  'bank_card',
  'vouchers',
  'crypto',
  'bank_transfer',
  'goods',
  'foreign_currency',
  'remote_access',
  'unknown',
] as const;
export type Channel = (typeof CHANNELS)[number];

export const CHANNEL_LABELS: Record<Channel, string> = {
  cash: 'cash',
  bank_card: 'bank card',
  vouchers: 'vouchers',
  crypto: 'cryptocurrency',
  bank_transfer: 'bank transfer',
  goods: 'goods',
  foreign_currency: 'foreign currency',
  remote_access: 'remote access',
  unknown: 'unknown',
};

/** Dated events marked on the time charts, so a unit can see what followed them. */
export const TIMELINE_EVENT_KINDS = ['appeal_published', 'arrest', 'media_coverage', 'other'] as const;
export type TimelineEventKind = (typeof TIMELINE_EVENT_KINDS)[number];

export const TIMELINE_EVENT_KIND_LABELS: Record<TimelineEventKind, string> = {
  appeal_published: 'Appeal published',
  arrest: 'Arrest',
  media_coverage: 'Media coverage',
  other: 'Other',
};

/**
 * How a town was resolved: a place inside the force's own area, only a district of it (the town column
 * named the district, "Hertsmere", so the report sits at the district's centre), or a place or district
 * elsewhere in England and Wales ("outside the force area").
 */
export const PLACE_MATCHES = ['force', 'district', 'national'] as const;
export type PlaceMatch = (typeof PLACE_MATCHES)[number];

export const PLACE_MATCH_LABELS: Record<PlaceMatch, string> = {
  force: 'A place in the force area',
  district: 'A district of the force area (placed at its centre)',
  national: 'Outside the force area',
};

/** Canonical import field names (fixed by the import contract). */
export const IMPORT_FIELDS = [
  'reference',
  'offenceDate',
  'offenceDateTo',
  'reportDate',
  'town',
  'method',
  'loss',
  'outcome',
  'age',
  'summary',
  'impersonated',
  'channel',
  'postcodeDistrict',
  'callerNumber',
  'payeeAccount',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** Maps an exact age to its band; `null` means the age was not given. */
export function ageBandOf(age: number | null): AgeBand {
  if (age === null) return 'unknown';
  if (age < 18) return 'under 18';
  if (age < 30) return '18-29';
  if (age >= 90) return '90+';
  const decade = Math.floor(age / 10) * 10;
  return `${decade}-${decade + 9}` as AgeBand;
}
