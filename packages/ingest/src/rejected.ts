import type { RowError } from '@scam/shared';

/** Spreadsheets run a cell starting with one of these as a formula (CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function describe(error: RowError): string {
  return error.column === '' ? error.reason : `${error.column}: ${error.reason}`;
}

/**
 * The rejected rows as a CSV a clerk can correct and import again: the original columns as written, then
 * "line" (where the row was in the uploaded file) and "errors". Starts with a BOM so Excel reads £ signs.
 */
export function rejectedRowsCsv(headers: string[], rejected: { line: number; raw: Record<string, string>; errors: RowError[] }[]): string {
  const out: string[] = [[...headers, 'line', 'errors'].map(csvCell).join(',')];
  for (const row of rejected) {
    // hasOwn: raw read back from JSON has a prototype, and a column called "constructor" must not find it.
    const cells = headers.map((h) => csvCell(Object.hasOwn(row.raw, h) ? (row.raw[h] ?? '') : ''));
    cells.push(String(row.line), csvCell(row.errors.map(describe).join('; ')));
    out.push(cells.join(','));
  }
  return `\ufeff${out.join('\r\n')}\r\n`;
}
