import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import {
  checkFileSize,
  csvParseOptions,
  DEFAULT_MAX_BYTES,
  detectDelimiter,
  hasErrorCode,
  lineOfIndex,
  MAX_NON_TEXT_SHARE,
  nonTextShare,
  RecordReader,
  TEXT_SAMPLE_CHARS,
  unterminatedQuote,
  type CsvRow,
} from './csv.js';
import { IngestFileError } from './errors.js';

/** Rows are handed on in groups of this many, so the consumer writes in batches and awaits once per group. */
export const STREAM_BATCH_ROWS = 2000;

export interface CsvStream {
  headers: string[];
  delimiter: ',' | ';';
  /** The rows after the header, in file order, in groups of at most STREAM_BATCH_ROWS; read once. */
  batches: AsyncIterable<CsvRow[]>;
}

export interface CsvStreamSource {
  /** The file's size in bytes, known before reading (a file's stat, an upload's length). */
  size: number;
  /** The file's bytes from the start; called again only to locate an unclosed quote for its message. */
  open: () => AsyncIterable<Uint8Array>;
}

/**
 * Decodes a byte stream as strict UTF-8 with the same file-level refusals as parseCsv. The first
 * TEXT_SAMPLE_CHARS characters are held back until they are checked (readable text, delimiter of the
 * header line); after that text flows through as it arrives.
 */
async function* decodeText(
  source: AsyncIterable<Uint8Array>,
  maxBytes: number,
  onSample: (sample: string) => void,
): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  let bytes = 0;
  let first = true;
  let sample = '';
  let sampled = false;
  let linesBefore = 1;
  let nonBlank = false;
  const refuseUndecodable = (chunk: Uint8Array): never => {
    const lenient = sample + new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(chunk);
    if (!sampled && nonTextShare(lenient) > MAX_NON_TEXT_SHARE) {
      throw new IngestFileError('binary_file', 'this is not a CSV file: most of it is not readable text');
    }
    const tail = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(chunk);
    const line = linesBefore - 1 + lineOfIndex(tail, tail.indexOf('\ufffd'));
    throw new IngestFileError(
      'bad_encoding',
      `the file is not UTF-8 (first unreadable character on line ${line}); save it as "CSV UTF-8 (comma delimited)" and import it again`,
    );
  };
  const emit = (text: string): string | null => {
    if (!nonBlank && text.trim() !== '') nonBlank = true;
    if (sampled) return text;
    sample += text;
    if (sample.length < TEXT_SAMPLE_CHARS) return null;
    return release();
  };
  const release = (): string => {
    sampled = true;
    if (nonTextShare(sample) > MAX_NON_TEXT_SHARE) {
      throw new IngestFileError('binary_file', 'this is not a CSV file: most of it is not readable text');
    }
    onSample(sample);
    const text = sample;
    sample = '';
    return text;
  };

  let head: Uint8Array | null = null;
  for await (const piece of source) {
    if (piece.byteLength === 0) continue;
    let chunk = piece;
    if (first) {
      // The byte-order mark needs the first two bytes, however the source slices the file.
      chunk = head ? Buffer.concat([head, piece]) : piece;
      if (chunk.byteLength < 2) {
        head = chunk;
        continue;
      }
      first = false;
      if ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff)) {
        throw new IngestFileError(
          'bad_encoding',
          'the file is saved as UTF-16 ("Unicode text"); save it as "CSV UTF-8 (comma delimited)" and import it again',
        );
      }
    }
    bytes += chunk.byteLength;
    if (bytes > maxBytes) checkFileSize(bytes, maxBytes);
    if (chunk.indexOf(0) !== -1) throw new IngestFileError('binary_file', 'this is not a CSV file: it contains binary data (NUL bytes)');
    let text = '';
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      refuseUndecodable(chunk);
    }
    if (bytes === chunk.byteLength && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    linesBefore += countBreaks(text);
    const out = emit(text);
    if (out !== null && out !== '') yield out;
  }
  let rest = '';
  try {
    // A one-byte file never reached the loop's body.
    if (head && first) rest = decoder.decode(head, { stream: true });
    rest += decoder.decode();
  } catch {
    return refuseUndecodable(new Uint8Array());
  }
  const out = emit(rest);
  const last = sampled ? out : release();
  if (!nonBlank) throw new IngestFileError('empty_file', 'the file is empty: it holds only blank lines');
  if (last !== null && last !== '') yield last;
}

