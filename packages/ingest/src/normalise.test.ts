import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { NormalisedIncident, RowOutcome } from './index.js';
import { Gazetteer, normaliseFile, parseCsv, rejectedRowsCsv } from './index.js';

const gazetteer = Gazetteer.fromCsv(readFileSync(new URL('../../../data/places.csv', import.meta.url), 'utf8'));
const today = '2023-10-31';
const sample = (name: string): Uint8Array => readFileSync(new URL(`../../../data/samples/${name}`, import.meta.url));
const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

function incidents(rows: RowOutcome[]): Map<string, NormalisedIncident> {
  const out = new Map<string, NormalisedIncident>();
  for (const r of rows) if (r.ok) out.set(r.incident.reference, r.incident);
  return out;
}

function rejected(rows: RowOutcome[]) {
  return rows.flatMap((r) => (r.ok ? [] : [r]));
}

const FORCE_SAMPLES = [
  'force-weekly-return-WE-2023-10-08.csv',
  'force-weekly-return-WE-2023-10-15.csv',
  'force-weekly-return-WE-2023-10-22.csv',
];

describe('normaliseFile on the real sample returns', () => {
  it.each(FORCE_SAMPLES)('imports %s with no mapping and no rejected rows', (name) => {
    const file = normaliseFile(sample(name), { gazetteer, today });
    expect(rejected(file.rows)).toEqual([]);
    expect(file.rows.length).toBeGreaterThan(20);
    expect(file.mapping.every((m) => m.source === 'auto')).toBe(true);
    expect(file.rows.every((r) => r.ok && r.incident.county === 'Hertfordshire')).toBe(true);
  });

  it('reads the force return values as written in the file', () => {
    const file = normaliseFile(sample('force-weekly-return-WE-2023-10-08.csv'), { gazetteer, today });
    const byRef = incidents(file.rows);
    expect(byRef.get('HC/23/40017')).toMatchObject({
      offenceDate: '2023-10-03',
      place: 'Stevenage',
      method: 'courier',
      methodRule: 'keyword:courier',
      impersonated: 'police',
      lossPence: 238_432,
      outcome: 'lost',
      victimAge: 87,
      ageBand: '80-89',
    });
    expect(byRef.get('HC/23/40022')).toMatchObject({
      place: 'Borehamwood',
      district: 'Hertsmere',
      method: 'tech_support',
      impersonated: 'telecom',
      channel: 'remote_access',
      lossPence: 0,
      outcome: 'attempted',
      outcomeRaw: 'Attempt, no loss',
      ageBand: 'unknown',
    });
    expect(byRef.get('HC/23/40020')).toMatchObject({ outcome: 'prevented', lossPence: 0, victimAge: 73 });
    expect(byRef.get('HC/23/40002')).toMatchObject({ place: 'Hatfield', district: 'Welwyn Hatfield', lossPence: 120_110 });
    expect(file.rows[0]?.line).toBe(2);
  });

  it('imports the NFIB extract with no mapping and no rejected rows', () => {
    const file = normaliseFile(sample('nfib-dissemination-2023-10.csv'), { gazetteer, today });
    expect(rejected(file.rows)).toEqual([]);
    expect(file.rows).toHaveLength(60);
    const byRef = incidents(file.rows);
    expect(byRef.get('NFRC231000005')).toMatchObject({
      townRaw: 'ROYSTON',
      place: 'Royston',
      district: 'North Hertfordshire',
      placeMatch: 'force',
      postcodeDistrict: 'SG8',
      method: 'other',
      lossPence: 1_516_681,
      outcome: 'lost',
      victimAge: null,
      ageBand: '70-79',
    });
    expect(byRef.get('NFRC231000022')).toMatchObject({
      method: 'courier',
      methodRule: 'keyword:police impersonation',
      impersonated: 'police',
      outcome: 'attempted',
      ageBand: '30-39',
    });
    expect(byRef.get('NFRC231000021')).toMatchObject({ method: 'hmrc', channel: 'vouchers', lossPence: 184_429, reportDate: '2023-10-02' });
    expect(byRef.get('NFRC231000009')).toMatchObject({ method: 'courier', channel: 'bank_card' });
    expect(byRef.get('NFRC231000016')).toMatchObject({ method: 'investment', outcome: 'prevented', reportDate: '2023-10-05' });
    expect(byRef.get('NFRC231000041')).toMatchObject({ place: 'Watford', ageBand: '90+' });
    expect(byRef.get('NFRC231000004')?.summary).toBe('Met online, moved to phone calls');
  });
});

