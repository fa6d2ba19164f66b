import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createRng } from './random.js';

/**
 * Writes a large force-layout weekly return for benchmarks: realistic cell shapes (UK dates, £ with
 * thousands separators, quoted outcome words) over real Hertfordshire towns, deterministic.
 */
/** The county's big towns, where most reports come from; shared with the benchmark's data. */
export const TOWNS = [
  'Watford',
  'St Albans',
  'Stevenage',
  'Hemel Hempstead',
  'Welwyn Garden City',
  'Hatfield',
  'Hertford',
  'Hitchin',
  'Letchworth Garden City',
  "Bishop's Stortford",
  'Borehamwood',
  'Cheshunt',
  'Harpenden',
  'Berkhamsted',
  'Tring',
  'Rickmansworth',
  'Bushey',
  'Potters Bar',
  'Ware',
  'Royston',
];
export const METHODS = [
  'Courier fraud (police impersonation)',
  'Bank impersonation - safe account',
  'HMRC impersonation',
  'Computer support scam (BT)',
  'Investment scam',
  'Romance scam',
  'Other telephone scam',
];
const OUTCOMES = ['Money lost', '"Attempt, no loss"', '"Attempt, no loss"', 'Stopped by bank'];
const NOTES = [
  'Asked to call 101 to verify',
  'Bank card collected by courier',
  'Told to move savings to a safe account',
  'Withheld number',
  '',
];

export async function writeSyntheticReturn(path: string, rows: number, startYear = 2016): Promise<number> {
  const out = createWriteStream(path);
  let bytes = 0;
  const write = async (s: string) => {
    bytes += Buffer.byteLength(s);
    if (!out.write(s)) await once(out, 'drain');
  };
  await write('\uFEFFReference,Date,Town,Method,Loss (£),Victim age,Outcome,Notes\r\n');
  // A proper generator: a plain LCG's successive values are correlated, which planted fake
  // place-and-time clusters in the benchmark data for the detector to find.
  const rng = createRng(12345);
  const rand = () => rng.next();
  const days = 365 * 8;
  const start = Date.UTC(startYear, 0, 1);
  let chunk = '';
  for (let i = 0; i < rows; i++) {
    const d = new Date(start + Math.floor(rand() * days) * 86_400_000);
    const date = `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
    const outcome = OUTCOMES[Math.floor(rand() * OUTCOMES.length)] as string;
    const pounds = outcome === 'Money lost' ? Math.floor(rand() * 2_000_000) / 100 : 0;
    const loss = pounds ? `"£${pounds.toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}"` : '';
    const age = rand() < 0.3 ? '' : String(18 + Math.floor(rand() * 80));
    chunk += `BENCH/${i},${date},${TOWNS[Math.floor(rand() * TOWNS.length)]},${METHODS[Math.floor(rand() * METHODS.length)]},${loss},${age},${outcome},${NOTES[i % NOTES.length]}\r\n`;
    if (chunk.length > 1 << 16) {
      await write(chunk);
      chunk = '';
    }
  }
  await write(chunk);
  out.end();
  await once(out, 'finish');
  return bytes;
}
