import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { RowError } from '@scam/shared';
import type { NormalisedFile, NormalisedIncident, RowOutcome } from './index.js';
import { EXCERPT_CHARS, Gazetteer, MAX_CELL_CHARS, MAX_REFERENCE_CHARS, normaliseFile, parseCsv, rejectedRowsCsv } from './index.js';

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

describe('normaliseFile: districts and places outside the force area', () => {
  it('accepts a district named in the town column, placed at its centre with match kind district and no notice', () => {
    const file = normaliseFile(bytes(`${HEADER}HC/1,02/10/2023,Hertsmere,Courier fraud,,,,\r\n`), { gazetteer, today });
    const row = file.rows[0];
    expect(row).toMatchObject({ ok: true, notices: [] });
    if (row?.ok) {
      expect(row.incident).toMatchObject({
        townRaw: 'Hertsmere',
        place: 'Hertsmere',
        district: 'Hertsmere',
        districtCode: 'E07000098',
        county: 'Hertfordshire',
        placeMatch: 'district',
      });
      expect(row.incident.lat).toBe(gazetteer.districtCentre('Hertsmere')?.lat);
    }
  });

  it('accepts a town outside the force area with a notice naming the line, column and town as written', () => {
    const file = normaliseFile(
      bytes(`Ref,Date,Victim Town,Method\r\nHC/1,02/10/2023,Luton,Courier fraud\r\nHC/2,02/10/2023,Watford,Courier fraud\r\n`),
      { gazetteer, today },
    );
    const [luton, watford] = file.rows;
    expect(luton).toMatchObject({ ok: true, incident: { place: 'Luton', county: 'Bedfordshire', placeMatch: 'national' } });
    expect(luton?.ok && luton.notices).toEqual([
      {
        line: 2,
        column: 'Victim Town',
        value: 'Luton',
        message:
          'outside Hertfordshire: accepted and placed at Luton (Luton, Bedfordshire); check the town if the report belongs to Hertfordshire',
      },
    ]);
    expect(watford?.ok && watford.notices).toEqual([]);
  });

  it('says when a district outside the force area is placed at its centre', () => {
    const file = normaliseFile(bytes(`${HEADER}HC/1,02/10/2023,Central Bedfordshire,Courier fraud,,,,\r\n`), { gazetteer, today });
    const row = file.rows[0];
    expect(row?.ok && row.notices[0]?.message).toBe(
      'outside Hertfordshire: accepted and placed at the centre of Central Bedfordshire (Bedfordshire); check the town if the report belongs to Hertfordshire',
    );
  });
});

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
      bytes(
        `${HEADER}A,02/10/2023,Ware,Romance scam,£50,,,\r\nB,02/10/2023,Ware,Romance scam,,,,\r\nC,02/10/2023,Ware,Romance scam,£50,,Attempted,\r\nD,02/10/2023,Ware,Romance scam,£50,,Stopped by bank,\r\n`,
      ),
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
      bytes(
        `${HEADER}HC/9,02/10/2023,Ware,Romance scam,,,,\r\nHC/8,02/10/2023,Ware,Romance scam,,,,\r\nhc/9,03/10/2023,Tring,Romance scam,,,,\r\n`,
      ),
      { gazetteer, today },
    );
    expect(file.rows.map((r) => r.ok)).toEqual([true, true, false]);
    const dup = file.rows[2];
    if (dup && !dup.ok)
      expect(dup.errors).toEqual([
        {
          line: 4,
          column: 'Reference',
          value: 'hc/9',
          reason: 'reference "hc/9" already appears on line 2 of this file (as written, or in look-alike characters)',
        },
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
    const file = normaliseFile(
      bytes('Crime Ref;Offence Date;Location;Scam Type;Amount Lost\nX1;02/10/2023;Hitchin;HMRC impersonation;£1,200.50\n'),
      {
        gazetteer,
        today,
      },
    );
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
    expect(cells.slice(0, 8)).toEqual([
      'HC/1',
      '31/02/2023',
      'Ware',
      'Romance scam',
      '£1,000',
      '',
      'Money lost',
      'said "hi", then\nhung up',
    ]);
    expect(cells[8]).toBe('2');
    expect(cells[9]).toContain('Date: "31/02/2023" is not a real date');
  });

  it('neutralises cells a spreadsheet would run as formulas', () => {
    const csv = rejectedRowsCsv(
      ['Reference', 'Notes', 'Loss'],
      [
        {
          line: 7,
          raw: { Reference: '=HYPERLINK("http://x")', Notes: '@SUM(A1)', Loss: '-50' },
          errors: [{ line: 7, column: 'Loss', value: '-50', reason: 'negative' }],
        },
        { line: 8, raw: { Reference: '+44 1234', Notes: '\tx', Loss: 'fine' }, errors: [] },
      ],
    );
    const back = parseCsv(bytes(csv));
    expect(back.rows[0]?.cells.slice(0, 3)).toEqual(['\'=HYPERLINK("http://x")', "'@SUM(A1)", "'-50"]);
    expect(back.rows[1]?.cells.slice(0, 3)).toEqual(["'+44 1234", "'\tx", 'fine']);
    for (const row of back.rows) for (const cell of row.cells) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('writes a blank, not Object.prototype, for a column missing from a raw record read back from JSON', () => {
    const raw = JSON.parse('{"Reference":"HC/5","Date":"31/02/2023"}') as Record<string, string>;
    const csv = rejectedRowsCsv(
      ['Reference', 'Date', 'constructor', 'toString'],
      [{ line: 3, raw, errors: [{ line: 3, column: 'Date', value: '31/02/2023', reason: 'not a real date' }] }],
    );
    expect(parseCsv(bytes(csv)).rows[0]?.cells.slice(0, 4)).toEqual(['HC/5', '31/02/2023', '', '']);
  });

  it('re-imports a fixed rejected-rows file without the neutralising apostrophe leaking into the data', () => {
    const csv = rejectedRowsCsv(
      ['Reference', 'Date', 'Town', 'Method', 'Caller Number'],
      [
        {
          line: 3,
          raw: { Reference: 'HC/5', Date: '02/10/2023', Town: 'Ware', Method: 'Romance scam', 'Caller Number': '+44 20 7946 0000' },
          errors: [],
        },
      ],
    );
    const file = normaliseFile(bytes(csv), { gazetteer, today });
    const row = file.rows[0];
    expect(row?.ok && row.incident.callerNumber).toBe('+44 20 7946 0000');
  });
});