const HEADER = 'Reference,Date,Town,Method,Loss,Victim age,Outcome,Notes\r\n';

describe('normaliseFile row validation', () => {
  it('collects every error in a row, each naming the header and the value as written', () => {
    const file = normaliseFile(bytes(`${HEADER}HC/1,31/02/2023,Watfrod,,£12.345,130,Pending,\r\n`), { gazetteer, today });
    const row = file.rows[0];
    expect(row?.ok).toBe(false);
    if (row && !row.ok) {
      expect(row.errors.map((e) => [e.line, e.column, e.value])).toEqual([
        [2, 'Date', '31/02/2023'],
        [2, 'Town', 'Watfrod'],
        [2, 'Method', ''],
        [2, 'Loss', '£12.345'],
        [2, 'Outcome', 'Pending'],
        [2, 'Victim age', '130'],
      ]);
      expect(row.errors[1]?.reason).toContain('did you mean Watford');
      expect(row.raw).toMatchObject({ Reference: 'HC/1', Town: 'Watfrod', Loss: '£12.345' });
    }
  });

  it('refuses a blank reference, future dates and a report before the offence', () => {
    const file = normaliseFile(
      bytes(
        'Ref,Date of Offence,Date Reported,Town,Method\n' +
          ',01/10/2023,,Ware,Courier Fraud\n' +
          'B,01/12/2023,,Ware,Courier Fraud\n' +
          'C,05/10/2023,04/10/2023,Ware,Courier Fraud\n' +
          'D,05/10/2023,06/10/2023,Ware,Courier Fraud\n',
      ),
      { gazetteer, today },
    );
    const reasons = file.rows.map((r) => (r.ok ? 'ok' : r.errors.map((e) => `${e.column}: ${e.reason}`).join('; ')));
    expect(reasons[0]).toContain('Ref: reference is blank');
    expect(reasons[1]).toContain('in the future');
    expect(reasons[2]).toContain('Date Reported: reported on 2023-10-04, before the offence date 2023-10-05');
    expect(reasons[3]).toBe('ok');
  });

  it('derives a blank outcome from the loss and refuses an attempt that lost money', () => {
    const file = normaliseFile(
      bytes(`${HEADER}A,02/10/2023,Ware,Romance scam,£50,,,\r\nB,02/10/2023,Ware,Romance scam,,,,\r\nC,02/10/2023,Ware,Romance scam,£50,,Attempted,\r\nD,02/10/2023,Ware,Romance scam,£50,,Stopped by bank,\r\n`),
      { gazetteer, today },
    );
    const [a, b, c, d] = file.rows;
    expect(a?.ok && [a.incident.outcome, a.incident.outcomeRaw]).toEqual(['lost', '']);
    expect(b?.ok && b.incident.outcome).toBe('attempted');
    expect(c?.ok).toBe(false);
    if (c && !c.ok) expect(c.errors[0]?.reason).toContain('outcome says nothing was lost');
    expect(d?.ok && [d.incident.outcome, d.incident.lossPence]).toEqual(['prevented', 5000]);
  });

  it('refuses a reference repeated in the file on its later lines, naming the first', () => {
    const file = normaliseFile(
      bytes(`${HEADER}HC/9,02/10/2023,Ware,Romance scam,,,,\r\nHC/8,02/10/2023,Ware,Romance scam,,,,\r\nhc/9,03/10/2023,Tring,Romance scam,,,,\r\n`),
      { gazetteer, today },
    );
    expect(file.rows.map((r) => r.ok)).toEqual([true, true, false]);
    const dup = file.rows[2];
    if (dup && !dup.ok) expect(dup.errors).toEqual([
      { line: 4, column: 'Reference', value: 'hc/9', reason: 'reference "hc/9" already appears on line 2 of this file' },
    ]);
  });

  it('reports a row with the wrong number of cells without sinking the file', () => {
    const file = normaliseFile(bytes(`${HEADER}A,02/10/2023,Watford, Herts,Romance scam,,,,\r\nB,02/10/2023,Ware,Romance scam,,,,\r\n`), {
      gazetteer,
      today,
    });
    expect(file.rows.map((r) => r.ok)).toEqual([false, true]);
    const bad = file.rows[0];
    if (bad && !bad.ok) expect(bad.errors[0]?.reason).toContain('row has 9 cells but the header has 8');
  });

  it('keeps line numbers right for rows after a quoted newline', () => {
    const file = normaliseFile(
      bytes(`${HEADER}A,02/10/2023,Ware,Romance scam,,,,"Met online\r\nthen phoned"\r\n\r\nB,31/02/2023,Ware,Romance scam,,,,\r\n`),
      { gazetteer, today },
    );
    expect(file.rows.map((r) => r.line)).toEqual([2, 5]);
    const bad = file.rows[1];
    expect(bad && !bad.ok && bad.errors[0]?.line).toBe(5);
  });

  it('imports a semicolon-delimited return', () => {
    const file = normaliseFile(bytes('Crime Ref;Offence Date;Location;Scam Type;Amount Lost\nX1;02/10/2023;Hitchin;HMRC impersonation;£1,200.50\n'), {
      gazetteer,
      today,
    });
    expect(file.delimiter).toBe(';');
    const row = file.rows[0];
    expect(row?.ok && [row.incident.place, row.incident.method, row.incident.lossPence]).toEqual(['Hitchin', 'hmrc', 120_050]);
  });

  it('applies an explicit mapping', () => {
    const file = normaliseFile(bytes('Ref,When,Where,What\nX1,02/10/2023,Hitchin,Courier Fraud\n'), {
      gazetteer,
      today,
      mapping: { When: 'offenceDate', Where: 'town', What: 'method' },
    });
    expect(file.mapping.filter((m) => m.source === 'explicit').map((m) => m.header)).toEqual(['When', 'Where', 'What']);
    expect(file.rows[0]?.ok).toBe(true);
  });
});

