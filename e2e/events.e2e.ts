import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { addDays, weekStart, type Meta, type TimelineEventList } from '@scam/shared';
import { launchBrowser, newSignedInPage, screenshot } from './support/browser.js';
import { api, eventually, OverviewPage } from './support/pages.js';
import { sessionFor } from './support/session.js';

const baseUrl = inject('baseUrl');
const accounts = inject('accounts');
let browser: Browser;
let analyst: string;
let viewer: string;

beforeAll(async () => {
  browser = await launchBrowser();
  analyst = await sessionFor(baseUrl, accounts.analyst);
  viewer = await sessionFor(baseUrl, accounts.viewer);
});
afterAll(async () => {
  await browser?.close();
});

describe('events on the timeline', () => {
  it('an analyst adds an event on the overview, sees its marker on the chart, and deletes it', async () => {
    const meta = await api<Meta>(baseUrl, '/api/meta', analyst);
    const last = meta.dataRange?.last;
    if (!last) throw new Error('the demo data has no date range');
    // Twelve weeks of data, and an event on a Wednesday in the middle of them.
    const from = addDays(last, -83);
    const day = addDays(weekStart(addDays(last, -42)), 2);
    const query = `from=${from}&to=${last}&interval=week`;
    const title = `Arrest of courier gang ${Date.now().toString(36)}`;

    const { page, context, pageErrors } = await newSignedInPage(browser, baseUrl, analyst);
    const overview = new OverviewPage(page, baseUrl);
    await overview.open(query);
    const chart = page.locator('[data-testid="chart-time"]');
    await chart.locator('svg .recharts-bar-rectangle').first().waitFor({ timeout: 30_000 });
    const events = page.locator('[data-testid="timeline-events"]');
    const marker = chart.locator('[data-testid="event-marker"]').filter({ has: page.locator('title', { hasText: title }) });
    expect(await marker.count()).toBe(0);

    await events.getByText('Add an event').click();
    await events.getByLabel('Day').fill(day);
    await events.getByLabel('Kind').selectOption('arrest');
    await events.getByLabel('Title').fill(title);
    await events.getByRole('button', { name: 'Add event' }).click();

    const item = events.locator('[data-testid="timeline-event"]').filter({ hasText: title });
    await item.waitFor({ timeout: 15_000 });
    expect(await item.textContent()).toContain('Arrest');
    // The marker stands on the week that holds the day, labelled with the title.
    await marker.waitFor({ timeout: 15_000 });
    expect(await marker.getAttribute('data-start')).toBe(weekStart(day));
    expect(await marker.locator('text').textContent()).toBe(title.length <= 28 ? title : `${title.slice(0, 27).trimEnd()}…`);
    const stored = await api<TimelineEventList>(baseUrl, `/api/timeline-events?from=${day}&to=${day}`, analyst);
    expect(stored.events.find((e) => e.title === title)).toMatchObject({ day, kind: 'arrest', createdBy: accounts.analyst.username });
    await screenshot(page, 'overview-timeline-event');

    // A viewer sees the event on the same chart, but may neither add nor delete.
    const seen = await newSignedInPage(browser, baseUrl, viewer);
    await new OverviewPage(seen.page, baseUrl).open(query);
    const viewerEvents = seen.page.locator('[data-testid="timeline-events"]');
    await viewerEvents.locator('[data-testid="timeline-event"]').filter({ hasText: title }).waitFor({ timeout: 15_000 });
    await seen.page
      .locator('[data-testid="chart-time"] [data-testid="event-marker"]')
      .filter({ has: seen.page.locator('title', { hasText: title }) })
      .waitFor({ timeout: 30_000 });
    expect(await viewerEvents.getByText('Add an event').count()).toBe(0);
    expect(await viewerEvents.locator('[data-testid="timeline-event-delete"]').count()).toBe(0);
    await seen.context.close();

    await item.getByRole('button', { name: `Delete event “${title}”`, exact: false }).click();
    await eventually(async () => {
      expect(await item.count()).toBe(0);
      expect(await marker.count()).toBe(0);
    });
    const after = await api<TimelineEventList>(baseUrl, `/api/timeline-events?from=${day}&to=${day}`, analyst);
    expect(after.events.some((e) => e.title === title)).toBe(false);
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
