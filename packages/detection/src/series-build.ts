/** Turns a detected group of reports into the `Series` wire shape the API and dashboard show. */
import type { Method, Series, SeriesKind } from '@scam/shared';
import { AGE_BANDS, CHANNELS, IMPERSONATED } from '@scam/shared';
import { dayNumber, isoOfDay as isoDate } from '@scam/shared';
import { describeDateRange } from './dates.js';
import { haversineKm } from './geo.js';
import { explainMembers, modeOf, type SeriesProfile } from './linking.js';
import type { DetectionIncident } from './types.js';

/** "N … reports" reads naturally with these, e.g. "12 courier-fraud reports". */
export const METHOD_PHRASES: Record<Method, string> = {
  courier: 'courier-fraud',
  bank_impersonation: 'bank-impersonation',
  hmrc: 'HMRC-impersonation',
  tech_support: 'computer-support',
  investment: 'investment-fraud',
  romance: 'romance-fraud',
  other: 'other phone-scam',
};

export interface Member {
  index: number;
  day: number;
  linkedBy?: { reference: string; score: number };
}

export interface SeriesDraft {
  kind: SeriesKind;
  method: Method;
  members: Member[];
  expected: number;
  pValue: number | null;
  /** Log-likelihood ratio of the scan that found it; null for caller-number links. */
  llr: number | null;
  /** p ≤ alpha (links always are: they are evidence, not a rate). */
  significant: boolean;
  recurrenceDays: number | null;
  /** Zone centre and radius for scan series; otherwise derived from the members. */
  centre?: { lat: number; lon: number };
  radiusKm?: number;
  /** The period the series was found in (day numbers), for the members' time ties. */
  startDay: number;
  endDay: number;
  /** Word that makes the id unique among series of the same kind, method and first date. */
  idAnchor: string;
  /** Builds the sentence once counts and dates are known. */
  explain: (s: { count: number; areas: string; range: string; expected: number }) => string;
}

