import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Gazetteer, normaliseFile, parseCsv, rejectedRowsCsv } from './index.js';
import { withoutTextMark } from './cell-text.js';

const gazetteer = Gazetteer.fromCsv(readFileSync(new URL('../../../data/places.csv', import.meta.url), 'utf8'));
const today = '2023-10-31';
const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
const text = (b: Uint8Array): string => new TextDecoder().decode(b);

describe('withoutTextMark', () => {
  it.each([
    ["'£450.00", '£450.00'],
    ["'-£450.00", '-£450.00'],
    ["'02/10/2023", '02/10/2023'],
    ["' 87", '87'],
    ['£450.00', '£450.00'],
    ["O'Neill", "O'Neill"],
  ])('%s reads as %s', (cell, value) => {
    expect(withoutTextMark(cell)).toBe(value);
  });
});

describe('the rejected-rows file, corrected and imported again', () => {
  const headers = ['Reference', 'Date', 'Town', 'Method', 'Loss (£)', 'Outcome', 'Notes'];
  const original = `${headers.join(',')}\r\nHC/23/1,02/10/2023,Ware,Romance scam,-£450.00,Money lost,'Tis a test\r\n`;

  it('accepts the fixed amount as the value typed, keeping an apostrophe that is part of free text', () => {
    const first = normaliseFile(bytes(original), { gazetteer, today });
    const bad = first.rows[0];
    if (!bad || bad.ok) throw new Error('expected the negative loss to be rejected');
    const rejected = rejectedRowsCsv(first.headers, [{ line: bad.line, raw: bad.raw, errors: bad.errors }]);
    // Neutralised against formula injection as written back.
    expect(parseCsv(bytes(rejected)).rows[0]?.cells[4]).toBe("'-£450.00");

    // The clerk removes the minus and imports the file as it is, line and errors columns included.
    const fixed = rejected.replace("'-£450.00", "'£450.00");
    const again = normaliseFile(bytes(fixed), { gazetteer, today });
    expect(again.rows.map((r) => r.ok)).toEqual([true]);
    const row = again.rows[0];
    expect(row?.ok && row.incident).toMatchObject({ reference: 'HC/23/1', lossPence: 45_000, outcome: 'lost', summary: "'Tis a test" });
    expect(text(bytes(fixed))).toContain("'£450.00");
  });

  it('still refuses the amount when the minus is left in', () => {
    const file = normaliseFile(bytes(original.replace('-£450.00', "'-£450.00")), { gazetteer, today });
    const row = file.rows[0];
    expect(row && !row.ok && row.errors.map((e) => e.reason)).toEqual([
      '"-£450.00" is negative; give the amount lost as a positive number',
    ]);
  });
});
