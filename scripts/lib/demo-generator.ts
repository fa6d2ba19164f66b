/**
 * Deterministic demo data: several years of Hertfordshire phone-scam incidents written as the weekly
 * return CSVs the import pipeline loads, with a handful of embedded series modelled on real press
 * releases so the dashboard's detection has something to find.
 *
 * Everything here is pure: no clock, no Math.random, no file system. The same seed gives byte-identical
 * files, which keeps demo screenshots, end-to-end tests and detection tests stable.
 */
import { FORCE_RETURN_HEADER, parseCsv } from '@scam/ingest';
import { DAY_MS, dayNumber, isoOfDay, type Method } from '@scam/shared';
import { createRng, weightedPicker, type Rng } from './random.js';

// ---------------------------------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------------------------------

export interface DemoOptions {
  seed?: number;
  /** ISO date of a Monday; the first week starts here. */
  start?: string;
  /** ISO date of a Sunday; the last weekly return ends here. Never later than "today". */
  end?: string;
  /** Multiplies background volume (embedded series are unaffected). Default 1. */
  scale?: number;
}

export interface DemoFile {
  name: string;
  content: string;
}

export interface DemoPlace {
  name: string;
  lat: number;
  lon: number;
  district: string;
  county: string;
}

export type DemoSeriesId =
  | 'courier-2023-04-sw-herts'
  | 'courier-2024-07-watford'
  | 'courier-2024-08-st-albans'
  | 'hmrc-vouchers-2025-spring'
  | 'courier-2025-12-winter'
  | 'courier-ongoing-stevenage-hitchin';

/** The plan for an embedded series, before any seed is applied. Dates are for the default range. */
export interface DemoSeriesSpec {
  id: DemoSeriesId;
  name: string;
  method: Method;
  from: string;
  to: string;
  /** How many incidents the series adds. */
  size: number;
  /** Where the press release (or the brief) says the victims lived. */
  towns: readonly string[];
}

/** An embedded series as generated: actual first/last offence date and every reference it used. */
export interface DemoSeries {
  id: DemoSeriesId;
  name: string;
  method: Method;
  from: string;
  to: string;
  references: string[];
  /** The caller number shared across the series, when the series has one. */
  callerNumber: string | null;
  /** The payee account some of the series' victims paid into, when the series has one. */
  payeeAccount: string | null;
}

export type DemoResendChange = 'loss-found' | 'town-corrected' | 'age-added';

/** An incident deliberately sent again in a later return with a change, to exercise the "updated" path. */
export interface DemoResend {
  reference: string;
  firstFile: string;
  resentFile: string;
  change: DemoResendChange;
}

export interface DemoResult {
  /** In chronological order; re-sent rows always appear in a later file than their first version. */
  files: DemoFile[];
  series: DemoSeries[];
  resends: DemoResend[];
  /** Distinct references. */
  incidentCount: number;
  /** Data rows across all files (incidents plus re-sends). */
  rowCount: number;
}

// ---------------------------------------------------------------------------------------------------
// Defaults and vocabularies of the two layouts
// ---------------------------------------------------------------------------------------------------

export const DEMO_DEFAULTS = {
  seed: 1,
  start: '2020-01-06',
  // The Sunday before "today" (2026-11-23), so no return is dated in the future.
  end: '2026-11-15',
  scale: 1,
} as const;

/** The force layout, as the ingest package reads it. */
export const FORCE_HEADER = FORCE_RETURN_HEADER;
export const FORCE_HEADER_WITH_CALLER = `${FORCE_HEADER},Caller number`;
export const FORCE_HEADER_WITH_PAYEE = `${FORCE_HEADER_WITH_CALLER},Payee account`;
export const NFIB_HEADER =
  'NFIB Reference,Date of Offence,Date Reported,Victim Town,Victim Postcode District,Fraud Type,Amount Lost,Victim Age Band,Status,MO Summary';

/** The force returns added a caller-number column from the first week of 2024, and a payee account from 2025. */
const CALLER_COLUMN_FROM_YEAR = 2024;
const PAYEE_COLUMN_FROM_YEAR = 2025;
/** Every 13th week (about once a quarter) arrives as an NFIB dissemination instead of a force return. */
const NFIB_EVERY_WEEKS = 13;
const NFIB_WEEK_OFFSET = 6;

const WORDING = {
  courierPolice: 'Courier fraud (police impersonation)',
  courierBank: 'Courier fraud (bank impersonation)',
  bank: 'Bank impersonation - safe account',
  hmrc: 'HMRC impersonation',
  tech: 'Computer support scam (BT)',
  investment: 'Investment scam',
  romance: 'Romance scam',
  other: 'Other telephone scam',
} as const;
type Wording = (typeof WORDING)[keyof typeof WORDING];

const NFIB_FRAUD_TYPE: Record<Wording, string> = {
  [WORDING.courierPolice]: 'Impersonation - Police',
  [WORDING.courierBank]: 'Courier Fraud',
  [WORDING.bank]: 'Impersonation - Bank',
  [WORDING.hmrc]: 'HMRC / Tax Impersonation',
  [WORDING.tech]: 'Computer Software Service Fraud',
  [WORDING.investment]: 'Investment Fraud',
  [WORDING.romance]: 'Dating/Romance Fraud',
  [WORDING.other]: 'Other Fraud',
};

type Outcome = 'lost' | 'attempted' | 'prevented';
type Preventer = 'bank' | 'police';

// ---------------------------------------------------------------------------------------------------
// Towns: a population-weighted table of the main Hertfordshire towns with a real postcode district each
// ---------------------------------------------------------------------------------------------------

export interface DemoTown {
  name: string;
  /** Approximate residents; only the ratios matter. */
  population: number;
  /** The main postcode district of the town, used for the NFIB layout. */
  postcode: string;
}

