/**
 * SaTScan-format data in, SaTScan-style space-time permutation results out: the case file and the
 * latitude/longitude coordinates file of SaTScan's ASCII input format, and an analysis with SaTScan's
 * reporting (every centre's most likely cluster, no geographical overlap, exact Monte-Carlo p-values).
 * Pure: the caller reads the files and passes their text.
 *
 * As in SaTScan, fields are separated by blanks (spaces or tabs) and blank lines are skipped. SaTScan's
 * format has no comment lines, so neither does this: a stray header is reported as a bad line.
 */
import { dayNumber, isoOfDay } from '@scam/shared';
import { createRng, deriveSeed } from './random.js';
import { buildScanSetup, runPermutationScan } from './scan.js';

export interface SatscanLocation {
  id: string;
  lat: number;
  lon: number;
}

/** One line of a case file: `count` cases at locations[location] on `day` (days since 1970-01-01). */
export interface SatscanCaseRecord {
  location: number;
  count: number;
  day: number;
  line: number;
}

/** A line of an input file that cannot be read; the message names the file, the line and the fault. */
export class SatscanFormatError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly problem: string,
  ) {
    super(`${file}, line ${line}: ${problem}`);
    this.name = 'SatscanFormatError';
  }
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
// SaTScan writes yyyy/mm/dd; yyyy-mm-dd is accepted too, with one separator throughout.
const DATE = /^(\d{4})([/-])(\d{1,2})\2(\d{1,2})$/;

/** Non-blank lines split into fields, with their 1-based line numbers. */
function records(text: string): { line: number; fields: string[] }[] {
  const out: { line: number; fields: string[] }[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const fields = raw.trim().split(/\s+/);
    if (fields[0] !== '') out.push({ line: i + 1, fields });
  });
  return out;
}

/** Coordinates file, latitude/longitude form: `<location id> <latitude> <longitude>` in degrees. */
export function parseCoordinatesFile(text: string, file: string): SatscanLocation[] {
  const out: SatscanLocation[] = [];
  const seen = new Map<string, number>();
  for (const { line, fields } of records(text)) {
    const fail = (problem: string): never => {
      throw new SatscanFormatError(file, line, problem);
    };
    if (fields.length !== 3) fail(`expected 3 fields (location id, latitude, longitude), found ${fields.length}`);
    const [id, latText, lonText] = fields as [string, string, string];
    const first = seen.get(id);
    if (first !== undefined) fail(`location id "${id}" is listed again (first on line ${first})`);
    if (!NUMBER.test(latText)) fail(`latitude "${latText}" is not a number`);
    if (!NUMBER.test(lonText)) fail(`longitude "${lonText}" is not a number`);
    const lat = Number(latText);
    const lon = Number(lonText);
    if (!(Math.abs(lat) <= 90)) fail(`latitude ${latText} is outside -90..90`);
    if (!(Math.abs(lon) <= 180)) fail(`longitude ${lonText} is outside -180..180`);
    seen.set(id, line);
    out.push({ id, lat, lon });
  }
  return out;
}

/**
 * Case file for the space-time permutation model: `<location id> <number of cases> <date>`, the date
 * as YYYY/MM/DD (or YYYY-MM-DD). A count above 1 is that many cases at that location on that day; 0 is
 * allowed and adds nothing. Covariate columns are refused rather than ignored, since leaving them out
 * would silently give another analysis than SaTScan's.
 */
export function parseCaseFile(text: string, file: string, locations: readonly SatscanLocation[]): SatscanCaseRecord[] {
  const index = new Map(locations.map((l, i) => [l.id, i]));
  const out: SatscanCaseRecord[] = [];
  for (const { line, fields } of records(text)) {
    const fail = (problem: string): never => {
      throw new SatscanFormatError(file, line, problem);
    };
    if (fields.length < 3) fail(`expected 3 fields (location id, number of cases, date), found ${fields.length}`);
    if (fields.length > 3)
      fail(`expected 3 fields (location id, number of cases, date), found ${fields.length}: covariates are not supported`);
    const [id, countText, dateText] = fields as [string, string, string];
    const location = index.get(id);
    if (location === undefined) fail(`unknown location id "${id}" (not in the coordinates file)`);
    if (/^-\d+$/.test(countText)) fail(`negative number of cases ${countText}`);
    if (!/^\d+$/.test(countText)) fail(`number of cases "${countText}" is not a whole number`);
    const m = DATE.exec(dateText);
    const day = m ? dayNumber(`${m[1]}-${m[3]!.padStart(2, '0')}-${m[4]!.padStart(2, '0')}`) : Number.NaN;
    if (Number.isNaN(day)) fail(`date "${dateText}" is not a real date written YYYY/MM/DD or YYYY-MM-DD`);
    out.push({ location: location!, count: Number(countText), day, line });
  }
  return out;
}

