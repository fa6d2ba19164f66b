import { describe, expect, it } from 'vitest';
import { IngestFileError, parseCsv } from './index.js';

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
    const junk = new Uint8Array(400).map((_, i) => (i * 37) % 256 | 0x80);
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
});
