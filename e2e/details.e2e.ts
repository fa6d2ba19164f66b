import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  addDays,
  callerNumberKey,
  type IncidentDetail,
  type IncidentList,
  type Meta,
  type SeriesAlerts,
  type TimelineEvent,
} from '@scam/shared';
import { wcagViolations } from './support/axe.js';
import { LAPTOP, launchBrowser, newSignedInPage, screenshot } from './support/browser.js';
import { api, eventually, IncidentsPage, layoutSettled, OverviewPage } from './support/pages.js';
import { sessionFor } from './support/session.js';

/** The small things that cost a unit time: chart tooltips and event labels, the incident list's search and Back, an incident's series. */

const baseUrl = inject('baseUrl');
const accounts = inject('accounts');
let browser: Browser;
let admin: string;

beforeAll(async () => {
  browser = await launchBrowser();
  admin = await sessionFor(baseUrl, accounts.admin);
});
afterAll(async () => {
  await browser?.close();
});

interface Box {
  x: number;
  y: number;
  r: number;
  b: number;
}

async function boxOf(locator: Locator): Promise<Box> {
  const b = await locator.boundingBox();
  if (!b) throw new Error('not drawn');
  return { x: b.x, y: b.y, r: b.x + b.width, b: b.y + b.height };
}

const overlap = (a: Box, b: Box) => a.x < b.r && b.x < a.r && a.y < b.b && b.y < a.b;

/** "rgb(230, 159, 0)" for "#E69F00", as the browser reports a computed colour. */
function rgb(hex: string): string {
  const n = parseInt(hex.slice(1), 16);
  return `rgb(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255})`;
}

/** Points at the chart's tallest bar (or, for a line chart, the middle of its plot) until its tooltip shows. */
async function openTooltip(page: Page, chart: Locator): Promise<Locator> {
  await chart.scrollIntoViewIfNeeded();
  const bars = chart.locator('.recharts-bar-rectangle path');
  let target: Box;
  if ((await bars.count()) > 0) {
    const all = await bars.evaluateAll((els) =>
      els.map((e) => {
        const r = e.getBoundingClientRect();
        return { x: r.x, y: r.y, r: r.right, b: r.bottom };
      }),
    );
    target = all.reduce((best, b) => (b.b - b.y > best.b - best.y ? b : best));
  } else {
    target = await boxOf(chart.locator('.recharts-cartesian-grid'));
  }
  const tooltip = page.locator('[data-testid="chart-tooltip"]');
  await eventually(async () => {
    await page.mouse.move((target.x + target.r) / 2 + Math.random(), (target.y + target.b) / 2);
    expect(await tooltip.isVisible()).toBe(true);
  });
  return tooltip;
}

/** What a user reads in a tooltip: for each line, the colours of its text and of its swatch. */
async function tooltipColours(tooltip: Locator) {
  return tooltip.locator('.chart-tooltip__item').evaluateAll((items) => {
    // This package compiles without the DOM's types: the page's own getComputedStyle, typed here.
    type Style = { color: string; backgroundColor: string; borderTopColor: string };
    type El = (typeof items)[number];
    const style = (e: El | null) => (globalThis as unknown as { getComputedStyle: (e: El) => Style }).getComputedStyle(e!);
    return items.map((li) => {
      const swatch = style(li.querySelector('.chart-tooltip__swatch'));
      return {
        name: li.querySelector('.chart-tooltip__name')?.textContent ?? '',
        nameColour: style(li.querySelector('.chart-tooltip__name')).color,
        valueColour: style(li.querySelector('.chart-tooltip__value')).color,
        swatch: swatch.backgroundColor === 'rgba(0, 0, 0, 0)' ? swatch.borderTopColor : swatch.backgroundColor,
      };
    });
  });
}

