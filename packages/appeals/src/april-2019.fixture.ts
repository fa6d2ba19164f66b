import { ageBandOf } from '@scam/shared';
import type { AppealIncident } from './types.js';

/** One incident with harmless defaults; tests override what they are about. */
export function incident(overrides: Partial<AppealIncident> = {}): AppealIncident {
  const victimAge = overrides.victimAge === undefined ? 80 : overrides.victimAge;
  return {
    reference: 'HC/19/49999',
    offenceDate: '2019-04-10',
    place: 'St Albans',
    district: 'St Albans',
    method: 'courier',
    impersonated: 'police',
    channel: 'cash',
    outcome: 'attempted',
    lossPence: 0,
    victimAge,
    ageBand: ageBandOf(victimAge),
    summary: 'Caller claimed to be a police officer and asked for cash.',
    townRaw: 'St Albans',
    postcodeDistrict: 'AL1',
    callerNumber: null,
    payeeAccount: null,
    ...overrides,
  };
}

interface Row {
  day: number;
  place: string;
  district: string;
  postcode: string;
  age: number | null;
  outcome?: AppealIncident['outcome'];
  lossPence?: number;
  impersonated?: AppealIncident['impersonated'];
  channel?: AppealIncident['channel'];
  caller?: string;
  payee?: string;
}

/**
 * Modelled on the force's release of 30 April 2019: 30 courier-fraud reports from 1 to 29 April, mostly
 * St Albans, Watford and Hertsmere, two in Dacorum and one in Three Rivers; six people lost £71,234.56
 * between them; most were in their 70s and 80s. Summaries carry the kind of detail an appeal must never
 * repeat (names, streets, postcodes, exact ages).
 */
const ROWS: Row[] = [
  {
    day: 1,
    place: 'St Albans',
    district: 'St Albans',
    postcode: 'AL1',
    age: 87,
    outcome: 'lost',
    lossPence: 2_500_000,
    caller: '020 7946 0101',
    payee: '40-47-84 70872490',
  },
  { day: 2, place: 'St Albans', district: 'St Albans', postcode: 'AL3', age: 83 },
  { day: 3, place: 'Harpenden', district: 'St Albans', postcode: 'AL5', age: 78, channel: 'bank_card' },
  { day: 4, place: 'St Albans', district: 'St Albans', postcode: 'AL1', age: 74, caller: '020 7946 0104' },
  { day: 5, place: 'Harpenden', district: 'St Albans', postcode: 'AL5', age: 81, outcome: 'lost', lossPence: 1_800_000, channel: 'goods' },
  { day: 6, place: 'St Albans', district: 'St Albans', postcode: 'AL4', age: 76, impersonated: 'bank' },
  { day: 7, place: 'St Albans', district: 'St Albans', postcode: 'AL1', age: null },
  { day: 8, place: 'Harpenden', district: 'St Albans', postcode: 'AL5', age: 92 },
  { day: 9, place: 'St Albans', district: 'St Albans', postcode: 'AL3', age: 71, outcome: 'prevented' },
  { day: 10, place: 'St Albans', district: 'St Albans', postcode: 'AL1', age: 79 },
  { day: 11, place: 'Harpenden', district: 'St Albans', postcode: 'AL5', age: 84, channel: 'bank_card' },
  { day: 12, place: 'St Albans', district: 'St Albans', postcode: 'AL4', age: 88 },
  {
    day: 13,
    place: 'Watford',
    district: 'Watford',
    postcode: 'WD17',
    age: 73,
    outcome: 'lost',
    lossPence: 1_200_000,
    caller: '07700 900113',
  },
  { day: 14, place: 'Watford', district: 'Watford', postcode: 'WD18', age: 77, impersonated: 'bank', channel: 'bank_card' },
  { day: 15, place: 'Watford', district: 'Watford', postcode: 'WD24', age: 86 },
  {
    day: 15,
    place: 'Watford',
    district: 'Watford',
    postcode: 'WD25',
    age: 72,
    outcome: 'lost',
    lossPence: 900_000,
    channel: 'foreign_currency',
  },
  { day: 16, place: 'Watford', district: 'Watford', postcode: 'WD17', age: null, impersonated: 'unknown', channel: 'unknown' },
  { day: 17, place: 'Watford', district: 'Watford', postcode: 'WD19', age: 82 },
  { day: 18, place: 'Watford', district: 'Watford', postcode: 'WD18', age: 75, impersonated: 'bank' },
  { day: 19, place: 'Watford', district: 'Watford', postcode: 'WD24', age: 89, channel: 'goods' },
  { day: 20, place: 'Watford', district: 'Watford', postcode: 'WD25', age: 63 },
  { day: 21, place: 'Borehamwood', district: 'Hertsmere', postcode: 'WD6', age: 85, outcome: 'lost', lossPence: 500_000 },
  { day: 22, place: 'Borehamwood', district: 'Hertsmere', postcode: 'WD6', age: 91, channel: 'bank_card' },
  { day: 23, place: 'Borehamwood', district: 'Hertsmere', postcode: 'WD6', age: 68 },
  { day: 24, place: 'Bushey', district: 'Hertsmere', postcode: 'WD23', age: null, outcome: 'prevented' },
  { day: 25, place: 'Bushey', district: 'Hertsmere', postcode: 'WD23', age: 74, impersonated: 'bank', channel: 'foreign_currency' },
  { day: 26, place: 'Potters Bar', district: 'Hertsmere', postcode: 'EN6', age: 80, channel: 'bank_card' },
  {
    day: 27,
    place: 'Berkhamsted',
    district: 'Dacorum',
    postcode: 'HP4',
    age: 84,
    outcome: 'lost',
    lossPence: 223_456,
    caller: '01442 960127',
    payee: 'Revolut @harrisdc1',
  },
  { day: 28, place: 'Tring', district: 'Dacorum', postcode: 'HP23', age: null },
  { day: 29, place: 'Rickmansworth', district: 'Three Rivers', postcode: 'WD3', age: 78 },
];

const SURNAMES = ['Smith', 'Jones', 'Patel', 'Okafor', 'Brown', 'Wilson'];

export function april2019Incidents(): AppealIncident[] {
  return ROWS.map((row, index) => {
    const surname = SURNAMES[index % SURNAMES.length];
    const age = row.age === null ? 'age not given' : `aged ${row.age}`;
    return incident({
      reference: `HC/19/${40001 + index}`,
      offenceDate: `2019-04-${String(row.day).padStart(2, '0')}`,
      place: row.place,
      district: row.district,
      townRaw: row.place.toUpperCase(),
      postcodeDistrict: row.postcode,
      victimAge: row.age,
      ageBand: ageBandOf(row.age),
      outcome: row.outcome ?? 'attempted',
      lossPence: row.lossPence ?? 0,
      impersonated: row.impersonated ?? 'police',
      channel: row.channel ?? 'cash',
      callerNumber: row.caller ?? null,
      payeeAccount: row.payee ?? null,
      summary: `Mrs ${surname} (${age}) of ${index + 2} High Street, ${row.postcode} 3AB, called by a man saying he was DC Harris; courier sent to the house.`,
    });
  });
}
