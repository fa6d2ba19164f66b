import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Breakdowns, ImportBatchList, IncidentList, Summary } from '@scam/shared';
import { launchBrowser, newSignedInPage, screenshot } from './support/browser.js';
import { XSS_PLACE } from './support/global-setup.js';
import { api, eventually, ImportPage, IncidentsPage, OverviewPage } from './support/pages.js';
import { sessionFor } from './support/session.js';

const baseUrl = inject('baseUrl');
const accounts = inject('accounts');
let browser: Browser;
/** Overview and incidents: an analyst, who may list incidents behind the figures. */
let analyst: string;
/** Imports: an importer, the role that loads the weekly returns. */
let importer: string;

beforeAll(async () => {
  browser = await launchBrowser();
  analyst = await sessionFor(baseUrl, accounts.analyst);
  importer = await sessionFor(baseUrl, accounts.importer);
});
afterAll(async () => {
  await browser?.close();
});

describe('overview', () => {
  it('renders figures, markers and charts whose numbers match the API', async () => {
    const { page, context, pageErrors } = await newSignedInPage(browser, baseUrl, analyst);
    const overview = new OverviewPage(page, baseUrl);
    await overview.open();
    const summary = await api<Summary>(baseUrl, '/api/summary', analyst);
    await eventually(async () => {
      expect(await overview.figure('reports')).toBe(summary.reports);
      expect(await overview.figure('lost')).toBe(summary.lost);
      expect(await overview.figure('prevented')).toBe(summary.prevented);
    });
    await overview.markers().first().waitFor({ timeout: 30_000 });
    // Clusters are weighted by reports, so the markers on the whole-county view add up to the total.
    expect(await overview.markerTotal()).toBe(summary.reports);
    const b = await api<Breakdowns>(baseUrl, '/api/breakdowns', analyst);
    await page.locator('[data-testid="chart-method"] button[data-key]').first().waitFor();
    const bars = await overview.barValues('chart-method');
    for (const m of b.byMethod) if (m.reports > 0) expect(bars[m.method]).toBe(m.reports);
    await page.locator('[data-testid="chart-time"] svg .recharts-bar-rectangle').first().waitFor({ timeout: 30_000 });
    await screenshot(page, 'overview');
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('a method and a district change every figure consistently, and a copied link restores the view', async () => {
    const { page, context } = await newSignedInPage(browser, baseUrl, analyst);
    const overview = new OverviewPage(page, baseUrl);
    await overview.open();
    await overview.chooseInMultiSelect('filter-method', 'courier');
    await overview.chooseInMultiSelect('filter-district', 'St Albans');
    await eventually(async () => {
      const url = new URL(page.url());
      expect(url.searchParams.get('method')).toBe('courier');
      expect(url.searchParams.get('district')).toBe('St Albans');
    });
    const expected = await api<Summary>(baseUrl, '/api/summary?method=courier&district=St%20Albans', analyst);
    expect(expected.reports).toBeGreaterThan(0);
    await eventually(async () => {
      expect(await overview.figure('reports')).toBe(expected.reports);
      expect(await overview.figure('lost')).toBe(expected.lost);
      expect(await overview.figure('attempted')).toBe(expected.attempted);
      expect(await overview.markerTotal()).toBe(expected.reports);
      const bars = await overview.barValues('chart-method');
      expect(bars.courier).toBe(expected.reports);
      const districts = await overview.barValues('chart-district');
      expect(Object.values(districts).reduce((s, v) => s + v, 0)).toBe(expected.reports);
    });
    await screenshot(page, 'overview-courier-st-albans');

    const link = page.url();
    const second = await newSignedInPage(browser, baseUrl, analyst);
    const again = new OverviewPage(second.page, baseUrl);
    await second.page.goto(link);
    await again.waitForFigures();
    await eventually(async () => {
      expect(await again.figure('reports')).toBe(expected.reports);
      expect(await again.figure('loss')).toBe(await overview.figure('loss'));
    });
    await second.page.locator('[data-testid="filter-method"] summary').click();
    expect(await second.page.locator('[data-testid="filter-method"] input[value="courier"]').isChecked()).toBe(true);
    await second.context.close();
    await context.close();
  });

  it('clicking a cluster lists the incidents behind it', async () => {
    const { page, context } = await newSignedInPage(browser, baseUrl, analyst);
    const overview = new OverviewPage(page, baseUrl);
    await overview.open('from=2025-12-01&to=2025-12-31&method=courier');
    const cluster = page.locator('[data-testid="map-marker"][data-kind="cluster"]').first();
    await cluster.waitFor({ timeout: 30_000 });
    const reports = Number(await cluster.getAttribute('data-reports'));
    await cluster.click();
    const show = page.locator('[data-testid="show-incidents"]');
    await show.waitFor();
    await screenshot(page, 'cluster-popup');
    await show.click();
    const incidents = new IncidentsPage(page);
    await eventually(async () => {
      expect(new URL(page.url()).pathname).toBe('/incidents');
      expect(await incidents.total()).toBe(reports);
    });
    const q = new URL(page.url()).searchParams;
    const viaApi = await api<IncidentList>(baseUrl, `/api/incidents?${q.toString()}`, analyst);
    expect(viaApi.total).toBe(reports);
    expect(await incidents.rows().count()).toBe(Math.min(reports, 50));
    await screenshot(page, 'cluster-incidents');
    await context.close();
  });
});

describe('import screen', () => {
  it('uploading a sample return adds its rows', async () => {
    const { page, context } = await newSignedInPage(browser, baseUrl, importer);
    const before = await api<Summary>(baseUrl, '/api/summary', importer);
    const importPage = new ImportPage(page, baseUrl);
    await importPage.open();
    await importPage.choose(
      'nfib-dissemination-2023-10.csv',
      readFileSync(resolve(import.meta.dirname, '../data/samples/nfib-dissemination-2023-10.csv')),
    );
    await eventually(async () => {
      expect(await importPage.counts()).toEqual({ rows: 60, inserted: 60, updated: 0, unchanged: 0, rejected: 0 });
    }, 30_000);
    await page.locator('[data-testid="import-mapping"]').waitFor();
    await screenshot(page, 'import-dry-run');
    await page.locator('[data-testid="import-commit"]').click();
    await page.locator('[data-testid="import-result"]').waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-testid="import-result"]').getAttribute('class')).toContain('notice--ok');
    await screenshot(page, 'import-committed');
    const after = await api<Summary>(baseUrl, '/api/summary', importer);
    expect(after.reports).toBe(before.reports + 60);
    const history = await api<ImportBatchList>(baseUrl, '/api/imports', importer);
    expect(history.imports[0]).toMatchObject({ fileName: 'nfib-dissemination-2023-10.csv', counts: { inserted: 60 } });
    await eventually(async () => {
      await page.locator('[data-testid="import-history-row"]').first().waitFor();
      expect(await page.locator('[data-testid="import-history-row"]').first().textContent()).toContain('nfib-dissemination-2023-10.csv');
    });
    await context.close();
  });

  it('a return with a rejected row is not shown as a plain success', async () => {
    const { page, context } = await newSignedInPage(browser, baseUrl, importer);
    const importPage = new ImportPage(page, baseUrl);
    await importPage.open();
    const csv = [
      'Reference,Date,Town,Method,Loss (£),Victim age,Outcome,Notes',
      'HC/E2E/REJ1,03/11/2026,Hitchin,HMRC impersonation,,71,"Attempt, no loss",Vouchers',
      'HC/E2E/REJ2,31/02/2026,Hitchin,HMRC impersonation,,71,"Attempt, no loss",Vouchers',
    ].join('\r\n');
    await importPage.choose('return-with-a-bad-date.csv', csv);
    await eventually(async () => expect(await importPage.counts()).toMatchObject({ inserted: 1, rejected: 1 }), 30_000);
    await page.locator('[data-testid="import-commit"]').click();
    const result = page.locator('[data-testid="import-result"]');
    await result.waitFor({ timeout: 30_000 });
    expect(await result.getAttribute('class')).toContain('notice--warn');
    expect(await result.textContent()).toContain('with 1 row rejected');
    await context.close();
  });

  it('an invalid file shows its errors and changes nothing', async () => {
    const { page, context } = await newSignedInPage(browser, baseUrl, importer);
    const before = await api<Summary>(baseUrl, '/api/summary', importer);
    const batchesBefore = (await api<ImportBatchList>(baseUrl, '/api/imports', importer)).imports.length;
    const importPage = new ImportPage(page, baseUrl);
    await importPage.open();
    const bad =
      '\uFEFFReference,Date,Town,Method,Loss (£),Victim age,Outcome,Notes\r\nE2E/BAD/1,31/02/2023,Watford,Courier fraud,,80,"Attempt, no loss",\r\nE2E/BAD/2,02/10/2023,Watfrod,Courier fraud,£-5,80,Money lost,\r\n';
    await importPage.choose('bad-return.csv', bad);
    const errors = page.locator('[data-testid="import-error-row"]');
    await errors.first().waitFor({ timeout: 30_000 });
    const texts = await errors.allTextContents();
    expect(texts.join(' ')).toContain('Watfrod');
    expect(texts.join(' ')).toContain('31/02/2023');
    expect(texts.some((t) => /Watford/.test(t))).toBe(true);
    await screenshot(page, 'import-errors');
    const commit = page.locator('[data-testid="import-commit"]');
    if (await commit.isEnabled()) {
      await commit.click();
      await page
        .getByText(/nothing was written/i)
        .first()
        .waitFor({ timeout: 15_000 });
    }
    const after = await api<Summary>(baseUrl, '/api/summary', importer);
    expect(after.reports).toBe(before.reports);
    expect((await api<ImportBatchList>(baseUrl, '/api/imports', importer)).imports.length).toBe(batchesBefore);
    await context.close();
  });
});

describe('hostile text in the data', () => {
  it('the incident details and their history say who the caller posed as in words, not the stored code', async () => {
    const header = 'Reference,Date,Town,Method,Loss (£),Victim age,Outcome,Notes';
    const send = async (method: string, fileName: string) => {
      const form = new FormData();
      form.append('file', new Blob([`${header}\r\nE2E/POSE/1,03/11/2026,Watford,${method},£100.00,80,Money lost,\r\n`]), fileName);
      const res = await fetch(`${baseUrl}/api/imports`, { method: 'POST', body: form, headers: { Cookie: importer, Origin: baseUrl } });
      expect(res.status).toBe(201);
    };
    // Posing as the police first, then re-sent as a broadband company: the history holds the change.
    await send('Courier fraud (police impersonation)', 'pose-1.csv');
    await send('Computer support scam (BT)', 'pose-2.csv');

    const { page, context, pageErrors } = await newSignedInPage(browser, baseUrl, analyst);
    await page.goto(`${baseUrl}/incidents?q=E2E%2FPOSE`);
    const row = page.locator('[data-testid="incident-row"]').first();
    await row.waitFor({ timeout: 30_000 });
    await row.click();
    const detail = page.locator('[data-testid="incident-detail"]');
    await detail.locator('[data-testid="incident-history"]').waitFor();
    const posingAs = detail.locator('.facts > div', { has: page.locator('dt', { hasText: 'Posing as' }) }).locator('dd');
    expect(await posingAs.textContent()).toBe('Phone or broadband company');
    const change = detail.locator('[data-testid="incident-history"] tr', { has: page.locator('td', { hasText: 'Posing as' }) });
    expect(await change.locator('.before').textContent()).toBe('Police');
    expect(await change.locator('.after').textContent()).toBe('Phone or broadband company');
    expect(await detail.textContent()).not.toMatch(/telecom/i);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it(`a town named ${XSS_PLACE} is shown as text and never runs`, async () => {
    const csv = `Reference,Date,Town,Method,Loss (£),Victim age,Outcome,Notes\r\nE2E/XSS/1,03/11/2026,"${XSS_PLACE}",Courier fraud (police impersonation),£100.00,80,Money lost,"<script>window.__pwned=1</script><b onmouseover=alert(2)>hover</b>"\r\n`;
    const form = new FormData();
    form.append('file', new Blob([csv], { type: 'text/csv' }), 'xss.csv');
    const res = await fetch(`${baseUrl}/api/imports`, { method: 'POST', body: form, headers: { Cookie: importer, Origin: baseUrl } });
    expect(res.status).toBe(201);

    const { page, context, dialogs, pageErrors } = await newSignedInPage(browser, baseUrl, analyst);
    const overview = new OverviewPage(page, baseUrl);
    await overview.open(`place=${encodeURIComponent(XSS_PLACE)}`);
    const marker = page.locator('[data-testid="map-marker"]').first();
    await marker.waitFor({ timeout: 30_000 });
    await marker.click();
    const popup = page.locator('[data-testid="map-popup"]');
    await popup.waitFor();
    expect(await popup.textContent()).toContain(XSS_PLACE);
    await screenshot(page, 'xss-popup');

    await page.goto(`${baseUrl}/incidents?q=E2E%2FXSS`);
    const row = page.locator('[data-testid="incident-row"]').first();
    await row.waitFor({ timeout: 30_000 });
    expect(await row.textContent()).toContain(XSS_PLACE);
    await row.click();
    const detail = page.locator('[data-testid="incident-detail"]');
    await detail.waitFor();
    expect(await detail.textContent()).toContain('<script>window.__pwned=1</script>');
    await screenshot(page, 'xss-incident-detail');

    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