describe('chart tooltips', () => {
  it('write every line in the text colour beside a swatch of its series colour, and axe-core finds nothing with one open', async () => {
    const { page, context } = await newSignedInPage(browser, baseUrl, admin, LAPTOP);
    const overview = new OverviewPage(page, baseUrl);
    await overview.open();
    await overview.markers().first().waitFor({ timeout: 60_000 });
    const chart = page.locator('[data-testid="chart-time"]');
    await chart.locator('.recharts-bar-rectangle').first().waitFor({ timeout: 30_000 });
    await layoutSettled(page, '#root');
    const textColour = await page.evaluate('getComputedStyle(document.body).color');

    const tooltip = await openTooltip(page, chart);
    const lines = await tooltipColours(tooltip);
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines) {
      expect(line.nameColour, line.name).toBe(textColour);
      expect(line.valueColour, line.name).toBe(textColour);
      expect(line.swatch, line.name).not.toBe(textColour);
    }
    // The light orange that failed as text (2.25:1) is still there, as a swatch.
    const techSupport = lines.find((l) => l.name === 'Computer / broadband support');
    expect(techSupport?.swatch).toBe(rgb('#E69F00'));
    expect(await tooltip.locator('.chart-tooltip__title').textContent()).toMatch(/\d{4}/);
    await screenshot(page, 'details-overview-tooltip');
    expect(await wcagViolations(page)).toEqual([]);

    // The running total is a line chart with a dashed line: its swatch is dashed too.
    await page.locator('label.segmented__option', { hasText: 'Running total' }).click();
    await chart.locator('.recharts-line').first().waitFor({ timeout: 30_000 });
    await layoutSettled(page, '[data-testid="chart-time"]');
    const running = await openTooltip(page, chart);
    const lost = running.locator('.chart-tooltip__item').filter({ hasText: 'Lost (running total)' });
    expect(await lost.locator('.chart-tooltip__swatch--dashed').count()).toBe(1);
    expect((await tooltipColours(running)).every((l) => l.nameColour === textColour)).toBe(true);
    expect(await wcagViolations(page)).toEqual([]);
    await context.close();
  });

  it('read the same on a series timeline', async () => {
    const alerts = await api<SeriesAlerts>(baseUrl, '/api/series/alerts', admin);
    const series = alerts.series[0];
    if (!series) throw new Error('the demo data should raise a watch alert');
    const { page, context } = await newSignedInPage(browser, baseUrl, admin, LAPTOP);
    await page.goto(`${baseUrl}/series?id=${encodeURIComponent(series.id)}`);
    const chart = page.locator('[data-testid="series-timeline"]');
    await chart.locator('.recharts-bar-rectangle').first().waitFor({ timeout: 60_000 });
    await layoutSettled(page, '#root');
    const textColour = await page.evaluate('getComputedStyle(document.body).color');
    const tooltip = await openTooltip(page, chart);
    const lines = await tooltipColours(tooltip);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((l) => l.nameColour === textColour && l.swatch !== textColour)).toBe(true);
    expect(await wcagViolations(page)).toEqual([]);
    await context.close();
  });
});

