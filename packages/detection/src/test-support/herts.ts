/**
 * Test fixtures: a few dozen Hertfordshire places with coordinates from the gazetteer
 * (data/places.csv) and rough populations as weights, and the press-release series embedded in a
 * seeded background. Test-only (reads a file), so it is excluded from the package build.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Method } from '@scam/shared';
import { dayNumber, isoOfDay as isoDate } from '@scam/shared';
import { createRng } from '../random.js';
import type { Rng } from '../random.js';
import { makeSyntheticIncidents, MONTHLY_RATES, pick, syntheticIncident } from '../synthetic.js';
import type { SyntheticPlace } from '../synthetic.js';
import type { DetectionIncident } from '../types.js';

/** Approximate populations in thousands (2011 census, rounded): the background is drawn in proportion. */
const POPULATION: Record<string, number> = {
  Watford: 80,
  'North Watford': 6,
  Oxhey: 4,
  'St Albans': 75,
  'Hemel Hempstead': 95,
  Stevenage: 90,
  'Welwyn Garden City': 48,
  Hatfield: 40,
  Cheshunt: 45,
  Hoddesdon: 40,
  "Bishop's Stortford": 38,
  Hertford: 27,
  Ware: 19,
  Hitchin: 34,
  Letchworth: 33,
  Baldock: 10,
  Royston: 16,
  Harpenden: 30,
  Borehamwood: 36,
  'Potters Bar': 22,
  Bushey: 26,
  Radlett: 8,
  Rickmansworth: 15,
  'Croxley Green': 12,
  'Abbots Langley': 11,
  Chorleywood: 11,
  Berkhamsted: 19,
  Tring: 12,
  'Kings Langley': 5,
  'London Colney': 8,
  Redbourn: 5,
  Wheathampstead: 6,
  Sawbridgeworth: 9,
  Buntingford: 5,
  Knebworth: 5,
  Markyate: 3,
  Elstree: 5,
  Shenley: 4,
  'South Oxhey': 12,
  'Bricket Wood': 5,
  Welwyn: 8,
  'Waltham Cross': 8,
  Garston: 10,
  'Park Street': 6,
};

export type HertsPlace = Required<SyntheticPlace>;

let cache: Map<string, HertsPlace> | null = null;

export function hertsPlaces(): Map<string, HertsPlace> {
  if (cache) return cache;
  const csv = readFileSync(fileURLToPath(new URL('../../../../data/places.csv', import.meta.url)), 'utf8');
  const out = new Map<string, HertsPlace>();
  for (const line of csv.split('\n').slice(1)) {
    // Names may contain apostrophes but no commas in this file: name,lat,lon,district_code,district,county
    const [name, lat, lon, , district, county] = line.trim().split(',');
    if (county !== 'Hertfordshire' || name === undefined || district === undefined) continue;
    const weight = POPULATION[name];
    if (weight === undefined || out.has(name)) continue;
    out.set(name, { name, district, lat: Number(lat), lon: Number(lon), weight });
  }
  if (out.size !== Object.keys(POPULATION).length) throw new Error('a fixture place is missing from places.csv');
  cache = out;
  return out;
}

export function place(name: string): HertsPlace {
  const p = hertsPlaces().get(name);
  if (!p) throw new Error(`unknown fixture place ${name}`);
  return p;
}

/** Background reports for [from, to] at MONTHLY_RATES (Poisson total), all methods. */
export function background(seed: number, from: string, to: string): DetectionIncident[] {
  const rng = createRng(seed ^ 0x5bd1e995);
  const months = (dayNumber(to) - dayNumber(from) + 1) / 30.44;
  const mean = Object.values(MONTHLY_RATES).reduce((a, b) => a + b, 0) * months;
  const n = Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian(rng)));
  return makeSyntheticIncidents(n, seed, [...hertsPlaces().values()], { from, to, prefix: `BG${seed}` });
}

function gaussian(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
}

function randomDate(rng: Rng, from: string, to: string): string {
  const a = dayNumber(from);
  return isoDate(a + rng.int(dayNumber(to) - a + 1));
}

function weightedPlace(rng: Rng, names: readonly string[]): HertsPlace {
  return pick(
    rng,
    names.map((n) => [place(n), place(n).weight] as const),
  );
}

export interface Embedded {
  /** The reports a series-finder should find (all embedded reports of the series). */
  references: string[];
  incidents: DetectionIncident[];
}

function embed(
  rng: Rng,
  prefix: string,
  method: Method,
  specs: readonly { date: string; place: HertsPlace }[],
  overrides: (i: number) => Partial<DetectionIncident> = () => ({}),
): Embedded {
  const incidents = specs.map((s, i) =>
    syntheticIncident(rng, `${prefix}-${String(i + 1).padStart(2, '0')}`, method, s.date, s.place, {
      callerNumber: null,
      ...overrides(i),
    }),
  );
  return { references: incidents.map((i) => i.reference), incidents };
}

/** Press release, 30 April 2019: "Since April 1, police have received 30 reports, mainly from people
 * living in the St Albans, Watford and Hertsmere areas". 26 in those districts (south-west Herts
 * towns), 4 scattered over the rest of the county. */
