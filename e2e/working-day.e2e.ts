import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { SeriesList } from '@scam/shared';
import { ARTIFACTS, LAPTOP, PHONE, launchBrowser, newAnalystPage, newSignedInPage, screenshot } from './support/browser.js';
import { wcagViolations } from './support/axe.js';
import { api, everyPage, layoutSettled, openPage } from './support/pages.js';
import { sessionFor } from './support/session.js';

const baseUrl = inject('baseUrl');
const accounts = inject('accounts');
let browser: Browser;
let admin: string;
let seriesId: string;

beforeAll(async () => {
  browser = await launchBrowser();
  admin = await sessionFor(baseUrl, accounts.admin);
  // A detected series for the series pages (stored by this run, so its id is stable).
  const list = await api<SeriesList>(baseUrl, '/api/series?from=2025-12-01&to=2025-12-31&method=courier&replicates=199', admin);
  const first = list.series[0];
  if (!first) throw new Error('the demo data should hold the December 2025 courier series');
  seriesId = first.id;
});
afterAll(async () => {
  await browser?.close();
});

function open(page: Page, path: string, ready: string): Promise<void> {
  return openPage(page, baseUrl + path, ready);
}

interface Box {
  x: number;
  y: number;
  r: number;
  b: number;
}

/** The layout box of the first element a selector finds (in whatever media the page emulates). */
async function boxOf(page: Page, selector: string): Promise<Box | null> {
  const b = await page.locator(selector).first().boundingBox();
  return b ? { x: b.x, y: b.y, r: b.x + b.width, b: b.y + b.height } : null;
}

/** Every element a selector finds: its box and its text. */
async function boxesOf(page: Page, selector: string): Promise<(Box & { text: string })[]> {
  const all = page.locator(selector);
  const out: (Box & { text: string })[] = [];
  for (let i = 0, n = await all.count(); i < n; i++) {
    const b = await all.nth(i).boundingBox();
    if (b) out.push({ x: b.x, y: b.y, r: b.x + b.width, b: b.y + b.height, text: (await all.nth(i).textContent()) ?? '' });
  }
  return out;
}

/** The union of boxes: where a set of shapes lies. */
function union(boxes: readonly Box[]): Box {
  return {
    x: Math.min(...boxes.map((d) => d.x)),
    y: Math.min(...boxes.map((d) => d.y)),
    r: Math.max(...boxes.map((d) => d.r)),
    b: Math.max(...boxes.map((d) => d.b)),
  };
}

describe('phones and small screens', () => {
  it('every page fits 390 px without sideways scrolling, and the menu reaches every page', async () => {
    const { page, context } = await newSignedInPage(browser, baseUrl, admin, PHONE);
    for (const p of everyPage(seriesId)) {
      await open(page, p.path, p.ready);
      const widths = (await page.evaluate('({ doc: document.documentElement.scrollWidth, body: document.body.scrollWidth })')) as {
        doc: number;
        body: number;
      };
      expect(widths.doc, `${p.name} at 390 px`).toBeLessThanOrEqual(PHONE.width);
      expect(widths.body, `${p.name} at 390 px`).toBeLessThanOrEqual(PHONE.width);
      await screenshot(page, `phone-${p.name}`);
    }
    // The navigation folds behind Menu; opened, it lists every page the role has, each on screen.
    await open(page, '/', '[data-testid="map-marker"]');
    await expect(page.locator('[data-testid="nav-appeals"]').isVisible()).resolves.toBe(false);
    await page.locator('[data-testid="nav-toggle"]').click();
    for (const name of ['overview', 'incidents', 'import', 'series', 'links', 'appeals', 'admin']) {
      const box = await page.locator(`[data-testid="nav-${name}"]`).boundingBox();
      expect(box, name).not.toBeNull();
      expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE.width);
    }
    await page.locator('[data-testid="nav-appeals"]').click();
    await page.waitForURL(/\/appeals/);
    await expect(page.locator('[data-testid="nav-toggle"]').getAttribute('aria-expanded')).resolves.toBe('false');
    await context.close();
  });

  it('the sign-in screen fits 390 px', async () => {
    const { page, context } = await newAnalystPage(browser, PHONE);
    await page.goto(baseUrl + '/');
    await page.locator('input[type="password"]').waitFor();
    expect(Number(await page.evaluate('document.documentElement.scrollWidth'))).toBeLessThanOrEqual(PHONE.width);
    await context.close();
  });
});

