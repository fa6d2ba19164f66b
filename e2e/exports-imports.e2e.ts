import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ImportBatchList, IncidentList } from '@scam/shared';
import { launchBrowser, newSignedInPage, screenshot } from './support/browser.js';
import { api, eventually, ImportPage, IncidentsPage } from './support/pages.js';
import { sessionFor } from './support/session.js';

const baseUrl = inject('baseUrl');
const accounts = inject('accounts');
let browser: Browser;
let analyst: string;
let importer: string;

beforeAll(async () => {
  browser = await launchBrowser();
  analyst = await sessionFor(baseUrl, accounts.analyst);
  importer = await sessionFor(baseUrl, accounts.importer);
});
afterAll(async () => {
  await browser?.close();
});

describe('incident export to Excel', () => {
  it('downloads an .xlsx from the incidents page that opens with typed cells, in the screen order', async () => {
    const { page, context, pageErrors } = await newSignedInPage(browser, baseUrl, analyst);
    await page.goto(`${baseUrl}/incidents?sort=lossPence`);
    const incidents = new IncidentsPage(page);
    const total = await incidents.total();
    const firstOnScreen = await incidents.rows().first().getAttribute('data-reference');

    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="export-xlsx"]').click()]);
    expect(download.suggestedFilename()).toMatch(/^OFFICIAL-SENSITIVE Hertfordshire incidents .* \d{4}-\d{2}-\d{2}\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(await download.path());
    expect(wb.worksheets.map((s) => s.name)).toEqual(['Incidents', 'Filters']);
    const sheet = wb.getWorksheet('Incidents');
    if (!sheet) throw new Error('no Incidents sheet');
    expect(sheet.rowCount - 1).toBe(total);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const col = (name: string) => header.indexOf(name) + 1;
    const first = sheet.getRow(2);
    expect(first.getCell(1).value).toBe(firstOnScreen);
    expect(first.getCell(col('Offence date')).type).toBe(ExcelJS.ValueType.Date);
    expect(first.getCell(col('Offence date')).value).toBeInstanceOf(Date);
    const loss = first.getCell(col('Amount lost'));
    expect(loss.type).toBe(ExcelJS.ValueType.Number);
    expect(loss.numFmt).toContain('£');
    // Sorted by loss, largest first, as the screen was.
    const second = sheet.getRow(3).getCell(col('Amount lost')).value as number;
    expect(loss.value as number).toBeGreaterThanOrEqual(second);
    const method = String(first.getCell(col('Method')).value);
    expect(method).not.toMatch(/^[a-z_]+$/);
    const filters: Record<string, unknown> = {};
    wb.getWorksheet('Filters')?.eachRow((r) => {
      filters[String(r.getCell(1).value)] = r.getCell(2).value;
    });
    expect(filters).toMatchObject({
      Marking: 'OFFICIAL-SENSITIVE',
      'Sorted by': 'Loss, descending',
      Incidents: total.toLocaleString('en-GB'),
    });
    await screenshot(page, 'incidents-export-buttons');
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});

describe('remembered import mapping', () => {
  const HEADER = 'Crime No,When,Where,What,Notes';
  const file = (rows: string[]) => `${HEADER}\r\n${rows.join('\r\n')}\r\n`;

  it('a file mapped by hand is remembered: the next file with the same headers imports with no mapping question', async () => {
    const { page, context, pageErrors } = await newSignedInPage(browser, baseUrl, importer);
    const importPage = new ImportPage(page, baseUrl);
    await importPage.open();

    // The first file: its columns mean nothing to the importer, so it asks.
    await importPage.choose('unit-log-week-1.csv', file(['E2E/MAP/1,02/11/2026,Ware,Romance scam,Met online']));
    await page.getByText('The file was not accepted').waitFor({ timeout: 30_000 });
    const mappingTable = page.locator('[data-testid="import-mapping"]');
    for (const [header, field] of [
      ['Crime No', 'reference'],
      ['When', 'offenceDate'],
      ['Where', 'town'],
      ['What', 'method'],
    ] as const) {
      await mappingTable.locator(`tr[data-header="${header}"] select`).selectOption(field);
    }
    await page.locator('[data-testid="import-rerun"]').click();
    await eventually(async () => expect(await importPage.counts()).toMatchObject({ rows: 1, inserted: 1, rejected: 0 }), 30_000);
    await page.locator('[data-testid="import-commit"]').click();
    await page.locator('[data-testid="import-result"]').waitFor({ timeout: 30_000 });

    // Next week's file, same headers: read with the remembered mapping, nothing asked.
    await importPage.choose('unit-log-week-2.csv', file(['E2E/MAP/2,09/11/2026,Hitchin,Courier fraud,Cash collected']));
    await eventually(async () => expect(await importPage.counts()).toMatchObject({ rows: 1, inserted: 1, rejected: 0 }), 30_000);
    const remembered = page.locator('[data-testid="import-remembered"]');
    await remembered.waitFor();
    expect(await remembered.textContent()).toContain('importer');
    expect(await page.getByText('The file was not accepted').count()).toBe(0);
    expect(await mappingTable.locator('tr[data-header="When"] select').inputValue()).toBe('offenceDate');
    expect(await mappingTable.locator('tr[data-header="When"] td').last().textContent()).toBe('remembered');
    await screenshot(page, 'import-remembered-mapping');
    expect(await page.locator('[data-testid="import-commit"]').isEnabled()).toBe(true);
    await page.locator('[data-testid="import-commit"]').click();
    await page.locator('[data-testid="import-result"]').waitFor({ timeout: 30_000 });

    const history = await api<ImportBatchList>(baseUrl, '/api/imports?limit=1', importer);
    expect(history.imports[0]).toMatchObject({ fileName: 'unit-log-week-2.csv', counts: { inserted: 1 } });
    expect(history.imports[0]?.mapping.find((m) => m.header === 'When')).toMatchObject({ field: 'offenceDate', source: 'remembered' });
    const found = await api<IncidentList>(baseUrl, '/api/incidents?q=E2E%2FMAP%2F2', analyst);
    expect(found.incidents.map((i) => i.method)).toEqual(['courier']);
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
