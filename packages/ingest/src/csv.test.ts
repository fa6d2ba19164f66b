import { describe, expect, it } from 'vitest';
import { EXCERPT_CHARS, IngestFileError, MAX_HEADER_CELL_CHARS, MAX_HEADER_COLUMNS, parseCsv } from './index.js';

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

function refusal(data: Uint8Array, opts?: { maxBytes?: number }): IngestFileError {
  try {
    parseCsv(data, opts);
  } catch (err) {
    if (err instanceof IngestFileError) return err;
    throw err;
  }
  throw new Error('expected the file to be refused');
}

describe('parseCsv', () => {
  it('reads a BOM + CRLF file with quoted commas and gives physical line numbers', () => {
    const p = parseCsv(bytes('\ufeffRef,Town,Loss\r\nA1,Ware,"£1,201.10"\r\nA2,Tring,5\r\n'));
    expect(p.headers).toEqual(['Ref', 'Town', 'Loss']);
    expect(p.delimiter).toBe(',');
    expect(p.rows).toEqual([
      { line: 2, cells: ['A1', 'Ware', '£1,201.10'] },
      { line: 3, cells: ['A2', 'Tring', '5'] },
    ]);
  });

  it('keeps later line numbers right after a quoted newline and skips blank lines', () => {
    const p = parseCsv(bytes('Ref,Notes\nA1,"first line\nsecond line"\n\n   \n,,\nA2,plain\r\nA3,"x\r\ny\r\nz"\nA4,end'));
    expect(p.rows.map((r) => [r.line, r.cells[0]])).toEqual([
      [2, 'A1'],
      [7, 'A2'],
      [8, 'A3'],
      [11, 'A4'],
    ]);
    expect(p.rows[0]?.cells[1]).toBe('first line\nsecond line');
  });

  it('detects a semicolon delimiter from the header, ignoring commas inside quotes', () => {
    const p = parseCsv(bytes('Ref;"Loss, £";Town\nA1;1,50;Ware\n'));
    expect(p.delimiter).toBe(';');
    expect(p.headers).toEqual(['Ref', 'Loss, £', 'Town']);
    expect(p.rows[0]?.cells).toEqual(['A1', '1,50', 'Ware']);
  });

  it('leaves rows with the wrong number of cells for the row validator', () => {
    const p = parseCsv(bytes('a,b,c\n1,2\n1,2,3,4\n'));
    expect(p.rows.map((r) => r.cells.length)).toEqual([2, 4]);
  });

  it('refuses an empty or whitespace-only file', () => {
    expect(refusal(new Uint8Array()).code).toBe('empty_file');
    expect(refusal(bytes('\ufeff \r\n\r\n  ')).code).toBe('empty_file');
  });

  it('refuses a file with a header and no rows', () => {
    const err = refusal(bytes('Reference,Date,Town\r\n\r\n'));
    expect(err.code).toBe('header_only');
  });

  it('refuses binary data', () => {
    expect(refusal(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08])).code).toBe('binary_file');
    const junk = new Uint8Array(400).map((_, i) => ((i * 37) % 256) | 0x80);
    expect(refusal(junk).code).toBe('binary_file');
  });

  it('refuses a Windows-1252 export, naming the line of the first unreadable character', () => {
    const data = new Uint8Array([...bytes('Ref,Loss\nA1,5\nA2,'), 0xa3, ...bytes('10\n')]);
    const err = refusal(data);
    expect(err.code).toBe('bad_encoding');
    expect(err.message).toContain('line 3');
    expect(refusal(new Uint8Array([0xff, 0xfe, 0x41, 0x00])).code).toBe('bad_encoding');
  });

  it('refuses an unterminated quote, naming the line it opens on', () => {
    const err = refusal(bytes('Ref,Notes\nA1,ok\nA2,"never closed\nA3,more\n'));
    expect(err.code).toBe('unterminated_quote');
    expect(err.message).toContain('line 3');
  });

  it('refuses a file over the size limit, giving the size and the limit', () => {
    const err = refusal(bytes('Ref,Town\n' + 'A1,Ware\n'.repeat(200)), { maxBytes: 1000 });
    expect(err.code).toBe('file_too_large');
    expect(err.message).toContain('1,609 bytes');
    expect(err.message).toContain('1,000 bytes');
  });

  it('allows 20 MB by default', () => {
    const err = refusal(new Uint8Array(20 * 1024 * 1024 + 1));
    expect(err.code).toBe('file_too_large');
    expect(err.message).toContain('20.0 MB');
  });

  it('gives every cell, header included, in NFC so text typed two ways is one value', () => {
    const p = parseCsv(bytes('Reference,Lieu de l\u2019infraction,Notes\r\nHC/23/CAFE\u0301,Ware,Cafe\u0301 owner\r\n'));
    expect(p.rows[0]?.cells).toEqual(['HC/23/CAF\u00c9', 'Ware', 'Caf\u00e9 owner']);
    expect(parseCsv(bytes('Re\u0301fe\u0301rence,Town\r\nA,B\r\n')).headers[0]).toBe('R\u00e9f\u00e9rence');
  });

  it('drops hidden characters from column names: a second BOM, zero-width and bidi characters', () => {
    const p = parseCsv(bytes('\ufeff\ufeffReference,Town\u200b,\u202aDate\u202c\r\nHC/1,Ware,02/10/2023\r\n'));
    expect(p.headers).toEqual(['Reference', 'Town', 'Date']);
  });

  it(`refuses a header line of more than ${MAX_HEADER_COLUMNS} columns and accepts one of exactly ${MAX_HEADER_COLUMNS}`, () => {
    const named = (n: number): string =>
      ['Reference', 'Date', 'Town', 'Method', ...Array.from({ length: n - 4 }, (_, i) => `Extra ${i + 1}`)].join(',');
    const err = refusal(bytes(`${named(MAX_HEADER_COLUMNS + 1)}\r\nHC/1,02/10/2023,Ware,Romance scam\r\n`));
    expect(err.code).toBe('too_many_columns');
    expect(err.message).toBe('the header line has 201 columns; the limit is 200; check that the file is a weekly return');
    expect(parseCsv(bytes(`${named(MAX_HEADER_COLUMNS)}\r\nHC/1,02/10/2023,Ware,Romance scam\r\n`)).headers).toHaveLength(
      MAX_HEADER_COLUMNS,
    );
  });

  it('says to delete empty columns when a spreadsheet exported its whole used range', () => {
    const err = refusal(bytes(`Reference,Date,Town,Method,Loss${','.repeat(300)}\r\nHC/1,02/10/2023,Ware,Romance scam,\r\n`));
    expect(err.code).toBe('too_many_columns');
    expect(err.message).toContain('the header line has 305 columns');
    expect(err.message).toContain('300 of them have no name: delete the empty columns to the right of the data');
  });

  it(`refuses a column name over ${MAX_HEADER_CELL_CHARS} characters, quoting only an excerpt, and accepts one at the limit`, () => {
    const title =
      'OFFICIAL-SENSITIVE. Hertfordshire Constabulary Economic Crime Unit weekly return of courier fraud, ' +
      'romance fraud and other telephone scams reported to Action Fraud in the week ending Sunday 8 October 2023.';
    expect(title.length).toBeGreaterThan(MAX_HEADER_CELL_CHARS);
    const err = refusal(bytes(`"${title}"\r\nReference,Date,Town,Method\r\nHC/1,02/10/2023,Ware,Romance scam\r\n`));
    expect(err.code).toBe('header_too_long');
    expect(err.message).toBe(
      `column 1 of the header line is ${title.length} characters long ("${title.slice(0, EXCERPT_CHARS)}…"); ` +
        'the limit for a column name is 200. Is the first line a title rather than the column names?',
    );
    const atLimit = 'N'.repeat(MAX_HEADER_CELL_CHARS);
    expect(parseCsv(bytes(`Reference,${atLimit}\r\nHC/1,x\r\n`)).headers[1]).toBe(atLimit);
  });
});
