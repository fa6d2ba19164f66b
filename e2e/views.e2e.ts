import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { IncidentList, Meta, SavedViewList, Summary } from '@scam/shared';
import { launchBrowser, newAnalystPage, newSignedInPage, screenshot } from './support/browser.js';
import { api, AppHeader, eventually, OverviewPage, SignInPage } from './support/pages.js';
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

/** The from/to the dashboard asked the API for, read off its next summary request. */
function summaryRange(page: Page): Promise<{ from: string | null; to: string | null }> {
  return page
    .waitForRequest((r: Request) => new URL(r.url()).pathname === '/api/summary', { timeout: 30_000 })
    .then((r) => {
      const q = new URL(r.url()).searchParams;
      return { from: q.get('from'), to: q.get('to') };
    });
}

const timeView = (page: Page) => page.locator('[data-testid="chart-time"]');

describe('rolling periods in a link', () => {
  it('a link to the last 12 weeks opened a week later means the 12 weeks before that day', async () => {
    const link = `${baseUrl}/?period=last-12-weeks&method=courier`;

    // The browser's clock, not the server's or the data's, says what today is.
    const first = await newSignedInPage(browser, baseUrl, analyst);
    await first.page.clock.setFixedTime(new Date('2026-06-10T10:00:00+01:00'));
    const firstRequest = summaryRange(first.page);
    await first.page.goto(link);
    expect(await firstRequest).toEqual({ from: '2026-03-19', to: '2026-06-10' });
    const overview = new OverviewPage(first.page, baseUrl);
    await overview.waitForFigures();
    await eventually(async () => {
      expect(await first.page.locator('[data-testid="active-range"]').textContent()).toBe(
        'Last 12 weeks to today (19 Mar 2026 – 10 Jun 2026)',
      );
    });
    expect(await first.page.locator('[data-testid="filter-preset"]').inputValue()).toBe('last-12-weeks');
    const expected = await api<Summary>(baseUrl, '/api/summary?from=2026-03-19&to=2026-06-10&method=courier', analyst);
    await eventually(async () => expect(await overview.figure('reports')).toBe(expected.reports));
    await screenshot(first.page, 'views-last-12-weeks');
    await first.context.close();

    const later = await newSignedInPage(browser, baseUrl, analyst);
    await later.page.clock.setFixedTime(new Date('2026-06-17T10:00:00+01:00'));
    const laterRequest = summaryRange(later.page);
    await later.page.goto(link);
    expect(await laterRequest).toEqual({ from: '2026-03-26', to: '2026-06-17' });
    await eventually(async () => {
      expect(await later.page.locator('[data-testid="active-range"]').textContent()).toBe(
        'Last 12 weeks to today (26 Mar 2026 – 17 Jun 2026)',
      );
    });
    const moved = await api<Summary>(baseUrl, '/api/summary?from=2026-03-26&to=2026-06-17&method=courier', analyst);
    const again = new OverviewPage(later.page, baseUrl);
    await eventually(async () => expect(await again.figure('reports')).toBe(moved.reports));
    // Still rolling: changing another filter keeps the period in the link, not the dates it meant.
    await again.chooseInMultiSelect('filter-district', 'St Albans');
    await eventually(async () => {
      const url = new URL(later.page.url());
      expect(url.searchParams.get('district')).toBe('St Albans');
      expect(url.searchParams.get('period')).toBe('last-12-weeks');
      expect(url.searchParams.has('from')).toBe(false);
      expect(url.searchParams.has('to')).toBe(false);
    });
    await later.context.close();
  });
});

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** "15 Nov 2026", as the app writes dates (spelled out here so the test does not borrow its formatter). */
const inWords = (iso: string) => `${Number(iso.slice(8, 10))} ${MONTHS[Number(iso.slice(5, 7)) - 1]} ${iso.slice(0, 4)}`;