/** The real WE-2023-10-08 return, tampered with: each [as written, replacement] is applied once, in order. */
function weeklyWith(...edits: [string, string][]): Uint8Array {
  let text = sample('force-weekly-return-WE-2023-10-08.csv').toString();
  for (const [from, to] of edits) {
    if (!text.includes(from)) throw new Error(`the sample return has no ${JSON.stringify(from)}`);
    text = text.replace(from, to);
  }
  return bytes(text);
}
const WEEKLY_ROWS = 25;

function errorsOn(file: NormalisedFile, line: number): RowError[] {
  const row = file.rows.find((r) => r.line === line);
  if (!row) throw new Error(`no row on line ${line}`);
  return row.ok ? [] : row.errors;
}

function incidentOn(file: NormalisedFile, line: number): NormalisedIncident {
  const row = file.rows.find((r) => r.line === line);
  if (!row?.ok) throw new Error(`row on line ${line} was refused: ${JSON.stringify(row)}`);
  return row.incident;
}

const hex = (cp: number): string => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
/** The characters the security issue names, then C0 and C1 controls. */
const REFUSED_CHARACTERS = [
  0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069, 0x200e, 0x200f, 0x061c, 0x200b, 0x200c, 0x200d, 0x2060, 0xfeff,
  0x0007, 0x001b, 0x0085,
].map((cp) => [hex(cp), String.fromCodePoint(cp)] as const);

