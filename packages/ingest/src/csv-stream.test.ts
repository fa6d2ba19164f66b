import { describe, expect, it } from 'vitest';
import { bytesSource, openCsvStream, STREAM_BATCH_ROWS, type CsvStreamSource } from './csv-stream.js';
import { parseCsv, type ParsedCsv } from './csv.js';
import { IngestFileError } from './errors.js';

const enc = (s: string) => new TextEncoder().encode(s);

async function streamed(data: Uint8Array, chunkBytes: number): Promise<ParsedCsv> {
  const s = await openCsvStream(bytesSource(data, chunkBytes));
  const rows = [];
  for await (const batch of s.batches) rows.push(...batch);
  return { headers: s.headers, rows, delimiter: s.delimiter };
}

async function refusal(run: () => unknown): Promise<string> {
  try {
    await run();
  } catch (err) {
    if (err instanceof IngestFileError) return `${err.code}: ${err.message}`;
    throw err;
  }
  return 'accepted';
}

const FILES: Record<string, Uint8Array> = {
  'BOM, CRLF, quoted newline and comma': enc('\uFEFFRef,Town,Notes\r\nA/1,Watford,"line one\r\nline two"\r\nA/2,"St Albans, Herts",\r\n'),
  'semicolons, mixed endings, blank lines': enc('Ref;Town;Loss\n\nA/1;Ware;£1,50\rA/2;Tring;\r\n\r\nA/3;Hitchin;2\n'),
  'multi-byte characters split across chunks': enc('Ref,Town,Notes\nA/1,Caf\u00e9,\u201cquoted\u201d £5 \u{1F4DE}\nA/2,Cafe\u0301,\n'),
  'a stray quote inside an unquoted cell': enc('Ref,Notes\nA/1,5\' 10" tall\n'),
  'no final line break': enc('Ref,Town\nA/1,Watford'),
};

const REFUSED: Record<string, Uint8Array> = {
  empty: new Uint8Array(),
  'blank lines only': enc('\r\n\r\n  \n'),
  'header only': enc('Ref,Town\r\n'),
  'UTF-16': new Uint8Array([0xff, 0xfe, 0x52, 0x00]),
  'NUL bytes': enc('Ref,Town\nA/1,Ware\u0000\n'),
  'Windows-1252 £': new Uint8Array([...enc('Ref,Loss\nA/1,'), 0xa3, ...enc('5\n')]),
  'unclosed quote': enc('Ref,Notes\nA/1,fine\nA/2,"never closed\nA/3,x\n'),
  'too many columns': enc(`${Array.from({ length: 300 }, (_, i) => `c${i}`).join(',')}\n1\n`),
};

describe('openCsvStream', () => {
  for (const [name, data] of Object.entries(FILES)) {
    it(`splits ${name} as parseCsv does, whatever the chunk size`, async () => {
      const whole = parseCsv(data);
      for (const chunk of [1, 2, 3, 7, 64 * 1024]) expect(await streamed(data, chunk)).toEqual(whole);
    });
  }

  for (const [name, data] of Object.entries(REFUSED)) {
    it(`refuses ${name} as parseCsv does`, async () => {
      const whole = await refusal(() => parseCsv(data));
      expect(whole).not.toBe('accepted');
      for (const chunk of [1, 5, 64 * 1024]) expect(await refusal(() => streamed(data, chunk))).toBe(whole);
    });
  }

  it('hands on the first rows before the source has been read to the end', async () => {
    const lines = ['Ref,Town', ...Array.from({ length: STREAM_BATCH_ROWS * 10 }, (_, i) => `A/${i},Ware`)];
    const text = enc(`${lines.join('\n')}\n`);
    const half = Math.floor(text.byteLength / 2);
    let release = (): void => {};
    const gate = new Promise<void>((r) => (release = r));
    let finished = false;
    const source: CsvStreamSource = {
      size: text.byteLength,
      open: async function* () {
        yield text.subarray(0, half);
        // Parked until the test has seen rows: the rest of the file is not read before then.
        await gate;
        yield text.subarray(half);
        finished = true;
      },
    };
    const s = await openCsvStream(source);
    const it = s.batches[Symbol.asyncIterator]();
    const first = await it.next();
    expect(finished).toBe(false);
    expect(first.done).toBe(false);
    expect(first.value?.[0]).toEqual({ line: 2, cells: ['A/0', 'Ware'] });
    expect(first.value).toHaveLength(STREAM_BATCH_ROWS);
    release();
    let rows = first.value?.length ?? 0;
    for (let r = await it.next(); !r.done; r = await it.next()) rows += r.value.length;
    expect(rows).toBe(STREAM_BATCH_ROWS * 10);
    expect(finished).toBe(true);
  });
});
