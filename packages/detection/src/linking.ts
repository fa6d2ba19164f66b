/**
 * Similarity between reports, used to grow a detected series by close look-alikes just outside its
 * cylinder, to explain to an analyst why each report belongs, and to link reports that share a caller
 * number whatever the scan says.
 */
import type { AgeBand, Channel, Impersonated, Method, SeriesMemberEvidence } from '@scam/shared';
import { callerNumberKey, CHANNEL_LABELS, payeeAccountKey } from '@scam/shared';
import { haversineKm } from './geo.js';
import type { DetectionIncident } from './types.js';

export type TieKey = 'method' | 'impersonated' | 'channel' | 'time' | 'distance' | 'ageBand' | 'callerNumber';

/** Weights of a full match. A shared caller number outweighs everything else together except the
 * method: the same phone used twice is close to proof of the same offenders. */
export const SIMILARITY_WEIGHTS: Record<TieKey, number> = {
  callerNumber: 5,
  method: 2,
  impersonated: 1,
  channel: 1,
  time: 1.5,
  distance: 1.5,
  ageBand: 0.5,
};
export const MAX_SIMILARITY = Object.values(SIMILARITY_WEIGHTS).reduce((a, b) => a + b, 0);

/**
 * A report just outside a series joins it when its similarity with some member is at least 7 (of
 * 12.5). 7 is exactly method + impersonated party + channel + within 7 days + within 2 km, or method +
 * the same caller number: nothing weaker than "same story, same week, same neighbourhood" or "same
 * phone" pulls a report in.
 */
export const LINK_THRESHOLD = 7;

/** How far outside the cylinder growth looks. */
export const GROWTH_MARGIN_DAYS = 14;
export const GROWTH_MARGIN_KM = 5;

/** The comparison key of a caller number (one definition, shared with the incident search). */
export const normaliseCallerNumber = callerNumberKey;

function timeFraction(daysApart: number): number {
  if (daysApart <= 7) return 1;
  if (daysApart <= 14) return 2 / 3;
  if (daysApart <= 28) return 1 / 3;
  return 0;
}

function distanceFraction(km: number): number {
  if (km <= 2) return 1;
  if (km <= 5) return 2 / 3;
  if (km <= 10) return 1 / 3;
  return 0;
}

export interface Similarity {
  score: number;
  ties: Record<TieKey, boolean>;
}

/** Pairwise similarity; `daysApart` is passed in because callers already hold day numbers. */
export function similarity(a: DetectionIncident, b: DetectionIncident, daysApart: number): Similarity {
  const w = SIMILARITY_WEIGHTS;
  const known = <T extends string>(x: T, y: T): boolean => x === y && x !== 'unknown';
  const numA = normaliseCallerNumber(a.callerNumber);
  const km = haversineKm(a.lat, a.lon, b.lat, b.lon);
  const tf = timeFraction(Math.abs(daysApart));
  const df = distanceFraction(km);
  const ties: Record<TieKey, boolean> = {
    method: a.method === b.method,
    impersonated: known(a.impersonated, b.impersonated),
    channel: known(a.channel, b.channel),
    time: tf > 0,
    distance: df > 0,
    ageBand: known(a.ageBand, b.ageBand),
    callerNumber: numA !== null && numA === normaliseCallerNumber(b.callerNumber),
  };
  const score =
    (ties.method ? w.method : 0) +
    (ties.impersonated ? w.impersonated : 0) +
    (ties.channel ? w.channel : 0) +
    tf * w.time +
    df * w.distance +
    (ties.ageBand ? w.ageBand : 0) +
    (ties.callerNumber ? w.callerNumber : 0);
  return { score, ties };
}

export interface GrowthCandidate {
  index: number;
  day: number;
}

/**
 * Reports (not already in a series) within GROWTH_MARGIN_DAYS of the series' dates and
 * GROWTH_MARGIN_KM beyond its radius join when their best similarity with a core member reaches
 * LINK_THRESHOLD. One pass, no chaining, so a series cannot creep across the county through a
 * sequence of look-alikes.
 */
export function growSeries(
  incidents: readonly DetectionIncident[],
  core: readonly GrowthCandidate[],
  candidates: readonly GrowthCandidate[],
  centre: { lat: number; lon: number },
  radiusKm: number,
): { index: number; linkedTo: number; score: number }[] {
  if (core.length === 0) return [];
  let first = Infinity;
  let last = -Infinity;
  for (const c of core) {
    first = Math.min(first, c.day);
    last = Math.max(last, c.day);
  }
  const grown: { index: number; linkedTo: number; score: number }[] = [];
  for (const cand of candidates) {
    if (cand.day < first - GROWTH_MARGIN_DAYS || cand.day > last + GROWTH_MARGIN_DAYS) continue;
    const inc = incidents[cand.index]!;
    if (haversineKm(centre.lat, centre.lon, inc.lat, inc.lon) > radiusKm + GROWTH_MARGIN_KM) continue;
    let best = -1;
    let bestIdx = -1;
    for (const m of core) {
      const s = similarity(inc, incidents[m.index]!, cand.day - m.day).score;
      if (s > best) {
        best = s;
        bestIdx = m.index;
      }
    }
    if (best >= LINK_THRESHOLD) grown.push({ index: cand.index, linkedTo: bestIdx, score: best });
  }
  return grown;
}

