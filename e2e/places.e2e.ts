import { readFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Summary } from '@scam/shared';
import { launchBrowser, newSignedInPage, screenshot } from './support/browser.js';
import { api, eventually, ImportPage, OverviewPage } from './support/pages.js';
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

const RETURN = [
  'Reference,Date,Town,Method,Loss (£),Victim age,Outcome,Notes',
  'E2E/PLACES/1,02/11/2026,Hertsmere,Courier fraud,,81,Attempted,',
  'E2E/PLACES/2,03/11/2026,Luton,Courier fraud,,79,Attempted,',
  'E2E/PLACES/3,04/11/2026,Watfrod,Courier fraud,,77,Attempted,',
].join('\r\n');

describe('places as forces write them, on the import page', () => {
  it('shows a town outside the force area as a notice beside the errors, and a district in the plan; the overview filters them', async () => {
    const { page, context, pageErrors } = await newSignedInPage(browser, baseUrl, importer);
    const importPage = new ImportPage(page, baseUrl);
    await importPage.open();
    await importPage.choose('places-week.csv', `${RETURN}\r\n`);
    await eventually(async () => expect(await importPage.counts()).toMatchObject({ rows: 3, inserted: 2, rejected: 1 }), 30_000);

    // Beside the rejected row (the misspelt town), the accepted one outside the county, with its line, column and town.
    const errors = page.locator('[data-testid="import-error-row"]');
    expect(await errors.count()).toBe(1);
    expect(await errors.first().textContent()).toContain('Watfrod');
    const notices = page.locator('[data-testid="import-notices"] [data-testid="import-notice-row"]');
    expect(await notices.count()).toBe(1);
    expect(await notices.first().locator('td').allTextContents()).toEqual([
      '3',
      'Town',
      'Luton',
      'outside Hertfordshire: accepted and placed at Luton (Luton, Bedfordshire); check the town if the report belongs to Hertfordshire',
    ]);
    // The district is accepted, and the row-by-row plan says where it goes.
    await page.locator('.plan-detail summary').click();
    const planRows = page.locator('[data-testid="import-plan-row"]');
    expect(await planRows.nth(0).locator('td').last().textContent()).toBe('Hertsmere (district centre)');
    expect(await planRows.nth(1).locator('td').last().textContent()).toBe('Luton (outside Hertfordshire)');
    await screenshot(page, 'import-notices');

    await page.locator('[data-testid="import-commit"]').click();
    const result = page.locator('[data-testid="import-result"]');
    await result.waitFor({ timeout: 30_000 });
    expect(await result.locator('[data-testid="import-notice-row"]').count()).toBe(1);

    // The history offers the notices as CSV, with what the screen showed.
    const link = page.locator('[data-testid="import-notices-csv"]').first();
    await link.waitFor();
    expect(await link.textContent()).toBe('1 notice (CSV)');
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(/places-week-notices/);
    const csv = await readFile(await download.path(), 'utf8');
    expect(csv).toContain('3,Town,Luton,"outside Hertfordshire: accepted and placed at Luton');
    expect(pageErrors).toEqual([]);
    await context.close();

    // The overview, as an analyst: "Outside Hertfordshire" in the Placed filter.
    const viewer = await newSignedInPage(browser, baseUrl, analyst);
    const overview = new OverviewPage(viewer.page, baseUrl);
    await overview.open();
    await overview.chooseInMultiSelect('filter-place-match', 'national');
    await viewer.page.waitForURL(/placeMatch=national/);
    const expected = await api<Summary>(baseUrl, '/api/summary?placeMatch=national', analyst);
    expect(expected.reports).toBeGreaterThanOrEqual(1);
    await eventually(async () => expect(await overview.figure('reports')).toBe(expected.reports), 30_000);
    expect(await viewer.page.locator('[data-testid="active-filters"]').textContent()).toContain('Placed: Outside the force area');
    expect(viewer.pageErrors).toEqual([]);
    await viewer.context.close();
  });
});
