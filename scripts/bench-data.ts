/**
 * Benchmark data: weekly returns in the force layout (the columns and cell shapes of
 * data/demo/force-weekly-return-*.csv) over real Hertfordshire places from the gazetteer, written fast
 * and deterministically. `npm run bench` splits N rows into five chronological returns, as the issue's
 * measurement did, then adds a 5,000-row weekly return and a corrected re-send of it.
 */
import { once } from 'node:events';
import { createWriteStream, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRng, weightedPicker, type Rng } from './lib/random.js';
import { METHODS, TOWNS } from './lib/synthetic-return.js';

export const HEADER = '\uFEFFReference,Date,Town,Method,Loss (£),Victim age,Outcome,Notes\r\n';

/** The big towns get most reports, as they do; the rest of the county's places share the remainder. */
const BIG_TOWNS = TOWNS;
const METHOD_WEIGHTS = [22, 25, 12, 14, 9, 6, 12];
const OUTCOMES = ['Money lost', '"Attempt, no loss"', 'Stopped by bank'];
const OUTCOME_WEIGHTS = [35, 50, 15];
const NOTES = [
  'Asked to call 101 to verify',
  'Bank card collected by courier',
  'Told to move savings to a safe account',
  'Withheld number',
  'Paid in gift cards',
  '',
  '',
];

/** 123456 pence → "£1,234.56", as the forces' spreadsheets write it (toLocaleString is slow by the million). */
const money = (pence: number) => {
  const pounds = String(Math.floor(pence / 100)).replace(/\B(?=(\d{3})+$)/g, ',');
  return `"£${pounds}.${String(pence % 100).padStart(2, '0')}"`;
};

const csvCell = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);

/** Places in Hertfordshire whose name is unique in the county (so the gazetteer resolves them without doubt). */
export function hertfordshirePlaces(gazetteerPath: string): string[] {
  const seen = new Map<string, number>();
  for (const line of readFileSync(gazetteerPath, 'utf8').split('\n').slice(1)) {
    if (!line.endsWith(',Hertfordshire')) continue;
    const name = line.startsWith('"') ? line.slice(1, line.indexOf('"', 1)) : line.slice(0, line.indexOf(','));
    seen.set(name, (seen.get(name) ?? 0) + 1);
  }
  return [...seen].filter(([, n]) => n === 1).map(([name]) => name);
}

export interface ReturnStats {
  path: string;
  rows: number;
  bytes: number;
  /** Sum of the losses written, in pence (what /api/summary's lossPence should grow by). */
  lossPence: number;
}

const pickOutcome = weightedPicker(OUTCOMES, OUTCOME_WEIGHTS);
const pickMethod = weightedPicker(METHODS, METHOD_WEIGHTS);

interface Generator {
  rng: Rng;
  /** A town as a CSV cell, the big towns weighted 40 to 1. */
  town: (rng: Rng) => string;
}

function generator(seed: number, gazetteerPath: string): Generator {
  const places = hertfordshirePlaces(gazetteerPath);
  const towns = [...new Set([...BIG_TOWNS, ...places])];
  return {
    rng: createRng(seed),
    town: weightedPicker(
      towns.map(csvCell),
      towns.map((t) => (BIG_TOWNS.includes(t) ? 40 : 1)),
    ),
  };
}