export function aprilCourierSeries(seed: number): { core: Embedded; scattered: Embedded } {
  const rng = createRng(seed * 7 + 1);
  const towns: [string, number][] = [
    ['St Albans', 6],
    ['Watford', 7],
    ['Borehamwood', 3],
    ['Bushey', 3],
    ['Potters Bar', 2],
    ['Radlett', 2],
    ['London Colney', 1],
    ['Garston', 2],
  ];
  const specs = towns.flatMap(([n, k]) =>
    Array.from({ length: k }, () => ({ date: randomDate(rng, '2019-04-01', '2019-04-29'), place: place(n) })),
  );
  const elsewhere = ['Stevenage', 'Hertford', "Bishop's Stortford", 'Hitchin', 'Tring', 'Cheshunt'];
  const scatteredSpecs = Array.from({ length: 4 }, () => ({
    date: randomDate(rng, '2019-04-01', '2019-04-29'),
    place: weightedPlace(rng, elsewhere),
  }));
  const police = (): Partial<DetectionIncident> => ({ impersonated: 'police', channel: 'cash' });
  return {
    core: embed(rng, 'APR19', 'courier', specs, police),
    scattered: embed(rng, 'APR19X', 'courier', scatteredSpecs, police),
  };
}

/** Press release, 26 August 2020: "Five victims in St Albans this month" (calls from bogus police). */
export function augustStAlbansSeries(seed: number): Embedded {
  const rng = createRng(seed * 7 + 2);
  const specs = Array.from({ length: 5 }, () => ({ date: randomDate(rng, '2020-08-03', '2020-08-24'), place: place('St Albans') }));
  return embed(rng, 'AUG20', 'courier', specs, () => ({ impersonated: 'police', channel: 'cash' }));
}

/** Press release, winter 2020–21: "27 Hertfordshire residents targeted since the start of December",
 * victims from Rickmansworth, Borehamwood, Hertford, Hitchin and Royston among others: a county-wide
 * surge from 1 December to 10 January over all ten districts, otherwise in proportion to population. */
export function decemberCountySurge(seed: number): Embedded {
  const rng = createRng(seed * 7 + 3);
  const all = [...hertsPlaces().keys()];
  // The five named in the release, then one in each district they leave out, then by population.
  const named = [
    'Rickmansworth',
    'Borehamwood',
    'Hertford',
    'Hitchin',
    'Royston',
    'Cheshunt',
    'Hemel Hempstead',
    'St Albans',
    'Stevenage',
    'Watford',
    'Welwyn Garden City',
  ];
  const specs = Array.from({ length: 27 }, (_, i) => ({
    date: randomDate(rng, '2020-12-01', '2021-01-10'),
    place: i < named.length ? place(named[i]!) : weightedPlace(rng, all),
  }));
  return embed(rng, 'DEC20', 'courier', specs, () => ({ impersonated: 'police' }));
}

/** Press release, July 2018: "ten calls in four days" from men claiming to be police officers, to
 * residents of north Watford, Rickmansworth, Oxhey and Bushey — Watford, Three Rivers and Hertsmere. */
export function julyWatfordCalls(seed: number): Embedded {
  const rng = createRng(seed * 7 + 5);
  const towns = [
    'North Watford',
    'North Watford',
    'North Watford',
    'Oxhey',
    'Oxhey',
    'Rickmansworth',
    'Rickmansworth',
    'Bushey',
    'Bushey',
    'South Oxhey',
  ];
  const specs = towns.map((n) => ({ date: randomDate(rng, '2018-07-09', '2018-07-12'), place: place(n) }));
  return embed(rng, 'JUL18', 'courier', specs, () => ({ impersonated: 'police', channel: 'cash' }));
}

export const SHARED_NUMBER = '07700 900123';

/** Four HMRC calls demanding vouchers from one caller number, spread over the county. */
export function hmrcVoucherCalls(seed: number): Embedded {
  const rng = createRng(seed * 7 + 4);
  const towns = ['Stevenage', 'Hemel Hempstead', 'Cheshunt', 'Royston'];
  const specs = towns.map((n) => ({ date: randomDate(rng, '2020-10-05', '2020-11-20'), place: place(n) }));
  return embed(rng, 'HMRC20', 'hmrc', specs, () => ({ channel: 'vouchers', callerNumber: SHARED_NUMBER, impersonated: 'hmrc' }));
}

/**
 * What a press release counts: every report of its modus operandi (method and who the caller posed as)
 * in its area and period — the police cannot tell the gang's calls from others of the same kind, and
 * neither can anyone reading the data. `places` null means the whole force area.
 */
export interface ReleaseCount {
  method: Method;
  impersonated: DetectionIncident['impersonated'];
  places: readonly string[] | null;
  from: string;
  to: string;
  /** The figure the release gives ("27 residents targeted since the start of December"). */
  figure: number;
}

export interface ReleaseSeries {
  /** The reports embedded on top of the background. */
  incidents: DetectionIncident[];
  /** The reports the release counts: the embedded ones and the background's of the same kind, place and
   * weeks, which together make the release's figure. */
  truth: string[];
  /** The embedded reports alone (what a generator knows and no analyst could). */
  embedded: string[];
}

/**
 * Embeds a series so that the release's figure is the total: the background already holds some reports
 * of the same kind in the same places and weeks, so only the rest of the figure is embedded (the first
 * specs are kept: the release's named places come first).
 */
export function asReleased(backgroundReports: readonly DetectionIncident[], series: Embedded, count: ReleaseCount): ReleaseSeries {
  const area = count.places === null ? null : new Set(count.places);
  const matches = (i: DetectionIncident): boolean =>
    i.method === count.method &&
    i.impersonated === count.impersonated &&
    i.offenceDate >= count.from &&
    i.offenceDate <= count.to &&
    (area === null || area.has(i.place));
  const already = backgroundReports.filter(matches).map((i) => i.reference);
  const incidents = series.incidents.slice(0, Math.max(0, count.figure - already.length));
  if (!incidents.every(matches)) throw new Error('an embedded report falls outside the release it belongs to');
  const embedded = incidents.map((i) => i.reference);
  return { incidents, truth: [...embedded, ...already], embedded };
}