describe('event labels on the chart', () => {
  it('are drawn whole inside the chart and clear of each other, even on its last week', async () => {
    const meta = await api<Meta>(baseUrl, '/api/meta', admin);
    const last = meta.dataRange?.last;
    if (!last) throw new Error('the demo data has no date range');
    // Three events in the last three weeks: the last one on the chart's right edge, where "Advice…" was cut off.
    const titles = [
      [addDays(last, -15), 'Press appeal on BBC Three Counties radio'],
      [addDays(last, -8), 'Arrest of courier gang in Stevenage'],
      [last, 'Advice leaflet drop in Watford and Hemel Hempstead'],
    ] as const;
    const created: TimelineEvent[] = [];
    const send = (method: string, path: string, body?: unknown) =>
      fetch(`${baseUrl}${path}`, {
        method,
        headers: { 'Content-Type': 'application/json', Origin: baseUrl, Cookie: admin },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    try {
      for (const [day, title] of titles) {
        const res = await send('POST', '/api/timeline-events', { day, kind: 'appeal_published', title });
        expect(res.status).toBe(201);
        created.push((await res.json()) as TimelineEvent);
      }
      const { page, context } = await newSignedInPage(browser, baseUrl, admin, LAPTOP);
      const overview = new OverviewPage(page, baseUrl);
      for (const interval of ['week', 'month'] as const) {
        await overview.open(`from=${addDays(last, -83)}&to=${last}&interval=${interval}`);
        const chart = page.locator('[data-testid="chart-time"]');
        const markers = chart.locator('[data-testid="event-marker"]');
        await eventually(async () => expect(await markers.count()).toBeGreaterThan(0), 30_000);
        await layoutSettled(page, '[data-testid="chart-time"]');
        const svg = await boxOf(chart.locator('.recharts-wrapper > svg.recharts-surface'));
        const drawn: (Box & { text: string })[] = [];
        for (let i = 0, n = await markers.count(); i < n; i++) {
          const marker = markers.nth(i);
          const label = (await marker.getAttribute('data-label')) ?? '';
          const full = (await marker.locator('title').textContent()) ?? '';
          const text = marker.locator('text');
          // Every event's full title is in the marker (read out, and shown on hover) and in the list below.
          for (const [, title] of titles) {
            if (full.includes(title))
              expect(await page.locator('[data-testid="timeline-events"]').getByText(title, { exact: true }).count()).toBe(1);
          }
          expect(await text.count(), `${interval}: ${full}`).toBe(1);
          const shown = (await text.textContent()) ?? '';
          // The label whole, or a readable start of it with an ellipsis.
          if (shown !== label) {
            expect(shown.endsWith('…'), `${interval}: "${shown}"`).toBe(true);
            expect(label.startsWith(shown.slice(0, -1).trimEnd()), `${interval}: "${shown}"`).toBe(true);
            expect(shown.length, `${interval}: "${shown}"`).toBeGreaterThanOrEqual(4);
          }
          drawn.push({ ...(await boxOf(text)), text: shown });
        }
        for (const [i, a] of drawn.entries()) {
          // Inside the chart: nothing cut off at its edges.
          expect(a.x, `${interval}: ${a.text}`).toBeGreaterThanOrEqual(svg.x);
          expect(a.r, `${interval}: ${a.text}`).toBeLessThanOrEqual(svg.r);
          for (const b of drawn.slice(i + 1)) expect(overlap(a, b), `${interval}: ${a.text} / ${b.text}`).toBe(false);
        }
        if (interval === 'week') {
          expect(drawn).toHaveLength(titles.length);
          await screenshot(page, 'details-event-labels');
        }
      }
      await context.close();
    } finally {
      for (const e of created) await send('DELETE', `/api/timeline-events/${e.id}`);
    }
  });
});

describe('the incident list', () => {
  it('has one search box, for references, towns, caller numbers and accounts, and keeps old links working', async () => {
    const sample = await api<IncidentList>(baseUrl, '/api/incidents?limit=200', admin);
    const withNumber = sample.incidents.find((i) => callerNumberKey(i.callerNumber) !== null);
    if (!withNumber?.callerNumber) throw new Error('the demo data should have caller numbers');
    const key = callerNumberKey(withNumber.callerNumber)!;
    const byNumber = await api<IncidentList>(baseUrl, `/api/incidents?identifier=${encodeURIComponent(key)}&limit=500`, admin);

    const { page, context } = await newSignedInPage(browser, baseUrl, admin, LAPTOP);
    const list = new IncidentsPage(page);
    await page.goto(`${baseUrl}/incidents`);
    await list.rows().first().waitFor({ timeout: 30_000 });
    expect(await page.locator('form[role="search"]').count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Find' }).count()).toBe(0);
    const box = page.getByRole('searchbox', { name: /reference, town, caller number or account/i });

    // A caller number, typed in another layout than the one stored.
    const typed = key.startsWith('0') ? `+44 ${key.slice(1, 5)} ${key.slice(5)}` : key;
    await box.fill(typed);
    await box.press('Enter');
    await page.waitForURL(/[?&]q=/);
    await eventually(async () => expect(await list.total()).toBe(byNumber.total));
    expect(await list.rows().evaluateAll((rows) => rows.map((r) => r.getAttribute('data-reference')))).toContain(withNumber.reference);

    // A town, and a reference, in the same box.
    await box.fill('Hitchin');
    await box.press('Enter');
    await eventually(async () => {
      const places = await page.locator('[data-testid="incident-row"] td:nth-child(3)').allTextContents();
      expect(places.length).toBeGreaterThan(0);
      expect(new Set(places)).toEqual(new Set(['Hitchin']));
    });
    await box.fill(withNumber.reference);
    await box.press('Enter');
    await eventually(async () => expect(await list.rows().first().getAttribute('data-reference')).toBe(withNumber.reference));

    // A link made before there was one box (the link view's, an incident's "All reports with this number").
    await page.goto(`${baseUrl}/incidents?identifier=${encodeURIComponent(withNumber.callerNumber)}`);
    await eventually(async () => expect(await list.total()).toBe(byNumber.total));
    expect(await box.inputValue()).toBe(withNumber.callerNumber);
    await context.close();
  });

  it('Back after opening an incident returns to the list with its filters; Close and Escape do not add a step', async () => {
    const { page, context } = await newSignedInPage(browser, baseUrl, admin, LAPTOP);
    const overview = new OverviewPage(page, baseUrl);
    await overview.open();
    const list = new IncidentsPage(page);
    const listUrl = `${baseUrl}/incidents?method=courier&district=Watford&sort=lossPence&order=asc`;
    await page.goto(listUrl);
    await list.rows().first().waitFor({ timeout: 30_000 });
    const total = await list.total();
    const first = await list.rows().first().getAttribute('data-reference');
    const dialog = page.locator('[data-testid="incident-detail"]');

    await list.rows().nth(1).locator('button').click();
    await dialog.waitFor();
    expect(page.url()).toContain('open=');
    await page.goBack();
    await dialog.waitFor({ state: 'detached' });
    expect(page.url()).toBe(listUrl);
    expect(await list.total()).toBe(total);
    expect(await list.rows().first().getAttribute('data-reference')).toBe(first);
    expect(await page.locator('[data-testid="active-filters"]').textContent()).toContain('Courier');

    // Closed with Escape: the list as it was, and Back from it goes where the list came from.
    await list.rows().first().locator('button').click();
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await page.waitForURL(listUrl);
    // Focus goes back to the row that opened it.
    expect(await page.evaluate('document.activeElement?.textContent')).toBe(first);
    await page.goBack();
    await page.waitForURL(`${baseUrl}/`);
    await context.close();
  });

  it('an incident lists the series it belongs to, each a link to its page, and Back comes back to it', async () => {
    const alerts = await api<SeriesAlerts>(baseUrl, '/api/series/alerts', admin);
    const series = alerts.series[0];
    const member = series?.incidents[0];
    if (!series || !member) throw new Error('the demo data should raise a watch alert');
    const { page, context } = await newSignedInPage(browser, baseUrl, admin, LAPTOP);
    await page.goto(`${baseUrl}/incidents?open=${encodeURIComponent(member)}`);
    const dialog = page.locator('[data-testid="incident-detail"]');
    const items = dialog.locator('[data-testid="incident-series-item"]');
    await items.first().waitFor({ timeout: 30_000 });
    const link = items.locator(`a[href="/series?id=${encodeURIComponent(series.id)}"]`);
    expect(await link.count()).toBe(1);
    expect(await link.textContent()).toContain('Courier fraud');
    expect(await items.filter({ has: page.locator(`a[href="/series?id=${encodeURIComponent(series.id)}"]`) }).textContent()).toContain(
      `Detected series · ${series.count} reports`,
    );
    await layoutSettled(page, '[data-testid="incident-detail"]');
    await screenshot(page, 'details-incident');

    await link.click();
    await page.locator('[data-testid="series-detail"]').waitFor({ timeout: 60_000 });
    expect(new URL(page.url()).searchParams.get('id')).toBe(series.id);
    await page.goBack();
    await dialog.waitFor();
    expect(await dialog.locator('#incident-title').textContent()).toBe(member);

    // A report in no series says so.
    const first = await api<IncidentList>(baseUrl, '/api/incidents?limit=20&sort=reference&order=asc', admin);
    let lone: string | undefined;
    for (const i of first.incidents) {
      const detail = await api<IncidentDetail>(baseUrl, `/api/incidents/${encodeURIComponent(i.reference)}`, admin);
      if (detail.series.length === 0) {
        lone = i.reference;
        break;
      }
    }
    if (!lone) throw new Error('the earliest demo reports should include one in no series');
    await page.goto(`${baseUrl}/incidents?open=${encodeURIComponent(lone)}`);
    await page.locator('[data-testid="incident-series-none"]').waitFor({ timeout: 30_000 });
    await context.close();
  });
});
