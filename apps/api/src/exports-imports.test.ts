import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportBatchList, QueryOf } from '@scam/shared';
import { refused } from './test-support/api-client.js';
import { createTestDb, forceReturn, samplePath, startTestServer, upload, type TestDb, type TestServer } from './test-support/test-db.js';
import { until } from './test-support/until.js';

let t: TestDb;
let server: TestServer;

beforeEach(async () => {
  t = createTestDb({ maxBytes: 64 * 1024 });
  server = await startTestServer(t.deps);
});
afterEach(async () => {
  await server.close();
  t.close();
});

const WEEK = 'force-weekly-return-WE-2023-10-08.csv';

async function importSample(name = WEEK): Promise<void> {
  const res = await upload(server.url, readFileSync(samplePath(name)), { fileName: name });
  expect(res.status).toBe(201);
}

/** The incident table's first page, as the screen asks for it. */
async function screenOrder(query: QueryOf<'incidents'>): Promise<string[]> {
  const { body } = await server.api.get('incidents', { query: { limit: 500, ...query } });
  return body.incidents.map((i) => i.reference);
}

function csvRows(text: string): string[][] {
  // The exported cells hold no quotes or line breaks in these samples except quoted commas.
  return text
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n')
    .map((line) =>
      [...line.matchAll(/("([^"]|"")*"|[^,]*)(,|$)/g)].map((m) => (m[1] ?? '').replace(/^"|"$/g, '').replace(/""/g, '"')).slice(0, -1),
    );
}

describe('GET /api/incidents.csv', () => {
  it('writes the labels, money and dates shown on screen, in the screen order', async () => {
    await importSample();
    const res = await server.api.fetch('GET', 'incidentsCsv');
    expect(res.status).toBe(200);
    const rows = csvRows(await res.text());
    const header = rows[0] ?? [];
    const col = (name: string) => header.indexOf(name);
    const byRef = new Map(rows.slice(1).map((r) => [r[0], r]));
    const row = byRef.get('HC/23/40002') ?? [];
    expect(row[col('Offence date')]).toBe('2 Oct 2023');
    expect(row[col('Method')]).toBe('Computer / broadband support');
    expect(row[col('Outcome')]).toBe('Money lost');
    expect(row[col('Amount lost')]).toBe('£1,201.10');
    expect(rows.slice(1).map((r) => r[0])).toEqual(await screenOrder({}));
  });

  it('follows the table sort it is given, and refuses one it does not know', async () => {
    await importSample();
    const res = await server.api.fetch('GET', 'incidentsCsv', { query: { sort: 'lossPence', order: 'desc' } });
    const refs = csvRows(await res.text())
      .slice(1)
      .map((r) => r[0]);
    expect(refs).toEqual(await screenOrder({ sort: 'lossPence', order: 'desc' }));
    expect(refs).not.toEqual(await screenOrder({}));
    const bad = await server.api.get('incidentsCsv', { query: refused({ sort: 'colour' }) });
    expect(bad.status).toBe(400);
    expect(bad.error.code).toBe('bad_request');
  });

  it('is named after the force, the filters and the day, with the marking', async () => {
    await importSample();
    const res = await server.api.fetch('GET', 'incidentsCsv', { query: { method: 'courier', from: '2023-10-01', to: '2023-10-31' } });
    expect(res.headers.get('content-disposition')).toContain(
      'OFFICIAL-SENSITIVE Hertfordshire incidents 2023-10-01 to 2023-10-31 Courier fraud 2026-11-23.csv',
    );
    const all = await server.api.fetch('GET', 'incidentsCsv');
    expect(all.headers.get('content-disposition')).toContain('OFFICIAL-SENSITIVE Hertfordshire incidents all 2026-11-23.csv');
  });
});

describe('GET /api/incidents.xlsx', () => {
  async function workbook(
    query: QueryOf<'incidentsXlsx'>,
    as: 'admin' | 'analyst' = 'admin',
  ): Promise<{ res: Response; wb: ExcelJS.Workbook }> {
    const res = await server.api.fetch('GET', 'incidentsXlsx', { query, as });
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    return { res, wb };
  }

  it('opens with typed dates and money, a frozen header row and the filters on a second sheet', async () => {
    await importSample();
    const { res, wb } = await workbook({ from: '2023-10-01', to: '2023-10-31', sort: 'offenceDate', order: 'asc' });
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    expect(res.headers.get('content-disposition')).toContain(
      'OFFICIAL-SENSITIVE Hertfordshire incidents 2023-10-01 to 2023-10-31 2026-11-23.xlsx',
    );
    expect(wb.worksheets.map((s) => s.name)).toEqual(['Incidents', 'Filters']);
    const sheet = wb.getWorksheet('Incidents');
    if (!sheet) throw new Error('no Incidents sheet');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const col = (name: string) => header.indexOf(name) + 1;
    const rowOf = (ref: string) => {
      for (let r = 2; r <= sheet.rowCount; r++) if (sheet.getRow(r).getCell(1).value === ref) return sheet.getRow(r);
      throw new Error(`no row for ${ref}`);
    };
    const row = rowOf('HC/23/40002');
    const date = row.getCell(col('Offence date'));
    expect(date.type).toBe(ExcelJS.ValueType.Date);
    expect((date.value as Date).toISOString()).toBe('2023-10-02T00:00:00.000Z');
    expect(date.numFmt).toBe('d mmm yyyy');
    const money = row.getCell(col('Amount lost'));
    expect(money.type).toBe(ExcelJS.ValueType.Number);
    expect(money.value).toBe(1201.1);
    expect(money.numFmt).toContain('£');
    expect(row.getCell(col('Method')).value).toBe('Computer / broadband support');
    expect(row.getCell(col('Outcome')).value).toBe('Money lost');
    const refs: unknown[] = [];
    for (let r = 2; r <= sheet.rowCount; r++) refs.push(sheet.getRow(r).getCell(1).value);
    expect(refs).toEqual(await screenOrder({ from: '2023-10-01', to: '2023-10-31', sort: 'offenceDate', order: 'asc' }));

    const filters = wb.getWorksheet('Filters');
    const lines: Record<string, unknown> = {};
    filters?.eachRow((r, n) => {
      if (n > 1) lines[String(r.getCell(1).value)] = r.getCell(2).value;
    });
    expect(lines).toMatchObject({
      Marking: 'OFFICIAL-SENSITIVE',
      Force: 'Hertfordshire',
      Period: '1 Oct 2023 to 31 Oct 2023',
      'Sorted by': 'Offence date, ascending',
      Incidents: String(refs.length),
      'Exported by': 'admin',
    });
  });

  it('puts filter buttons on the header row over every row, and writes "Unknown" one way in every column', async () => {
    await importSample();
    const { wb } = await workbook({ ageBand: 'unknown' });
    const sheet = wb.getWorksheet('Incidents');
    if (!sheet) throw new Error('no Incidents sheet');
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const lastColumn = String.fromCharCode('A'.charCodeAt(0) + header.length - 1);
    expect(sheet.rowCount).toBeGreaterThan(1);
    expect(sheet.autoFilter).toBe(`A1:${lastColumn}${sheet.rowCount}`);
    const cells: { column: string; value: string }[] = [];
    sheet.eachRow((row, n) => {
      if (n > 1)
        row.eachCell((cell, c) => typeof cell.value === 'string' && cells.push({ column: String(header[c - 1]), value: cell.value }));
    });
    // What the return said is kept as it said it; every column the export words itself says "Unknown".
    const worded = cells.filter((c) => !/as (written|reported)$|^Summary$/.test(c.column));
    expect(worded.filter((c) => /^unknown$/i.test(c.value) && c.value !== 'Unknown')).toEqual([]);
    const unknownIn = new Set(worded.filter((c) => c.value === 'Unknown').map((c) => c.column));
    expect(unknownIn).toContain('Age band');
    expect(unknownIn).toContain('Payment');
    const filters: Record<string, unknown> = {};
    wb.getWorksheet('Filters')?.eachRow((r) => (filters[String(r.getCell(1).value)] = r.getCell(2).value));
    expect(filters['Age bands']).toBe('Unknown');
  });

  it('is recorded as a disclosure by the signed-in user, with the rows sent', async () => {
    await importSample();
    const { wb } = await workbook({ method: 'courier' }, 'analyst');
    const rows = (wb.getWorksheet('Incidents')?.rowCount ?? 0) - 1;
    expect(rows).toBeGreaterThan(0);
    // Reads are audited as the response closes.
    const entry = await until(
      async () =>
        (await server.api.get('audit', { query: { limit: 500, action: 'disclosure' } })).body.entries.find(
          (e) => e.user === 'analyst' && e.object.includes('/api/incidents.xlsx'),
        ),
      { what: 'the disclosure recorded' },
    );
    expect(entry).toMatchObject({ role: 'analyst', rows });
  });

  it('refuses a bad filter with a 400 before writing anything', async () => {
    const res = await server.api.fetch('GET', 'incidentsXlsx', { query: { from: '2023-02-30' } });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/json');
  });
});

describe('change history', () => {
  it('keeps the raw change so the screen can label it', async () => {
    await upload(server.url, forceReturn([['HC/9', '02/10/2023', 'Ware', 'Romance scam', '', '', 'Attempt, no loss', '']]));
    await upload(server.url, forceReturn([['HC/9', '02/10/2023', 'Ware', 'Romance scam', '£450.00', '', 'Money lost', '']]));
    const { body } = await server.api.get('incident', { params: { id: 'HC/9' } });
    expect(body.history.at(-1)?.changes).toMatchObject({ loss_pence: [0, 45000], outcome: ['attempted', 'lost'] });
  });
});

describe('the rejected-rows file', () => {
  it('goes back in once fixed: a neutralised negative loss, minus removed, is accepted as typed', async () => {
    const first = await upload(
      server.url,
      forceReturn([
        ['HC/1', '02/10/2023', 'Ware', 'Romance scam', '-£450.00', '', 'Money lost', ''],
        ['HC/2', '02/10/2023', 'Ware', 'Romance scam', '£10.00', '', 'Money lost', ''],
      ]),
    );
    const batchId = first.body.batchId;
    const res = await server.api.fetch('GET', 'importRejectedCsv', { params: { id: Number(batchId) }, as: 'importer' });
    const csv = await res.text();
    expect(csv).toContain("'-£450.00");
    const fixed = await upload(server.url, csv.replace("'-£450.00", "'£450.00"), { fileName: 'return-rejected.csv' });
    expect(fixed.status).toBe(201);
    expect(fixed.body.counts).toMatchObject({ inserted: 1, rejected: 0 });
    const { body } = await server.api.get('incident', { params: { id: 'HC/1' } });
    expect(body.incident.lossPence).toBe(45_000);
  });
});

describe('remembered import mappings', () => {
  const HEADERS = 'Crime No,When,Where,What,Notes';
  const fileWith = (rows: string[]) => `${HEADERS}\r\n${rows.join('\r\n')}\r\n`;
  const handMapping = { 'Crime No': 'reference', When: 'offenceDate', Where: 'town', What: 'method' };

  it('offers a mapping confirmed by hand to the next file with the same headers, and records it with the batch', async () => {
    const refused = await upload(server.url, fileWith(['HC/1,02/10/2023,Ware,Romance scam,']), { dryRun: true });
    expect(refused.status).toBe(400);

    const first = await upload(server.url, fileWith(['HC/1,02/10/2023,Ware,Romance scam,']), { mapping: handMapping });
    expect(first.status).toBe(201);
    expect(first.body.remembered).toBeNull();

    const plan = await upload(server.url, fileWith(['HC/2,03/10/2023,Hitchin,Courier fraud,']), { dryRun: true });
    expect(plan.status).toBe(200);
    const planned = plan.body;
    expect(planned.remembered).toMatchObject({
      mapping: handMapping,
      confirmedBy: 'admin',
      batchId: first.body.batchId,
    });
    expect(planned.mapping.filter((m) => m.source === 'remembered').map((m) => m.header)).toEqual(['Crime No', 'When', 'Where', 'What']);

    const second = await upload(server.url, fileWith(['HC/2,03/10/2023,Hitchin,Courier fraud,']));
    expect(second.status).toBe(201);
    const batch = await server.api.get('importBatch', { params: { id: Number(second.body.batchId) } });
    expect(batch.body.mapping.find((m) => m.header === 'When')).toEqual({ header: 'When', field: 'offenceDate', source: 'remembered' });
  });

  it('is replaced by a newer mapping confirmed by hand, and a dry run remembers nothing', async () => {
    await upload(server.url, fileWith(['HC/1,02/10/2023,Ware,Romance scam,Notes here']), { mapping: handMapping });
    await upload(server.url, fileWith(['HC/3,02/10/2023,Ware,Romance scam,x']), { mapping: { Notes: 'ignore' }, dryRun: true });
    const unchanged = await upload(server.url, fileWith(['HC/3,02/10/2023,Ware,Romance scam,x']), { dryRun: true });
    expect(unchanged.body.mapping.find((m) => m.header === 'Notes')?.field).toBe('summary');

    await upload(server.url, fileWith(['HC/4,02/10/2023,Ware,Romance scam,x']), { mapping: { Notes: 'ignore' } });
    const after = await upload(server.url, fileWith(['HC/5,02/10/2023,Ware,Romance scam,x']), { dryRun: true });
    const mapping = after.body.mapping;
    expect(mapping.find((m) => m.header === 'Notes')).toEqual({ header: 'Notes', field: null, source: 'remembered' });
    expect(mapping.find((m) => m.header === 'Crime No')?.source).toBe('remembered');
  });
});

describe('a record-system export', () => {
  it('imports with no mapping, keeping "Committed To"', async () => {
    const name = 'record-system-export-2023-11.csv';
    const res = await upload(server.url, readFileSync(samplePath(name)), { fileName: name });
    expect(res.status).toBe(201);
    expect(res.body.counts).toMatchObject({ rows: 10, inserted: 10, rejected: 0 });
    const { body } = await server.api.get('incident', { params: { id: '41/61240/23' } });
    expect(body.incident).toMatchObject({ offenceDate: '2023-10-31', offenceDateTo: '2023-11-01', reportDate: '2023-11-02' });
  });
});

describe('GET /api/imports', () => {
  it('pages through every batch, newest first', async () => {
    for (const n of [1, 2, 3, 4, 5]) {
      await upload(server.url, forceReturn([[`HC/${n}`, '02/10/2023', 'Ware', 'Romance scam', '', '', '', '']]));
    }
    const seen: number[] = [];
    let before: number | null = null;
    for (let page = 0; page < 5; page++) {
      const { status, body }: { status: number; body: ImportBatchList } = await server.api.get('imports', {
        query: { limit: 2, ...(before ? { before } : {}) },
      });
      expect(status).toBe(200);
      expect(body.imports.length).toBeLessThanOrEqual(2);
      seen.push(...body.imports.map((b) => b.id));
      before = body.nextBefore;
      expect(body.truncated).toBe(before !== null);
      if (before === null) break;
    }
    expect(seen).toEqual([5, 4, 3, 2, 1]);
    const bad = await server.api.get('imports', { query: { limit: 5000 } });
    expect(bad.status).toBe(400);
  });
});
