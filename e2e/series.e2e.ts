import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { AuditList, SavedSeries, SeriesList } from '@scam/shared';
import { launchBrowser, newSignedInPage, screenshot } from './support/browser.js';
import { api, eventually } from './support/pages.js';
import { sessionFor } from './support/session.js';

const baseUrl = inject('baseUrl');
const accounts = inject('accounts');
let browser: Browser;
/** An inspector: the role that both works on series and drafts and exports appeals. */
let inspector: string;

beforeAll(async () => {
  browser = await launchBrowser();
  inspector = await sessionFor(baseUrl, accounts.inspector);
});
afterAll(async () => {
  await browser?.close();
});

describe('series workspace and press appeal', () => {
  it('opens a detected series, confirms it, drafts its appeal, and the print page renders', async () => {
    const { page, context, pageErrors } = await newSignedInPage(browser, baseUrl, inspector);
    // December 2025: the winter courier surge the demo data embeds (27 residents, more than £70,000).
    await page.goto(`${baseUrl}/series?from=2025-12-01&to=2025-12-31&method=courier`);
    const card = page.locator('[data-testid="series-card"]').first();
    await card.waitFor({ timeout: 60_000 });
    const seriesId = (await card.getAttribute('data-series-id')) as string;
    const detected = await api<SeriesList>(baseUrl, '/api/series?from=2025-12-01&to=2025-12-31&method=courier', inspector);
    const series = detected.series.find((s) => s.id === seriesId);
    expect(series).toBeDefined();
    await screenshot(page, 'series-workspace');

    await card.locator('a').first().click();
    const detail = page.locator('[data-testid="series-detail"]');
    await detail.waitFor({ timeout: 60_000 });
    await page.locator('[data-testid="series-matrix-row"]').first().waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-testid="series-matrix-row"]').count()).toBe(series?.count);
    await page.locator('[data-testid="series-timeline"] svg').first().waitFor({ timeout: 30_000 });
    await page.locator('[data-testid="series-map"] .leaflet-container').first().waitFor({ timeout: 30_000 });
    await screenshot(page, 'series-detail');

    await page.locator('[data-testid="series-confirm"]').click();
    await eventually(async () => {
      const saved = await api<{ series: SavedSeries[] }>(baseUrl, '/api/saved-series', inspector);
      const mine = saved.series.find((s) => s.detectedId === seriesId);
      expect(mine?.status).toBe('ongoing');
      expect(mine?.incidents.length).toBe(series?.count);
    });
    // Saved series persist: a reload still shows it as saved.
    await page.reload();
    await page.locator('[data-testid="series-detail"]').waitFor({ timeout: 60_000 });

    await page.locator('[data-testid="appeal-draft-button"]').click();
    const title = page.locator('[data-testid="appeal-title"]');
    await title.waitFor({ timeout: 60_000 });
    const body = (await page.locator('[data-testid="appeal-body"]').textContent()) ?? '';
    expect(body).toMatch(new RegExp(`${series?.count} reports`));
    expect(body).toMatch(/101/);
    expect(body).toMatch(/0300 123 2040/);
    for (const ref of series?.incidents ?? []) expect(body).not.toContain(ref);
    await page.locator('[data-testid="appeal-warnings"]').waitFor();
    await screenshot(page, 'appeal-draft');

    const titleText = ((await title.textContent()) ?? '').trim();
    await page.locator('[data-testid="appeal-purpose"]').fill('Press office for release 12 Dec');
    // Printing is an export: the officer is named and each warning checked before it is allowed.
    await page.locator('[data-testid="appeal-officer"]').fill('Detective Inspector Jo Example');
    const acks = page.locator('[data-testid="appeal-ack"]');
    for (let i = 0; i < (await acks.count()); i++) await acks.nth(i).check();
    await page.locator('[data-testid="appeal-export-blocked"]').waitFor({ state: 'detached', timeout: 15_000 });
    await page.locator('[data-testid="appeal-print-link"]').click();
    const printPage = page.locator('[data-testid="appeal-print-page"]');
    await printPage.waitFor({ timeout: 60_000 });
    // The page frame shows at once and the release once its draft has loaded (slower on a busy machine).
    await printPage.locator('[data-testid="appeal-print-release"]').waitFor({ timeout: 60_000 });
    expect(await printPage.textContent()).toContain(titleText);
    await printPage.locator('svg').first().waitFor({ timeout: 30_000 });
    await printPage.locator('.leaflet-container').first().waitFor({ timeout: 30_000 });
    await printPage.locator('[data-testid="print-button"]:not([disabled])').waitFor({ timeout: 30_000 });
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.byteLength).toBeGreaterThan(10_000);
    await screenshot(page, 'appeal-print');
    expect(pageErrors).toEqual([]);

    const trail = await api<{ entries: { action: string; format: string | null; actor: string }[] }>(
      baseUrl,
      '/api/appeals/exports',
      inspector,
    );
    expect(trail.entries.some((e) => e.action === 'draft')).toBe(true);
    expect(trail.entries.some((e) => e.action === 'export' && e.format === 'print')).toBe(true);
    // Recorded against the person signed in, not a name typed into the page.
    expect(trail.entries.filter((e) => e.action === 'export').every((e) => e.actor === accounts.inspector.username)).toBe(true);
    // The recipient typed in the drafter goes with the print page's disclosure into the audit trail.
    const admin = await sessionFor(baseUrl, accounts.admin);
    await eventually(async () => {
      const audit = await api<AuditList>(baseUrl, `/api/audit?action=disclosure&user=${accounts.inspector.username}`, admin);
      expect(audit.entries.map((e) => e.purpose)).toContain('Press office for release 12 Dec');
    });
    await context.close();
  });

  it('shows clusters that are not significant only on request, from the advanced options, and keeps them in the link', async () => {
    const { page, context, pageErrors } = await newSignedInPage(browser, baseUrl, inspector);
    await page.goto(`${baseUrl}/series?from=2025-01-01&to=2025-12-31&method=courier&replicates=199`);
    await page.locator('[data-testid="series-list"], [data-testid="series-controls"] ~ * .empty').first().waitFor({ timeout: 60_000 });
    expect(await page.locator('[data-testid="series-not-significant"]').count()).toBe(0);
    await page.locator('[data-testid="series-advanced"] summary').click();
    await screenshot(page, 'series-advanced');
    await page.locator('[data-testid="series-include-all"]').check();
    await eventually(async () => expect(new URL(page.url()).searchParams.get('include')).toBe('all'));
    const others = page.locator('[data-testid="series-not-significant"]');
    await others.waitFor({ timeout: 60_000 });
    const cards = others.locator('[data-testid="series-card"]');
    expect(await cards.count()).toBeGreaterThan(0);
    // Each is marked, with its p-value, as not significant.
    expect(await others.textContent()).toMatch(/Not significant/);
    // The API agrees on what is and is not significant for the same question.
    const list = await api<SeriesList>(
      baseUrl,
      '/api/series?from=2025-01-01&to=2025-12-31&method=courier&replicates=199&include=all',
      inspector,
    );
    expect(await cards.count()).toBe(list.series.filter((s) => !s.significant).length);
    await screenshot(page, 'series-not-significant');
    // A bad number typed into the options is not sent: the URL keeps the last good one.
    await page.locator('[data-testid="series-min-days"]').fill('500');
    await page.locator('[data-testid="series-min-days"]').press('Enter');
    expect(new URL(page.url()).searchParams.get('minDays')).toBeNull();
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
