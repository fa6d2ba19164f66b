import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { MapLabels, SeriesList } from '@scam/shared';
import { LAPTOP, launchBrowser, newSignedInPage, screenshot } from './support/browser.js';
import { api, layoutSettled } from './support/pages.js';
import { sessionFor } from './support/session.js';

const baseUrl = inject('baseUrl');
const accounts = inject('accounts');
let browser: Browser;
let analyst: string;

beforeAll(async () => {
  browser = await launchBrowser();
  analyst = await sessionFor(baseUrl, accounts.analyst);
});
afterAll(async () => {
  await browser?.close();
});

interface Rect {
  x: number;
  y: number;
  r: number;
  b: number;
}
interface MapReading {
  frame: Rect;
  markers: (Rect & { key: string; reports: number })[];
  /** Each name's box is its letters' own box (a Range over its text), not its element's. */
  labels: (Rect & { text: string; kind: string; for: string | null; visible: boolean })[];
  leaders: number;
}

/** The markers and names of the map under `root`, as drawn. A string: e2e compiles without the DOM's types. */
async function readMap(page: Page, root: string): Promise<MapReading> {
  return (await page.evaluate(`(() => {
    const root = document.querySelector(${JSON.stringify(root)});
    const rect = (r) => ({ x: r.left, y: r.top, r: r.right, b: r.bottom });
    const frame = rect(root.querySelector('.map-frame').getBoundingClientRect());
    const markers = [...root.querySelectorAll('[data-testid="map-marker"]')].map((m) => ({
      ...rect(m.getBoundingClientRect()), key: m.getAttribute('data-key'), reports: Number(m.getAttribute('data-reports')),
    }));
    const labels = [...root.querySelectorAll('[data-testid="map-label"]')].map((l) => {
      const range = document.createRange();
      range.selectNodeContents(l);
      const s = getComputedStyle(l);
      return {
        ...rect(range.getBoundingClientRect()),
        text: l.textContent, kind: l.getAttribute('data-kind'), for: l.getAttribute('data-for'),
        visible: s.visibility !== 'hidden' && s.display !== 'none' && Number(s.opacity) > 0.5,
      };
    });
    return { frame, markers, labels, leaders: root.querySelectorAll('.map-label-leader').length };
  })()`)) as MapReading;
}

const overlap = (a: Rect, b: Rect) => a.x < b.r && b.x < a.r && a.y < b.b && b.y < a.b;
const inside = (a: Rect, b: Rect) => a.x >= b.x - 0.5 && a.y >= b.y - 0.5 && a.r <= b.r + 0.5 && a.b <= b.b + 0.5;

/** The biggest markers by reports: the first `n`, and any tied with the last of them. */
function largest(markers: MapReading['markers'], n: number): MapReading['markers'] {
  const sorted = [...markers].sort((a, b) => b.reports - a.reports);
  const cut = sorted[Math.min(n, sorted.length) - 1]?.reports ?? 0;
  return sorted.filter((m) => m.reports >= cut);
}

/** What an analyst checks on any of the maps: the biggest clusters named, and names legible. */
function expectNamedAndTidy(map: MapReading, where: string) {
  const top = largest(map.markers, 5);
  expect(top.length, where).toBeGreaterThanOrEqual(5);
  for (const m of top) {
    const name = map.labels.find((l) => l.for === m.key);
    expect(name, `the ${m.reports}-report cluster is named, ${where}`).toBeDefined();
    expect(name!.visible, `${name!.text} is visible, ${where}`).toBe(true);
    expect(inside(name!, map.frame), `${name!.text} lies inside the map, ${where}`).toBe(true);
  }
  for (const [i, a] of map.labels.entries()) {
    for (const b of map.labels.slice(i + 1)) expect(overlap(a, b), `"${a.text}" overlaps "${b.text}", ${where}`).toBe(false);
    for (const m of map.markers) expect(overlap(a, m), `"${a.text}" covers the ${m.reports}-report marker, ${where}`).toBe(false);
  }
}

