import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Breakdowns } from '@scam/shared';
import { launchBrowser, newSignedInPage, screenshot } from './support/browser.js';
import { api } from './support/pages.js';
import { sessionFor } from './support/session.js';

const baseUrl = inject('baseUrl');
const accounts = inject('accounts');
let browser: Browser;
let analyst: string;

const DECEMBER = 'from=2025-12-01&to=2025-12-31';

beforeAll(async () => {
  browser = await launchBrowser();
  analyst = await sessionFor(baseUrl, accounts.analyst);
});
afterAll(async () => {
  await browser?.close();
});

describe('the printed overview', () => {
  it('prints no district loss total where fewer than three people lost money, and says why', async () => {
    const all = await api<Breakdowns>(baseUrl, `/api/breakdowns?${DECEMBER}`, analyst);
    const lossReports = await api<Breakdowns>(baseUrl, `/api/breakdowns?${DECEMBER}&minLoss=0.01`, analyst);
    const losers = new Map(lossReports.byDistrict.map((d) => [d.name, d.reports]));
    const few = all.byDistrict.filter((d) => d.lossPence > 0 && (losers.get(d.name) ?? 0) < 3);
    const many = all.byDistrict.filter((d) => (losers.get(d.name) ?? 0) >= 3);
    expect(few.length, 'a district where one or two people lost money in December').toBeGreaterThan(0);
    expect(many.length, 'a district where three or more did').toBeGreaterThan(0);

    const { page, pageErrors } = await newSignedInPage(browser, baseUrl, analyst);
    await page.goto(`${baseUrl}/print/overview?${DECEMBER}&breakdown=loss`);
    await page.locator('[data-testid="print-button"]:not([disabled])').waitFor({ timeout: 60_000 });
    const chart = page.locator('[data-testid="print-overview"] [data-testid="chart-district"]');
    await chart.locator('li').first().waitFor({ timeout: 30_000 });

    const valueOf = async (name: string) => (await chart.locator(`button[data-key="${name}"] .bar-list__value`).textContent())?.trim();
    for (const d of few) {
      expect(await valueOf(d.name), d.name).toBe('withheld*');
    }
    // The largest: never the one withheld beside a single withheld district.
    const shown = [...many].sort((a, b) => b.lossPence - a.lossPence)[0]!;
    expect(await valueOf(shown.name)).toBe(`£${Math.round(shown.lossPence / 100).toLocaleString('en-GB')}`);
    expect(await chart.locator('[data-testid="bar-list-note"]').textContent()).toContain('fewer than three people lost money');

    await chart.scrollIntoViewIfNeeded();
    await screenshot(page, 'print-overview-withheld-losses');
    expect(pageErrors).toEqual([]);
  });
});