export interface SatscanScanOptions {
  /** Study period, YYYY-MM-DD, both days included. */
  from: string;
  to: string;
  /** Largest circle radius; default none (SaTScan's default limits the size by cases only). */
  maxKm?: number;
  /** Largest share of all cases in a cluster; default 0.5 (SaTScan's 50 %). */
  maxShare?: number;
  /** Shortest cluster in days; default 1. */
  minDays?: number;
  /** Longest cluster in days; default defaultMaxDays (half the study period). */
  maxDays?: number;
  /** Fewest cases in a cluster; default 2 (SaTScan's default). */
  minCases?: number;
  replicates?: number;
  /** Only clusters that end on `to`. */
  prospective?: boolean;
  seed?: number;
  /** Level at which a cluster is marked significant; default 0.05. */
  alpha?: number;
}

/** SaTScan's default maximum temporal cluster size: half the study period, in whole days. */
export function defaultMaxDays(periodDays: number): number {
  return Math.max(1, Math.floor(periodDays / 2));
}

export interface SatscanCluster {
  /** Location ids, nearest the centre first; locations without cases are not listed. */
  locations: string[];
  start: string;
  end: string;
  observed: number;
  expected: number;
  llr: number;
  pValue: number;
  significant: boolean;
  relativeRisk: number;
  /** The location the circle is centred on, and the distance to its farthest location with cases. */
  centre: string;
  radiusKm: number;
  /** Prospective analyses only: days of daily analyses between chance clusters this unusual. */
  recurrenceDays?: number;
}

export interface SatscanScanResult {
  clusters: SatscanCluster[];
  /** Cases inside the study period, and those outside it that were left out. */
  cases: number;
  casesOutside: number;
  replicates: number;
}

/**
 * Space-time permutation scan of SaTScan-format data with SaTScan's defaults: circles centred on every
 * location of the coordinates file, windows in days with a one-day step, every centre's most likely
 * cluster reported with its p-value (significant or not), secondary clusters without geographical
 * overlap, by descending LLR.
 */
export function scanSatscanData(
  locations: readonly SatscanLocation[],
  caseRecords: readonly SatscanCaseRecord[],
  options: SatscanScanOptions,
): SatscanScanResult {
  const fromDay = dayNumber(options.from);
  const toDay = dayNumber(options.to);
  if (Number.isNaN(fromDay) || Number.isNaN(toDay)) throw new RangeError('from and to must be YYYY-MM-DD dates');
  if (fromDay > toDay) throw new RangeError('from must not be after to');
  const periodDays = toDay - fromDay + 1;
  const minDays = options.minDays ?? 1;
  const maxDays = options.maxDays ?? defaultMaxDays(periodDays);
  if (!(Number.isInteger(minDays) && minDays >= 1 && Number.isInteger(maxDays) && maxDays >= minDays)) {
    throw new RangeError('need whole numbers 1 <= minDays <= maxDays');
  }
  const replicates = options.replicates ?? 999;
  const alpha = options.alpha ?? 0.05;

  // Places are the locations with cases in the period, in coordinates-file order; every location is
  // a centre.
  const inPeriod = caseRecords.filter((r) => r.day >= fromDay && r.day <= toDay && r.count > 0);
  const casesOutside = caseRecords.reduce((n, r) => n + (r.day < fromDay || r.day > toDay ? r.count : 0), 0);
  const hasCases = new Set(inPeriod.map((r) => r.location));
  const placeOf = new Map<number, number>();
  const places: SatscanLocation[] = [];
  locations.forEach((l, i) => {
    if (!hasCases.has(i)) return;
    placeOf.set(i, places.length);
    places.push(l);
  });
  const n = inPeriod.reduce((s, r) => s + r.count, 0);
  const casePlace = new Int32Array(n);
  const caseDay = new Int32Array(n);
  let j = 0;
  for (const r of inPeriod) {
    casePlace.fill(placeOf.get(r.location)!, j, j + r.count);
    caseDay.fill(r.day, j, j + r.count);
    j += r.count;
  }

  const setup = buildScanSetup(places, casePlace, caseDay, {
    fromDay,
    toDay,
    binDays: 1,
    radiusKm: options.maxKm ?? Number.POSITIVE_INFINITY,
    maxNeighbours: Math.max(1, places.length),
    minBins: minDays,
    maxBins: maxDays,
    minCases: options.minCases ?? 2,
    prospective: options.prospective ?? false,
    centres: locations,
    maxShare: options.maxShare ?? 0.5,
    overlap: 'location',
    reportAll: true,
  });
  const result = runPermutationScan(setup, replicates, createRng(deriveSeed(options.seed ?? 1, 'satscan')), alpha);
  const clusters = result.clusters.map((cl): SatscanCluster => ({
    locations: cl.places.map((p) => places[p]!.id),
    start: isoOfDay(cl.startDay),
    end: isoOfDay(cl.endDay),
    observed: cl.observed,
    expected: cl.expected,
    llr: cl.llr,
    pValue: cl.pValue,
    significant: cl.significant,
    relativeRisk: cl.relativeRisk,
    centre: locations[cl.centre]!.id,
    radiusKm: cl.radiusKm,
    ...(options.prospective ? { recurrenceDays: (replicates + 1) / cl.rank } : {}),
  }));
  return { clusters, cases: n, casesOutside, replicates };
}