describe('names on the maps', () => {
  it('the overview names its five largest clusters, and no two names overlap', async () => {
    const { page, context, pageErrors } = await newSignedInPage(browser, baseUrl, analyst, LAPTOP);
    await page.goto(`${baseUrl}/`);
    await page.locator('[data-testid="map"] [data-testid="map-marker"]').first().waitFor({ timeout: 60_000 });
    await page.locator('[data-testid="map"] [data-testid="map-label"]').first().waitFor({ timeout: 30_000 });
    await layoutSettled(page, '[data-testid="map"]');
    await page.locator('[data-testid="map"]').scrollIntoViewIfNeeded();
    const map = await readMap(page, '[data-testid="map"]');
    // Demo scale: every report in the county, clustered at the county view.
    expect(map.markers.reduce((n, m) => n + m.reports, 0)).toBeGreaterThan(10_000);
    expectNamedAndTidy(map, 'overview');
    // Every name is a cluster's or a district's or a town's, and the clusters say whose they are.
    expect(map.labels.filter((l) => l.kind === 'marker').every((l) => map.markers.some((m) => m.key === l.for))).toBe(true);
    await screenshot(page, 'map-labels-overview');
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('the printed overview names places by the same rules', async () => {
    const { page, context, pageErrors } = await newSignedInPage(browser, baseUrl, analyst, LAPTOP);
    await page.goto(`${baseUrl}/print/overview?method=courier`);
    const sheet = '[data-testid="print-overview"]';
    await page.locator('[data-testid="print-button"]:not([disabled])').waitFor({ timeout: 60_000 });
    await page.locator(`${sheet} [data-testid="map-label"]`).first().waitFor({ timeout: 30_000 });
    await layoutSettled(page, sheet);
    await page.locator(`${sheet} .map-frame`).scrollIntoViewIfNeeded();
    expectNamedAndTidy(await readMap(page, sheet), 'printed overview');
    await screenshot(page, 'map-labels-print-overview');
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('a series map names the series’ own places and districts, and no town outside them at the county view', async () => {
    const list = await api<SeriesList>(baseUrl, '/api/series?from=2025-12-01&to=2025-12-31&method=courier&replicates=199', analyst);
    // One in a few districts (the first found is the whole county's), so there are towns outside it.
    const series = list.series.find((s) => s.districts.length <= 3);
    if (!series) throw new Error('the demo data should hold a December 2025 courier series in a few districts');
    const gazetteer = await api<MapLabels>(baseUrl, '/api/map-labels', analyst);
    const own = new Set(series.districts.map((d) => d.name));
    const { page, context, pageErrors } = await newSignedInPage(browser, baseUrl, analyst, LAPTOP);
    await page.goto(`${baseUrl}/series?id=${encodeURIComponent(series.id)}`);
    const map = '[data-testid="series-map"]';
    await page.locator(`${map} .series-map__marker`).first().waitFor({ timeout: 60_000 });
    await page.locator(`${map} [data-testid="map-label"]`).first().waitFor({ timeout: 30_000 });
    await layoutSettled(page, map);
    const labels = await page
      .locator(`${map} [data-testid="map-label"]`)
      .evaluateAll((els) => els.map((e) => ({ text: e.textContent ?? '', kind: e.getAttribute('data-kind') })));
    // The biggest member places carry their names and counts.
    const biggest = [...series.places].sort((a, b) => b.count - a.count).slice(0, Math.min(3, series.places.length));
    for (const p of biggest)
      expect(
        labels.map((l) => l.text.replace('\n', ' ')),
        p.name,
      ).toContain(`${p.name} (${p.count})`);
    // Its main district is named, ahead of the districts it did not touch.
    const main = [...series.districts].sort((a, b) => b.count - a.count)[0]!;
    expect(labels.filter((l) => l.kind === 'district').map((l) => l.text)).toContain(main.name);
    // A town named without a marker lies in one of the series' districts.
    for (const t of labels.filter((l) => l.kind === 'town')) {
      expect(
        gazetteer.places.some((p) => p.name === t.text && own.has(p.district)),
        `${t.text} is in ${[...own].join(', ')}`,
      ).toBe(true);
    }
    await screenshot(page, 'map-labels-series');
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
