import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { IncidentList, SeriesList } from '@scam/shared';
import { LAPTOP, PHONE, launchBrowser, newAnalystPage, newSignedInPage, screenshot } from './support/browser.js';
import { ImportPage, OverviewPage, SignInPage, api, everyPage, layoutSettled, openPage, type AppPage } from './support/pages.js';
import { sessionFor } from './support/session.js';

const baseUrl = inject('baseUrl');
const accounts = inject('accounts');
let browser: Browser;
let admin: string;
let seriesId: string;
let reference: string;

beforeAll(async () => {
  browser = await launchBrowser();
  admin = await sessionFor(baseUrl, accounts.admin);
  // A detected series for the series pages (stored by this run, so its id is stable).
  const list = await api<SeriesList>(baseUrl, '/api/series?from=2025-12-01&to=2025-12-31&method=courier&replicates=199', admin);
  const first = list.series[0];
  if (!first) throw new Error('the demo data should hold the December 2025 courier series');
  seriesId = first.id;
  const incidents = await api<IncidentList>(baseUrl, '/api/incidents?sort=lossPence&order=desc', admin);
  reference = incidents.incidents[0]!.reference;
});
afterAll(async () => {
  await browser?.close();
});

/** Every page an administrator can open, an open incident and the loaded audit trail included. */
function pages(): AppPage[] {
  return [
    ...everyPage(seriesId),
    {
      name: 'incident-detail',
      path: `/incidents?open=${encodeURIComponent(reference)}`,
      ready: '[data-testid="incident-detail"] .dialog__body',
    },
    { name: 'admin-audit-trail', path: '/admin', ready: '[data-testid="audit-row"]' },
  ];
}

function open(page: Page, path: string, ready: string): Promise<void> {
  return openPage(page, baseUrl + path, ready);
}

/**
 * What a phone user would have to pan sideways to (or could not reach at all, past the left edge):
 * every shown element reaching outside the window, unless a scroll box that is itself on screen clips
 * it (a wide table scrolling inside its panel, map tiles inside the map). Plus the page's own width.
 */
async function sideways(page: Page): Promise<{ scrollWidth: number; bodyWidth: number; outside: string[] }> {
  // A string, as the other in-page checks: this package compiles without the DOM's types.
  return (await page.evaluate(`(() => {
    const vw = document.documentElement.clientWidth;
    const name = (e) => e.tagName.toLowerCase() + (e.getAttribute('data-testid') ? '[' + e.getAttribute('data-testid') + ']' : '')
      + (typeof e.className === 'string' && e.className ? '.' + e.className.trim().split(/\\s+/).join('.') : '');
    const outside = [];
    for (const e of document.querySelectorAll('body *')) {
      // Closed disclosures, hidden menus and visually hidden text are not on screen.
      if (!e.checkVisibility({ visibilityProperty: true })) continue;
      const r = e.getBoundingClientRect();
      if (r.width <= 1 || r.height <= 1) continue;
      if (r.left >= -0.5 && r.right <= vw + 0.5) continue;
      let clipped = false;
      for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
        if (getComputedStyle(p).overflowX === 'visible') continue;
        const pr = p.getBoundingClientRect();
        if (pr.left >= -0.5 && pr.right <= vw + 0.5) { clipped = true; break; }
      }
      if (!clipped) outside.push(name(e.parentElement) + ' > ' + name(e) + ' ' + Math.round(r.left) + '–' + Math.round(r.right) + ' px');
    }
    return { scrollWidth: document.documentElement.scrollWidth, bodyWidth: document.body.scrollWidth, outside: outside.slice(0, 8) };
  })()`)) as { scrollWidth: number; bodyWidth: number; outside: string[] };
}

async function expectNoSidewaysScroll(page: Page, what: string): Promise<void> {
  const found = await sideways(page);
  expect(found.scrollWidth, `${what}: page width at 390 px`).toBeLessThanOrEqual(PHONE.width);
  expect(found.bodyWidth, `${what}: body width at 390 px`).toBeLessThanOrEqual(PHONE.width);
  expect(found.outside, `${what}: elements outside the screen`).toEqual([]);
}

interface Box {
  x: number;
  r: number;
}