export const MAIN_TOWNS: readonly DemoTown[] = [
  { name: 'Watford', population: 80_000, postcode: 'WD17' },
  { name: 'North Watford', population: 15_000, postcode: 'WD24' },
  { name: 'Oxhey', population: 8_000, postcode: 'WD19' },
  { name: 'Garston', population: 7_000, postcode: 'WD25' },
  { name: 'Hemel Hempstead', population: 95_000, postcode: 'HP1' },
  { name: 'Stevenage', population: 90_000, postcode: 'SG1' },
  { name: 'St Albans', population: 80_000, postcode: 'AL1' },
  { name: 'Welwyn Garden City', population: 50_000, postcode: 'AL8' },
  { name: 'Cheshunt', population: 45_000, postcode: 'EN8' },
  { name: 'Hatfield', population: 40_000, postcode: 'AL10' },
  { name: "Bishop's Stortford", population: 40_000, postcode: 'CM23' },
  { name: 'Hoddesdon', population: 40_000, postcode: 'EN11' },
  { name: 'Hitchin', population: 35_000, postcode: 'SG5' },
  { name: 'Borehamwood', population: 35_000, postcode: 'WD6' },
  { name: 'Letchworth Garden City', population: 33_000, postcode: 'SG6' },
  { name: 'Harpenden', population: 30_000, postcode: 'AL5' },
  { name: 'Hertford', population: 27_000, postcode: 'SG14' },
  { name: 'Bushey', population: 25_000, postcode: 'WD23' },
  { name: 'Potters Bar', population: 22_000, postcode: 'EN6' },
  { name: 'Berkhamsted', population: 20_000, postcode: 'HP4' },
  { name: 'Ware', population: 19_000, postcode: 'SG12' },
  { name: 'South Oxhey', population: 17_000, postcode: 'WD19' },
  { name: 'Royston', population: 16_000, postcode: 'SG8' },
  { name: 'Rickmansworth', population: 15_000, postcode: 'WD3' },
  { name: 'Tring', population: 12_000, postcode: 'HP23' },
  { name: 'Croxley Green', population: 12_000, postcode: 'WD3' },
  { name: 'Chorleywood', population: 11_000, postcode: 'WD3' },
  { name: 'Abbots Langley', population: 10_000, postcode: 'WD5' },
  { name: 'Baldock', population: 10_000, postcode: 'SG7' },
  { name: 'Sawbridgeworth', population: 9_000, postcode: 'CM21' },
  { name: 'Radlett', population: 8_000, postcode: 'WD7' },
  { name: 'London Colney', population: 8_000, postcode: 'AL2' },
  { name: 'Waltham Cross', population: 8_000, postcode: 'EN8' },
  { name: 'Welwyn', population: 8_000, postcode: 'AL6' },
  { name: 'Wheathampstead', population: 6_000, postcode: 'AL4' },
  { name: 'Kings Langley', population: 5_500, postcode: 'WD4' },
  { name: 'Buntingford', population: 5_000, postcode: 'SG9' },
  { name: 'Redbourn', population: 5_000, postcode: 'AL3' },
  { name: 'Knebworth', population: 5_000, postcode: 'SG3' },
  { name: 'Bushey Heath', population: 5_000, postcode: 'WD23' },
  { name: 'Broxbourne', population: 5_000, postcode: 'EN10' },
  { name: 'Elstree', population: 4_500, postcode: 'WD6' },
  { name: 'Bovingdon', population: 4_500, postcode: 'HP3' },
  { name: 'Cuffley', population: 4_500, postcode: 'EN6' },
  { name: 'Shenley', population: 4_000, postcode: 'WD7' },
  { name: 'Bricket Wood', population: 4_000, postcode: 'AL2' },
  { name: 'Chiswell Green', population: 4_000, postcode: 'AL2' },
  { name: 'Stanstead Abbotts', population: 4_000, postcode: 'SG12' },
  { name: "Goff's Oak", population: 3_500, postcode: 'EN7' },
  { name: 'Brookmans Park', population: 3_500, postcode: 'AL9' },
  { name: 'Codicote', population: 3_500, postcode: 'SG4' },
  { name: 'Markyate', population: 3_000, postcode: 'AL3' },
  { name: 'Northchurch', population: 3_000, postcode: 'HP4' },
  { name: 'Welham Green', population: 3_000, postcode: 'AL9' },
  { name: 'Park Street', population: 3_000, postcode: 'AL2' },
  { name: 'Sandridge', population: 3_000, postcode: 'AL4' },
  { name: 'Colney Heath', population: 3_000, postcode: 'AL4' },
  { name: 'Puckeridge', population: 2_500, postcode: 'SG11' },
  { name: 'Much Hadham', population: 2_000, postcode: 'SG10' },
  { name: 'Watton at Stone', population: 2_000, postcode: 'SG14' },
  { name: 'Ickleford', population: 2_000, postcode: 'SG5' },
  { name: 'Kimpton', population: 2_000, postcode: 'SG4' },
  { name: 'Sarratt', population: 2_000, postcode: 'WD3' },
  { name: 'Ashwell', population: 1_900, postcode: 'SG7' },
  { name: 'Chipperfield', population: 1_700, postcode: 'WD4' },
  { name: 'Walkern', population: 1_500, postcode: 'SG2' },
  { name: 'Datchworth', population: 1_500, postcode: 'SG3' },
  { name: 'Tewin', population: 1_500, postcode: 'AL6' },
  { name: 'Pirton', population: 1_300, postcode: 'SG5' },
  { name: 'Barkway', population: 800, postcode: 'SG8' },
];

/**
 * Weight of each other Hertfordshire place (village, hamlet, suburb). Together they add roughly a
 * sixth of the county's incidents, which matches the share of residents outside the main towns.
 */
const VILLAGE_WEIGHT = 500;
/** "Letchworth" duplicates Letchworth Garden City in the gazetteer; a return would never use both. */
const VILLAGE_EXCLUDE = new Set(['Letchworth']);

// ---------------------------------------------------------------------------------------------------
// Gazetteer
// ---------------------------------------------------------------------------------------------------

/** Parses places.csv and keeps the Hertfordshire rows. */
export function loadHertsPlaces(placesCsvText: string): DemoPlace[] {
  // The gazetteer is 2 MB; the ingest parser's limit is for uploads, not for our own data file.
  const { headers: header, rows: records } = parseCsv(new TextEncoder().encode(placesCsvText), { maxBytes: Number.MAX_SAFE_INTEGER });
  const rows = records.map((r) => r.cells);
  const col = (name: string): number => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`places.csv has no "${name}" column`);
    return i;
  };
  const iName = col('name');
  const iLat = col('lat');
  const iLon = col('lon');
  const iDistrict = col('district');
  const iCounty = col('county');
  const places: DemoPlace[] = [];
  for (const r of rows) {
    if (r[iCounty] !== 'Hertfordshire') continue;
    places.push({
      name: r[iName] ?? '',
      lat: Number(r[iLat]),
      lon: Number(r[iLon]),
      district: r[iDistrict] ?? '',
      county: 'Hertfordshire',
    });
  }
  return places;
}

// ---------------------------------------------------------------------------------------------------
// Dates: whole UTC day numbers, so no time zone or DST can shift a date
// ---------------------------------------------------------------------------------------------------

function parseIsoDay(iso: string, label: string): number {
  const day = dayNumber(iso);
  if (Number.isNaN(day)) throw new RangeError(`${label} must be a real date as YYYY-MM-DD, got "${iso}"`);
  return day;
}

const isoOf = isoOfDay;

