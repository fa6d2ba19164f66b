/**
 * Synthetic report generator for tests and timing: a seeded background of every method at realistic
 * relative rates, spread over places in proportion to their weight (e.g. population).
 */
import type { AgeBand, Channel, Impersonated, Method, Outcome } from '@scam/shared';
import { dayNumber, isoOfDay as isoDate } from '@scam/shared';
import { createRng, normal } from './random.js';
import type { Rng } from './random.js';
import type { DetectionIncident } from './types.js';

export interface SyntheticPlace {
  name: string;
  district: string;
  lat: number;
  lon: number;
  /** Relative share of reports (e.g. population); default 1. */
  weight?: number;
}

export interface SyntheticOptions {
  from?: string;
  to?: string;
  /** Reference prefix, so several generated sets can be combined without clashes. */
  prefix?: string;
  /** Relative rate per method; default MONTHLY_RATES. */
  methodWeights?: Partial<Record<Method, number>>;
}

/** Reports a month across a county of about 1.2 million people, by method. Courier fraud at ~6 a month
 * matches roughly 2 % of the national reports of that crime; the others are in proportion. */
export const MONTHLY_RATES: Record<Method, number> = {
  courier: 6,
  bank_impersonation: 12,
  hmrc: 10,
  tech_support: 12,
  investment: 5,
  romance: 3,
  other: 8,
};

type Weighted<T> = readonly (readonly [T, number])[];

const PROFILE: Record<Method, { impersonated: Weighted<Impersonated>; channel: Weighted<Channel>; meanAge: number }> = {
  courier: {
    impersonated: [
      ['police', 0.7],
      ['bank', 0.3],
    ],
    channel: [
      ['cash', 0.45],
      ['bank_card', 0.35],
      ['goods', 0.1],
      ['foreign_currency', 0.1],
    ],
    meanAge: 78,
  },
  bank_impersonation: {
    impersonated: [
      ['bank', 0.85],
      ['police', 0.1],
      ['other', 0.05],
    ],
    channel: [
      ['bank_transfer', 0.7],
      ['bank_card', 0.2],
      ['cash', 0.1],
    ],
    meanAge: 62,
  },
  hmrc: {
    impersonated: [
      ['hmrc', 0.95],
      ['unknown', 0.05],
    ],
    channel: [
      ['vouchers', 0.5],
      ['bank_transfer', 0.4],
      ['crypto', 0.1],
    ],
    meanAge: 55,
  },
  tech_support: {
    impersonated: [
      ['telecom', 0.8],
      ['other', 0.2],
    ],
    channel: [
      ['remote_access', 0.6],
      ['bank_transfer', 0.3],
      ['vouchers', 0.1],
    ],
    meanAge: 68,
  },
  investment: {
    impersonated: [
      ['other', 0.9],
      ['unknown', 0.1],
    ],
    channel: [
      ['crypto', 0.5],
      ['bank_transfer', 0.5],
    ],
    meanAge: 58,
  },
  romance: {
    impersonated: [
      ['other', 0.6],
      ['unknown', 0.4],
    ],
    channel: [
      ['bank_transfer', 0.6],
      ['vouchers', 0.2],
      ['crypto', 0.2],
    ],
    meanAge: 60,
  },
  other: {
    impersonated: [
      ['other', 0.5],
      ['unknown', 0.5],
    ],
    channel: [
      ['unknown', 0.5],
      ['bank_transfer', 0.3],
      ['vouchers', 0.2],
    ],
    meanAge: 60,
  },
};

const OUTCOME_WEIGHTS: Weighted<Outcome> = [
  ['lost', 0.35],
  ['attempted', 0.5],
  ['prevented', 0.15],
];

export function pick<T>(rng: Rng, items: Weighted<T>): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let u = rng.next() * total;
  for (const [v, w] of items) {
    u -= w;
    if (u < 0) return v;
  }
  return items[items.length - 1]![0];
}

export function ageBandFor(age: number): AgeBand {
  if (age < 18) return 'under 18';
  if (age < 30) return '18-29';
  if (age >= 90) return '90+';
  const d = Math.floor(age / 10) * 10;
  return `${d}-${d + 9}` as AgeBand;
}

/** A random UK mobile number from a space of 10^9, so background reports practically never share one. */
export function randomMobile(rng: Rng): string {
  const digits = String(rng.int(1_000_000_000)).padStart(9, '0');
  return `07${digits.slice(0, 3)} ${digits.slice(3)}`;
}

/** The share of a method's background reports whose caller posed as each kind (police, bank…). */
export function impersonationShares(method: Method): ReadonlyMap<Impersonated, number> {
  const weights = PROFILE[method].impersonated;
  const total = weights.reduce((a, [, w]) => a + w, 0);
  return new Map(weights.map(([k, w]) => [k, w / total]));
}

/** One synthetic report with the method's usual story; used for the background and for embedded series. */
export function syntheticIncident(
  rng: Rng,
  reference: string,
  method: Method,
  offenceDate: string,
  place: SyntheticPlace,
  overrides: Partial<DetectionIncident> = {},
): DetectionIncident {
  const prof = PROFILE[method];
  const outcome = pick(rng, OUTCOME_WEIGHTS);
  const age = Math.round(prof.meanAge + 10 * normal(rng));
  const lossPence = outcome === 'lost' ? Math.round(Math.exp(Math.log(300_000) + normal(rng))) : 0;
  return {
    reference,
    offenceDate,
    method,
    impersonated: pick(rng, prof.impersonated),
    channel: pick(rng, prof.channel),
    place: place.name,
    district: place.district,
    lat: place.lat,
    lon: place.lon,
    ageBand: rng.next() < 0.1 ? 'unknown' : ageBandFor(age),
    outcome,
    lossPence,
    callerNumber: rng.next() < 0.4 ? randomMobile(rng) : null,
    ...overrides,
  };
}

/** `n` background reports, dates uniform over [from, to] (default 2015-01-01..2020-12-31). */
export function makeSyntheticIncidents(
  n: number,
  seed: number,
  places: readonly SyntheticPlace[],
  options: SyntheticOptions = {},
): DetectionIncident[] {
  if (places.length === 0) throw new RangeError('need at least one place');
  const rng = createRng(seed);
  const from = dayNumber(options.from ?? '2015-01-01');
  const to = dayNumber(options.to ?? '2020-12-31');
  const prefix = options.prefix ?? 'SYN';
  const methodWeights: Weighted<Method> = (Object.keys(MONTHLY_RATES) as Method[]).map((m) => [
    m,
    options.methodWeights?.[m] ?? MONTHLY_RATES[m],
  ]);
  // Cumulative weights and a binary search: the 1,000,000-report timing run needs a fast place draw.
  const cum = new Float64Array(places.length);
  let acc = 0;
  places.forEach((p, i) => {
    acc += p.weight ?? 1;
    cum[i] = acc;
  });
  const out: DetectionIncident[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const u = rng.next() * acc;
    let lo = 0;
    let hi = places.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid]! > u) hi = mid;
      else lo = mid + 1;
    }
    const method = pick(rng, methodWeights);
    const date = isoDate(from + rng.int(to - from + 1));
    out[i] = syntheticIncident(rng, `${prefix}-${String(i + 1).padStart(7, '0')}`, method, date, places[lo]!);
  }
  return out;
}
