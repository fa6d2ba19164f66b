import { AGE_BANDS, CHANNELS, IMPERSONATED } from '@scam/shared';
import type { AgeBand, Channel, Impersonated } from '@scam/shared';
import { checkDisclosure, MIN_AREA_REPORTS } from './disclosure.js';
import { lostMoney } from './lost-money.js';
import type { AppealIncident, DisclosureCode } from './types.js';
import { joinWith } from './words.js';

/** "Mainly affected" names at most this many areas; more reads as a list, not a pattern. */
export const MAX_NAMED_AREAS = 4;

export interface OutcomeCounts {
  lost: number;
  /** Nothing lost because the person recognised the scam. */
  attempted: number;
  /** Nothing lost because a bank or the police stepped in. */
  prevented: number;
}

export function countOutcomes(incidents: readonly AppealIncident[]): OutcomeCounts {
  const counts: OutcomeCounts = { lost: 0, attempted: 0, prevented: 0 };
  for (const incident of incidents) {
    if (lostMoney(incident)) counts.lost += 1;
    else if (incident.outcome === 'prevented') counts.prevented += 1;
    else counts.attempted += 1;
  }
  return counts;
}

export interface AreaSummary {
  named: { name: string; reports: number }[];
  otherReports: number;
  /** Areas with enough reports whose names looked like an address, postcode or person, so were not named. */
  withheld: number;
}

/** Pattern checks an area name must pass before it is printed (set-level checks do not apply to a name). */
const NAME_VETTING_CODES: readonly DisclosureCode[] = ['reference', 'name', 'postcode', 'exact_age', 'phone', 'account'];

/**
 * The areas an appeal says were "mainly" affected: the busiest, each with at least MIN_AREA_REPORTS
 * reports, at most MAX_NAMED_AREAS of them. Everything else is "other parts of the county".
 */