describe('the map', () => {
  it('names towns and districts without names touching each other or a marker, and keeps its key off the map', async () => {
    const { page, context } = await newSignedInPage(browser, baseUrl, admin, LAPTOP);
    await open(page, '/', '[data-testid="map-marker"]');
    await page.locator('[data-testid="map-label"]').first().waitFor({ timeout: 30_000 });
    const boxes = {
      labels: await boxesOf(page, '[data-testid="map-label"]'),
      markers: await boxesOf(page, '[data-testid="map-marker"]'),
      frame: (await boxOf(page, '.map-frame'))!,
      legend: (await boxOf(page, '[data-testid="map-legend"]'))!,
    };
    expect(boxes.labels.length).toBeGreaterThan(3);
    const overlap = (a: Box, b: Box) => a.x < b.r && b.x < a.r && a.y < b.b && b.y < a.b;
    for (const [i, a] of boxes.labels.entries()) {
      for (const b of boxes.labels.slice(i + 1)) expect(overlap(a, b), `${a.text} / ${b.text}`).toBe(false);
      for (const m of boxes.markers) expect(overlap(a, m), `${a.text} over marker ${m.text}`).toBe(false);
    }
    // A cluster is named after its busiest place ("Watford +20").
    expect(boxes.labels.some((l) => /\+\d+$/.test(l.text))).toBe(true);
    // The key sits below the map frame, covering nothing, and folds away.
    expect(boxes.legend.y).toBeGreaterThanOrEqual(boxes.frame.b - 1);
    await page.locator('.map-legend__toggle').click();
    await expect(page.locator('.map-legend__body').isVisible()).resolves.toBe(false);
    await screenshot(page, 'overview-map-labels');
    await context.close();
  });
});