describe('rejectedRowsCsv', () => {
  it('round-trips through parseCsv with the original columns, the line and the errors', () => {
    const file = normaliseFile(
      bytes(`${HEADER}"HC/1",31/02/2023,Ware,Romance scam,"£1,000",,Money lost,"said ""hi"", then
hung up"\r\nHC/2,02/10/2023,Ware,Romance scam,,,,\r\n`),
      { gazetteer, today },
    );
    const bad = rejected(file.rows);
    expect(bad).toHaveLength(1);
    const csv = rejectedRowsCsv(file.headers, bad);
    const back = parseCsv(bytes(csv));
    expect(back.headers).toEqual([...file.headers, 'line', 'errors']);
    expect(back.rows).toHaveLength(1);
    const cells = back.rows[0]?.cells ?? [];
    expect(cells.slice(0, 8)).toEqual(['HC/1', '31/02/2023', 'Ware', 'Romance scam', '£1,000', '', 'Money lost', 'said "hi", then\nhung up']);
    expect(cells[8]).toBe('2');
    expect(cells[9]).toContain('Date: "31/02/2023" is not a real date');
  });

  it('neutralises cells a spreadsheet would run as formulas', () => {
    const csv = rejectedRowsCsv(['Reference', 'Notes', 'Loss'], [
      { line: 7, raw: { Reference: '=HYPERLINK("http://x")', Notes: '@SUM(A1)', Loss: '-50' }, errors: [{ line: 7, column: 'Loss', value: '-50', reason: 'negative' }] },
      { line: 8, raw: { Reference: '+44 1234', Notes: '\tx', Loss: 'fine' }, errors: [] },
    ]);
    const back = parseCsv(bytes(csv));
    expect(back.rows[0]?.cells.slice(0, 3)).toEqual(["'=HYPERLINK(\"http://x\")", "'@SUM(A1)", "'-50"]);
    expect(back.rows[1]?.cells.slice(0, 3)).toEqual(["'+44 1234", "'\tx", 'fine']);
    for (const row of back.rows) for (const cell of row.cells) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('re-imports a fixed rejected-rows file without the neutralising apostrophe leaking into the data', () => {
    const csv = rejectedRowsCsv(['Reference', 'Date', 'Town', 'Method', 'Caller Number'], [
      { line: 3, raw: { Reference: 'HC/5', Date: '02/10/2023', Town: 'Ware', Method: 'Romance scam', 'Caller Number': '+44 20 7946 0000' }, errors: [] },
    ]);
    const file = normaliseFile(bytes(csv), { gazetteer, today });
    const row = file.rows[0];
    expect(row?.ok && row.incident.callerNumber).toBe('+44 20 7946 0000');
  });
});
