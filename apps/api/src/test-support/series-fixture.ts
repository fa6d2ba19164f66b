import { forceReturn } from './test-db.js';

const BACKGROUND_TOWNS = [
  'Stevenage',
  'Hitchin',
  'Hemel Hempstead',
  'Hertford',
  'Ware',
  'Royston',
  'Welwyn Garden City',
  'Hatfield',
  "Bishop's Stortford",
  'Cheshunt',
  'Tring',
  'Berkhamsted',
  'Letchworth Garden City',
  'Harpenden',
  'St Albans',
  'Watford',
  'Borehamwood',
  'Potters Bar',
];
const SERIES_TOWNS = ['St Albans', 'St Albans', 'Watford', 'Borehamwood', 'Potters Bar', 'Bushey', 'Radlett', 'Harpenden'];
const METHOD_WORDS = [
  'Courier fraud (police impersonation)',
  'HMRC impersonation',
  'Computer support scam (BT)',
  'Bank impersonation - safe account',
  'Romance scam',
];

/** Two years of background reports (the baseline check needs a history) plus 30 courier reports in April 2019 in St Albans, Watford and Hertsmere. */
export function fixture(): { csv: string; seriesRefs: string[] } {
  let seed = 99;
  const rand = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
  const rows: string[][] = [];
  const ddmmyyyy = (d: Date) =>
    `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
  for (let day = 0; day < 730; day++) {
    const date = new Date(Date.UTC(2018, 0, 1 + day));
    const n = rand() < 0.5 ? 1 : rand() < 0.5 ? 2 : 0;
    for (let k = 0; k < n; k++) {
      rows.push([
        `BG/${day}/${k}`,
        ddmmyyyy(date),
        BACKGROUND_TOWNS[Math.floor(rand() * BACKGROUND_TOWNS.length)] as string,
        METHOD_WORDS[Math.floor(rand() * METHOD_WORDS.length)] as string,
        '',
        String(50 + Math.floor(rand() * 40)),
        'Attempt, no loss',
        'Withheld number',
      ]);
    }
  }
  const seriesRefs: string[] = [];
  for (let i = 0; i < 30; i++) {
    const ref = `HC/19/S${i}`;
    seriesRefs.push(ref);
    const lost = i % 4 === 0;
    rows.push([
      ref,
      ddmmyyyy(new Date(Date.UTC(2019, 3, 1 + (i % 29)))),
      SERIES_TOWNS[i % SERIES_TOWNS.length] as string,
      'Courier fraud (police impersonation)',
      lost ? `£${(2000 + i * 731).toLocaleString('en-GB')}.00` : '',
      String(72 + (i % 20)),
      lost ? 'Money lost' : 'Attempt, no loss',
      'Asked to withdraw cash for a courier',
    ]);
  }
  return { csv: forceReturn(rows), seriesRefs };
}