function dmyOf(day: number): string {
  const iso = isoOf(day);
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

/** 0 = Monday … 6 = Sunday. */
function weekdayOf(day: number): number {
  return (new Date(day * DAY_MS).getUTCDay() + 6) % 7;
}

function yearOf(day: number): number {
  return new Date(day * DAY_MS).getUTCFullYear();
}

function dayOfYear(day: number): number {
  return day - Date.UTC(yearOf(day), 0, 1) / DAY_MS;
}

/** ISO-8601 week-numbering year and week, which the force uses in its HC/YY/WWnnn references. */
function isoWeekOf(day: number): { year: number; week: number } {
  const thursday = day - weekdayOf(day) + 3;
  const year = yearOf(thursday);
  const week = Math.floor((thursday - Date.UTC(year, 0, 1) / DAY_MS) / 7) + 1;
  return { year, week };
}

// ---------------------------------------------------------------------------------------------------
// Per-method background model
// ---------------------------------------------------------------------------------------------------

interface MethodModel {
  method: Method;
  /** Share of the yearly background volume. */
  share: number;
  /** Relative rate by day of year (0-based); averages roughly 1 over the year. */
  season: (doy: number) => number;
  wording: (rng: Rng) => Wording;
  outcome: { attempted: number; prevented: number; lost: number };
  loss: (rng: Rng) => number;
  age: (rng: Rng) => number;
  notes: readonly (readonly [string, number])[];
}

/** Incidents a year across all methods before seasonality and trend; the samples show ~30 a week. */
const BASE_PER_YEAR = 1450;
/** Year-on-year drift: a lockdown bump in 2020, a dip, then a rise as courier gangs returned. */
const YEAR_TREND: Record<number, number> = { 2020: 1.05, 2021: 1.0, 2022: 0.94, 2023: 1.0, 2024: 1.04, 2025: 1.08, 2026: 1.1 };

const TWO_PI = 2 * Math.PI;
/** A bump centred on a day of year, wrapping round New Year. */
function bump(doy: number, centre: number, width: number): number {
  let d = Math.abs(doy - centre);
  if (d > 182) d = 365 - d;
  return Math.exp(-0.5 * (d / width) ** 2);
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}

/** Pounds to integer pence, optionally rounded to whole multiples of `step` pounds (cash, vouchers). */
function pence(pounds: number, step = 0): number {
  if (step > 0) return Math.max(step, Math.round(pounds / step) * step) * 100;
  return Math.round(pounds * 100);
}

function clampedAge(rng: Rng, mean: number, sd: number, lo: number, hi: number): number {
  return Math.round(clamp(rng.normal(mean, sd), lo, hi));
}

const WITHHELD = 'Withheld number';

const METHOD_MODELS: readonly MethodModel[] = [
  {
    method: 'courier',
    share: 0.13,
    // Peaks in the dark months, when older people are at home and gangs work the county.
    season: (doy) => 1 + 0.35 * Math.cos((TWO_PI * (doy - 10)) / 365.25),
    wording: (rng) => (rng.chance(0.65) ? WORDING.courierPolice : WORDING.courierBank),
    outcome: { attempted: 0.68, prevented: 0.14, lost: 0.18 },
    loss: (rng) => pence(clamp(rng.lognormal(3000, 1.0), 200, 120_000), rng.chance(0.6) ? 10 : 0),
    // Mostly 70-95, with a tail of younger victims.
    age: (rng) => (rng.chance(0.85) ? clampedAge(rng, 81, 7, 62, 99) : clampedAge(rng, 62, 10, 35, 80)),
    notes: [
      ['Asked to call 101 to verify', 4],
      ['Caller held line open', 4],
      ['Taxi sent to collect cash', 3],
      ['Bank card collected by courier', 3],
      ['Asked to put cards in envelope', 3],
      ['Asked to withdraw cash for courier', 2],
      ['Asked to buy designer watches', 1],
      ['Asked to buy foreign currency', 1],
      ['Told bank staff were under investigation', 1],
      [WITHHELD, 4],
    ],
  },
  {
    method: 'bank_impersonation',
    share: 0.2,
    season: (doy) => 1 + 0.15 * Math.cos((TWO_PI * (doy + 10)) / 365.25),
    wording: () => WORDING.bank,
    outcome: { attempted: 0.58, prevented: 0.17, lost: 0.25 },
    loss: (rng) => pence(clamp(rng.lognormal(4500, 1.0), 150, 250_000)),
    age: (rng) => clampedAge(rng, 62, 16, 19, 97),
    notes: [
      ['Told to move savings to a safe account', 6],
      ["Caller knew victim's bank details", 4],
      ['Number spoofed to look like the bank', 2],
      ['Asked to read out one-time passcode', 2],
      [WITHHELD, 4],
    ],
  },
  {
    method: 'hmrc',
    share: 0.14,
    // Self-assessment deadline (31 January) and the second payment on account (31 July).
    season: (doy) => 0.78 + 0.9 * bump(doy, 22, 16) + 0.6 * bump(doy, 202, 14),
    wording: () => WORDING.hmrc,
    outcome: { attempted: 0.7, prevented: 0.12, lost: 0.18 },
    // Voucher purchases come in round sums.
    loss: (rng) => pence(clamp(rng.lognormal(1500, 0.6), 300, 9000), rng.chance(0.6) ? 50 : 0),
    age: (rng) => clampedAge(rng, 57, 18, 18, 95),
    notes: [
      ['Threatened with arrest over unpaid tax', 6],
      ['Asked to buy iTunes vouchers and read codes over the phone', 3],
      ['Asked to buy gift cards and read codes', 2],
      ['Automated message about tax owed', 2],
      ['Told to pay into a Bitcoin account', 1],
      [WITHHELD, 4],
    ],
  },
  {
    method: 'tech_support',
    share: 0.16,
    season: () => 1,
    wording: () => WORDING.tech,
    outcome: { attempted: 0.7, prevented: 0.12, lost: 0.18 },
    loss: (rng) => pence(clamp(rng.lognormal(1200, 0.9), 50, 30_000)),
    age: (rng) => clampedAge(rng, 71, 11, 28, 98),
    notes: [
      ['Remote access to laptop', 5],
      ['Told broadband would be cut off', 5],
      ['Told computer had a virus', 3],
      ['Asked to buy vouchers to fix computer', 1],
      [WITHHELD, 3],
    ],
  },
  {
    method: 'investment',
    share: 0.1,
    season: (doy) => 1 + 0.1 * Math.cos((TWO_PI * (doy - 100)) / 365.25),
    wording: () => WORDING.investment,
    outcome: { attempted: 0.55, prevented: 0.15, lost: 0.3 },
    loss: (rng) => pence(clamp(rng.lognormal(6000, 1.2), 250, 400_000)),
    age: (rng) => clampedAge(rng, 53, 12, 22, 90),
    notes: [
      ['Cryptocurrency platform', 5],
      ['Promised high returns', 5],
      ['Cold call about bonds', 2],
      ['Pension review offer', 2],
      [WITHHELD, 2],
    ],
  },
  {
    method: 'romance',
    share: 0.08,
    // Valentine's Day.
    season: (doy) => 0.9 + 0.9 * bump(doy, 44, 12),
    wording: () => WORDING.romance,
    outcome: { attempted: 0.55, prevented: 0.15, lost: 0.3 },
    loss: (rng) => pence(clamp(rng.lognormal(2500, 1.2), 100, 150_000)),
    age: (rng) => clampedAge(rng, 51, 13, 19, 90),
    notes: [
      ['Met online, moved to phone calls', 6],
      ['Asked for money for travel', 4],
      ['Asked for money for medical bills', 2],
      [WITHHELD, 2],
    ],
  },
  {
    method: 'other',
    share: 0.19,
    season: (doy) => 1 + 0.1 * Math.cos((TWO_PI * (doy - 340)) / 365.25),
    wording: () => WORDING.other,
    outcome: { attempted: 0.75, prevented: 0.1, lost: 0.15 },
    loss: (rng) => pence(clamp(rng.lognormal(800, 1.1), 20, 40_000)),
    age: (rng) => clampedAge(rng, 55, 18, 18, 96),
    notes: [
      ['Cold call', 5],
      ['Prize draw fee requested', 4],
      ['Fake energy rebate', 2],
      ['Parcel delivery fee', 2],
      [WITHHELD, 4],
    ],
  },
];

/** Share of rows with the victim's age left blank, as in the samples. */
const AGE_BLANK = 0.3;
const NOTES_BLANK = 0.25;
/** Share of rows (2024 onward, number not withheld) whose caller number was recorded. */
const CALLER_FILLED = 0.25;
/** Calls are spread over the week but tail off at weekends. */
const WEEKDAY_WEIGHTS = [1.1, 1.1, 1.1, 1.05, 1.0, 0.85, 0.7] as const;
/** Days between offence and report in the NFIB layout: most same or next day, at most five. */
const REPORT_LAG_WEIGHTS = [40, 25, 12, 10, 8, 5] as const;

// ---------------------------------------------------------------------------------------------------
// Incidents
// ---------------------------------------------------------------------------------------------------

interface Incident {
  reference: string;
  day: number;
  town: string;
  method: Method;
  wording: Wording;
  lossPence: number;
  outcome: Outcome;
  preventedBy: Preventer | null;
  age: number | null;
  notes: string;
  callerNumber: string;
  /** Where the money went, as the clerk typed it; '' when not recorded. */
  payeeAccount: string;
  seriesId: DemoSeriesId | null;
}

function incident(fields: Partial<Incident> & Pick<Incident, 'day' | 'town' | 'method' | 'wording' | 'outcome'>): Incident {
  return {
    reference: '',
    lossPence: 0,
    preventedBy: fields.outcome === 'prevented' ? 'bank' : null,
    age: null,
    notes: '',
    callerNumber: '',
    payeeAccount: '',
    seriesId: null,
    ...fields,
  };
}

/** Ofcom's drama ranges (07700 900000–900999, 020 7946 0000–0999): no real person's number. */
function dramaNumbers(): string[] {
  const out: string[] = [];
  for (let i = 0; i < 1000; i++) {
    const n = String(i).padStart(3, '0');
    out.push(`07700 900${n}`, `020 7946 0${n}`);
  }
  return out;
}

/**
 * Invented payee accounts: a sort code and account number, or a Bitcoin address whose checksum is
 * never valid, so none is a real account or wallet.
 */
const BECH32 = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
function sortCodeAccount(rng: Rng): { sortCode: string; account: string } {
  const two = () => String(rng.int(0, 99)).padStart(2, '0');
  return { sortCode: `${String(rng.int(10, 99))}-${two()}-${two()}`, account: String(rng.int(10_000_000, 99_999_999)) };
}
function wallet(rng: Rng): string {
  return `bc1q${Array.from({ length: 38 }, () => rng.pick([...BECH32])).join('')}`;
}
/** A sort code and account as clerks type it: mostly "20-00-00 12345678", sometimes run together. */
function typedAccount(rng: Rng): string {
  const { sortCode, account } = sortCodeAccount(rng);
  const layout = rng.weighted(['dashes', 'digits', 'spaces'] as const, [6, 3, 1]);
  if (layout === 'dashes') return `${sortCode} ${account}`;
  return `${layout === 'digits' ? sortCode.replaceAll('-', '') : sortCode.replaceAll('-', ' ')} ${account}`;
}

/** Of the reports that lost money, the share whose payee account was recorded, by how the money went. */
const PAYEE_RECORDED: Partial<Record<Method, number>> = {
  bank_impersonation: 0.8,
  investment: 0.75,
  romance: 0.6,
  tech_support: 0.3,
  other: 0.2,
};

/** Where a background report's money went, or '' when the return does not say (drawn from its own stream). */
function backgroundPayee(inc: Incident, rng: Rng): string {
  if (inc.outcome !== 'lost' || inc.seriesId !== null) return '';
  const crypto = /crypto|bitcoin/i.test(inc.notes);
  const share = inc.method === 'hmrc' && crypto ? 0.9 : (PAYEE_RECORDED[inc.method] ?? 0);
  if (!rng.chance(share)) return '';
  return crypto || (inc.method === 'investment' && rng.chance(0.4)) ? wallet(rng) : typedAccount(rng);
}

interface TownPool {
  /** Any Hertfordshire place, population-weighted. */
  county: (rng: Rng) => string;
  districtOf: (town: string) => string;
  postcodeOf: (town: string) => string;
  /** Other places in the same district, for "corrected town" re-sends. */
  neighboursOf: (town: string) => readonly string[];
  has: (town: string) => boolean;
}

function buildTownPool(places: readonly DemoPlace[]): TownPool {
  const byName = new Map<string, DemoPlace[]>();
  for (const p of places) {
    const list = byName.get(p.name);
    if (list) list.push(p);
    else byName.set(p.name, [p]);
  }
  const main = MAIN_TOWNS.filter((t) => byName.has(t.name));
  const mainNames = new Set(main.map((t) => t.name));
  // A name shared by two Hertfordshire places cannot be placed on the map from the return alone.
  const villages = [...byName.entries()]
    .filter(([name, list]) => list.length === 1 && !mainNames.has(name) && !VILLAGE_EXCLUDE.has(name))
    .map(([name]) => name)
    .sort();
  const names = [...main.map((t) => t.name), ...villages];
  if (names.length === 0) throw new Error('no Hertfordshire places to generate incidents in');
  const weights = [...main.map((t) => t.population), ...villages.map(() => VILLAGE_WEIGHT)];

  const place = (town: string): DemoPlace => {
    const p = byName.get(town)?.[0];
    if (!p) throw new Error(`unknown Hertfordshire place "${town}"`);
    return p;
  };
  const postcodes = new Map<string, string>(main.map((t) => [t.name, t.postcode]));
  const postcodeOf = (town: string): string => {
    const known = postcodes.get(town);
    if (known !== undefined) return known;
    // A village takes the postcode district of the nearest main town: close enough for a demo.
    const p = place(town);
    const cosLat = Math.cos((p.lat * Math.PI) / 180);
    let best = '';
    let bestD = Infinity;
    for (const t of main) {
      const q = place(t.name);
      const d = (q.lat - p.lat) ** 2 + ((q.lon - p.lon) * cosLat) ** 2;
      if (d < bestD) {
        bestD = d;
        best = t.postcode;
      }
    }
    postcodes.set(town, best);
    return best;
  };
  const byDistrict = new Map<string, string[]>();
  for (const name of names) {
    const d = place(name).district;
    const list = byDistrict.get(d);
    if (list) list.push(name);
    else byDistrict.set(d, [name]);
  }
  return {
    county: weightedPicker(names, weights),
    districtOf: (town) => place(town).district,
    postcodeOf,
    neighboursOf: (town) => (byDistrict.get(place(town).district) ?? []).filter((n) => n !== town),
    has: (town) => byName.has(town),
  };
}

interface GenContext {
  towns: TownPool;
  /** Takes a caller number that no background row will ever use. */
  reserveNumber: () => string;
  /** A payee account for a series, from its own stream (background accounts are never shared). */
  reserveAccount: () => string;
}

function backgroundIncident(model: MethodModel, day: number, rng: Rng, ctx: GenContext, nextNumber: () => string): Incident {
  const outcome = rng.weighted<Outcome>(
    ['attempted', 'prevented', 'lost'],
    [model.outcome.attempted, model.outcome.prevented, model.outcome.lost],
  );
  const notes = rng.chance(NOTES_BLANK)
    ? ''
    : rng.weighted(
        model.notes.map((n) => n[0]),
        model.notes.map((n) => n[1]),
      );
  const callerNumber = yearOf(day) >= CALLER_COLUMN_FROM_YEAR && notes !== WITHHELD && rng.chance(CALLER_FILLED) ? nextNumber() : '';
  return incident({
    day,
    town: ctx.towns.county(rng),
    method: model.method,
    wording: model.wording(rng),
    outcome,
    preventedBy: outcome === 'prevented' ? (rng.chance(0.6) ? 'bank' : 'police') : null,
    lossPence: outcome === 'lost' ? model.loss(rng) : 0,
    age: rng.chance(AGE_BLANK) ? null : model.age(rng),
    notes,
    callerNumber,
  });
}

// ---------------------------------------------------------------------------------------------------
// Embedded series, modelled on Hertfordshire Constabulary press releases
// ---------------------------------------------------------------------------------------------------

interface SeriesPlan {
  spec: DemoSeriesSpec;
  incidents: Incident[];
  callerNumber: string | null;
  payeeAccount?: string;
  /** An incident of the series that a later return re-sends with a change. */
  resend?: { incident: Incident; updated: Incident; change: DemoResendChange; minWeeksLater: number };
}

interface SeriesDefinition {
  spec: (end: number) => DemoSeriesSpec;
  build: (spec: DemoSeriesSpec, rng: Rng, ctx: GenContext) => Omit<SeriesPlan, 'spec'>;
}

/** `count` sorted days in [from, to], always including both ends so the series spans its window. */
/** `count` different days in [from, to], sorted: no two share a day, so their order is their days' order. */
function distinctDays(rng: Rng, from: number, to: number, count: number): number[] {
  const pool = Array.from({ length: to - from + 1 }, (_, i) => from + i);
  if (count > pool.length) throw new RangeError(`cannot pick ${count} different days from ${pool.length}`);
  return rng
    .shuffle(pool)
    .slice(0, count)
    .sort((a, b) => a - b);
}

function spreadDays(rng: Rng, from: number, to: number, count: number): number[] {
  const days = [from, to];
  while (days.length < count) days.push(rng.int(from, to));
  return days.slice(0, count).sort((a, b) => a - b);
}

/** Splits `totalPounds` into `parts` amounts proportional to log-normal draws, in whole `step` pounds. */
function splitTotal(rng: Rng, totalPounds: number, parts: number, step: number): number[] {
  const raw = Array.from({ length: parts }, () => rng.lognormal(1, 0.5));
  const sum = raw.reduce((a, b) => a + b, 0);
  const out = raw.slice(0, -1).map((r) => Math.round(((r / sum) * totalPounds) / step) * step);
  out.push(totalPounds - out.reduce((a, b) => a + b, 0));
  return out.map((p) => p * 100);
}

function courierAge(rng: Rng): number | null {
  return rng.chance(0.2) ? null : clampedAge(rng, 81, 6, 66, 97);
}

function assignOutcomes(rng: Rng, count: number, lost: number, prevented: number): Outcome[] {
  const outcomes: Outcome[] = [];
  for (let i = 0; i < count; i++) outcomes.push(i < lost ? 'lost' : i < lost + prevented ? 'prevented' : 'attempted');
  return rng.shuffle(outcomes);
}

const fixedSpec = (spec: DemoSeriesSpec) => () => spec;

const SERIES_DEFINITIONS: readonly SeriesDefinition[] = [
  {
    // "Since April 1, police have received 30 reports, mainly from people living in the St Albans,
    // Watford and Hertsmere areas ... withdrawing large sums ... foreign currency ... designer watches."
    spec: fixedSpec({
      id: 'courier-2023-04-sw-herts',
      name: 'Courier fraud series, St Albans, Watford and Hertsmere (April 2023)',
      method: 'courier',
      from: '2023-04-01',
      to: '2023-04-29',
      size: 30,
      towns: ['St Albans', 'Watford', 'Borehamwood', 'Potters Bar', 'Bushey', 'Radlett'],
    }),
    build: (spec, rng, ctx) => {
      const days = spreadDays(rng, parseIsoDay(spec.from, 'from'), parseIsoDay(spec.to, 'to'), spec.size);
      const core = weightedPicker(
        ['St Albans', 'Watford', 'Borehamwood', 'Potters Bar', 'Bushey', 'Radlett', 'Harpenden', 'North Watford', 'London Colney'],
        [6, 5, 4, 3, 3, 2, 1, 1, 1],
      );
      const outcomes = assignOutcomes(rng, spec.size, 8, 5);
      const incidents = days.map((day, i) => {
        const outcome = outcomes[i] as Outcome;
        let lossPence = 0;
        let notes = rng.pick([
          'Asked to withdraw cash for courier',
          'Caller held line open',
          'Asked to call 101 to verify',
          'Asked to buy designer watches',
          'Asked to buy foreign currency',
        ]);
        if (outcome === 'lost') {
          const kind = rng.weighted(['cash', 'currency', 'watches'] as const, [5, 2, 2]);
          if (kind === 'cash') {
            lossPence = pence(clamp(rng.lognormal(4000, 0.7), 800, 25_000), 10);
            notes = 'Cash collected by courier';
          } else if (kind === 'currency') {
            lossPence = pence(clamp(rng.lognormal(3000, 0.6), 500, 15_000), 10);
            notes = 'Foreign currency collected by courier';
          } else {
            lossPence = pence(clamp(rng.lognormal(9000, 0.5), 4000, 30_000), 50);
            notes = 'Designer watches collected by courier';
          }
        }
        return incident({
          day,
          // "Mainly" from the three districts: about one in eight from elsewhere in the county.
          town: rng.chance(0.87) ? core(rng) : ctx.towns.county(rng),
          method: 'courier',
          wording: rng.chance(0.85) ? WORDING.courierPolice : WORDING.courierBank,
          outcome,
          preventedBy: outcome === 'prevented' ? (rng.chance(0.8) ? 'bank' : 'police') : null,
          lossPence,
          age: courierAge(rng),
          notes,
          seriesId: spec.id,
        });
      });
      return { incidents, callerNumber: null };
    },
  },
  {
    // Fake police in south-west Herts: a Watford woman in her late 50s lost her bank card on 16 July;
    // Rickmansworth (2), Oxhey (1), north Watford (5) and Bushey (1) ended the call.
    spec: fixedSpec({
      id: 'courier-2024-07-watford',
      name: 'Fake police courier calls, Watford and Three Rivers (July 2024)',
      method: 'courier',
      from: '2024-07-12',
      to: '2024-07-21',
      size: 10,
      towns: ['Watford', 'Rickmansworth', 'Oxhey', 'North Watford', 'Bushey'],
    }),
    build: (spec, rng, ctx) => {
      const from = parseIsoDay(spec.from, 'from');
      const to = parseIsoDay(spec.to, 'to');
      const shared = ctx.reserveNumber();
      const second = ctx.reserveNumber();
      const attempts = rng.shuffle([
        'Rickmansworth',
        'Rickmansworth',
        'Oxhey',
        'North Watford',
        'North Watford',
        'North Watford',
        'North Watford',
        'North Watford',
        'Bushey',
      ]);
      const days = spreadDays(rng, from, to, attempts.length);
      const incidents: Incident[] = [
        incident({
          day: parseIsoDay('2024-07-16', 'day'),
          town: 'Watford',
          method: 'courier',
          wording: WORDING.courierPolice,
          outcome: 'lost',
          lossPence: pence(clamp(rng.lognormal(3200, 0.5), 900, 9000)),
          age: 58,
          notes: 'Bank card collected by courier',
          callerNumber: shared,
          seriesId: spec.id,
        }),
        ...attempts.map((town, i) =>
          incident({
            day: days[i] as number,
            town,
            method: 'courier',
            wording: WORDING.courierPolice,
            outcome: 'attempted',
            age: rng.chance(0.25) ? null : clampedAge(rng, 76, 9, 50, 95),
            notes: rng.pick(['Victim ended the call', 'Told bank account had been compromised', 'Caller claimed to be a police officer']),
            callerNumber: i % 3 === 2 ? second : i % 3 === 0 ? shared : '',
            seriesId: spec.id,
          }),
        ),
      ];
      return { incidents, callerNumber: shared };
    },
  },
  {
    // "Five victims have received calls this month from fraudsters posing as police officers ... asks
    // the victims to withdraw cash for collection by a courier ... call back on 999, 101 or 161."
    spec: fixedSpec({
      id: 'courier-2024-08-st-albans',
      name: 'Police impersonation courier calls, St Albans (August 2024)',
      method: 'courier',
      from: '2024-08-05',
      to: '2024-08-23',
      size: 5,
      towns: ['St Albans'],
    }),
    build: (spec, rng, ctx) => {
      const days = spreadDays(rng, parseIsoDay(spec.from, 'from'), parseIsoDay(spec.to, 'to'), spec.size);
      const shared = ctx.reserveNumber();
      const outcomes = assignOutcomes(rng, spec.size, 1, 1);
      const incidents = days.map((day, i) => {
        const outcome = outcomes[i] as Outcome;
        return incident({
          day,
          town: 'St Albans',
          method: 'courier',
          wording: WORDING.courierPolice,
          outcome,
          preventedBy: outcome === 'prevented' ? 'bank' : null,
          lossPence: outcome === 'lost' ? pence(clamp(rng.lognormal(2500, 0.5), 500, 8000), 10) : 0,
          age: courierAge(rng),
          notes: rng.pick([
            'Asked to call 999 to verify',
            'Asked to call 101 to verify',
            'Caller held line open',
            'Asked to withdraw cash for courier',
          ]),
          callerNumber: i < 3 ? shared : '',
          seriesId: spec.id,
        });
      });
      return { incidents, callerNumber: shared };
    },
  },
  {
    // One caller number behind six HMRC calls demanding iTunes vouchers over three weeks.
    spec: fixedSpec({
      id: 'hmrc-vouchers-2025-spring',
      name: 'HMRC iTunes-voucher calls from one number (spring 2025)',
      method: 'hmrc',
      from: '2025-03-17',
      to: '2025-04-06',
      size: 6,
      towns: [],
    }),
    build: (spec, rng, ctx) => {
      const from = parseIsoDay(spec.from, 'from');
      // Two calls in each of the three weeks.
      const days = [0, 0, 7, 7, 14, 14]
        .map((w, i) => (i === 0 ? from : i === 5 ? from + 20 : from + w + rng.int(0, 6)))
        .sort((a, b) => a - b);
      const shared = ctx.reserveNumber();
      const outcomes = assignOutcomes(rng, spec.size, 3, 1);
      // The first two who lost money were told to pay their "tax" into one account: a second tie.
      const account = ctx.reserveAccount();
      const transfers = new Set(outcomes.flatMap((o, i) => (o === 'lost' ? [i] : [])).slice(0, 2));
      const incidents = days.map((day, i) => {
        const outcome = outcomes[i] as Outcome;
        return incident({
          day,
          town: ctx.towns.county(rng),
          method: 'hmrc',
          wording: WORDING.hmrc,
          outcome,
          preventedBy: outcome === 'prevented' ? 'police' : null,
          lossPence: outcome === 'lost' ? rng.pick([500, 750, 1000, 1500, 2000, 2500, 3000, 4000, 5000]) * 100 : 0,
          age: rng.chance(0.2) ? null : clampedAge(rng, 70, 12, 40, 92),
          notes: transfers.has(i)
            ? 'Told to pay unpaid tax by bank transfer'
            : i === 2
              ? 'Threatened with arrest over unpaid tax'
              : 'Asked to buy iTunes vouchers and read codes over the phone',
          callerNumber: shared,
          payeeAccount: transfers.has(i) ? account : '',
          seriesId: spec.id,
        });
      });
      return { incidents, callerNumber: shared, payeeAccount: account };
    },
  },
  {
    // "Since the start of December 27 Hertfordshire residents have been targeted ... more than £70,000
    // ... An earlier report on December 18 found victims at the time were conned a total of £8,000.
    // Recent victims were from Rickmansworth, Borehamwood, Hertford, Hitchin and Royston."
    spec: fixedSpec({
      id: 'courier-2025-12-winter',
      name: 'Winter courier fraud surge across the county (December 2025)',
      method: 'courier',
      from: '2025-12-01',
      to: '2025-12-31',
      size: 27,
      towns: ['Rickmansworth', 'Borehamwood', 'Hertford', 'Hitchin', 'Royston'],
    }),
    build: (spec, rng, ctx) => {
      const from = parseIsoDay(spec.from, 'from');
      const to = parseIsoDay(spec.to, 'to');
      const cutoff = parseIsoDay('2025-12-18', 'cutoff');
      const numbers = [ctx.reserveNumber(), ctx.reserveNumber(), ctx.reserveNumber()];
      const early = spreadDays(rng, from, cutoff, 15);
      // Different days, so "the last ten" (the recent victims the appeal names) are the last ten by date.
      const late = distinctDays(rng, cutoff + 1, to, 12);
      const firstLoss = rng.int(50, 110) * 50;
      const earlyLosses = [firstLoss * 100, (8000 - firstLoss) * 100];
      const lateLosses = splitTotal(rng, rng.int(6300, 7000) * 10, 6, 10);
      const recentTowns = rng.shuffle([
        'Rickmansworth',
        'Borehamwood',
        'Hertford',
        'Hitchin',
        'Royston',
        'Rickmansworth',
        'Borehamwood',
        'Hertford',
        'Hitchin',
        'Royston',
      ]);
      const build = (day: number, town: string, lossPence: number, outcome: Outcome): Incident =>
        incident({
          day,
          town,
          method: 'courier',
          wording: rng.chance(0.8) ? WORDING.courierPolice : WORDING.courierBank,
          outcome,
          preventedBy: outcome === 'prevented' ? 'bank' : null,
          lossPence,
          age: courierAge(rng),
          notes:
            outcome === 'lost'
              ? rng.pick(['Bank card collected by courier', 'Cash handed to taxi driver', 'Asked to put cards in envelope'])
              : rng.pick([
                  'Caller held line open',
                  'Asked to call 101 to verify',
                  'Taxi sent to collect cash',
                  'Told bank account used fraudulently',
                ]),
          callerNumber: rng.chance(0.5) ? rng.pick(numbers) : '',
          seriesId: spec.id,
        });
      const earlyOutcomes = assignOutcomes(rng, early.length, 2, 1);
      const lateOutcomes = assignOutcomes(rng, late.length, 6, 1);
      let e = 0;
      let l = 0;
      const incidents = [
        ...early.map((day, i) => {
          const outcome = earlyOutcomes[i] as Outcome;
          return build(day, ctx.towns.county(rng), outcome === 'lost' ? (earlyLosses[e++] as number) : 0, outcome);
        }),
        ...late.map((day, i) => {
          const outcome = lateOutcomes[i] as Outcome;
          // The last ten are the "recent victims" named in the appeal.
          const town =
            i >= late.length - recentTowns.length ? (recentTowns[i - (late.length - recentTowns.length)] as string) : ctx.towns.county(rng);
          return build(day, town, outcome === 'lost' ? (lateLosses[l++] as number) : 0, outcome);
        }),
      ];
      return { incidents, callerNumber: null };
    },
  },
  {
    // Still running when the data ends, so the dashboard has a "current" series to show.
    spec: (end) => ({
      id: 'courier-ongoing-stevenage-hitchin',
      name: 'Ongoing courier fraud series, Stevenage and Hitchin',
      method: 'courier',
      from: isoOf(end - 20),
      to: isoOf(end),
      size: 11,
      towns: ['Stevenage', 'Hitchin'],
    }),
    build: (spec, rng, ctx) => {
      const from = parseIsoDay(spec.from, 'from');
      const to = parseIsoDay(spec.to, 'to');
      const days = spreadDays(rng, from, to, spec.size);
      const towns = rng.shuffle([
        'Stevenage',
        'Stevenage',
        'Stevenage',
        'Stevenage',
        'Stevenage',
        'Stevenage',
        'Hitchin',
        'Hitchin',
        'Hitchin',
        'Hitchin',
        'Hitchin',
      ]);
      const shared = ctx.reserveNumber();
      // The first call is always an attempt: it is the one a later return reports as a loss.
      const outcomes: Outcome[] = ['attempted', ...assignOutcomes(rng, spec.size - 1, 2, 1)];
      const incidents = days.map((day, i) => {
        const outcome = outcomes[i] as Outcome;
        return incident({
          day,
          town: towns[i] as string,
          method: 'courier',
          wording: WORDING.courierPolice,
          outcome,
          preventedBy: outcome === 'prevented' ? 'bank' : null,
          lossPence: outcome === 'lost' ? pence(clamp(rng.lognormal(3500, 0.6), 800, 15_000), 10) : 0,
          age: courierAge(rng),
          notes: rng.pick([
            'Taxi sent to collect cash',
            'Asked to call 101 to verify',
            'Caller held line open',
            'Asked to put cards in envelope',
          ]),
          callerNumber: i % 2 === 0 ? shared : '',
          seriesId: spec.id,
        });
      });
      const first = incidents[0] as Incident;
      const updated: Incident = {
        ...first,
        outcome: 'lost',
        lossPence: pence(clamp(rng.lognormal(2500, 0.5), 600, 9000)),
        notes: 'Bank card later used to withdraw cash',
      };
      return { incidents, callerNumber: shared, resend: { incident: first, updated, change: 'loss-found', minWeeksLater: 2 } };
    },
  },
];

/** The embedded series for the default range. References depend on the seed: see `generateDemo`. */
export const DEMO_SERIES: readonly DemoSeriesSpec[] = SERIES_DEFINITIONS.map((d) => d.spec(parseIsoDay(DEMO_DEFAULTS.end, 'end')));

// ---------------------------------------------------------------------------------------------------
// Rendering
// ---------------------------------------------------------------------------------------------------

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

function csvLine(fields: readonly string[]): string {
  return fields.map(csvField).join(',');
}

function poundsPlain(p: number): string {
  return `${Math.floor(p / 100)}.${String(p % 100).padStart(2, '0')}`;
}

/** "£1,201.10" as in the force returns. */
function poundsForce(p: number): string {
  const whole = String(Math.floor(p / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `£${whole}.${String(p % 100).padStart(2, '0')}`;
}

function forceOutcome(inc: Incident): string {
  if (inc.outcome === 'lost') return 'Money lost';
  if (inc.outcome === 'attempted') return 'Attempt, no loss';
  return inc.preventedBy === 'police' ? 'Stopped by police' : 'Stopped by bank';
}

function nfibAgeBand(age: number | null): string {
  if (age === null) return '';
  const decade = Math.floor(age / 10) * 10;
  return `${decade}-${decade + 9}`;
}

const BOM = '\ufeff';
const CRLF = '\r\n';

// ---------------------------------------------------------------------------------------------------
// The generator
// ---------------------------------------------------------------------------------------------------

interface Week {
  index: number;
  first: number;
  /** The Sunday the return is named after. */
  last: number;
  layout: 'force' | 'nfib';
  fileName: string;
  incidents: Incident[];
  resent: Incident[];
}

function resolveOptions(opts: DemoOptions): { seed: number; start: number; end: number; scale: number } {
  const seed = opts.seed ?? DEMO_DEFAULTS.seed;
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  const scale = opts.scale ?? DEMO_DEFAULTS.scale;
  if (!Number.isFinite(scale) || scale < 0) throw new RangeError(`scale must be a non-negative number, got ${scale}`);
  const start = parseIsoDay(opts.start ?? DEMO_DEFAULTS.start, 'start');
  const end = parseIsoDay(opts.end ?? DEMO_DEFAULTS.end, 'end');
  // Returns run Monday to Sunday; a partial week would be a return the force never sends.
  if (weekdayOf(start) !== 0) throw new RangeError(`start must be a Monday, got ${isoOf(start)}`);
  if (weekdayOf(end) !== 6) throw new RangeError(`end must be a Sunday, got ${isoOf(end)}`);
  if (end - start < 27) throw new RangeError('the range must cover at least four weeks');
  return { seed, start, end, scale };
}

/** Generates the weekly returns plus what was embedded in them (series, re-sends) for tests and demos. */
export function generateDemo(places: readonly DemoPlace[], opts: DemoOptions = {}): DemoResult {
  const { seed, start, end, scale } = resolveOptions(opts);
  const root = createRng(seed);
  const towns = buildTownPool(places);

  // Series numbers come off the front of one shuffled pool and background numbers off the rest, so a
  // shared number always means a real series, never a coincidence.
  const numberPool = root.fork('caller-numbers').shuffle(dramaNumbers());
  let reserved = 0;
  const seriesAccounts = root.fork('series-payee-accounts');
  const ctx: GenContext = {
    towns,
    reserveNumber: () => {
      if (reserved >= numberPool.length) throw new RangeError('caller number pool exhausted');
      return numberPool[reserved++] as string;
    },
    reserveAccount: () => {
      const { sortCode, account } = sortCodeAccount(seriesAccounts);
      return `${sortCode} ${account}`;
    },
  };

  const plans: SeriesPlan[] = [];
  for (const def of SERIES_DEFINITIONS) {
    const spec = def.spec(end);
    if (parseIsoDay(spec.from, 'from') < start || parseIsoDay(spec.to, 'to') > end) continue;
    const plan = { spec, ...def.build(spec, root.fork(`series:${spec.id}`), ctx) };
    for (const inc of plan.incidents) {
      if (!towns.has(inc.town)) throw new Error(`series ${spec.id} uses "${inc.town}", which is not in the gazetteer`);
    }
    plans.push(plan);
  }
  let backgroundCursor = reserved;
  const nextNumber = (): string => {
    // Past the pool (only at high --scale) numbers repeat; still never a series number.
    if (backgroundCursor >= numberPool.length) backgroundCursor = reserved;
    return numberPool[backgroundCursor++] as string;
  };

  // Weeks and their layouts.
  const weeks: Week[] = [];
  for (let first = start, index = 0; first + 6 <= end; first += 7, index++) {
    weeks.push({ index, first, last: first + 6, layout: 'force', fileName: '', incidents: [], resent: [] });
  }
  const weekOf = (day: number): Week => weeks[Math.floor((day - start) / 7)] as Week;
  for (const plan of plans) for (const inc of plan.incidents) weekOf(inc.day).incidents.push(inc);
  for (const w of weeks) {
    // Series weeks stay in the force layout so their caller numbers (a force-only column) survive.
    // The series windows, not their seeded dates, decide, so every seed gives the same file names.
    const hasSeries = plans.some((p) => parseIsoDay(p.spec.from, 'from') <= w.last && parseIsoDay(p.spec.to, 'to') >= w.first);
    if (w.index % NFIB_EVERY_WEEKS === NFIB_WEEK_OFFSET && !hasSeries) w.layout = 'nfib';
    const we = isoOf(w.last);
    w.fileName = w.layout === 'force' ? `force-weekly-return-WE-${we}.csv` : `nfib-dissemination-WE-${we}.csv`;
  }

  // Background volume.
  const weekdayPicker = weightedPicker([0, 1, 2, 3, 4, 5, 6], WEEKDAY_WEIGHTS);
  for (const w of weeks) {
    const rng = root.fork(`week:${isoOf(w.last)}`);
    const midweek = w.first + 3;
    const doy = dayOfYear(midweek);
    const trend = YEAR_TREND[yearOf(midweek)] ?? 1;
    const perWeek = (BASE_PER_YEAR * trend * scale * 7) / 365.25;
    const background: Incident[] = [];
    for (const model of METHOD_MODELS) {
      const n = rng.poisson(perWeek * model.share * model.season(doy));
      for (let i = 0; i < n; i++) background.push(backgroundIncident(model, w.first + weekdayPicker(rng), rng, ctx, nextNumber));
    }
    w.incidents.push(...background);
  }

  // References: the force numbers a week's returns HC/YY/WWnnn in no particular order (see the samples);
  // NFIB numbers NFRC + YYMM + five digits running through the month.
  const nfibCounters = new Map<string, number>();
  for (const w of weeks) {
    const rng = root.fork(`refs:${isoOf(w.last)}`);
    const order = rng.shuffle(w.incidents.map((_, i) => i));
    if (w.layout === 'force') {
      if (w.incidents.length > 1000) {
        throw new RangeError(`week ending ${isoOf(w.last)} has ${w.incidents.length} incidents; HC/YY/WWnnn allows 1000 (lower --scale)`);
      }
      const { year, week } = isoWeekOf(w.last);
      const yy = String(year % 100).padStart(2, '0');
      order.forEach((incIndex, ordinal) => {
        (w.incidents[incIndex] as Incident).reference = `HC/${yy}/${String(week * 1000 + ordinal).padStart(5, '0')}`;
      });
    } else {
      for (const incIndex of order) {
        const inc = w.incidents[incIndex] as Incident;
        const yymm = isoOf(inc.day).slice(2, 7).replace('-', '');
        const n = nfibCounters.get(yymm) ?? 0;
        if (n > 99_999) throw new RangeError(`more than 100000 NFIB references in ${yymm}`);
        nfibCounters.set(yymm, n + 1);
        inc.reference = `NFRC${yymm}${String(n).padStart(5, '0')}`;
      }
    }
  }

  // Payee accounts, each week from its own stream so the rest of the data is as it was before they came.
  for (const w of weeks) {
    const rng = root.fork(`payees:${isoOf(w.last)}`);
    for (const inc of w.incidents) if (inc.payeeAccount === '') inc.payeeAccount = backgroundPayee(inc, rng);
  }

  // Re-sends: a later force return repeats a reference with a change.
  const resends: DemoResend[] = [];
  const resentRefs = new Set<string>();
  const scheduleResend = (origin: Week, updated: Incident, change: DemoResendChange, minWeeksLater: number): void => {
    const target = weeks.find((w) => w.index >= origin.index + minWeeksLater && w.layout === 'force');
    if (!target || resentRefs.has(updated.reference)) return;
    resentRefs.add(updated.reference);
    target.resent.push(updated);
    resends.push({ reference: updated.reference, firstFile: origin.fileName, resentFile: target.fileName, change });
  };
  const resendRng = root.fork('resends');
  for (const w of weeks) {
    if (w.layout !== 'force' || !resendRng.chance(0.045)) continue;
    const change = resendRng.weighted<DemoResendChange>(['loss-found', 'town-corrected', 'age-added'], [3, 2, 2]);
    const candidates = w.incidents.filter(
      (inc) =>
        inc.seriesId === null &&
        (change === 'loss-found'
          ? inc.outcome === 'attempted'
          : change === 'age-added'
            ? inc.age === null
            : towns.neighboursOf(inc.town).length > 0),
    );
    if (candidates.length === 0) continue;
    const original = resendRng.pick(candidates);
    const model = METHOD_MODELS.find((m) => m.method === original.method) as MethodModel;
    const updated: Incident =
      change === 'loss-found'
        ? {
            ...original,
            outcome: 'lost',
            preventedBy: null,
            lossPence: model.loss(resendRng),
            notes: original.notes || 'Loss confirmed after follow-up',
          }
        : change === 'age-added'
          ? { ...original, age: model.age(resendRng) }
          : { ...original, town: resendRng.pick(towns.neighboursOf(original.town)) };
    scheduleResend(w, updated, change, resendRng.int(1, 4));
  }
  for (const plan of plans) {
    if (!plan.resend) continue;
    const origin = weekOf(plan.resend.incident.day);
    if (origin.layout !== 'force') continue;
    scheduleResend(
      origin,
      { ...plan.resend.updated, reference: plan.resend.incident.reference },
      plan.resend.change,
      plan.resend.minWeeksLater,
    );
  }

  // Files.
  const byDateThenRef = (a: Incident, b: Incident): number =>
    a.day - b.day || (a.reference < b.reference ? -1 : a.reference > b.reference ? 1 : 0);
  const files: DemoFile[] = [];
  let rowCount = 0;
  for (const w of weeks) {
    const rows = [...w.incidents, ...w.resent].sort(byDateThenRef);
    rowCount += rows.length;
    if (w.layout === 'force') {
      const withCaller = yearOf(w.last) >= CALLER_COLUMN_FROM_YEAR;
      const withPayee = yearOf(w.last) >= PAYEE_COLUMN_FROM_YEAR;
      const lines = [withPayee ? FORCE_HEADER_WITH_PAYEE : withCaller ? FORCE_HEADER_WITH_CALLER : FORCE_HEADER];
      for (const inc of rows) {
        const fields = [
          inc.reference,
          dmyOf(inc.day),
          inc.town,
          inc.wording,
          inc.lossPence > 0 ? poundsForce(inc.lossPence) : '',
          inc.age === null ? '' : String(inc.age),
          forceOutcome(inc),
          inc.notes,
        ];
        if (withCaller) fields.push(inc.callerNumber);
        if (withPayee) fields.push(inc.payeeAccount);
        lines.push(csvLine(fields));
      }
      files.push({ name: w.fileName, content: BOM + lines.join(CRLF) + CRLF });
    } else {
      const rng = root.fork(`report-lag:${isoOf(w.last)}`);
      const lines = [NFIB_HEADER];
      for (const inc of rows) {
        const reported = Math.min(w.last, inc.day + rng.weighted([0, 1, 2, 3, 4, 5], REPORT_LAG_WEIGHTS));
        lines.push(
          csvLine([
            inc.reference,
            isoOf(inc.day),
            isoOf(reported),
            inc.town.toUpperCase(),
            towns.postcodeOf(inc.town),
            NFIB_FRAUD_TYPE[inc.wording],
            poundsPlain(inc.lossPence),
            nfibAgeBand(inc.age),
            inc.outcome === 'lost' ? 'Loss' : inc.outcome === 'prevented' ? 'Prevented' : 'No Loss',
            inc.notes,
          ]),
        );
      }
      // The NFIB extract has no byte-order mark (see data/samples/nfib-dissemination-2023-10.csv).
      files.push({ name: w.fileName, content: lines.join(CRLF) + CRLF });
    }
  }

  const series: DemoSeries[] = plans.map((plan) => {
    const days = plan.incidents.map((i) => i.day);
    return {
      id: plan.spec.id,
      name: plan.spec.name,
      method: plan.spec.method,
      from: isoOf(Math.min(...days)),
      to: isoOf(Math.max(...days)),
      references: [...plan.incidents].sort(byDateThenRef).map((i) => i.reference),
      callerNumber: plan.callerNumber,
      payeeAccount: plan.payeeAccount ?? null,
    };
  });

  const incidentCount = weeks.reduce((n, w) => n + w.incidents.length, 0);
  return { files, series, resends, incidentCount, rowCount };
}

/** The weekly return files only; see `generateDemo` for the embedded series and re-sends. */
export function generateDemoReturns(places: DemoPlace[], opts?: DemoOptions): DemoFile[] {
  return generateDemo(places, opts).files;
}
