import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { IncidentList } from '@scam/shared';
import { launchBrowser, newSignedInPage, screenshot } from './support/browser.js';
import { OverviewPage, api, eventually } from './support/pages.js';
import { sessionFor } from './support/session.js';

const baseUrl = inject('baseUrl');
const accounts = inject('accounts');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('the audit trail reads in words', () => {
  it('a screen someone opened is one line saying what they saw; its calls open underneath', async () => {
    const viewer = await sessionFor(baseUrl, accounts.viewer);
    const seen = await newSignedInPage(browser, baseUrl, viewer);
    await new OverviewPage(seen.page, baseUrl).open('method=courier&district=Watford&from=2026-10-01&to=2026-10-31');
    await seen.context.close();

    const admin = await sessionFor(baseUrl, accounts.admin);
    const { page, context, pageErrors } = await newSignedInPage(browser, baseUrl, admin);
    await page.goto(`${baseUrl}/admin?user=${accounts.viewer.username}`);
    const line = page.locator('[data-testid="audit-row"]', { hasText: 'Viewed the overview: courier fraud, Watford, Oct 2026' });
    await line.first().waitFor({ timeout: 30_000 });
    // One page load, one line (not one per chart).
    expect(await line.count()).toBe(1);
    expect(await line.getAttribute('data-action')).toBe('consultation');
    await line.locator('[data-testid="audit-calls-toggle"]').click();
    const calls = page.locator('[data-testid="audit-call"]');
    expect(await calls.count()).toBeGreaterThanOrEqual(3);
    expect(await calls.allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('Viewed the headline figures: courier fraud, Watford, Oct 2026')]),
    );
    await screenshot(page, 'audit-trail-in-words');
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('the reference box answers who opened an incident', async () => {
    const admin = await sessionFor(baseUrl, accounts.admin);
    const first = (await api<IncidentList>(baseUrl, '/api/incidents?limit=1&method=romance', admin)).incidents[0];
    const reference = first?.reference ?? '';
    expect(reference).not.toBe('');

    const analyst = await sessionFor(baseUrl, accounts.analyst);
    const opener = await newSignedInPage(browser, baseUrl, analyst);
    await opener.page.goto(`${baseUrl}/incidents?open=${encodeURIComponent(reference)}`);
    const dialog = opener.page.locator('[data-testid="incident-detail"]');
    await dialog.waitFor({ timeout: 30_000 });
    await expect.poll(() => dialog.locator('#incident-title').textContent()).toBe(reference);
    await opener.context.close();

    const { page, context } = await newSignedInPage(browser, baseUrl, admin);
    await page.goto(`${baseUrl}/admin`);
    await page.locator('[data-testid="audit-reference"]').fill(reference.toLowerCase());
    await page.locator('[data-testid="audit-apply"]').click();
    await eventually(async () => {
      expect(new URL(page.url()).searchParams.get('reference')).toBe(reference.toLowerCase());
      const lines = await page
        .locator('[data-testid="audit-row"]')
        .evaluateAll((els) =>
          els.map((e) => `${e.getAttribute('data-user')}: ${e.querySelector('[data-testid="audit-description"]')?.textContent}`),
        );
      expect(lines).toEqual(
        expect.arrayContaining([
          expect.stringMatching(
            new RegExp(`^${accounts.analyst.username}: Viewed the incident list.*; opened ${reference.replaceAll('/', '\\/')}$`),
          ),
        ]),
      );
    });
    await context.close();
  });
});

describe('records refused while the audit trail cannot be written', () => {
  it('the screen says why in the read-only banner, and comes back by itself once the trail can be written', async () => {
    const analyst = await sessionFor(baseUrl, accounts.analyst);
    const { page, context } = await newSignedInPage(browser, baseUrl, analyst);
    // The shared browser-test server's store cannot be broken for one test (the API tests break a real
    // one): its answers are edited in flight, as the server gives them when its disk is full.
    let broken = false;
    const reason = 'the audit trail cannot be written (the disk is full)';
    await context.route('**/api/summary**', async (route) => {
      if (!broken) return route.continue();
      await route.fulfill({
        status: 503,
        headers: { 'retry-after': '5' },
        json: {
          error: { code: 'audit_unavailable', message: `not shown: this view cannot be recorded in the audit trail (the disk is full)` },
        },
      });
    });
    await context.route('**/api/session', async (route) => {
      if (!broken || route.request().method() !== 'GET') return route.continue();
      const response = await route.fetch();
      await route.fulfill({
        response,
        json: { ...(await response.json()), readOnly: true, auditUnavailable: true, readOnlyReason: reason },
      });
    });
    const overview = new OverviewPage(page, baseUrl);
    await overview.open();
    const banner = page.locator('[data-testid="read-only-banner"]');
    expect(await banner.count()).toBe(0);

    broken = true;
    await overview.chooseInMultiSelect('filter-method', 'romance');
    await banner.waitFor({ timeout: 15_000 });
    expect(await banner.textContent()).toBe(
      `Records cannot be shown: ${reason}. Every view must be recorded, so screens stay empty until it can be; the administrator has been told.`,
    );
    expect(await page.getByText('not shown: this view cannot be recorded in the audit trail').count()).toBeGreaterThan(0);
    await screenshot(page, 'audit-unavailable-banner');

    broken = false;
    // The page asks again every 10 seconds while records are refused.
    await banner.waitFor({ state: 'detached', timeout: 25_000 });
    await overview.waitForFigures();
    await context.close();
  });
});