export function slug(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export function formatP(p: number): string {
  if (p < 0.0001) return 'p < 0.0001';
  if (p < 0.001) return `p = ${p.toPrecision(1)}`;
  return `p = ${p.toFixed(3)}`;
}

function countBy(values: readonly string[]): { name: string; count: number }[] {
  const m = new Map<string, number>();
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  return [...m.entries()]
    .map(([name, count]) => ({ name, count }))
    .sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** "St Albans", "St Albans and Watford", "St Albans, Watford and Hertsmere", "…, Hertsmere and 2 other districts". */
export function areaList(districts: readonly { name: string }[]): string {
  const names = districts.map((d) => d.name);
  if (names.length <= 1) return names[0] ?? 'an unknown area';
  if (names.length <= 3) return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  const rest = names.length - 3;
  return `${names.slice(0, 3).join(', ')} and ${rest} other district${rest === 1 ? '' : 's'}`;
}

const round = (x: number, dp: number): number => Math.round(x * 10 ** dp) / 10 ** dp;

/** The series profile members are measured against: the most common traits, the zone, and the period
 * with its middle member's day (`days` in date order). */
function profileOf(
  incs: readonly DetectionIncident[],
  method: Method,
  zone: { centre: { lat: number; lon: number }; radiusKm: number; startDay: number; endDay: number; days: readonly number[] },
): SeriesProfile {
  return {
    method,
    impersonated: modeOf(
      incs.map((i) => i.impersonated),
      IMPERSONATED,
    ),
    channel: modeOf(
      incs.map((i) => i.channel),
      CHANNELS,
    ),
    ageBand: modeOf(
      incs.map((i) => i.ageBand),
      AGE_BANDS,
    ),
    centre: zone.centre,
    radiusKm: zone.radiusKm,
    startDay: zone.startDay,
    endDay: zone.endDay,
    centreDay: zone.days[Math.floor((zone.days.length - 1) / 2)]!,
  };
}

export function buildSeries(incidents: readonly DetectionIncident[], draft: SeriesDraft): Series {
  const members = [...draft.members].sort(
    (a, b) => a.day - b.day || (incidents[a.index]!.reference < incidents[b.index]!.reference ? -1 : 1),
  );
  const incs = members.map((m) => incidents[m.index]!);
  const days = members.map((m) => m.day);
  // members are sorted by day, so the ends are the first and last dates.
  const firstDay = days[0]!;
  const lastDay = days[days.length - 1]!;
  const first = isoDate(firstDay);
  const last = isoDate(lastDay);

  let centre = draft.centre;
  if (!centre) {
    const lat = incs.reduce((s, i) => s + i.lat, 0) / incs.length;
    const lon = incs.reduce((s, i) => s + i.lon, 0) / incs.length;
    centre = { lat, lon };
  }
  const c = centre;
  const radiusKm = draft.radiusKm ?? incs.reduce((r, i) => Math.max(r, haversineKm(c.lat, c.lon, i.lat, i.lon)), 0);

  const evidence = explainMembers(
    members.map((m) => ({ incident: incidents[m.index]!, day: m.day, linkedBy: m.linkedBy })),
    profileOf(incs, draft.method, { centre: c, radiusKm, startDay: draft.startDay, endDay: draft.endDay, days }),
  );

  const districts = countBy(incs.map((i) => i.district));
  const places = countBy(incs.map((i) => i.place));
  const count = incs.length;
  return {
    id: slug([draft.kind === 'space_time' ? '' : draft.kind, draft.method, first, draft.idAnchor].filter(Boolean).join('-')),
    kind: draft.kind,
    method: draft.method,
    first,
    last,
    count,
    expected: round(draft.expected, 3),
    relativeRisk: draft.expected > 0 ? round(count / draft.expected, 2) : 0,
    pValue: draft.pValue,
    llr: draft.llr === null ? null : round(draft.llr, 6),
    significant: draft.significant,
    recurrenceDays: draft.recurrenceDays === null ? null : round(draft.recurrenceDays, 1),
    lossPence: incs.reduce((s, i) => s + i.lossPence, 0),
    victimsLost: incs.filter((i) => i.outcome === 'lost').length,
    attempts: incs.filter((i) => i.outcome !== 'lost').length,
    districts,
    places,
    centre: { lat: round(c.lat, 5), lon: round(c.lon, 5) },
    radiusKm: round(radiusKm, 2),
    incidents: incs.map((i) => i.reference),
    evidence,
    explanation: draft.explain({ count, areas: areaList(districts), range: describeDateRange(first, last), expected: draft.expected }),
    trend: 'new',
  };
}

/** new: no earlier series shares a report; growing: the earlier series sharing most reports was
 * smaller; otherwise steady. */
/**
 * New, growing or steady, against what an analyst has already reviewed (or an earlier run): the reviewed
 * group sharing most members with the series. None → new; members beyond it → growing; else steady.
 */
export function trendAgainst(series: Pick<Series, 'incidents'>, reviewed: readonly { incidents: readonly string[] }[]): Series['trend'] {
  const mine = new Set(series.incidents);
  let best: ReadonlySet<string> | null = null;
  let bestShared = 0;
  for (const p of reviewed) {
    let shared = 0;
    for (const r of p.incidents) if (mine.has(r)) shared++;
    if (shared > bestShared) {
      best = new Set(p.incidents);
      bestShared = shared;
    }
  }
  if (best === null) return 'new';
  const known = best;
  return series.incidents.some((r) => !known.has(r)) ? 'growing' : 'steady';
}

/** What an assessment of a given set of reports says about each of them, and their own figures. */
export interface MemberAssessment {
  first: string;
  last: string;
  lossPence: number;
  victimsLost: number;
  districts: { name: string; count: number }[];
  centre: { lat: number; lon: number };
  radiusKm: number;
  evidence: Series['evidence'];
}

/**
 * Evidence for exactly the reports an analyst holds in a saved series, those added by hand included:
 * each member's ties to the series profile (the detected series' circle and period where one is given,
 * otherwise the members' own), so no member stays "not assessed". Empty input → null.
 */
export function assessMembers(
  incidents: readonly DetectionIncident[],
  method: Method,
  zone: { centre: { lat: number; lon: number }; radiusKm: number; first: string; last: string } | null,
): MemberAssessment | null {
  if (incidents.length === 0) return null;
  const sorted = [...incidents].sort((a, b) =>
    a.offenceDate < b.offenceDate ? -1 : a.offenceDate > b.offenceDate ? 1 : a.reference < b.reference ? -1 : 1,
  );
  const days = sorted.map((i) => dayNumber(i.offenceDate));
  const first = sorted[0]!.offenceDate;
  const last = sorted[sorted.length - 1]!.offenceDate;
  const centre = zone?.centre ?? {
    lat: sorted.reduce((s, i) => s + i.lat, 0) / sorted.length,
    lon: sorted.reduce((s, i) => s + i.lon, 0) / sorted.length,
  };
  const radiusKm = zone?.radiusKm ?? sorted.reduce((r, i) => Math.max(r, haversineKm(centre.lat, centre.lon, i.lat, i.lon)), 0);
  const evidence = explainMembers(
    sorted.map((incident, k) => ({ incident, day: days[k]! })),
    profileOf(sorted, method, {
      centre,
      radiusKm,
      startDay: dayNumber(zone?.first ?? first),
      endDay: dayNumber(zone?.last ?? last),
      days,
    }),
  );
  return {
    first,
    last,
    lossPence: sorted.reduce((s, i) => s + i.lossPence, 0),
    victimsLost: sorted.filter((i) => i.outcome === 'lost').length,
    districts: countBy(sorted.map((i) => i.district)),
    centre: { lat: round(centre.lat, 5), lon: round(centre.lon, 5) },
    radiusKm: round(radiusKm, 2),
    evidence,
  };
}
