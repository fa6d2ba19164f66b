import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { NormalisedIncident } from './index.js';
import { Gazetteer, mapHeaders, normaliseFile } from './index.js';

const gazetteer = Gazetteer.fromCsv(readFileSync(new URL('../../../data/places.csv', import.meta.url), 'utf8'));
const today = '2023-11-30';
const SAMPLE = 'record-system-export-2023-11.csv';
const sample = readFileSync(new URL(`../../../data/samples/${SAMPLE}`, import.meta.url));

const RECORD_SYSTEM_HEADERS = [
  'Occurrence Number',
  'Reported Date',
  'Committed From',
  'Committed To',
  'Town/Village',
  'Offence Description',
  'Value (GBP)',
  'Status',
  'MO Notes',
];

describe('a police record-system export', () => {
  it('maps every column with no mapping given', () => {
    const fields = Object.fromEntries(mapHeaders(RECORD_SYSTEM_HEADERS).map((m) => [m.header, m.field]));
    expect(fields).toEqual({
      'Occurrence Number': 'reference',
      'Reported Date': 'reportDate',
      'Committed From': 'offenceDate',
      'Committed To': 'offenceDateTo',
      'Town/Village': 'town',
      'Offence Description': 'method',
      'Value (GBP)': 'loss',
      Status: 'outcome',
      'MO Notes': 'summary',
    });
  });

  it(`imports every row of ${SAMPLE}, dates from the range and the report time dropped`, () => {
    const file = normaliseFile(sample, { gazetteer, today });
    expect(file.rows.filter((r) => !r.ok)).toEqual([]);
    const byRef = new Map<string, NormalisedIncident>(file.rows.flatMap((r) => (r.ok ? [[r.incident.reference, r.incident]] : [])));
    expect(byRef.size).toBe(10);
    expect(byRef.get('41/61240/23')).toMatchObject({
      offenceDate: '2023-10-31',
      offenceDateTo: '2023-11-01',
      reportDate: '2023-11-02',
      place: 'Watford',
      lossPence: 0,
      outcome: 'attempted',
    });
    expect(byRef.get('41/61302/23')?.offenceDateTo).toBeNull();
    expect(byRef.get('41/61291/23')).toMatchObject({ lossPence: 1_200_000, outcome: 'lost' });
  });

  it('infers the method from the notes when the offence description names none, as the other layouts do', () => {
    const file = normaliseFile(sample, { gazetteer, today });
    const methods = Object.fromEntries(
      file.rows.flatMap((r) => (r.ok ? [[r.incident.reference, [r.incident.method, r.incident.methodRule]]] : [])),
    );
    expect(methods).toEqual({
      '41/61234/23': ['courier', 'notes:keyword:courier'],
      '41/61240/23': ['bank_impersonation', 'notes:keyword:safe account'],
      '41/61251/23': ['courier', 'keyword:courier'],
      '41/61263/23': ['romance', 'notes:keyword:romance'],
      '41/61270/23': ['tech_support', 'notes:keyword:tech support'],
      '41/61288/23': ['hmrc', 'keyword:hmrc'],
      '41/61291/23': ['investment', 'notes:keyword:investment'],
      // Nothing in the description or the notes names a method: other, and the rule says so.
      '41/61302/23': ['other', 'default:other'],
      '41/61315/23': ['bank_impersonation', 'keyword:safe account'],
      '41/61320/23': ['tech_support', 'notes:keyword:tech support'],
    });
  });

  it('refuses a "Committed To" before "Committed From"', () => {
    const text = `${RECORD_SYSTEM_HEADERS.join(',')}\r\n41/1/23,06/11/2023 09:14,05/11/2023,01/11/2023,Stevenage,Courier fraud,0,No Loss,\r\n`;
    const file = normaliseFile(new TextEncoder().encode(text), { gazetteer, today });
    const row = file.rows[0];
    expect(row?.ok).toBe(false);
    expect(row && !row.ok && row.errors.map((e) => [e.column, e.reason])).toEqual([
      ['Committed To', 'committed up to 2023-11-01, before the offence date 2023-11-05'],
    ]);
  });
});

describe('a remembered mapping', () => {
  const headers = ['Crime No', 'When', 'Where', 'What', 'Notes'];
  const remembered = { 'Crime No': 'reference', When: 'offenceDate', Where: 'town', What: 'method' };

  it('maps a layout the synonyms cannot, marked as remembered', () => {
    expect(() => mapHeaders(headers)).toThrow(/required columns missing/);
    const mapping = mapHeaders(headers, {}, remembered);
    expect(mapping.map((m) => [m.header, m.field, m.source])).toEqual([
      ['Crime No', 'reference', 'remembered'],
      ['When', 'offenceDate', 'remembered'],
      ['Where', 'town', 'remembered'],
      ['What', 'method', 'remembered'],
      ['Notes', 'summary', 'auto'],
    ]);
  });

  it('gives way to what is chosen now, for the same column or the same field', () => {
    const mapping = mapHeaders([...headers, 'Date'], { Date: 'offenceDate', Notes: 'ignore' }, remembered);
    expect(mapping.map((m) => [m.header, m.field, m.source])).toEqual([
      ['Crime No', 'reference', 'remembered'],
      ['When', null, 'none'],
      ['Where', 'town', 'remembered'],
      ['What', 'method', 'remembered'],
      ['Notes', null, 'none'],
      ['Date', 'offenceDate', 'explicit'],
    ]);
  });

  it('skips remembered entries that no longer make sense rather than refusing the file', () => {
    const mapping = mapHeaders(headers, {}, { ...remembered, Gone: 'loss', Notes: 'no-such-field' });
    expect(mapping.find((m) => m.header === 'Notes')).toEqual({ header: 'Notes', field: 'summary', source: 'auto' });
  });
});