async function boxOf(page: Page, selector: string): Promise<Box> {
  const b = await page.locator(selector).first().boundingBox();
  if (!b) throw new Error(`${selector} is not on the page`);
  return { x: b.x, r: b.x + b.width };
}

/**
 * The drop-downs whose chosen option does not fit the box: the option's text, set in the box's own
 * font, wider than the box less its padding and arrow (16 px).
 */
async function cutChoices(page: Page, selector: string): Promise<string[]> {
  return (await page.evaluate(`(() => {
    const cut = [];
    for (const select of document.querySelectorAll(${JSON.stringify(selector)})) {
      const text = select.selectedOptions[0] ? select.selectedOptions[0].textContent : '';
      const probe = document.createElement('span');
      probe.style.cssText = 'position:absolute;visibility:hidden;white-space:pre;font:' + getComputedStyle(select).font;
      probe.textContent = text;
      document.body.append(probe);
      const style = getComputedStyle(select);
      const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 16;
      if (probe.getBoundingClientRect().width > room) cut.push(text + ' (' + Math.round(probe.getBoundingClientRect().width) + ' px in ' + Math.round(room) + ')');
      probe.remove();
    }
    return cut;
  })()`)) as string[];
}

/** A weekly return whose columns are read with a mapping (one left unused) and whose rows break four rules. */
const RETURN_WITH_ERRORS = [
  'Crime Reference Number,Offence Date,Town,Scam Type,Loss (£),Victim age,Outcome,Officer in charge of the investigation notes',
  'E2E/PHONE/1,12/01/2026,Stevenage,Courier fraud,2500,81,Loss,Cash collected at the door after a call from a withheld number',
  'E2E/PHONE/2,31/02/2026,Hitchin,Courier fraud,1200,79,Loss,',
  'E2E/PHONE/3,13/01/2026,Nowhereville-on-the-Extremely-Long-Marsh,Courier fraud,300,88,Loss,',
  'E2E/PHONE/4,14/01/2026,Watford,Bank impersonation,lots of money (about three thousand pounds),75,Loss,',
  'E2E/PHONE/5,15/01/2026,Ware,Courier fraud,100,200,Loss,',
].join('\r\n');

const LONG_NAME = 'alexandra.fitzgerald-montgomery';