function countBreaks(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * Streams a return: resolves once the header line is read (so the mapping can be decided before any
 * row is), then hands the rows on in batches as csv-parse yields them. Memory holds one batch and
 * csv-parse's buffer, whatever the file's size. Every refusal parseCsv makes is made here too; one
 * found past the first batch (a NUL byte, undecodable text, an unclosed quote at the end) throws from
 * the iteration, and the caller's transaction undoes what was written.
 */
export async function openCsvStream(source: CsvStreamSource, opts: { maxBytes?: number } = {}): Promise<CsvStream> {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  checkFileSize(source.size, maxBytes);
  let delimiter: ',' | ';' = ',';
  let parser: ReturnType<typeof parse> | null = null;
  const text = decodeText(source.open(), maxBytes, (sample) => {
    delimiter = detectDelimiter(sample);
  });
  // The delimiter is known only once the sample is read, so the first chunk decides the parser.
  const first = await text.next();
  if (first.done) throw new IngestFileError('empty_file', 'the file is empty: it holds only blank lines');
  parser = parse(csvParseOptions(delimiter));
  const input = Readable.from(
    (async function* () {
      yield first.value;
      yield* text;
    })(),
    { objectMode: false },
  );
  input.on('error', (err) => parser?.destroy(err));
  input.pipe(parser);
  const records = parser[Symbol.asyncIterator]() as AsyncIterator<string[]>;
  const reader = new RecordReader();

  const nextRecord = async (): Promise<IteratorResult<string[]>> => {
    try {
      return await records.next();
    } catch (err) {
      if (hasErrorCode(err) && err.code.includes('QUOTE')) throw unterminatedQuote(err, await wholeText(source), delimiter);
      throw err;
    }
  };

  // The header line, before any row: the mapping needs it.
  let pending: CsvRow | null = null;
  while (reader.headers === null) {
    const r = await nextRecord();
    if (r.done) reader.finish(0);
    else pending = reader.take(r.value);
  }
  const headers = reader.headers;

  async function* batches(): AsyncGenerator<CsvRow[]> {
    let rows = 0;
    let batch: CsvRow[] = pending ? [pending] : [];
    for (;;) {
      const r = await nextRecord();
      if (r.done) break;
      const row = reader.take(r.value);
      if (row === null) continue;
      batch.push(row);
      if (batch.length >= STREAM_BATCH_ROWS) {
        rows += batch.length;
        yield batch;
        batch = [];
      }
    }
    rows += batch.length;
    reader.finish(rows);
    if (batch.length > 0) yield batch;
  }
  return { headers, delimiter, batches: batches() };
}

/** Only for an unclosed quote's message: the quote may have opened anywhere before the end. */
async function wholeText(source: CsvStreamSource): Promise<string> {
  const parts: Uint8Array[] = [];
  for await (const chunk of source.open()) parts.push(chunk);
  return new TextDecoder('utf-8', { fatal: false, ignoreBOM: false }).decode(Buffer.concat(parts));
}

/** A source over bytes already in memory (an upload), read in slices as a file would be. */
export function bytesSource(data: Uint8Array, chunkBytes = 64 * 1024): CsvStreamSource {
  return {
    size: data.byteLength,
    open: async function* () {
      for (let i = 0; i < data.byteLength; i += chunkBytes) yield data.subarray(i, Math.min(i + chunkBytes, data.byteLength));
    },
  };
}