const DAY = 86_400_000;
const ukDate = (ms: number) => {
  const d = new Date(ms);
  return `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
};

/** Writes one return; `refOf(i)` names row i, `dayOf()` draws its offence day (ms since the epoch). */
async function writeReturn(
  g: Generator,
  path: string,
  rows: number,
  refOf: (i: number) => string,
  dayOf: () => number,
): Promise<ReturnStats> {
  const out = createWriteStream(path);
  const { rng } = g;
  let bytes = 0;
  let lossPence = 0;
  let chunk = HEADER;
  for (let i = 0; i < rows; i++) {
    const outcome = pickOutcome(rng);
    const pence = outcome === 'Money lost' ? Math.max(100, Math.round(rng.lognormal(80_000, 1.4))) : 0;
    lossPence += pence;
    const loss = pence ? money(pence) : '';
    const age = rng.chance(0.25) ? '' : String(Math.min(99, Math.max(18, Math.round(rng.normal(68, 16)))));
    const town = g.town(rng);
    chunk += `${refOf(i)},${ukDate(dayOf())},${town},${pickMethod(rng)},${loss},${age},${outcome},${NOTES[i % NOTES.length]}\r\n`;
    if (chunk.length > 1 << 16) {
      bytes += Buffer.byteLength(chunk);
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  bytes += Buffer.byteLength(chunk);
  out.end(chunk);
  await once(out, 'finish');
  return { path, rows, bytes, lossPence };
}

/** The history the big store holds: five years of offence days, Monday 2021-01-04 to Sunday 2025-12-28. */
export const HISTORY = { first: '2021-01-04', last: '2025-12-28' } as const;

/**
 * N rows as `files` chronological returns (each covering its fifth of the five years) in `dir`,
 * references unique across them.
 */
export async function writeReturns(dir: string, rows: number, gazetteerPath: string, files = 5, seed = 2026): Promise<ReturnStats[]> {
  const g = generator(seed, gazetteerPath);
  const start = Date.parse(`${HISTORY.first}T00:00:00Z`);
  const days = (Date.parse(`${HISTORY.last}T00:00:00Z`) - start) / DAY + 1;
  const out: ReturnStats[] = [];
  let done = 0;
  for (let f = 0; f < files; f++) {
    const n = Math.floor((rows * (f + 1)) / files) - done;
    const d0 = Math.floor((days * f) / files);
    const span = Math.floor((days * (f + 1)) / files) - d0;
    const base = done;
    out.push(
      await writeReturn(
        g,
        join(dir, `force-return-${f + 1}-of-${files}.csv`),
        n,
        (i) => `BX/${String(base + i).padStart(8, '0')}`,
        () => start + (d0 + Math.floor(g.rng.next() * span)) * DAY,
      ),
    );
    done += n;
  }
  return out;
}

/**
 * The week after the history: `rows` new reports (references the store has not seen), and the same
 * return re-sent with every tenth row's loss corrected (what a force does when it finds a mistake).
 */
export async function writeWeeklyReturn(
  dir: string,
  rows: number,
  gazetteerPath: string,
): Promise<{ first: ReturnStats; corrected: ReturnStats }> {
  const monday = Date.parse(`${HISTORY.last}T00:00:00Z`) + DAY;
  const ref = (i: number) => `WK/2026/${String(i).padStart(6, '0')}`;
  const day = (g: Generator) => () => monday + Math.floor(g.rng.next() * 7) * DAY;
  const a = generator(7, gazetteerPath);
  const first = await writeReturn(a, join(dir, 'force-weekly-return-WE-2026-01-04.csv'), rows, ref, day(a));
  // The same draws again, then every tenth row's loss changed: same references, same dates and towns.
  const b = generator(7, gazetteerPath);
  await writeReturn(b, join(dir, 'tmp.csv'), rows, ref, day(b));
  const lines = readFileSync(join(dir, 'tmp.csv'), 'utf8').split('\r\n');
  let lossPence = 0;
  const fixed = lines.map((line, i) => {
    if (i === 0 || line === '') return line;
    const m = /^([^,]+),([^,]+),("[^"]*"|[^,]*),([^,]+),("£[^"]*"|),(.*)$/.exec(line);
    if (!m) throw new Error(`bench data: cannot re-read line ${i}`);
    let loss = m[5] ?? '';
    let pence = loss ? Math.round(Number(loss.slice(2, -1).replaceAll(',', '')) * 100) : 0;
    if (i % 10 === 0 && pence > 0) {
      pence += 2_500;
      loss = money(pence);
    }
    lossPence += pence;
    return `${m[1]},${m[2]},${m[3]},${m[4]},${loss},${m[6]}`;
  });
  const path = join(dir, 'force-weekly-return-WE-2026-01-04-corrected.csv');
  const text = fixed.join('\r\n');
  writeFileSync(path, text);
  rmSync(join(dir, 'tmp.csv'));
  return { first, corrected: { path, rows, bytes: Buffer.byteLength(text), lossPence } };
}