describe('normaliseFile on hostile cell content', () => {
  it('refuses a reference holding a right-to-left override, with line, column, an escaped excerpt and the reason', () => {
    const file = normaliseFile(weeklyWith(['HC/23/40020,', 'HC/23/4002\u202E0,']), { gazetteer, today });
    expect(errorsOn(file, 3)).toEqual([
      {
        line: 3,
        column: 'Reference',
        value: 'HC/23/4002<U+202E>0',
        reason: 'contains an invisible or direction-changing character (U+202E); look-alike references cannot be stored',
      },
    ]);
    expect(rejected(file.rows)).toHaveLength(1);
    expect(file.rows).toHaveLength(WEEKLY_ROWS);
  });

  it.each(REFUSED_CHARACTERS)('refuses %s inside a reference and inside a town', (code, ch) => {
    const file = normaliseFile(
      weeklyWith(['HC/23/40020,', `HC/23/400${ch}20,`], ['HC/23/40022,02/10/2023,Borehamwood', `HC/23/40022,02/10/2023,Boreham${ch}wood`]),
      { gazetteer, today },
    );
    expect(errorsOn(file, 3).map((e) => [e.column, e.value])).toEqual([['Reference', `HC/23/400<${code}>20`]]);
    expect(errorsOn(file, 3)[0]?.reason).toContain(`(${code}); look-alike references cannot be stored`);
    expect(errorsOn(file, 4).map((e) => [e.column, e.value])).toEqual([['Town', `Boreham<${code}>wood`]]);
    expect(errorsOn(file, 4)[0]?.reason).toContain(`(${code}); look-alike town names cannot be stored`);
    expect(rejected(file.rows)).toHaveLength(2);
  });

  it('refuses a BOM or zero-width space at the end of a reference, and a line break inside one', () => {
    const file = normaliseFile(
      weeklyWith(
        ['HC/23/40020,', 'HC/23/40020\uFEFF,'],
        ['HC/23/40022,', 'HC/23/40022\u200B,'],
        ['HC/23/40000,', '"HC/23/40000\nHC/23/40001",'],
      ),
      { gazetteer, today },
    );
    expect(errorsOn(file, 3)[0]?.reason).toContain('(U+FEFF)');
    expect(errorsOn(file, 4)[0]?.reason).toContain('(U+200B)');
    expect(errorsOn(file, 5)[0]).toMatchObject({
      value: 'HC/23/40000<U+000A>HC/23/40001',
      reason: 'contains a line break (U+000A); look-alike references cannot be stored',
    });
  });

  it('refuses a reference with a tab, naming it by code point', () => {
    const file = normaliseFile(weeklyWith(['HC/23/40020,', '"HC/23\t40020",']), { gazetteer, today });
    expect(errorsOn(file, 3)[0]?.reason).toBe(
      'reference contains U+0009 (an invisible character): references use only the letters A–Z, the digits 0–9 and / - _ .',
    );
  });

  it('strips hidden characters from the notes and the method wording instead of refusing the row', () => {
    const file = normaliseFile(
      weeklyWith(
        ['Withheld number', 'With\u200Bheld\u202E num\u2066ber\u0007'],
        ['Computer support scam (BT),,,', 'Computer\u200D support\u200E scam (BT),,,'],
        ['"Met online, moved to phone calls"', '"Met online,\u202E moved\r\nto phone calls"'],
      ),
      { gazetteer, today },
    );
    expect(rejected(file.rows)).toEqual([]);
    expect(incidentOn(file, 3).summary).toBe('Withheld number');
    expect(incidentOn(file, 4)).toMatchObject({ methodRaw: 'Computer support scam (BT)', method: 'tech_support' });
    expect(incidentOn(file, 10).summary).toBe('Met online, moved\r\nto phone calls');
  });

  it('refuses a hidden character in a date or an amount, where what is read could differ from what is shown', () => {
    const file = normaliseFile(
      weeklyWith(['HC/23/40020,02/10/2023', 'HC/23/40020,\u200E02/10/2023'], ['"£1,201.10"', '"£\u202E1,201.10"']),
      { gazetteer, today },
    );
    expect(errorsOn(file, 3)).toEqual([
      {
        line: 3,
        column: 'Date',
        value: '<U+200E>02/10/2023',
        reason:
          'contains an invisible or direction-changing character (U+200E); what is read could differ from what is shown; retype the value',
      },
    ]);
    expect(errorsOn(file, 2).map((e) => [e.column, e.value])).toEqual([['Loss (£)', '£<U+202E>1,201.10']]);
  });

  it('refuses a hidden character in a caller number, which links reports into series', () => {
    const file = normaliseFile(
      bytes(
        'Crime Ref,Offence Date,Town,Scam Type,Caller Number\r\nX1,02/10/2023,Hitchin,Courier fraud,\u202E0000 6497 020\r\nX2,02/10/2023,Hitchin,Courier fraud,020 7946 0000\r\n',
      ),
      { gazetteer, today },
    );
    expect(errorsOn(file, 2)).toEqual([
      {
        line: 2,
        column: 'Caller Number',
        value: '<U+202E>0000 6497 020',
        reason: 'contains an invisible or direction-changing character (U+202E); look-alike numbers cannot be stored',
      },
    ]);
    expect(incidentOn(file, 3).callerNumber).toBe('020 7946 0000');
  });

  it('refuses a hidden character or formula text in a payee account, and stores a sort code and account in one layout', () => {
    const file = normaliseFile(
      bytes(
        'Crime Ref,Offence Date,Town,Scam Type,Payee Account\r\n' +
          'X1,02/10/2023,Hitchin,Bank impersonation,20-00-00 1234\u200B5678\r\n' +
          'X2,02/10/2023,Hitchin,Bank impersonation,"=HYPERLINK(""http://x"")"\r\n' +
          'X3,02/10/2023,Hitchin,Bank impersonation,200000 12345678\r\n' +
          'X4,02/10/2023,Hitchin,Investment scam,bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq\r\n' +
          'X5,02/10/2023,Hitchin,Courier fraud,\r\n',
      ),
      { gazetteer, today },
    );
    expect(errorsOn(file, 2)).toEqual([
      {
        line: 2,
        column: 'Payee Account',
        value: '20-00-00 1234<U+200B>5678',
        reason: 'contains an invisible or direction-changing character (U+200B); look-alike accounts cannot be stored',
      },
    ]);
    expect(errorsOn(file, 3).map((e) => [e.column, e.reason.slice(0, 60)])).toEqual([
      ['Payee Account', '"=HYPERLINK("http://x")" is not an account: give the sort co'],
    ]);
    expect(incidentOn(file, 4).payeeAccount).toBe('20-00-00 12345678');
    expect(incidentOn(file, 5).payeeAccount).toBe('bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq');
    expect(incidentOn(file, 6).payeeAccount).toBeNull();
  });

  it('reads text typed two ways as one value (NFC); an accented letter is not a reference character however typed', () => {
    const composed = 'HC/23/CAF\u00c9';
    const decomposed = 'HC/23/CAFE\u0301';
    const file = normaliseFile(
      weeklyWith(['HC/23/40002,', `${composed},`], ['HC/23/40020,', `${decomposed},`], ['Cold call', 'Cafe\u0301 owner called']),
      { gazetteer, today },
    );
    const refused = `reference contains "\u00c9" (U+00C9): references use only the letters A–Z, the digits 0–9 and / - _ .`;
    expect(errorsOn(file, 2)).toEqual([{ line: 2, column: 'Reference', value: composed, reason: refused }]);
    expect(errorsOn(file, 3)[0]).toEqual({ line: 3, column: 'Reference', value: composed, reason: refused });
    expect(incidentOn(file, 5).summary).toBe('Caf\u00e9 owner called');
  });

  it(`refuses a cell over ${MAX_CELL_CHARS.toLocaleString('en-GB')} characters, quoting only an excerpt, and accepts one at the limit`, () => {
    const transcript = 'Caller said pay now or you will be arrested today. '.repeat(240);
    const atLimit = transcript.slice(0, MAX_CELL_CHARS);
    const file = normaliseFile(weeklyWith(['Withheld number', `"${transcript}"`], ['Remote access to laptop', `"${atLimit}"`]), {
      gazetteer,
      today,
    });
    expect(transcript.length).toBe(12_240);
    expect(errorsOn(file, 3)).toEqual([
      {
        line: 3,
        column: 'Notes',
        value: `${transcript.slice(0, EXCERPT_CHARS)}…`,
        reason: 'cell is 12,240 characters long; the limit is 10,000',
      },
    ]);
    expect(incidentOn(file, 4).summary).toBe(atLimit.trim());
  });

  it('refuses an over-long cell in a column that is not imported, since the row must stay whole', () => {
    const file = normaliseFile(
      bytes(
        `${HEADER.replace('\r\n', ',Officer notes\r\n')}HC/23/1,02/10/2023,Ware,Romance scam,,,,,"${'x'.repeat(MAX_CELL_CHARS + 1)}"\r\n`,
      ),
      { gazetteer, today },
    );
    expect(errorsOn(file, 2).map((e) => [e.column, e.reason])).toEqual([
      ['Officer notes', 'cell is 10,001 characters long; the limit is 10,000'],
    ]);
  });

  it(`refuses a reference over ${MAX_REFERENCE_CHARS} characters (the store's limit) and accepts one at it`, () => {
    const long = `HC/23/40020/${'A'.repeat(MAX_REFERENCE_CHARS)}`;
    const atLimit = `HC/23/40022/${'B'.repeat(MAX_REFERENCE_CHARS - 12)}`;
    const file = normaliseFile(weeklyWith(['HC/23/40020,', `${long},`], ['HC/23/40022,', `${atLimit},`]), { gazetteer, today });
    expect(errorsOn(file, 3)).toEqual([
      {
        line: 3,
        column: 'Reference',
        value: `${long.slice(0, EXCERPT_CHARS)}…`,
        reason: 'reference is 112 characters long; the limit is 100',
      },
    ]);
    expect(incidentOn(file, 4).reference).toBe(atLimit);
  });

  it('counts a reference in characters as the store does, and refuses characters outside a reference’s', () => {
    const file = normaliseFile(weeklyWith(['HC/23/40020,', `${'💷'.repeat(MAX_REFERENCE_CHARS)},`]), { gazetteer, today });
    expect(errorsOn(file, 3)).toHaveLength(1);
    expect(errorsOn(file, 3)[0]?.reason).toContain('reference contains "💷" (U+1F4B7)');
  });

  it('quotes at most an excerpt of a value in every row error, value and reason alike', () => {
    const junk = (c: string): string => c.repeat(5_000);
    const longRef = `HC/23/${'9'.repeat(90)}`;
    const file = normaliseFile(
      weeklyWith(
        // Line 3: every interpreted column is a long bad value.
        [
          'HC/23/40020,02/10/2023,Berkhamsted,Computer support scam (BT),,73,Stopped by bank',
          `HC/23/40020,${junk('3')},${junk('Q')},Computer support scam (BT),${junk('7')},${junk('Z')},${junk('W')}`,
        ],
        // Line 4: a loss padded with spaces still reads as £50, beside an outcome that says nothing was lost.
        [
          'HC/23/40022,02/10/2023,Borehamwood,Computer support scam (BT),,',
          `HC/23/40022,02/10/2023,Borehamwood,Computer support scam (BT),£${' '.repeat(5_000)}50,`,
        ],
        // Lines 5 and 8: the same long reference twice.
        ['HC/23/40000,', `${longRef},`],
        ['HC/23/40016,', `${longRef},`],
      ),
      { gazetteer, today },
    );
    const errors = rejected(file.rows).flatMap((r) => r.errors);
    expect(errors.map((e) => [e.line, e.column])).toEqual([
      [3, 'Date'],
      [3, 'Town'],
      [3, 'Loss (£)'],
      [3, 'Outcome'],
      [3, 'Victim age'],
      [4, 'Outcome'],
      [8, 'Reference'],
    ]);
    for (const e of errors) {
      expect(e.value.length).toBeLessThanOrEqual(EXCERPT_CHARS + 1);
      expect(e.reason).not.toMatch(/(.)\1{60}/);
      expect(e.reason.length).toBeLessThan(400);
    }
  });

  it('keeps columns named like Object.prototype members in the rejected row and its CSV', () => {
    const file = normaliseFile(
      bytes('Reference,Date,Town,Method,constructor,__proto__,toString\r\nHC/1,31/02/2023,Ware,Romance scam,a,b,c\r\n'),
      { gazetteer, today },
    );
    const bad = rejected(file.rows);
    expect(Object.entries(bad[0]?.raw ?? {})).toEqual([
      ['Reference', 'HC/1'],
      ['Date', '31/02/2023'],
      ['Town', 'Ware'],
      ['Method', 'Romance scam'],
      ['constructor', 'a'],
      ['__proto__', 'b'],
      ['toString', 'c'],
    ]);
    const back = parseCsv(bytes(rejectedRowsCsv(file.headers, bad)));
    expect(back.rows[0]?.cells.slice(0, 7)).toEqual(['HC/1', '31/02/2023', 'Ware', 'Romance scam', 'a', 'b', 'c']);
  });

  it('refuses an offence date written with a month called "constructor" instead of storing a broken date', () => {
    const file = normaliseFile(weeklyWith(['HC/23/40020,02/10/2023', 'HC/23/40020,2 constructor 2023']), {
      gazetteer,
      today: '2024-06-30',
    });
    expect(errorsOn(file, 3).map((e) => [e.column, e.reason])).toEqual([
      ['Date', '"2 constructor 2023" is not a date; write it as DD/MM/YYYY, e.g. 16/07/2018'],
    ]);
  });
});