describe('printing', () => {
  it('the printed overview keeps the chart and the map inside their panels, with the county in the frame', async () => {
    const { page, context } = await newSignedInPage(browser, baseUrl, admin, LAPTOP);
    // From the overview's own Print link, which carries the filters.
    await open(page, '/?method=courier', '[data-testid="map-marker"]');
    await page.locator('[data-testid="print-link"]').click();
    await page.locator('[data-testid="print-button"]:not([disabled])').waitFor({ timeout: 60_000 });
    await page.locator('[data-testid="print-overview"] .recharts-bar-rectangle').first().waitFor({ timeout: 30_000 });
    await page.locator('[data-testid="print-overview"] [data-testid="map-marker"]').first().waitFor({ timeout: 30_000 });
    await layoutSettled(page, '[data-testid="print-overview"]');
    expect(await page.locator('[data-testid="print-filters"]').textContent()).toContain('Method: Courier fraud');
    expect(await page.locator('[data-testid="print-date"]').textContent()).toMatch(/^Printed \d{1,2} \w{3} \d{4}/);

    const sheet = '[data-testid="print-overview"]';
    // Charts and maps measure their box once, on screen; paper gives them no second chance. So the
    // sheet's panels must be the same size, at the same left edge, in print as on screen.
    const layout = async () => {
      const origin = (await boxOf(page, sheet))!;
      const rel = async (sel: string) => {
        const box = (await boxOf(page, `${sheet} ${sel}`))!;
        // Left edge, width and height: on paper the marking line above moves into the page margin,
        // which shifts everything up without changing any size.
        return [box.x - origin.x, box.r - box.x, box.b - box.y].map(Math.round);
      };
      return { time: await rel('.time-panel'), map: await rel('.map-panel'), frame: await rel('.map-frame') };
    };
    const onScreen = await layout();
    await page.emulateMedia({ media: 'print' });
    const onPaper = await layout();
    // Within 3 px: a border's rounding is harmless; a panel that changes size (as the old print
    // stylesheet made them, by hundreds of pixels) is not.
    for (const key of ['time', 'map', 'frame'] as const) {
      onPaper[key].forEach((v, i) =>
        expect(Math.abs(v - onScreen[key][i]!), `${key}[${i}] ${v} vs ${onScreen[key][i]}`).toBeLessThanOrEqual(3),
      );
    }
    const b = {
      sheet: await boxOf(page, sheet),
      timePanel: await boxOf(page, `${sheet} .time-panel`),
      chart: await boxOf(page, `${sheet} .time-panel .recharts-wrapper`),
      mapPanel: await boxOf(page, `${sheet} .map-panel`),
      frame: await boxOf(page, `${sheet} .map-frame`),
      county: union(await boxesOf(page, `${sheet} .district-shape`)),
      headerShown: await page.locator('.app-header').isVisible(),
    };
    const inside = (inner: Box | null, outer: Box | null) => {
      expect(inner).not.toBeNull();
      expect(outer).not.toBeNull();
      expect(inner!.x).toBeGreaterThanOrEqual(outer!.x - 1);
      expect(inner!.y).toBeGreaterThanOrEqual(outer!.y - 1);
      expect(inner!.r).toBeLessThanOrEqual(outer!.r + 1);
      expect(inner!.b).toBeLessThanOrEqual(outer!.b + 1);
    };
    inside(b.chart, b.timePanel);
    inside(b.frame, b.mapPanel);
    inside(b.county, b.frame);
    inside(b.timePanel, b.sheet);
    inside(b.mapPanel, b.sheet);
    // A4 landscape less 12 mm margins is 273 mm: the sheet is exactly the printable width.
    expect(Math.round(b.sheet!.r - b.sheet!.x)).toBe(Math.round((273 / 25.4) * 96));
    // The county fills the frame rather than sitting in a corner of it.
    expect(b.county.r - b.county.x).toBeGreaterThan(0.5 * (b.frame!.r - b.frame!.x));
    expect(b.headerShown).toBe(false);
    const pdf = await page.pdf({ path: resolve(ARTIFACTS, 'print-overview.pdf'), preferCSSPageSize: true, printBackground: true });
    const pageCount = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    expect(pageCount).toBe(2);
    await page.emulateMedia({ media: 'screen' });
    await context.close();
  });

  it('the incident list and a series print on A4 with their filters in words', async () => {
    const { page, context } = await newSignedInPage(browser, baseUrl, admin, LAPTOP);
    await open(page, '/incidents?district=Watford&sort=lossPence&order=desc', 'table tbody tr');
    await page.locator('[data-testid="print-link"]').click();
    await page.locator('[data-testid="print-button"]:not([disabled])').waitFor({ timeout: 60_000 });
    const lines = await page.locator('[data-testid="print-filters"]').textContent();
    expect(lines).toContain('District: Watford');
    expect(lines).toContain('Sorted by loss, largest first');
    const losses = await page.locator('.incidents-print__table tbody tr td:nth-child(7)').allTextContents();
    const pence = losses.map((t) => (t === '–' ? 0 : Number(t.replace(/[£,]/g, ''))));
    expect(pence.length).toBeGreaterThan(10);
    expect([...pence].sort((x, y) => y - x)).toEqual(pence);
    await page.emulateMedia({ media: 'print' });
    await page.pdf({ path: resolve(ARTIFACTS, 'print-incidents.pdf'), preferCSSPageSize: true, printBackground: true });

    await page.emulateMedia({ media: 'screen' });
    await open(page, `/series?id=${encodeURIComponent(seriesId)}`, '[data-testid="series-detail"]');
    await page.locator('[data-testid="print-link"]').click();
    await page.locator('[data-testid="print-series"] [data-testid="series-detail"]').waitFor({ timeout: 60_000 });
    await layoutSettled(page, '[data-testid="print-series"]');
    await page.emulateMedia({ media: 'print' });
    const widths = {
      sheet: (await boxOf(page, '[data-testid="print-series"]'))!,
      frame: (await boxOf(page, '[data-testid="print-series"] .map-frame'))!,
      panel: (await boxOf(page, '[data-testid="print-series"] .series-map-panel__body'))!,
    };
    expect(await page.locator('[data-testid="print-series"] .series-actions button').first().isVisible()).toBe(false);
    expect(Math.round(widths.sheet.r - widths.sheet.x)).toBe(Math.round((186 / 25.4) * 96));
    expect(widths.frame.r).toBeLessThanOrEqual(widths.panel.r + 1);
    expect(widths.frame.b).toBeLessThanOrEqual(widths.panel.b + 1);
    await page.pdf({ path: resolve(ARTIFACTS, 'print-series.pdf'), preferCSSPageSize: true, printBackground: true });
    await context.close();
  });
});

describe('accessibility', () => {
  // One test per screen size: each opens every page, signs in, and runs axe-core on it.
  for (const viewport of [LAPTOP, PHONE]) {
    it(`axe-core finds no WCAG 2.2 A or AA violation on any page at ${viewport.width} px`, { timeout: 300_000 }, async () => {
      const found: string[] = [];
      const signedOut = await newAnalystPage(browser, viewport);
      await signedOut.page.goto(baseUrl + '/');
      await signedOut.page.locator('input[type="password"]').waitFor();
      for (const v of await wcagViolations(signedOut.page)) found.push(`sign-in: ${v}`);
      await signedOut.context.close();

      const { page, context } = await newSignedInPage(browser, baseUrl, admin, viewport);
      for (const p of everyPage(seriesId)) {
        await open(page, p.path, p.ready);
        for (const v of await wcagViolations(page)) found.push(`${p.name}: ${v}`);
      }
      await context.close();
      expect(found).toEqual([]);
    });
  }
});