describe('a rolling period that runs past the latest return', () => {
  it('marks the weeks with no return yet, compares only the covered days, and can end on the latest data instead', async () => {
    // The user's case: on 7 Dec the demo returns end in mid-November.
    const { page, context, pageErrors } = await newSignedInPage(browser, baseUrl, analyst);
    await page.clock.setFixedTime(new Date('2026-12-07T10:00:00Z'));
    const latest = (await api<Meta>(baseUrl, '/api/meta', analyst)).dataRange?.last as string;
    expect(latest < '2026-12-07').toBe(true);
    const request = summaryRange(page);
    await page.goto(`${baseUrl}/?period=last-12-weeks`);
    expect(await request).toEqual({ from: '2026-09-15', to: '2026-12-07' });
    const overview = new OverviewPage(page, baseUrl);
    await overview.waitForFigures();
    await eventually(async () => {
      expect(await page.locator('[data-testid="active-range"]').textContent()).toBe(
        `Last 12 weeks to today (15 Sep 2026 – 7 Dec 2026) — no return yet after ${inWords(latest)}`,
      );
    });

    // The card's change is the covered days against the same days before, not against the whole period before.
    const summary = await api<Summary>(baseUrl, '/api/summary?from=2026-09-15&to=2026-12-07', analyst);
    expect(summary.compared).toMatchObject({ from: '2026-09-15', to: latest });
    const whole = await api<Summary>(baseUrl, '/api/summary?from=2026-06-23&to=2026-09-14', analyst);
    expect(summary.previous?.reports).toBeLessThan(whole.reports);
    const reportsCard = page.locator('[data-testid="figure-reports"] [data-testid="figure-change"]');
    await eventually(async () => {
      expect(await reportsCard.getAttribute('title')).toBe(`Previous period: ${summary.previous?.reports.toLocaleString('en-GB')}`);
    });
    const gapText = await reportsCard.textContent();
    const comparedText = await page.locator('[data-testid="headline-compare"]').textContent();
    expect(comparedText).toContain(
      `Changes compare 15 Sep 2026 – ${inWords(latest)} with 23 Jun 2026 – ${inWords(summary.previous?.to ?? '')}`,
    );
    expect(comparedText).toContain(`after the latest return (${inWords(latest)}): no return yet`);

    // The weeks starting after the latest return are shaded and labelled, with no bars in them.
    const mondaysAfter = ['2026-11-16', '2026-11-23', '2026-11-30', '2026-12-07'].filter((d) => d > latest).length;
    await expect
      .poll(() => timeView(page).locator('[data-testid="no-return"]').getAttribute('data-count'), { timeout: 30_000 })
      .toBe(String(mondaysAfter));
    expect(await timeView(page).locator('[data-testid="no-return"]').textContent()).toBe('No return yet');
    await screenshot(page, 'periods-past-latest-return');

    // Anchored to the data, the period is twelve weeks of returns; the choice goes in the link.
    await page.locator('[data-testid="filter-anchor"]').selectOption('data');
    await eventually(async () => {
      expect(new URL(page.url()).searchParams.get('anchor')).toBe('data');
      expect(await page.locator('[data-testid="active-range"]').textContent()).toMatch(
        new RegExp(`^Last 12 weeks to the latest data \\(\\d+ \\w+ 2026 – ${inWords(latest)}\\)$`),
      );
    });
    await expect.poll(() => timeView(page).locator('[data-testid="no-return"]').count(), { timeout: 30_000 }).toBe(0);
    expect(await page.locator('[data-testid="headline-compare"]').textContent()).toMatch(/^Compared with /);

    // Remembered for this user: the next preset picked ends on the latest data too, but an old link does not.
    await page.locator('[data-testid="filter-preset"]').selectOption('all');
    await eventually(async () => expect(new URL(page.url()).searchParams.has('anchor')).toBe(false));
    // "All dates" has nothing to compare with: no card shows a change line.
    await eventually(async () => {
      expect(await page.locator('[data-testid="headline-compare"]').textContent()).toMatch(/^No comparison for all dates/);
      expect(await page.locator('[data-testid="figure-change"]').count()).toBe(0);
    });
    await page.locator('[data-testid="filter-preset"]').selectOption('last-4-weeks');
    await eventually(async () => expect(new URL(page.url()).searchParams.get('anchor')).toBe('data'));
    await page.goto(`${baseUrl}/?period=last-12-weeks`);
    await eventually(async () => {
      expect(await page.locator('[data-testid="active-range"]').textContent()).toMatch(/^Last 12 weeks to today /);
    });
    await eventually(async () => expect(await reportsCard.textContent()).toBe(gapText));
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});

describe('chart and map options and the open incident in the URL', () => {
  it('a link restores the chart view, measure, map shading and table, and an empty chart says so', async () => {
    const { page, context, pageErrors } = await newSignedInPage(browser, baseUrl, analyst);
    const overview = new OverviewPage(page, baseUrl);
    await overview.open('from=2026-01-05&to=2026-03-29&chart=outcome&mapBy=loss&breakdown=loss');
    await expect.poll(() => timeView(page).getAttribute('data-view')).toBe('outcome');
    await timeView(page).locator('svg .recharts-bar-rectangle').first().waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-testid="time-view"] input[value="outcome"]').isChecked()).toBe(true);
    expect(await page.locator('[data-testid="map"]').getAttribute('data-metric')).toBe('loss');
    expect(await page.locator('[data-testid="map-metric"] input[value="loss"]').isChecked()).toBe(true);
    expect(await page.locator('[data-testid="breakdown-measure"] input[value="loss"]').isChecked()).toBe(true);

    // Choosing options writes them into the URL beside the filters.
    await page.locator('[data-testid="time-view"] label', { hasText: 'By method' }).click();
    await page.locator('[data-testid="time-measure"] label', { hasText: '£ lost' }).click();
    await page.locator('[data-testid="time-as-table"]').click();
    await eventually(async () => {
      const q = new URL(page.url()).searchParams;
      expect(q.get('chart')).toBeNull();
      expect(q.get('measure')).toBe('loss');
      expect(q.get('timeAs')).toBe('table');
      expect(q.get('from')).toBe('2026-01-05');
    });
    const link = page.url();
    const second = await newSignedInPage(browser, baseUrl, analyst);
    await second.page.goto(link);
    await timeView(second.page).locator('table').waitFor({ timeout: 30_000 });
    expect(await timeView(second.page).getAttribute('data-view')).toBe('method');
    expect(await second.page.locator('[data-testid="time-measure"] input[value="loss"]').isChecked()).toBe(true);
    expect(await second.page.locator('[data-testid="time-as-table"]').getAttribute('aria-pressed')).toBe('true');
    await second.context.close();

    // No reports in the range: a message, not bare axes.
    await overview.open('from=2001-01-01&to=2001-03-31');
    await expect.poll(() => timeView(page).textContent(), { timeout: 30_000 }).toContain('No reports for these filters');
    expect(await timeView(page).locator('svg').count()).toBe(0);
    await expect.poll(() => page.locator('.breakdowns').textContent()).toContain('No reports for these filters');
    await screenshot(page, 'views-empty-chart');
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('the open incident has its own link', async () => {
    const list = await api<IncidentList>(baseUrl, '/api/incidents?limit=1&sort=lossPence', analyst);
    const reference = list.incidents[0]?.reference as string;
    const { page, context } = await newSignedInPage(browser, baseUrl, analyst);
    await page.goto(`${baseUrl}/incidents?period=this-year&open=${encodeURIComponent(reference)}`);
    const dialog = page.locator('[data-testid="incident-detail"]');
    await dialog.waitFor({ timeout: 30_000 });
    await expect.poll(() => dialog.locator('#incident-title').textContent()).toBe(reference);
    await screenshot(page, 'views-incident-link');
    await context.close();
  });
});

describe('saved views', () => {
  it('a saved view restores after sign-out and sign-in, and a shared one is listed for the unit', async () => {
    const { page, context, pageErrors } = await newAnalystPage(browser);
    const signIn = new SignInPage(page);
    await page.goto(`${baseUrl}/`);
    await signIn.waitFor();
    await signIn.signIn(accounts.analyst.username, accounts.analyst.password);
    const overview = new OverviewPage(page, baseUrl);
    await overview.waitForFigures();

    // Set the view through the controls: a rolling period, a method, the outcomes chart, the map by loss.
    await page.locator('[data-testid="filter-preset"]').selectOption('last-52-weeks');
    await overview.chooseInMultiSelect('filter-method', 'courier');
    await page.locator('[data-testid="time-view"] label', { hasText: 'Outcomes' }).click();
    await page.locator('[data-testid="map-metric"] label', { hasText: '£ lost' }).click();
    await eventually(async () => {
      const q = new URL(page.url()).searchParams;
      expect(Object.fromEntries(q)).toEqual({ period: 'last-52-weeks', method: 'courier', chart: 'outcome', mapBy: 'loss' });
    });

    const name = `Courier year ${Date.now()}`;
    await page.locator('[data-testid="saved-views-toggle"]').click();
    await page.locator('[data-testid="save-view-name"]').fill(name);
    await page.locator('[data-testid="save-view-shared"]').check();
    await page.locator('[data-testid="save-view"]').click();
    await page.locator(`[data-testid="own-views"] [data-name="${name}"]`).waitFor();
    await screenshot(page, 'views-saved-menu');

    await new AppHeader(page).signOut();
    await signIn.waitFor();
    await page.goto(`${baseUrl}/incidents`);
    await signIn.waitFor();
    await signIn.signIn(accounts.analyst.username, accounts.analyst.password);
    await page.locator('[data-testid="saved-views-toggle"]').click();
    await page.locator(`[data-testid="own-views"] [data-name="${name}"] [data-testid="saved-view-open"]`).click();
    await eventually(async () => {
      const url = new URL(page.url());
      expect(url.pathname).toBe('/');
      expect(Object.fromEntries(url.searchParams)).toEqual({ period: 'last-52-weeks', method: 'courier', chart: 'outcome', mapBy: 'loss' });
    });
    await overview.waitForFigures();
    expect(await page.locator('[data-testid="filter-preset"]').inputValue()).toBe('last-52-weeks');
    await expect.poll(() => timeView(page).getAttribute('data-view')).toBe('outcome');
    expect(await page.locator('[data-testid="map"]').getAttribute('data-metric')).toBe('loss');

    // Shared: another user of the unit lists it, and cannot delete it.
    const inspector = await sessionFor(baseUrl, accounts.inspector);
    const theirs = await api<SavedViewList>(baseUrl, '/api/saved-views', inspector);
    expect(theirs.views.find((v) => v.name === name)).toMatchObject({ owner: accounts.analyst.username, mine: false });

    // Renamed and deleted from the menu by its owner.
    await page.locator('[data-testid="saved-views-toggle"]').click();
    const item = page.locator(`[data-testid="own-views"] [data-name="${name}"]`);
    await item.locator('[data-testid="rename-view"]').click();
    await item.locator('[data-testid="rename-view-name"]').fill(`${name} (renamed)`);
    await item.locator('[data-testid="rename-view-save"]').click();
    const renamed = page.locator(`[data-testid="own-views"] [data-name="${name} (renamed)"]`);
    await renamed.waitFor();
    await renamed.locator('[data-testid="delete-view"]').click();
    await renamed.locator('[data-testid="delete-view-confirm"]').click();
    await renamed.waitFor({ state: 'detached' });
    const after = await api<SavedViewList>(baseUrl, '/api/saved-views', analyst);
    expect(after.views.some((v) => v.name.startsWith(name))).toBe(false);
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
