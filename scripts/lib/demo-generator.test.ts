import { parseCsv } from '@scam/ingest';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  DEMO_SERIES,
  FORCE_HEADER,
  FORCE_HEADER_WITH_CALLER,
  FORCE_HEADER_WITH_PAYEE,
  MAIN_TOWNS,
  NFIB_HEADER,
  generateDemo,
  generateDemoReturns,
  loadHertsPlaces,
  type DemoFile,
  type DemoPlace,
} from './demo-generator.js';

/** The cells of one return line, read by position (ten at most, in either layout). */
type Cells = [string, string, string, string, string, string, string, string, string, string];

const placesText = readFileSync(new URL('../../data/places.csv', import.meta.url), 'utf8');
const places = loadHertsPlaces(placesText);
const districtOf = new Map(places.map((p) => [p.name, p.district]));
const hertsNames = new Set(places.map((p) => p.name));
const hertsUpper = new Set(places.map((p) => p.name.toUpperCase()));

const START = '2020-01-06';
const END = '2026-11-15';
const demo = generateDemo(places);

interface Row {
  file: string;
  layout: 'force' | 'nfib';
  reference: string;
  /** ISO offence date. */
  date: string;
  reported: string | null;
  town: string;
  method: string;
  lossPence: number;
  age: string;
  outcome: string;
  notes: string;
  caller: string;
  payee: string;
}

const FORCE_METHODS = new Set([
  'Courier fraud (police impersonation)',
  'Courier fraud (bank impersonation)',
  'Bank impersonation - safe account',
  'HMRC impersonation',
  'Computer support scam (BT)',
  'Investment scam',
  'Romance scam',
  'Other telephone scam',
]);
const FORCE_OUTCOMES = new Set(['Money lost', 'Attempt, no loss', 'Stopped by bank', 'Stopped by police']);
const NFIB_TYPES = new Set([
  'Impersonation - Police',
  'Courier Fraud',
  'Impersonation - Bank',
  'HMRC / Tax Impersonation',
  'Computer Software Service Fraud',
  'Investment Fraud',
  'Dating/Romance Fraud',
  'Other Fraud',
]);

const isoFromDmy = (dmy: string): string => `${dmy.slice(6)}-${dmy.slice(3, 5)}-${dmy.slice(0, 2)}`;
const daysBetween = (a: string, b: string): number => (Date.parse(b) - Date.parse(a)) / 86_400_000;