describe('a phone (390 px)', () => {
  it('no page scrolls sideways, and nothing on any page reaches off the screen', { timeout: 300_000 }, async () => {
    const signedOut = await newAnalystPage(browser, PHONE);
    await signedOut.page.goto(baseUrl + '/');
    await new SignInPage(signedOut.page).waitFor();
    await expectNoSidewaysScroll(signedOut.page, 'sign-in');
    await signedOut.context.close();

    const { page, context, pageErrors } = await newSignedInPage(browser, baseUrl, admin, PHONE);
    // The header must hold a long account name too, not only "admin": the session's answer is edited
    // in flight, so the shared server's accounts stay as they are.
    await context.route('**/api/session', async (route) => {
      if (route.request().method() !== 'GET') return route.continue();
      const response = await route.fetch();
      const body = (await response.json()) as { user?: { name: string } };
      if (body.user) body.user.name = LONG_NAME;
      await route.fulfill({ response, json: body });
    });
    for (const p of pages()) {
      await open(page, p.path, p.ready);
      await expectNoSidewaysScroll(page, p.name);
    }

    // The import page at its widest: a file read with a column mapping, and rows it will reject.
    const importPage = new ImportPage(page, baseUrl);
    await importPage.open();
    await importPage.choose('weekly-return-with-problems.csv', RETURN_WITH_ERRORS);
    expect(await importPage.counts()).toMatchObject({ rows: 5, rejected: 4 });
    await page.locator('[data-testid="import-error-row"]').first().waitFor();
    await layoutSettled(page, 'body');
    await expectNoSidewaysScroll(page, 'import with a mapping and errors');
    expect(await page.locator('[data-testid="account-name"]').textContent()).toBe(LONG_NAME);
    // Each part stays inside its own panel, as well as on the screen.
    const panel = await boxOf(page, 'section[aria-labelledby="plan-title"]');
    for (const part of ['[data-testid="import-mapping"]', '[data-testid="import-counts"]', '[data-testid="import-errors"]']) {
      const box = await boxOf(page, part);
      expect(box.x, part).toBeGreaterThanOrEqual(panel.x);
      expect(box.r, part).toBeLessThanOrEqual(panel.r);
    }
    // The mapping's choices are read whole: each chooser shows its field's name in full.
    expect(await cutChoices(page, '[data-testid="import-mapping-select"]')).toEqual([]);
    await screenshot(page, 'phone-import-mapping-errors');
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('the filters fold behind one button, which opens them; the page itself is on the first screen', async () => {
    const { page, context } = await newSignedInPage(browser, baseUrl, admin, PHONE);
    const overview = new OverviewPage(page, baseUrl);
    await overview.open();
    const toggle = page.locator('[data-testid="filters-toggle"]');
    const method = page.locator('[data-testid="filter-method"]');
    expect(await toggle.isVisible()).toBe(true);
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await method.isVisible()).toBe(false);
    // Folded, what is applied is still said, and the headline figures are on the first screen.
    expect(await page.locator('[data-testid="active-range"]').isVisible()).toBe(true);
    const figures = await page.locator('[data-testid="figure-reports"]').boundingBox();
    expect(figures!.y + figures!.height).toBeLessThanOrEqual(PHONE.height);
    await screenshot(page, 'phone-overview-filters-folded');

    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    for (const id of ['filter-method', 'filter-district', 'filter-place', 'filter-outcome', 'filter-age-band']) {
      expect(await page.locator(`[data-testid="${id}"]`).isVisible(), id).toBe(true);
    }
    await overview.chooseInMultiSelect('filter-method', 'courier');
    await page.waitForURL(/method=courier/);
    expect(await toggle.textContent()).toContain('1 set');
    // The drop-down panels open on the screen, not off its edges.
    await page.locator('[data-testid="filter-place"] summary').click();
    await page.locator('[data-testid="filter-place-input"]').waitFor();
    await expectNoSidewaysScroll(page, 'overview with the place picker open');
    await page.locator('[data-testid="filter-place"] summary').click();
    await page.locator('.views-menu__summary').click();
    await page.locator('.views-menu__panel').waitFor();
    await expectNoSidewaysScroll(page, 'overview with saved views open');
    await page.locator('.views-menu__summary').click();
    await screenshot(page, 'phone-overview-filters-open');

    await toggle.click();
    expect(await method.isVisible()).toBe(false);
    expect(await toggle.textContent()).toContain('1 set');

    // The incident list, the same: folded filters, and the first rows on the first screen.
    await open(page, '/incidents', 'table tbody tr');
    expect(await method.isVisible()).toBe(false);
    const firstRow = await page.locator('[data-testid="incident-row"]').first().boundingBox();
    expect(firstRow!.y).toBeLessThan(PHONE.height);
    await context.close();
  });

  it('on a laptop the filters are shown as they are, with no button to fold them', async () => {
    const { page, context } = await newSignedInPage(browser, baseUrl, admin, LAPTOP);
    await new OverviewPage(page, baseUrl).open();
    expect(await page.locator('[data-testid="filters-toggle"]').isVisible()).toBe(false);
    expect(await page.locator('[data-testid="filter-method"]').isVisible()).toBe(true);
    await context.close();
  });
});

describe('the first screen', () => {
  for (const viewport of [LAPTOP, PHONE]) {
    it(`after signing in at ${viewport.width} px, the page opens at its top with the marking and header in view`, async () => {
      const { page, context } = await newAnalystPage(browser, viewport);
      await page.goto(baseUrl + '/');
      const signIn = new SignInPage(page);
      await signIn.waitFor();
      await signIn.signIn(accounts.analyst.username, accounts.analyst.password);
      await new OverviewPage(page, baseUrl).waitForFigures();
      await layoutSettled(page, 'body');
      expect(await page.evaluate('window.scrollY')).toBe(0);
      for (const part of ['[data-testid="protective-marking"]', '.app-header']) {
        const box = await page.locator(part).boundingBox();
        expect(box!.y, part).toBeGreaterThanOrEqual(0);
      }
      await context.close();
    });
  }
});
