import { parse } from 'csv-parse/sync';
import { charCount, quoted, stripHidden, toNfc } from './cell-text.js';
import { IngestFileError } from './errors.js';
import { MAX_HEADER_CELL_CHARS, MAX_HEADER_COLUMNS } from './limits.js';

/** Every cell is NFC-normalised, so text typed two ways ("Café" precomposed or with a combining accent) is one value. */
export interface ParsedCsv {
  /** Column names with hidden characters (zero-width, bidi controls, a second BOM) removed. */
  headers: string[];
  /** `line` is the 1-based physical line on which the record starts (the header is line 1). */
  rows: CsvRow[];
  delimiter: ',' | ';';
}

export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;

const MB = 1024 * 1024;
/** How much of the file is sampled to decide whether it is text at all. */
export const TEXT_SAMPLE_CHARS = 64 * 1024;
/** More control or undecodable characters than this share of the sample means it is not a CSV. */
export const MAX_NON_TEXT_SHARE = 0.1;

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const utf8Lenient = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

export function formatMb(bytes: number): string {
  return `${(bytes / MB).toFixed(1)} MB (${bytes.toLocaleString('en-GB')} bytes)`;
}

function isNonText(code: number): boolean {
  return (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f || code === 0xfffd;
}

export function nonTextShare(text: string): number {
  const n = Math.min(text.length, TEXT_SAMPLE_CHARS);
  if (n === 0) return 0;
  let bad = 0;
  for (let i = 0; i < n; i++) if (isNonText(text.charCodeAt(i))) bad++;
  return bad / n;
}

export function lineOfIndex(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) line++;
  }
  return line;
}

function decode(data: Uint8Array): string {
  if ((data[0] === 0xff && data[1] === 0xfe) || (data[0] === 0xfe && data[1] === 0xff)) {
    throw new IngestFileError(
      'bad_encoding',
      'the file is saved as UTF-16 ("Unicode text"); save it as "CSV UTF-8 (comma delimited)" and import it again',
    );
  }
  if (data.indexOf(0) !== -1) {
    throw new IngestFileError('binary_file', 'this is not a CSV file: it contains binary data (NUL bytes)');
  }
  let text: string;
  try {
    text = utf8.decode(data);
  } catch {
    const lenient = utf8Lenient.decode(data);
    if (nonTextShare(lenient) > MAX_NON_TEXT_SHARE) {
      throw new IngestFileError('binary_file', 'this is not a CSV file: most of it is not readable text');
    }
    // A few undecodable bytes in otherwise readable text is the usual Excel "CSV (Windows)" export with £ signs.
    const line = lineOfIndex(lenient, lenient.indexOf('\ufffd'));
    throw new IngestFileError(
      'bad_encoding',
      `the file is not UTF-8 (first unreadable character on line ${line}); save it as "CSV UTF-8 (comma delimited)" and import it again`,
    );
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (nonTextShare(text) > MAX_NON_TEXT_SHARE) {
    throw new IngestFileError('binary_file', 'this is not a CSV file: most of it is not readable text');
  }
  return text;
}

/** Counts delimiters on the header line only, outside quotes, so a comma inside a quoted header cannot mislead. */
export function detectDelimiter(text: string): ',' | ';' {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) quoted = !quoted;
    else if (quoted) continue;
    else if (c === 0x0a || c === 0x0d) {
      if (commas + semicolons > 0) break;
    } else if (c === 0x2c) commas++;
    else if (c === 0x3b) semicolons++;
  }
  return semicolons > commas ? ';' : ',';
}

/** csv-parse reports where parsing ended, not where the unclosed quote opened, which is what a clerk needs. */
export function lineOfUnclosedQuote(text: string, delimiter: number): number | null {
  let line = 1;
  let openedAt: number | null = null;
  let atFieldStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const isBreak = c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a);
    if (openedAt !== null) {
      if (c === 0x22) {
        if (text.charCodeAt(i + 1) === 0x22) i++;
        else openedAt = null;
      }
    } else if (c === 0x22 && atFieldStart) {
      openedAt = line;
    }
    if (openedAt === null) atFieldStart = c === delimiter || c === 0x0a || c === 0x0d;
    if (isBreak) line++;
  }
  return openedAt;
}

export function hasErrorCode(err: unknown): err is Error & { code: string } {
  return err instanceof Error && typeof (err as { code?: unknown }).code === 'string';
}

export function isBlankRecord(cells: string[]): boolean {
  for (const cell of cells) if (cell.trim() !== '') return false;
  return true;
}

/** Physical line breaks inside the record's cells; only quoted cells can hold them. */
export function breaksInside(cells: string[]): number {
  let breaks = 0;
  for (const cell of cells) {
    if (cell.indexOf('\n') === -1 && cell.indexOf('\r') === -1) continue;
    for (let i = 0; i < cell.length; i++) {
      const c = cell.charCodeAt(i);
      if (c === 0x0a || (c === 0x0d && cell.charCodeAt(i + 1) !== 0x0a)) breaks++;
    }
  }
  return breaks;
}

