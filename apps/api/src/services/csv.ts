/**
 * CSV writing for exports. Spreadsheet programs execute cells that start with = + - @ (and tab or
 * CR can smuggle one in), so such text cells get a leading apostrophe: the value still reads the same
 * to a person, and Excel shows it as text.
 */
const DANGEROUS_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  const safe = DANGEROUS_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvLine(cells: readonly (string | number | null | undefined)[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/** Excel reads UTF-8 only when the file starts with a byte-order mark. */
export const UTF8_BOM = '\uFEFF';