/** What a typical member of the series looks like. */
export interface SeriesProfile {
  method: Method;
  impersonated: Impersonated | null;
  channel: Channel | null;
  ageBand: AgeBand | null;
  centre: { lat: number; lon: number };
  radiusKm: number;
  /** The series' period (day numbers) and its middle day. */
  startDay: number;
  endDay: number;
  centreDay: number;
}

/** Most common known value (ties broken by first appearance in `order`); null if none is known. */
export function modeOf<T extends string>(values: readonly T[], order: readonly T[]): T | null {
  const counts = new Map<T, number>();
  for (const v of values) if (v !== 'unknown') counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: T | null = null;
  let bestN = 0;
  for (const v of order) {
    const n = counts.get(v) ?? 0;
    if (n > bestN) {
      best = v;
      bestN = n;
    }
  }
  return best;
}

export const IMPERSONATED_PHRASE: Record<Impersonated, string> = {
  police: 'the police',
  bank: 'the bank',
  hmrc: 'HMRC',
  telecom: 'a telephone or broadband company',
  other: 'another organisation',
  unknown: 'an unknown organisation',
};

function kmPhrase(km: number): string {
  return km < 1 ? 'under 1 km' : `${Math.round(km)} km`;
}

function daysPhrase(days: number): string {
  return days === 1 ? '1 day' : `${days} days`;
}

/** Per member: which attributes tie it to the series profile, a 0..1 score and plain-English reasons. */
export function explainMembers(
  members: readonly { incident: DetectionIncident; day: number; linkedBy?: { reference: string; score: number } }[],
  profile: SeriesProfile,
): SeriesMemberEvidence[] {
  const numberCounts = new Map<string, number>();
  for (const m of members) {
    const n = normaliseCallerNumber(m.incident.callerNumber);
    if (n !== null) numberCounts.set(n, (numberCounts.get(n) ?? 0) + 1);
  }
  const w = SIMILARITY_WEIGHTS;
  return members.map(({ incident: inc, day, linkedBy }) => {
    const km = haversineKm(profile.centre.lat, profile.centre.lon, inc.lat, inc.lon);
    const daysOff = Math.abs(day - profile.centreDay);
    const num = normaliseCallerNumber(inc.callerNumber);
    const others = num === null ? 0 : (numberCounts.get(num) ?? 1) - 1;
    const ties: Record<TieKey, boolean> = {
      method: inc.method === profile.method,
      impersonated: profile.impersonated !== null && inc.impersonated === profile.impersonated,
      channel: profile.channel !== null && inc.channel === profile.channel,
      time: day >= profile.startDay - 7 && day <= profile.endDay + 7,
      distance: km <= profile.radiusKm + 2,
      ageBand: profile.ageBand !== null && inc.ageBand === profile.ageBand,
      callerNumber: others > 0,
    };
    let got = 0;
    for (const k of Object.keys(ties) as TieKey[]) if (ties[k]) got += w[k];
    const reasons: string[] = [];
    if (ties.callerNumber) {
      reasons.push(`same caller number ${inc.callerNumber ?? ''} as ${others} other report${others === 1 ? '' : 's'}`);
    }
    if (ties.distance && ties.time) reasons.push(`within ${kmPhrase(km)} and ${daysPhrase(daysOff)} of the series centre`);
    else if (ties.distance) reasons.push(`within ${kmPhrase(km)} of the series centre, but ${daysPhrase(daysOff)} from its middle`);
    else if (ties.time) reasons.push(`within ${daysPhrase(daysOff)} of the series centre, but ${kmPhrase(km)} away`);
    if (ties.impersonated) reasons.push(`caller posed as ${IMPERSONATED_PHRASE[inc.impersonated]}, as in most reports in the series`);
    if (ties.channel) reasons.push(`asked for ${CHANNEL_LABELS[inc.channel]}, as in most reports in the series`);
    if (ties.ageBand) reasons.push(`victim aged ${inc.ageBand}, the most common age band in the series`);
    if (linkedBy) {
      reasons.push(
        `added by similarity with report ${linkedBy.reference} (score ${linkedBy.score.toFixed(1)} of ${MAX_SIMILARITY}), just outside the detected area or period`,
      );
    }
    return {
      reference: inc.reference,
      offenceDate: inc.offenceDate,
      place: inc.place,
      district: inc.district,
      score: Math.round((got / MAX_SIMILARITY) * 100) / 100,
      ties,
      reasons,
    };
  });
}

/** What ties a group of reports: the same caller number, or money sent to the same account or wallet. */
export type SharedIdentifier = 'number' | 'account';

/** Groups of at least `minCount` reports sharing a caller number or a payee account, largest first. */
export function groupBySharedIdentifier(
  incidents: readonly DetectionIncident[],
  indices: readonly number[],
  minCount: number,
): { kind: SharedIdentifier; key: string; indices: number[] }[] {
  const groups = new Map<string, { kind: SharedIdentifier; key: string; indices: number[] }>();
  const add = (kind: SharedIdentifier, key: string | null, i: number) => {
    if (key === null) return;
    const id = `${kind}:${key}`;
    const g = groups.get(id);
    if (g) g.indices.push(i);
    else groups.set(id, { kind, key, indices: [i] });
  };
  for (const i of indices) {
    add('number', callerNumberKey(incidents[i]!.callerNumber), i);
    add('account', payeeAccountKey(incidents[i]!.payeeAccount ?? null), i);
  }
  return [...groups.values()]
    .filter((g) => g.indices.length >= minCount)
    .sort((a, b) => b.indices.length - a.indices.length || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : a.key < b.key ? -1 : 1));
}