/** Refuses a header no return could have; by then the header is NFC but still holds any hidden characters. */
export function checkHeader(headers: string[]): void {
  if (headers.length > MAX_HEADER_COLUMNS) {
    const unnamed = headers.filter((h) => h.trim() === '').length;
    throw new IngestFileError(
      'too_many_columns',
      `the header line has ${headers.length.toLocaleString('en-GB')} columns; the limit is ${MAX_HEADER_COLUMNS}` +
        (unnamed > headers.length - MAX_HEADER_COLUMNS
          ? `. ${unnamed.toLocaleString('en-GB')} of them have no name: delete the empty columns to the right of the data and save again`
          : '; check that the file is a weekly return'),
    );
  }
  headers.forEach((header, index) => {
    const length = charCount(header);
    if (length > MAX_HEADER_CELL_CHARS) {
      throw new IngestFileError(
        'header_too_long',
        `column ${index + 1} of the header line is ${length.toLocaleString('en-GB')} characters long (${quoted(header)}); ` +
          `the limit for a column name is ${MAX_HEADER_CELL_CHARS}. Is the first line a title rather than the column names?`,
      );
    }
  });
}

/** The refusals that need only the file's size, so a streamed file is refused before it is read. */
export function checkFileSize(bytes: number, maxBytes = DEFAULT_MAX_BYTES): void {
  if (bytes > maxBytes) {
    throw new IngestFileError('file_too_large', `the file is ${formatMb(bytes)}; the limit is ${formatMb(maxBytes)}`);
  }
  if (bytes === 0) throw new IngestFileError('empty_file', 'the file is empty (0 bytes)');
}

/** csv-parse's options for a return; the streamed and the whole-file parser must split a file the same way. */
export function csvParseOptions(delimiter: ',' | ';') {
  return {
    delimiter,
    // Mixed line endings are common when returns are pasted together from several sources.
    record_delimiter: ['\r\n', '\n', '\r'],
    relax_column_count: true,
    // A stray quote inside an unquoted cell (5' 10") is data, not a reason to refuse the file.
    relax_quotes: true,
  };
}

/** csv-parse's unclosed-quote error as the clerk reads it: where the quote opened, not where parsing ended. */
export function unterminatedQuote(err: Error & { code: string }, text: string, delimiter: ',' | ';'): IngestFileError {
  const line = lineOfUnclosedQuote(text, delimiter.charCodeAt(0));
  return new IngestFileError(
    'unterminated_quote',
    line === null
      ? `a quoted cell is never closed (${err.message})`
      : `a quoted cell opened on line ${line} is never closed; add the closing " and import again`,
  );
}

export interface CsvRow {
  line: number;
  cells: string[];
}

/**
 * Turns csv-parse's records into the header and numbered rows: counts physical lines (quoted cells may
 * hold line breaks), skips blank records, NFC-normalises every cell. Shared by the whole-file and the
 * streamed parser so both number and clean a file the same way.
 */
export class RecordReader {
  headers: string[] | null = null;
  private line = 1;

  /** The record as a row, or null when it was the header line or blank. */
  take(cells: string[]): CsvRow | null {
    const start = this.line;
    this.line += 1 + breaksInside(cells);
    if (isBlankRecord(cells)) return null;
    for (let i = 0; i < cells.length; i++) cells[i] = toNfc(cells[i] as string);
    if (this.headers === null) {
      checkHeader(cells);
      this.headers = cells.map(stripHidden);
      return null;
    }
    return { line: start, cells };
  }

  /** The header, once the whole file was read: refuses a file without values or without rows. */
  finish(rowCount: number): string[] {
    if (this.headers === null) throw new IngestFileError('empty_file', 'the file is empty: it holds no values');
    if (rowCount === 0) throw new IngestFileError('header_only', 'the file has a header line but no incident rows');
    return this.headers;
  }
}

/**
 * Decodes and splits an uploaded CSV. Refuses files that cannot be a return at all (IngestFileError);
 * a row with the wrong number of cells is left for the row validator, so one bad row never sinks the file.
 */
export function parseCsv(data: Uint8Array, opts: { maxBytes?: number } = {}): ParsedCsv {
  checkFileSize(data.byteLength, opts.maxBytes);
  const text = decode(data);
  if (text.trim() === '') throw new IngestFileError('empty_file', 'the file is empty: it holds only blank lines');

  const delimiter = detectDelimiter(text);
  let records: string[][];
  try {
    records = parse(text, csvParseOptions(delimiter));
  } catch (err) {
    if (hasErrorCode(err) && err.code.includes('QUOTE')) throw unterminatedQuote(err, text, delimiter);
    throw err;
  }

  const reader = new RecordReader();
  const rows: CsvRow[] = [];
  for (const cells of records) {
    const row = reader.take(cells);
    if (row) rows.push(row);
  }
  const headers = reader.finish(rows.length);
  return { headers, rows, delimiter };
}