export function summariseAreas(incidents: readonly AppealIncident[], level: 'district' | 'place'): AreaSummary {
  const counts = new Map<string, number>();
  for (const incident of incidents) {
    const name = incident[level].trim();
    if (name.length > 0) counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  const ranked = [...counts]
    .map(([name, reports]) => ({ name, reports }))
    .sort((a, b) => b.reports - a.reports || a.name.localeCompare(b.name));
  const bigEnough = ranked.filter((a) => a.reports >= MIN_AREA_REPORTS);
  // A geocoding slip can leave "12 High Street" or "AL1" as a place; such a name is never printed.
  const printable = bigEnough.filter(
    (a) => !/^\d/.test(a.name) && !checkDisclosure(a.name, []).some((f) => NAME_VETTING_CODES.includes(f.code)),
  );
  const named = printable.slice(0, MAX_NAMED_AREAS);
  const namedReports = named.reduce((sum, a) => sum + a.reports, 0);
  return { named, otherReports: incidents.length - namedReports, withheld: bigEnough.length - printable.length };
}

/** Age bands only: an exact age is never used, so it can never reach the text. */
const BAND_BOUNDS: Record<Exclude<AgeBand, 'unknown'>, [number, number]> = {
  'under 18': [0, 17],
  '18-29': [18, 29],
  '30-39': [30, 39],
  '40-49': [40, 49],
  '50-59': [50, 59],
  '60-69': [60, 69],
  '70-79': [70, 79],
  '80-89': [80, 89],
  '90+': [90, Number.POSITIVE_INFINITY],
};
type KnownBand = keyof typeof BAND_BOUNDS;

const isDecade = (band: KnownBand): boolean => /^[3-8]0-/.test(band);
const decadeOf = (band: KnownBand): string => `${band.slice(0, 2)}s`;

/** "in their 80s", "aged 18 to 29", "aged 90 or over", "under 18". */
function singleBand(band: KnownBand): string {
  if (isDecade(band)) return `in their ${decadeOf(band)}`;
  if (band === 'under 18') return 'under 18';
  if (band === '90+') return 'aged 90 or over';
  return 'aged 18 to 29';
}

/** From the lowest band to the highest: "aged between 60 and 90", "aged 60 or over". */
function bandRange(low: KnownBand, high: KnownBand): string {
  if (low === high) return singleBand(low);
  const from = BAND_BOUNDS[low][0];
  const to = BAND_BOUNDS[high][1];
  if (low === 'under 18') return high === '90+' ? 'of all ages' : `aged under ${to + 1}`;
  if (high === '90+') return `aged ${from} or over`;
  return `aged between ${from} and ${to + 1}`;
}

function mostBands(bands: KnownBand[]): string {
  const [first, second] = bands;
  if (!first) return '';
  if (!second) return singleBand(first);
  if (isDecade(first) && isDecade(second)) return `in their ${decadeOf(first)} and ${decadeOf(second)}`;
  const adjacent = AGE_BANDS.indexOf(second) - AGE_BANDS.indexOf(first) === 1;
  return adjacent ? bandRange(first, second) : joinWith([singleBand(first), singleBand(second)], 'or');
}

export interface AgeSummary {
  /** For AppealFigures.ageProfile, e.g. "aged between 60 and 90, most in their 70s and 80s". */
  profile: string;
  /** The sentence for the body, or null when too few ages are known to say anything safely. */
  sentence: string | null;
  /** Most of those whose band is known are 70 or over. */
  mostlyElderly: boolean;
}

export function summariseAges(incidents: readonly AppealIncident[]): AgeSummary {
  const counts = new Map<KnownBand, number>();
  for (const incident of incidents) {
    if (incident.ageBand !== 'unknown') counts.set(incident.ageBand, (counts.get(incident.ageBand) ?? 0) + 1);
  }
  const known = [...counts.values()].reduce((a, b) => a + b, 0);
  const elderly = (counts.get('70-79') ?? 0) + (counts.get('80-89') ?? 0) + (counts.get('90+') ?? 0);
  const mostlyElderly = known > 0 && elderly / known > 0.5;
  // Fewer than three known ages would describe individuals, not a pattern.
  if (known < MIN_AREA_REPORTS) {
    return { profile: 'too few ages recorded to describe', sentence: null, mostlyElderly };
  }

  const present = AGE_BANDS.filter((b): b is KnownBand => b !== 'unknown' && counts.has(b));
  const low = present[0]!;
  const high = present[present.length - 1]!;
  const range = bandRange(low, high);

  // The fewest bands (one or two) holding more than half of the known ages.
  const byCount = [...present].sort((a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0) || AGE_BANDS.indexOf(a) - AGE_BANDS.indexOf(b));
  let most: KnownBand[] = [];
  if ((counts.get(byCount[0]!) ?? 0) * 2 > known) most = [byCount[0]!];
  else if (byCount.length > 1 && ((counts.get(byCount[0]!) ?? 0) + (counts.get(byCount[1]!) ?? 0)) * 2 > known) {
    most = [byCount[0]!, byCount[1]!].sort((a, b) => AGE_BANDS.indexOf(a) - AGE_BANDS.indexOf(b));
  }

  const partial = known < incidents.length * 0.8;
  const opening = partial ? 'Where ages were recorded, those targeted' : 'Those targeted';
  let sentence: string;
  let profile: string;
  if (present.length === 1) {
    sentence = `${partial ? 'Where ages were recorded, all of those targeted' : 'All of those targeted'} were ${range}.`;
    profile = `all ${range}`;
  } else if (most.length > 0 && present.length > most.length) {
    sentence = `${opening} were ${range}, and most were ${mostBands(most)}.`;
    profile = `${range}, most ${mostBands(most)}`;
  } else {
    // Two bands read better named ("in their 70s and 80s") than as a range.
    const described = present.length === 2 ? mostBands(present) : range;
    sentence = `${opening} were ${described}.`;
    profile = described;
  }
  return { profile, sentence, mostlyElderly };
}

/** Counts per value, most first; ties follow the vocabulary's order so drafts are repeatable. */
export function rankValues<T extends string>(values: readonly T[], order: readonly T[]): { value: T; count: number }[] {
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || order.indexOf(a.value) - order.indexOf(b.value));
}

export function rankImpersonated(incidents: readonly AppealIncident[]): { value: Impersonated; count: number }[] {
  return rankValues(
    incidents.map((i) => i.impersonated).filter((v) => v !== 'unknown'),
    IMPERSONATED,
  );
}

export function rankChannels(incidents: readonly AppealIncident[]): { value: Exclude<Channel, 'unknown'>; count: number }[] {
  return rankValues(
    incidents.map((i) => i.channel).filter((c): c is Exclude<Channel, 'unknown'> => c !== 'unknown'),
    CHANNELS.filter((c): c is Exclude<Channel, 'unknown'> => c !== 'unknown'),
  );
}