/** Parses a file and asserts every field has the shape the real returns use. */
function parseFile(file: DemoFile): Row[] {
  const force = file.name.startsWith('force-weekly-return-WE-');
  expect(force || file.name.startsWith('nfib-')).toBe(true);
  expect(file.content.endsWith('\r\n')).toBe(true);
  // Every line break is CRLF: no bare LF or CR.
  expect(file.content.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  expect(file.content.startsWith('\ufeff')).toBe(force);
  const [header, ...lines] = file.content
    .replace(/^\ufeff/, '')
    .slice(0, -2)
    .split('\r\n');
  // Read as the import reads it (the ingest package's parser); the raw lines stay for checks on quoting.
  const records = parseCsv(new TextEncoder().encode(file.content)).rows.map((r) => r.cells);
  expect(records).toHaveLength(lines.length);
  const rows: Row[] = [];
  if (force) {
    expect([FORCE_HEADER, FORCE_HEADER_WITH_CALLER, FORCE_HEADER_WITH_PAYEE]).toContain(header);
    const width = header === FORCE_HEADER ? 8 : header === FORCE_HEADER_WITH_CALLER ? 9 : 10;
    for (const [i, line] of lines.entries()) {
      const f = records[i] ?? [];
      expect(f, line).toHaveLength(width);
      const [reference, date, town, method, loss, age, outcome, notes, caller = '', payee = ''] = f as [
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string,
        string?,
        string?,
      ];
      expect(reference).toMatch(/^HC\/\d{2}\/\d{5}$/);
      expect(date).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
      expect(FORCE_METHODS.has(method), method).toBe(true);
      expect(loss).toMatch(/^(£\d{1,3}(,\d{3})*\.\d{2})?$/);
      // Amounts over £999 carry a thousands comma, so they must be quoted in the raw line.
      if (loss.includes(',')) expect(line).toContain(`"${loss}"`);
      expect(age).toMatch(/^(\d{1,3})?$/);
      expect(FORCE_OUTCOMES.has(outcome), outcome).toBe(true);
      expect(loss !== '', line).toBe(outcome === 'Money lost');
      expect(caller).toMatch(/^(07700 900\d{3}|020 7946 0\d{3})?$/);
      // A sort code and account in the layouts clerks use, or an invented Bitcoin address.
      expect(payee).toMatch(/^(\d{2}[- ]?\d{2}[- ]?\d{2} \d{8}|bc1q[02-9ac-hj-np-z]{38})?$/);
      if (payee !== '') expect(outcome, line).toBe('Money lost');
      rows.push({
        file: file.name,
        layout: 'force',
        reference,
        date: isoFromDmy(date),
        reported: null,
        town,
        method,
        lossPence: loss === '' ? 0 : Math.round(Number(loss.replace(/[£,]/g, '')) * 100),
        age,
        outcome,
        notes,
        caller,
        payee,
      });
    }
  } else {
    expect(header).toBe(NFIB_HEADER);
    for (const [i, line] of lines.entries()) {
      const f = records[i] ?? [];
      expect(f, line).toHaveLength(10);
      const [reference, date, reported, town, postcode, type, amount, band, status, notes] = f as Cells;
      expect(reference).toMatch(/^NFRC\d{9}$/);
      expect(date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(reported).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      const lag = daysBetween(date, reported);
      expect(lag >= 0 && lag <= 5, line).toBe(true);
      expect(town).toBe(town.toUpperCase());
      expect(postcode).toMatch(/^(AL|CM|EN|HP|SG|WD)\d{1,2}$/);
      expect(NFIB_TYPES.has(type), type).toBe(true);
      expect(amount).toMatch(/^\d+\.\d{2}$/);
      expect(band).toMatch(/^(\d0-\d9)?$/);
      expect(['Loss', 'No Loss', 'Prevented']).toContain(status);
      expect(amount !== '0.00').toBe(status === 'Loss');
      rows.push({
        file: file.name,
        layout: 'nfib',
        reference,
        date,
        reported,
        town,
        method: type,
        lossPence: Math.round(Number(amount) * 100),
        age: band,
        outcome: status,
        notes,
        caller: '',
        payee: '',
      });
    }
  }
  return rows;
}

const rows = demo.files.flatMap(parseFile);
/** The latest version of each reference, as the import would hold it after loading every file in order. */
const latest = new Map(rows.map((r) => [r.reference, r]));
const isCourier = (r: Row): boolean =>
  r.method.startsWith('Courier fraud') || r.method === 'Courier Fraud' || r.method === 'Impersonation - Police';

describe('loadHertsPlaces', () => {
  it('keeps only Hertfordshire rows and reads quoted fields', () => {
    expect(places.length).toBe(519);
    expect(places.every((p) => p.county === 'Hertfordshire')).toBe(true);
    expect(places.find((p) => p.name === "Bishop's Stortford")).toMatchObject({ district: 'East Hertfordshire' });
    const quoted = loadHertsPlaces(
      'name,lat,lon,district_code,district,county\r\n"Foo, Bar",51.5,-0.1,E1,"Dist, X",Hertfordshire\r\nBaz,51,0,E2,Y,Kent\r\n',
    );
    expect(quoted).toEqual<DemoPlace[]>([{ name: 'Foo, Bar', lat: 51.5, lon: -0.1, district: 'Dist, X', county: 'Hertfordshire' }]);
  });
});

describe('generateDemoReturns', () => {
  it('is deterministic for a seed and changes with the seed', () => {
    const again = generateDemoReturns(places);
    expect(again).toEqual(demo.files);
    const other = generateDemoReturns(places, { seed: 2 });
    expect(other.map((f) => f.name)).toEqual(demo.files.map((f) => f.name));
    expect(other.filter((f, i) => f.content !== demo.files[i]?.content).length).toBeGreaterThan(demo.files.length * 0.9);
  });

  it('writes one return per week ending Sunday, in both layouts, with the caller column from 2024', () => {
    expect(demo.files).toHaveLength(358);
    const weekEnds = demo.files.map((f) => f.name.slice(-14, -4));
    expect(weekEnds[0]).toBe('2020-01-12');
    expect(weekEnds.at(-1)).toBe(END);
    weekEnds.forEach((we, i) => {
      expect(new Date(`${we}T00:00:00Z`).getUTCDay()).toBe(0);
      if (i > 0) expect(daysBetween(weekEnds[i - 1] as string, we)).toBe(7);
    });
    const nfib = demo.files.filter((f) => f.name.startsWith('nfib-'));
    expect(nfib.length).toBeGreaterThanOrEqual(20);
    expect(nfib.length).toBeLessThanOrEqual(30);
    for (const f of demo.files.filter((x) => x.name.startsWith('force-'))) {
      const header = f.content.slice(1, f.content.indexOf('\r\n'));
      const year = f.name.slice(-14, -10);
      expect(header).toBe(year >= '2025' ? FORCE_HEADER_WITH_PAYEE : year >= '2024' ? FORCE_HEADER_WITH_CALLER : FORCE_HEADER);
    }
    expect(rows.some((r) => r.caller !== '')).toBe(true);
  });

  it('records where the money went for most bank-impersonation and investment losses, and never twice outside a series', () => {
    const recent = [...latest.values()].filter((r) => r.layout === 'force' && r.date >= '2025-01-01' && r.lossPence > 0);
    const share = (method: string) => {
      const lost = recent.filter((r) => r.method === method);
      return lost.filter((r) => r.payee !== '').length / lost.length;
    };
    expect(share('Bank impersonation - safe account')).toBeGreaterThan(0.65);
    expect(share('Investment scam')).toBeGreaterThan(0.6);
    expect(share('Courier fraud (police impersonation)')).toBe(0);
    expect(recent.some((r) => r.payee.startsWith('bc1q'))).toBe(true);
    const inSeries = new Set(demo.series.flatMap((s) => s.references));
    const background = [...latest.values()].filter((r) => r.payee !== '' && !inSeries.has(r.reference));
    const digits = background.map((r) => (r.payee.startsWith('bc1q') ? r.payee : r.payee.replace(/\D/g, '')));
    expect(new Set(digits).size).toBe(background.length);
  });

  it('validates against the real sample returns with the same checks', () => {
    const dir = new URL('../../data/samples/', import.meta.url);
    for (const name of ['force-weekly-return-WE-2023-10-08.csv', 'nfib-dissemination-2023-10.csv']) {
      const sampleRows = parseFile({ name, content: readFileSync(new URL(name, dir), 'utf8') });
      expect(sampleRows.length).toBeGreaterThan(20);
    }
  });

  it('only uses Hertfordshire places from the gazetteer', () => {
    for (const town of MAIN_TOWNS) expect(hertsNames.has(town.name), town.name).toBe(true);
    for (const r of rows) {
      if (r.layout === 'force') expect(hertsNames.has(r.town), r.town).toBe(true);
      else expect(hertsUpper.has(r.town), r.town).toBe(true);
    }
    // Population weighting: the big towns dominate, villages still appear.
    const count = (t: string): number => rows.filter((r) => r.town.toUpperCase() === t.toUpperCase()).length;
    expect(count('Watford')).toBeGreaterThan(count('Tring') * 4);
    expect(new Set(rows.map((r) => r.town.toUpperCase())).size).toBeGreaterThan(150);
  });

  it('keeps every date inside the range and inside its own week', () => {
    for (const r of rows) {
      expect(r.date >= START && r.date <= END, `${r.reference} ${r.date}`).toBe(true);
      const weekEnd = r.file.slice(-14, -4);
      expect(r.date <= weekEnd).toBe(true);
      if (r.reported !== null) expect(r.reported <= weekEnd).toBe(true);
    }
  });

  it('uses unique references except for the intentional re-sends', () => {
    const seen = new Map<string, Row[]>();
    for (const r of rows) seen.set(r.reference, [...(seen.get(r.reference) ?? []), r]);
    const duplicated = [...seen]
      .filter(([, list]) => list.length > 1)
      .map(([ref]) => ref)
      .sort();
    expect(duplicated).toEqual(demo.resends.map((r) => r.reference).sort());
    expect(demo.resends.length).toBeGreaterThanOrEqual(5);
    expect(demo.incidentCount).toBe(seen.size);
    expect(demo.rowCount).toBe(rows.length);
    for (const resend of demo.resends) {
      const [first, second] = seen.get(resend.reference) as [Row, Row];
      expect(first.file).toBe(resend.firstFile);
      expect(second.file).toBe(resend.resentFile);
      expect(second.file > first.file).toBe(true);
      expect(second.date).toBe(first.date);
      if (resend.change === 'loss-found') {
        expect(first.outcome).toBe('Attempt, no loss');
        expect(second.outcome).toBe('Money lost');
        expect(second.lossPence).toBeGreaterThan(0);
      } else if (resend.change === 'town-corrected') {
        expect(second.town).not.toBe(first.town);
        expect(districtOf.get(second.town)).toBe(districtOf.get(first.town));
      } else {
        expect(first.age).toBe('');
        expect(second.age).toMatch(/^\d+$/);
      }
    }
  });

  it('has realistic yearly volumes, outcomes and courier victim ages', () => {
    const incidents = [...latest.values()];
    for (const year of ['2021', '2022', '2023', '2024', '2025']) {
      const n = incidents.filter((r) => r.date.startsWith(year)).length;
      expect(n, year).toBeGreaterThanOrEqual(1200);
      expect(n, year).toBeLessThanOrEqual(2000);
    }
    expect(incidents.length).toBeGreaterThan(9000);
    expect(incidents.length).toBeLessThan(12_000);
    const share = (pred: (r: Row) => boolean): number => incidents.filter(pred).length / incidents.length;
    expect(share((r) => r.lossPence > 0)).toBeGreaterThan(0.15);
    expect(share((r) => r.lossPence > 0)).toBeLessThan(0.28);
    expect(share((r) => r.outcome.startsWith('Stopped') || r.outcome === 'Prevented')).toBeGreaterThan(0.1);
    expect(share((r) => r.outcome.startsWith('Stopped') || r.outcome === 'Prevented')).toBeLessThan(0.2);
    expect(share((r) => r.age === '')).toBeGreaterThan(0.25);
    expect(share((r) => r.age === '')).toBeLessThan(0.35);

    const courierAges = incidents.filter((r) => r.layout === 'force' && isCourier(r) && r.age !== '').map((r) => Number(r.age));
    const over70 = courierAges.filter((a) => a >= 70).length / courierAges.length;
    expect(over70).toBeGreaterThan(0.65);
    expect(over70).toBeLessThan(0.95);
    const romanceAges = incidents.filter((r) => r.method === 'Romance scam' && r.age !== '').map((r) => Number(r.age));
    expect(romanceAges.reduce((a, b) => a + b, 0) / romanceAges.length).toBeLessThan(60);
  });

  it('peaks courier fraud in winter and HMRC calls around the tax deadlines', () => {
    const background = [...latest.values()].filter((r) => !demo.series.some((s) => s.references.includes(r.reference)));
    const inMonths = (pred: (r: Row) => boolean, months: string[]): number =>
      background.filter((r) => pred(r) && months.includes(r.date.slice(5, 7))).length;
    expect(inMonths(isCourier, ['12', '01', '02'])).toBeGreaterThan(inMonths(isCourier, ['06', '07', '08']) * 1.4);
    const hmrc = (r: Row): boolean => r.method.startsWith('HMRC');
    expect(inMonths(hmrc, ['01'])).toBeGreaterThan(inMonths(hmrc, ['10']) * 1.5);
    expect(inMonths(hmrc, ['07'])).toBeGreaterThan(inMonths(hmrc, ['10']) * 1.2);
  });
});

describe('embedded series', () => {
  const series = (id: string) => {
    const s = demo.series.find((x) => x.id === id);
    if (!s) throw new Error(`series ${id} missing`);
    return { ...s, rows: s.references.map((ref) => latest.get(ref) as Row) };
  };

  it('lists every planned series with its references', () => {
    expect(demo.series.map((s) => s.id)).toEqual(DEMO_SERIES.map((s) => s.id));
    for (const spec of DEMO_SERIES) {
      const s = series(spec.id);
      expect(s.references).toHaveLength(spec.size);
      expect(s.from).toBe(spec.from);
      expect(s.to).toBe(spec.to);
      expect(s.rows.every((r) => r.date >= s.from && r.date <= s.to)).toBe(true);
    }
  });

  it('April 2023: 30 courier reports, mostly St Albans, Watford and Hertsmere, about 8 losses', () => {
    const s = series('courier-2023-04-sw-herts');
    expect(s.rows).toHaveLength(30);
    expect(s.rows.every((r) => isCourier(r) && r.date >= '2023-04-01' && r.date <= '2023-04-29')).toBe(true);
    const core = s.rows.filter((r) => ['St Albans', 'Watford', 'Hertsmere'].includes(districtOf.get(r.town) ?? '')).length;
    expect(core).toBeGreaterThanOrEqual(24);
    expect(s.rows.filter((r) => r.lossPence > 0)).toHaveLength(8);
    // Detection sees them against the background, which must not swamp them.
    const aprilCourier = [...latest.values()].filter((r) => isCourier(r) && r.date.startsWith('2023-04')).length;
    expect(aprilCourier).toBeLessThan(60);
  });

  it('December 2025: 27 courier victims, £8,000 lost by the 18th and over £70,000 in the month', () => {
    const s = series('courier-2025-12-winter');
    expect(s.rows).toHaveLength(27);
    const byThe18th = s.rows.filter((r) => r.date <= '2025-12-18').reduce((n, r) => n + r.lossPence, 0);
    expect(byThe18th).toBe(800_000);
    const decCourierLoss = [...latest.values()]
      .filter((r) => isCourier(r) && r.date.startsWith('2025-12'))
      .reduce((n, r) => n + r.lossPence, 0);
    expect(decCourierLoss).toBeGreaterThan(7_000_000);
    const recent = new Set(s.rows.slice(-10).map((r) => r.town));
    expect([...recent].sort()).toEqual(['Borehamwood', 'Hertford', 'Hitchin', 'Rickmansworth', 'Royston']);
  });

  it('spring 2025 HMRC vouchers: six reports from one caller number within three weeks', () => {
    const s = series('hmrc-vouchers-2025-spring');
    expect(s.rows).toHaveLength(6);
    expect(s.callerNumber).toMatch(/^(07700 900\d{3}|020 7946 0\d{3})$/);
    expect(s.rows.every((r) => r.caller === s.callerNumber && r.method === 'HMRC impersonation')).toBe(true);
    expect(daysBetween(s.from, s.to)).toBeLessThan(21);
    // A series number is never reused by unrelated background calls.
    expect(rows.filter((r) => r.caller === s.callerNumber)).toHaveLength(6);
    // Two of the victims who lost money paid one account: the series shares a number and an account.
    expect(s.payeeAccount).toMatch(/^\d{2}-\d{2}-\d{2} \d{8}$/);
    const paid = s.rows.filter((r) => r.payee === s.payeeAccount);
    expect(paid).toHaveLength(2);
    expect(paid.every((r) => r.lossPence > 0)).toBe(true);
    expect(rows.filter((r) => r.payee === s.payeeAccount)).toHaveLength(2);
  });

  it('July 2024 and August 2024 courier runs are where the appeals put them', () => {
    const july = series('courier-2024-07-watford');
    expect(july.rows.map((r) => r.town).sort()).toEqual([
      'Bushey',
      'North Watford',
      'North Watford',
      'North Watford',
      'North Watford',
      'North Watford',
      'Oxhey',
      'Rickmansworth',
      'Rickmansworth',
      'Watford',
    ]);
    expect(july.rows.filter((r) => r.lossPence > 0).map((r) => r.town)).toEqual(['Watford']);
    expect(daysBetween(july.from, july.to)).toBeLessThanOrEqual(9);
    const august = series('courier-2024-08-st-albans');
    expect(august.rows.every((r) => r.town === 'St Albans' && r.date.startsWith('2024-08'))).toBe(true);
  });

  it('an ongoing Stevenage and Hitchin series runs into the last week, with an updated report', () => {
    const s = series('courier-ongoing-stevenage-hitchin');
    expect(s.to).toBe(END);
    expect(daysBetween(s.from, END)).toBeLessThanOrEqual(21);
    expect(new Set(s.rows.map((r) => r.town))).toEqual(new Set(['Stevenage', 'Hitchin']));
    const resend = demo.resends.find((r) => s.references.includes(r.reference));
    expect(resend).toMatchObject({ change: 'loss-found', resentFile: `force-weekly-return-WE-${END}.csv` });
  });

  it('leaves out series that fall outside a shorter range', () => {
    const short = generateDemo(places, { start: '2023-03-27', end: '2023-05-07' });
    expect(short.series.map((s) => s.id)).toEqual(['courier-2023-04-sw-herts', 'courier-ongoing-stevenage-hitchin']);
    expect(short.series[1]?.to).toBe('2023-05-07');
  });
});

describe('options', () => {
  it('rejects ranges that are not whole Monday-to-Sunday weeks', () => {
    expect(() => generateDemo(places, { start: '2020-01-07' })).toThrow(/Monday/);
    expect(() => generateDemo(places, { end: '2026-11-16' })).toThrow(/Sunday/);
    expect(() => generateDemo(places, { scale: -1 })).toThrow(/scale/);
  });

  it('scales the background but not the series', () => {
    const half = generateDemo(places, { scale: 0.5 });
    expect(half.incidentCount).toBeLessThan(demo.incidentCount * 0.6);
    expect(half.series.map((s) => s.references.length)).toEqual(demo.series.map((s) => s.references.length));
  });
});
